// Which of the engine's debug settings print secrets, on the real engine, as the README's
// Troubleshooting lists them. Outputs are searched, never printed: each check says only whether a
// secret is there. A setting found here to print a secret is listed in the README; one that prints none
// is pinned so that the list stays true.
import * as fs from "node:fs";
import * as path from "node:path";
import { useEmulator } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";
import { secretToken } from "../support/secret-target-urls";

const emulator = useEmulator();

/** Which secrets a text holds: the API key, the secret targetUrl's token, a signing secret. */
function secretsIn(text: string, token: string): string[] {
  const found: string[] = [];
  if (text.includes(emulator().apiKey)) found.push("API key");
  if (text.includes(token)) found.push("targetUrl");
  if (
    emulator()
      .subscriptions()
      .some((s) => text.includes(s.signing_secret))
  )
    found.push("signingSecret");
  return found;
}

/**
 * Runs `up` with the given debug setting and returns the secrets in what it printed (and in the file it
 * logged to, if any), looked for before `destroy` takes the signing secret out of the emulator.
 */
async function secretsShownBy(
  stack: LinqStack,
  token: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  logFile?: string,
): Promise<string[]> {
  const result = await stack.pulumi(["up", "--yes", ...args], { env });
  expect(result.code).toBe(0);
  const found = secretsIn(result.output + (logFile ? fs.readFileSync(logFile, "utf8") : ""), token);
  if (logFile) fs.rmSync(logFile);
  // With the same environment (the key may be there), less the debug setting.
  const quiet = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("PULUMI_DEBUG")));
  await stack.pulumiOk(["destroy", "--yes"], { env: quiet });
  return found;
}

describe.each([
  ["YAML (plugin)", "yaml"],
  ["Node SDK (dynamic provider)", "node"],
])("debug settings on %s", (_entry, kind) => {
  let stack: LinqStack;
  let token: string;
  beforeAll(async () => {
    token = secretToken();
    const targetUrl = `https://hooks.example.com/debug?token=${token}`;
    if (kind === "yaml") {
      const project = yamlProject("debug-logs-yaml");
      project.write(
        `resources:\n  inbound:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n    properties:\n` +
          `      targetUrl:\n        fn::secret: ${JSON.stringify(targetUrl)}\n` +
          `      subscribedEvents: ["message.read"]\n`,
      );
      stack = await linqStack(emulator(), { projectDir: project.dir });
      await installPlugin(stack);
    } else {
      stack = await linqStack(emulator());
      const declared = [
        { name: "inbound", targetUrl: `secret:${targetUrl}`, subscribedEvents: ["message.read"] },
      ];
      await stack.pulumiOk(["config", "set", "--secret", "subscriptions", JSON.stringify(declared)]);
    }
  });

  it("without a debug setting, prints no secret", async () => {
    expect(await secretsShownBy(stack, token, [])).toEqual([]);
  });

  it("-v=9 --logflow --logtostderr", async () => {
    const found = await secretsShownBy(stack, token, ["-v=9", "--logflow", "--logtostderr"]);
    expect(found).toEqual(["targetUrl", "signingSecret"]);
  });

  it("--debug", async () => {
    const found = await secretsShownBy(stack, token, ["--debug"]);
    expect(found).toEqual(kind === "yaml" ? [] : ["targetUrl", "signingSecret"]);
  });

  it("PULUMI_DEBUG_GRPC", async () => {
    const log = path.join(stack.projectDir, "grpc.log");
    const found = await secretsShownBy(stack, token, [], { PULUMI_DEBUG_GRPC: log }, log);
    expect(found).toEqual(["API key", "targetUrl", "signingSecret"]);
  });

  it("PULUMI_DEBUG_GRPC, with the key only in LINQ_API_V3_API_KEY", async () => {
    const log = path.join(stack.projectDir, "grpc.log");
    await stack.pulumiOk(["config", "rm", "linq:apiKey"]);
    try {
      const env = { PULUMI_DEBUG_GRPC: log, LINQ_API_V3_API_KEY: emulator().apiKey };
      const found = await secretsShownBy(stack, token, [], env, log);
      expect(found).toEqual(["targetUrl", "signingSecret"]);
    } finally {
      await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", emulator().apiKey]);
    }
  });
});
