// On the real engine, both entry points: `pulumi preview` refuses, before anything is sent, a plain-http
// linq:baseUrl off this machine (the API key would go in cleartext), printed once (the plugin's
// CheckConfig, the Node SDK where the program declares its first resource), and an environment switch
// that is not true or false. Where the key would have gone is watched by a recording HTTP proxy on 127.0.0.1.
import { useEmulator, uniqueUrl } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";
import { recordFigures } from "../support/reliability-report";
import { stackLeaks } from "../support/scan";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";

const emulator = useEmulator();
const REMOTE = "http://linq.example.test/api/partner";

let proxy: ScriptedServer;
beforeAll(async () => {
  proxy = await startScriptedServer({ status: 200, body: '{"events":["message.read"],"doc_url":"x"}' });
});
afterAll(() => proxy.close());

async function nodeStack(): Promise<LinqStack> {
  const stack = await linqStack(emulator());
  // Two resources: a refusal of the provider's settings is printed once, not once per resource.
  await stack.declare(
    ["inbound", "outbound"].map((name) => ({
      name,
      targetUrl: uniqueUrl(`settings-${name}`),
      subscribedEvents: ["message.read"],
    })),
  );
  return stack;
}

async function yamlStack(): Promise<LinqStack> {
  const project = yamlProject("unsafe-settings-yaml");
  const resource = (name: string) =>
    `  ${name}:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n    properties: ` +
    `${JSON.stringify({ targetUrl: uniqueUrl(`settings-yaml-${name}`), subscribedEvents: ["message.read"] })}\n`;
  project.write(`resources:\n${resource("inbound")}${resource("outbound")}`);
  const stack = await linqStack(emulator(), { projectDir: project.dir });
  await installPlugin(stack);
  return stack;
}

describe.each([
  ["Node SDK (dynamic provider)", nodeStack],
  ["YAML (plugin)", yamlStack],
])("pulumi preview on %s", (entry, make) => {
  let stack: LinqStack;
  beforeAll(async () => {
    stack = await make();
  });
  beforeEach(() => emulator().clearRequests());

  it("refuses a plain-http linq:baseUrl off this machine before the key is sent", async () => {
    await stack.pulumiOk(["config", "set", "linq:baseUrl", REMOTE]);
    const before = proxy.received().length;
    const started = Date.now();
    // Loopback stays direct: the engine's own gRPC and the emulator.
    const env = {
      http_proxy: proxy.url,
      HTTP_PROXY: proxy.url,
      no_proxy: "127.0.0.1,localhost",
      NO_PROXY: "127.0.0.1,localhost",
    };
    const preview = await stack.pulumi(["preview", "--color", "never"], { env });
    const sent = proxy.received().slice(before);
    recordFigures(`wire safety (engine): linq:baseUrl ${REMOTE}, ${entry}`, {
      msToClearFailure: Date.now() - started,
      requests: sent.length,
      resourcesLost: 0,
      secretsLeaked: stackLeaks(stack, emulator(), [preview.output, JSON.stringify(sent)]).length,
    });
    // The URLs only: a failure must not print the Authorization header it would show.
    expect(sent.map((r) => r.url)).toEqual([]);
    expect(preview.code).not.toBe(0);
    // Once, for the provider's configuration, before any resource is checked: no lookup failed, so
    // neither "could not fetch" nor the offline switch, which would only move the failure to `up`.
    const refusal = `The Linq base URL '${REMOTE}' is plain http, which would send the API key in cleartext`;
    const diagnostics = preview.output.slice(preview.output.indexOf("Diagnostics:"));
    expect(diagnostics.split(refusal)).toHaveLength(2);
    expect(preview.output).toContain("Set 'linq:baseUrl' (or an explicit provider's baseUrl) to https");
    expect(preview.output).not.toMatch(/could not fetch|offline/i);
    await stack.pulumiOk(["config", "set", "linq:baseUrl", emulator().url]);
  });

  it("refuses LINQ_VALIDATE_OFFLINE=TRUE, naming the variable", async () => {
    const preview = await stack.pulumi(["preview", "--color", "never"], {
      env: { LINQ_VALIDATE_OFFLINE: "TRUE" },
    });
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      'The environment variable LINQ_VALIDATE_OFFLINE is "TRUE": set it to true or false (or unset it).',
    );
    expect(emulator().requests()).toEqual([]);
  });
});
