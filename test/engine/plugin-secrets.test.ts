// The provider plugin on a YAML program keeps secrets secret: a secret input (fn::secret) is named,
// never shown, in check failures, errors and warnings; an API key set without --secret is stored
// encrypted in the state all the same.
import * as fs from "node:fs";
import { call, useEmulator, writeRequests } from "../support/emulator";
import { expectRefusedWithoutShowing, REFUSED_SECRET_URLS, secretToken } from "../support/secret-target-urls";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";

const emulator = useEmulator();

function program(subscriptions: { name: string; targetUrl: string; adopt?: boolean }[]): string {
  const resources = subscriptions.map(
    ({ name, targetUrl, adopt }) =>
      `  ${name}:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n    properties: ${JSON.stringify({
        targetUrl: { "fn::secret": targetUrl },
        subscribedEvents: ["message.read"],
        ...(adopt ? { adopt } : {}),
      })}\n`,
  );
  return `resources:\n${resources.join("")}`;
}

describe("secrets on the provider plugin", () => {
  const project = yamlProject("plugin-secrets");
  let stack: LinqStack;
  beforeAll(async () => {
    project.write(program([]));
    stack = await linqStack(emulator(), { projectDir: project.dir, apiKeyInConfig: false });
    await installPlugin(stack);
    // As the QA tester did: without --secret, so the stack's config file holds it in plaintext.
    await stack.pulumiOk(["config", "set", "linq:apiKey", emulator().apiKey]);
  });

  it.each(REFUSED_SECRET_URLS)(
    "fails preview on a %s secret targetUrl without showing it",
    async (_label, url, message) => {
      const secret = secretToken();
      project.write(program([{ name: "inbound", targetUrl: url(secret) }]));
      expectRefusedWithoutShowing(await stack.pulumi(["preview", "--diff"]), secret, message);
    },
  );

  it("names the secret URL in the duplicate-URL and already-used messages and the adopt warning", async () => {
    const secret = secretToken();
    const targetUrl = `https://hooks.example.com/hook?token=${secret}`;
    project.write(
      program([
        { name: "first", targetUrl },
        { name: "second", targetUrl },
      ]),
    );
    const duplicate = await stack.pulumi(["preview"]);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.output).toMatch(
      /the secret targetUrl is also the targetUrl of WebhookSubscription "(first|second)"/,
    );

    const held = (
      await call(emulator(), "POST", "/v3/webhook-subscriptions", {
        body: { target_url: targetUrl, subscribed_events: ["message.read"] },
      })
    ).body as { id: string };
    emulator().clearRequests();
    project.write(program([{ name: "first", targetUrl }]));
    const used = await stack.pulumi(["preview"]);
    expect(used.code).not.toBe(0);
    expect(used.output).toContain(`the secret targetUrl is already used by webhook subscription ${held.id}`);
    expect(writeRequests(emulator())).toEqual([]);

    project.write(program([{ name: "first", targetUrl, adopt: true }]));
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toContain(`adopted webhook subscription ${held.id} (the secret targetUrl)`);
    const state = fs.readFileSync(stack.stateFile(), "utf8");
    for (const text of [duplicate.output, used.output, up.output, state]) expect(text).not.toContain(secret);
  });

  it("stores an API key set without --secret encrypted in the state, and never says it is plaintext", async () => {
    project.write(
      program([{ name: "keyed", targetUrl: `https://hooks.example.com/keyed?token=${secretToken()}` }]),
    );
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const exported = await stack.pulumiOk(["stack", "export"]);
    expect(exported.stdout).not.toContain(emulator().apiKey);
    expect(fs.readFileSync(stack.stateFile(), "utf8")).not.toContain(emulator().apiKey);
    const { deployment } = JSON.parse(exported.stdout) as {
      deployment: { resources: { type: string; inputs?: Record<string, unknown> }[] };
    };
    const provider = deployment.resources.find((r) => r.type === "pulumi:providers:linq");
    // Encrypted: the engine's secret envelope, with a ciphertext.
    expect(Object.keys(provider?.inputs?.apiKey ?? {})).toContain("ciphertext");
    // The key stored as a secret and read plain from the config is no change of the provider.
    await stack.pulumiOk(["preview", "--expect-no-changes"]);

    // Set as the README says: the engine hands the provider the key without its secret mark, so a
    // warning that it "is set in plaintext" would be false here.
    await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", emulator().apiKey]);
    const preview = await stack.pulumiOk(["preview", "--expect-no-changes"]);
    expect(preview.output).not.toMatch(/plaintext/);
    expect(preview.output).not.toMatch(/warning/);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});
