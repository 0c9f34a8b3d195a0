// `linq-emulator --forward-to URL` and `linq-emulator trigger <event>`, run as the processes users run.
import { expect } from "@jest/globals";
import LinqAPIV3 from "@linqapp/sdk";
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { run, serve, type ServedEmulator } from "../support/emulator-cli";
import { call, newApiKey, uniqueUrl } from "../support/emulator";
import { startReceiver, type TestReceiver } from "../support/webhook-receiver";

let receiver: TestReceiver;
let target: ServedEmulator;

beforeAll(async () => {
  receiver = await startReceiver();
  target = await serve(["--forward-to", receiver.url, "--delivery-first-retry-ms", "10"], newApiKey());
});
afterAll(async () => {
  target.child.kill("SIGTERM");
  await receiver.close();
});

describe("linq-emulator trigger", () => {
  it("delivers through a running emulator to its --forward-to receiver and prints what went where", async () => {
    const created = CreatedWebhookSubscriptionSchema.parse(
      (
        await call(target, "POST", "/v3/webhook-subscriptions", {
          body: {
            target_url: uniqueUrl(),
            subscribed_events: ["message.received"],
            phone_numbers: ["+14155551234"],
          },
        })
      ).body,
    );
    const routed = await run([
      "trigger",
      "message.received",
      "--phone-number",
      "+14155551234",
      "--emulator",
      target.url,
    ]);
    expect(routed.code).toBe(0);
    expect(routed.stdout).toContain(`delivered ${created.id} ${created.target_url} -> ${receiver.url}`);
    expect(receiver.received).toHaveLength(1);
    const event = new LinqAPIV3({ apiKey: "unused" }).webhooks.unwrap(receiver.received[0]!.body, {
      headers: receiver.received[0]!.headers,
      key: created.signing_secret,
    });
    expect(event).toMatchObject({ event_type: "message.received" });

    const filtered = await run([
      "trigger",
      "message.received",
      "--phone-number",
      "+14155550000",
      "--emulator",
      target.url,
      "--json",
    ]);
    expect(filtered.code).toBe(0);
    expect(JSON.parse(filtered.stdout)).toMatchObject({
      deliveries: [],
      not_delivered: [{ subscription_id: created.id, reason: expect.stringContaining("+14155550000") }],
    });
    expect(receiver.received).toHaveLength(1);
  });

  it("prints each delivery attempt where it serves: the outcome, and a retry or the end", async () => {
    const created = CreatedWebhookSubscriptionSchema.parse(
      (
        await call(target, "POST", "/v3/webhook-subscriptions", {
          body: { target_url: uniqueUrl(), subscribed_events: ["reaction.added"] },
        })
      ).body,
    );
    receiver.answerNext(503, 200);
    const ok = await run(["trigger", "reaction.added", "--wait", "--emulator", target.url, "--json"]);
    receiver.answerNext(400);
    const refused = await run(["trigger", "reaction.added", "--wait", "--emulator", target.url, "--json"]);
    const [first, second] = [ok, refused].map((r) => (JSON.parse(r.stdout) as { event_id: string }).event_id);
    const lines = target
      .output()
      .split("\n")
      .filter((l) => l.includes(created.id));
    const via = `reaction.added ${created.id} -> ${receiver.url}`;
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^\\S+Z ${first} ${via}: 503, attempt 1 of \\d+: retry in \\d+ ms$`)),
      expect.stringMatching(new RegExp(`^\\S+Z ${first} ${via}: 200, attempt 2 of \\d+: delivered$`)),
      expect.stringMatching(
        new RegExp(`^\\S+Z ${second} ${via}: 400, attempt 1 of \\d+: failed \\(not retried\\)$`),
      ),
    ]);
  });

  it("exits 2 when a delivery failed, so that a script notices a receiver that refused it", async () => {
    const created = CreatedWebhookSubscriptionSchema.parse(
      (
        await call(target, "POST", "/v3/webhook-subscriptions", {
          body: { target_url: uniqueUrl(), subscribed_events: ["chat.created"] },
        })
      ).body,
    );
    receiver.answerNext(401);
    const refused = await run(["trigger", "chat.created", "--wait", "--emulator", target.url]);
    expect(refused.stdout).toContain(`failed    ${created.id}`);
    expect(refused.code).toBe(2);
    const accepted = await run(["trigger", "chat.created", "--wait", "--emulator", target.url]);
    expect(accepted.stdout).toContain(`delivered ${created.id}`);
    expect(accepted.code).toBe(0);
  });

  it.each([
    [
      ["trigger", "message.recieved"],
      /unknown event type "message\.recieved".*did you mean "message\.received"\?/,
    ],
    [["trigger", "Reaction.Added"], /unknown event type "Reaction\.Added".*did you mean "reaction\.added"\?/],
    [["trigger", "message.received", "--phone-number", "14155551234"], /E\.164/],
    [["trigger"], /usage: linq-emulator trigger <event>/],
  ])("exits 1 with the reason for %j", async (args, reason) => {
    const result = await run([...args, "--emulator", target.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(reason);
  });
});
