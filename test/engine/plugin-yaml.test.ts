// The provider plugin on a YAML program: installed from its tarball into a scratch PULUMI_HOME, run by
// the real engine and YAML language host against the emulator. Preview checks, up, invoke, detailed
// diff, replaceOnChanges, refresh drift, warnings, `pulumi import` and destroy.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "@jest/globals";
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { call, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { createOutside, deleteOutside } from "../support/outside-changes";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, pluginTarball, yamlProject } from "../support/plugin";
import { EXAMPLES } from "../support/projects";
import { stackLeaks } from "../support/scan";
import { expectInboundExampleDeployed } from "../support/inbound-example";

const emulator = useEmulator();

interface Subscription {
  name: string;
  properties: Record<string, unknown>;
  options?: Record<string, unknown>;
}

/** A YAML program: the subscriptions (values in JSON, which is YAML), the event list and the secrets as outputs. */
function program(subscriptions: Subscription[], imported = ""): string {
  const resources = subscriptions.map(
    (s) =>
      `  ${s.name}:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n    properties: ${JSON.stringify(s.properties)}\n` +
      (s.options ? `    options: ${JSON.stringify(s.options)}\n` : ""),
  );
  const secrets = subscriptions.map((s) => `  ${s.name}Secret: \${${s.name}.signingSecret}\n`);
  return (
    `resources:\n${imported}${resources.join("")}` +
    `variables:\n  eventTypes:\n    fn::invoke:\n      function: linq:index:getWebhookEventTypes\n      arguments: {}\n` +
    `outputs:\n  availableEvents: \${eventTypes.events}\n${secrets.join("")}`
  );
}

const inState = (stack: LinqStack) =>
  (stack.readState().checkpoint.latest?.resources ?? []).filter((r) => r.type === PLUGIN_SUBSCRIPTION_TYPE);

describe("the provider plugin on a YAML program", () => {
  const project = yamlProject("plugin-yaml");
  const url = uniqueUrl("yaml");
  const inbound = (
    properties: Record<string, unknown> = {},
    options?: Record<string, unknown>,
  ): Subscription => ({
    name: "inbound",
    properties: { targetUrl: url, subscribedEvents: ["message.received", "message.read"], ...properties },
    options,
  });
  let stack: LinqStack;
  const seen: string[] = [];
  const ok = async (args: string[]) => {
    const result = await stack.pulumiOk(args);
    seen.push(result.output);
    return result;
  };

  beforeAll(async () => {
    project.write(program([inbound()]));
    stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
  });

  it("ships the launcher, the compiled provider and production node_modules, with no symlinks", () => {
    const listing = execFileSync("tar", ["-tzvf", pluginTarball().tarball], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    }).split("\n");
    const entry = (name: string) => listing.find((line) => line.endsWith(` ./${name}`));
    expect(entry("pulumi-resource-linq")).toMatch(/^-rwxr-xr-x/);
    expect(entry("dist/provider/plugin/main.js")).toBeDefined();
    expect(entry("node_modules/@pulumi/pulumi/package.json")).toBeDefined();
    expect(entry("node_modules/jest/package.json")).toBeUndefined();
    expect(listing.filter((line) => line.startsWith("l"))).toEqual([]);
  });

  it("is installed from the tarball into the stack's PULUMI_HOME", async () => {
    const listed = await ok(["plugin", "ls", "--json"]);
    expect(JSON.parse(listed.stdout)).toContainEqual(
      expect.objectContaining({ name: "linq", kind: "resource" }),
    );
  });

  // The engine stops at the first failed check, so each failure gets a preview of its own.
  it("fails preview on a misspelled event with the suggestion, writing nothing", async () => {
    project.write(program([inbound({ subscribedEvents: ["message.recieved"] })]));
    emulator().clearRequests();
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      '"message.recieved" is not a Linq webhook event type. Did you mean "message.received"?',
    );
    expect(writeRequests(emulator())).toEqual([]);
  });

  it("fails preview on a URL declared twice in the program, writing nothing", async () => {
    project.write(
      program([
        inbound(),
        { name: "twin", properties: { targetUrl: url, subscribedEvents: ["message.read"] } },
      ]),
    );
    emulator().clearRequests();
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    // Check order is the engine's (YAML resources are checked at once): either one names the other.
    expect(preview.output).toMatch(
      /(inbound|twin).*is also the targetUrl of WebhookSubscription "(twin|inbound)" in this program/,
    );
    expect(writeRequests(emulator())).toEqual([]);
  });

  it("fails preview on one subscription adopted by two resources, writing nothing", async () => {
    const id = await createOutside(emulator(), {
      target_url: uniqueUrl("adopted-twice"),
      subscribed_events: ["message.read"],
    });
    const adopter = (name: string) => ({
      name,
      properties: { targetUrl: uniqueUrl(name), subscribedEvents: ["message.read"], adopt: id },
    });
    project.write(program([adopter("taker"), adopter("other-taker")]));
    emulator().clearRequests();
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toMatch(
      new RegExp(`adopt "${id}" is also what WebhookSubscription "(other-)?taker" adopts in this program`),
    );
    expect(writeRequests(emulator())).toEqual([]);
    await deleteOutside(emulator(), id);
  });

  it("creates the subscription on up, with the invoked event list and a secret signing secret as outputs", async () => {
    project.write(program([inbound()]));
    await ok(["up", "--yes"]);
    const [resource] = inState(stack);
    const [live] = emulator()
      .subscriptions()
      .filter((s) => s.target_url === url);
    expect(resource?.id).toBe(live?.id);
    expect(live?.subscribed_events).toEqual(["message.received", "message.read"]);
    expect(resource?.outputs?.signingSecret).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: expect.any(String),
    });
    const outputs = await stack.outputs();
    expect(outputs.availableEvents).toEqual(emulator().events());
    expect(outputs.inboundSecret).toBe("[secret]");
    expect((await stack.outputs({ showSecrets: true })).inboundSecret).toBe(live?.signing_secret);
  });

  it("previews which fields change, and replaceOnChanges replaces", async () => {
    project.write(program([inbound({ subscribedEvents: ["message.read"] })]));
    const preview = await ok(["preview", "--diff"]);
    expect(preview.output).toMatch(/~ subscribedEvents/);
    expect(preview.output).toContain("1 to update");

    const before = inState(stack)[0]?.id;
    project.write(program([inbound({ isActive: false }, { replaceOnChanges: ["isActive"] })]));
    const up = await ok(["up", "--yes"]);
    expect(up.output).toMatch(/inbound\s+replaced .*\[diff: ~isActive\]/);
    const after = inState(stack)[0]?.id;
    expect(after).not.toBe(before);
    expect(
      emulator()
        .subscriptions()
        .filter((s) => s.target_url === url),
    ).toMatchObject([{ id: after, is_active: false }]);
  });

  it("shows drift found by refresh as field changes, and up puts the declared fields back", async () => {
    const id = inState(stack)[0]!.id!;
    const changed = await call(emulator(), "PUT", `/v3/webhook-subscriptions/${id}`, {
      body: { subscribed_events: ["message.sent"] },
    });
    expect(changed.status).toBe(200);
    const refresh = await ok(["refresh", "--yes"]);
    expect(refresh.output).toMatch(/inbound\s+updated .*\[diff: ~subscribedEvents\]/);
    const preview = await ok(["preview", "--diff"]);
    expect(preview.output).toMatch(/~ subscribedEvents/);
    await ok(["up", "--yes"]);
    expect(
      emulator()
        .subscriptions()
        .find((s) => s.id === id)?.subscribed_events,
    ).toEqual(["message.received", "message.read"]);
  });

  it("logs its warnings to the engine, beside the resource", async () => {
    await ok(["config", "set", "linq:validateOffline", "true"]);
    const preview = await ok(["preview"]);
    await ok(["config", "rm", "linq:validateOffline"]);
    expect(preview.output).toMatch(
      /linq:index:WebhookSubscription \(inbound\):\s+warning: validating subscribedEvents offline/,
    );
  });

  it("imports an existing subscription, generates its YAML, and a preview then shows no changes", async () => {
    const outsideUrl = uniqueUrl("imported");
    const res = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
      body: { target_url: outsideUrl, subscribed_events: ["message.sent"], phone_numbers: ["+14155551234"] },
    });
    expect(res.status).toBe(201);
    const created = CreatedWebhookSubscriptionSchema.parse(res.body);
    const generated = path.join(project.dir, "imported.yaml");
    await ok(["import", PLUGIN_SUBSCRIPTION_TYPE, "outside", created.id, "--yes", "--out", generated]);
    const code = fs.readFileSync(generated, "utf8");
    expect(code).toContain(outsideUrl);
    expect(code).toContain("+14155551234");
    expect(inState(stack).map((r) => r.id)).toContain(created.id);

    // The generated resource, as a user pastes it into the program (unprotected, so that destroy may delete it).
    const pasted = code.replace(/^resources:\n/, "").replace(/\n\s*options:\n\s*protect: true\n?/, "\n");
    project.write(program([inbound({ isActive: false }, { replaceOnChanges: ["isActive"] })], pasted));
    await ok(["state", "unprotect", "--all", "--yes"]);
    const preview = await ok(["preview", "--expect-no-changes", "--diff"]);
    expect(preview.output).toContain("unchanged");
  });

  it("destroys every subscription, leaving no secret in state or output", async () => {
    await ok(["destroy", "--yes"]);
    expect(inState(stack)).toEqual([]);
    expect(emulator().subscriptions()).toEqual([]);
    expect(stackLeaks(stack, emulator(), seen)).toEqual([]);
  });
});

describe("examples/yaml", () => {
  it("creates its subscription with the live event list and a secret signing secret, and destroys it", async () => {
    emulator().clearSubscriptions();
    const project = yamlProject("example-yaml");
    fs.copyFileSync(path.join(EXAMPLES, "yaml", "Pulumi.yaml"), path.join(project.dir, "Pulumi.yaml"));
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    const up = await stack.pulumiOk(["up", "--yes"]);
    await expectInboundExampleDeployed(up, stack, emulator());
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(emulator().subscriptions()).toEqual([]);
  });
});
