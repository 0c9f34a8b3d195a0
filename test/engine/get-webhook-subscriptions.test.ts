// The account inventory (getWebhookSubscriptions) on both entry points, by the real engine against the
// emulator: a subscription made out of band (not by Pulumi) is listed with its fields and never its signing
// secret; the filters narrow the list without another request; a refused key fails clearly.
import * as path from "node:path";
import { expect } from "@jest/globals";
import { z } from "zod";
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { call, useEmulator } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { installPlugin, yamlProject } from "../support/plugin";
import { EXAMPLES, projectFromDir } from "../support/projects";
import { stackLeaks } from "../support/scan";

const emulator = useEmulator();
const LIST = "GET /v3/webhook-subscriptions";

/** A subscription made with a plain API call, as a person or another tool would. */
async function madeOutOfBand(targetUrl: string, events: string[], phoneNumbers?: string[]) {
  const body = { target_url: targetUrl, subscribed_events: events, phone_numbers: phoneNumbers };
  const created = await call(emulator(), "POST", "/v3/webhook-subscriptions", { body });
  return CreatedWebhookSubscriptionSchema.parse(created.body);
}

/** The inventory's view of a subscription, from the account's own record: every field, no secret. */
function listed(wire: z.infer<typeof CreatedWebhookSubscriptionSchema>) {
  return {
    id: wire.id,
    targetUrl: wire.target_url,
    subscribedEvents: wire.subscribed_events,
    phoneNumbers: wire.phone_numbers ?? [],
    isActive: wire.is_active,
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
  };
}

describe("getWebhookSubscriptions on the Node SDK (examples/inventory)", () => {
  it("exports the account's subscriptions that the stack does not manage, without their secrets", async () => {
    const other = await madeOutOfBand(
      "https://oob.example.com/by-hand",
      ["message.received"],
      ["+14155550100"],
    );
    const stack = await linqStack(emulator(), {
      projectDir: projectFromDir(path.join(EXAMPLES, "inventory"), "example-inventory"),
    });
    const up = await stack.pulumiOk(["up", "--yes"]);
    const outputs = await stack.outputs();
    const inbound = emulator()
      .subscriptions()
      .find((s) => s.id !== other.id)!;
    expect(outputs).toEqual({
      managed: { [inbound.target_url]: expect.stringContaining("::inbound") },
      unmanaged: [listed(other)],
      unmanagedReceivingMessages: [other.target_url],
    });
    expect(stackLeaks(stack, emulator(), [up.output, JSON.stringify(outputs)])).toEqual([]);
  });
});

describe("getWebhookSubscriptions on the provider plugin (YAML program)", () => {
  const project = yamlProject("inventory-yaml");
  let stack: LinqStack;
  const invoke = (args: Record<string, unknown>) =>
    `    fn::invoke:\n      function: linq:index:getWebhookSubscriptions\n      arguments: ${JSON.stringify(args)}\n`;
  const write = (filtered: Record<string, unknown>) =>
    project.write(
      `variables:\n  all:\n${invoke({})}  filtered:\n${invoke(filtered)}` +
        "outputs:\n  all: ${all.subscriptions}\n  filtered: ${filtered.subscriptions}\n",
    );

  beforeAll(async () => {
    write({});
    stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
  });

  it("lists every subscription, and filters by URL prefix and event, with one request per run", async () => {
    const received = await madeOutOfBand("https://oob.example.com/yaml/a", ["message.received"]);
    await madeOutOfBand("https://oob.example.com/yaml/b", ["message.read"]);
    await madeOutOfBand("https://elsewhere.example.com/yaml", ["message.received"]);
    write({ targetUrlPrefix: "https://oob.example.com/yaml/", event: "message.received" });
    // Two reads with different filters, one request: a preview is one run of the program.
    const before = emulator.count(LIST);
    await stack.pulumiOk(["preview"]);
    expect(emulator.count(LIST) - before).toBe(1);
    const up = await stack.pulumiOk(["up", "--yes"]);
    const outputs = await stack.outputs();
    const all = emulator()
      .subscriptions()
      .map((s) => s.id);
    expect(outputs.filtered).toEqual([listed(received)]);
    expect((outputs.all as { id: string }[]).map((s) => s.id).sort()).toEqual(all.sort());
    expect(stackLeaks(stack, emulator(), [up.output, JSON.stringify(outputs)])).toEqual([]);
  });

  it("fails clearly on a wrong argument and on a refused key, which it does not show", async () => {
    write({ event: ["message.received"] });
    const wrong = await stack.pulumi(["preview"]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.output).toContain("getWebhookSubscriptions: the argument event is invalid");
    write({});
    await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", "wrong-key-0123456789"]);
    const refused = await stack.pulumi(["preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("getWebhookSubscriptions: Linq refused the API key");
    expect(refused.output).not.toContain("wrong-key-0123456789");
  });
});
