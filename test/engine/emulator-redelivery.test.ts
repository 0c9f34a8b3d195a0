// Replay: POST /__admin/deliveries/<delivery id>/redeliver and `linq-emulator redeliver <delivery id>`
// send a logged delivery again, with the same webhook-id and payload and a new timestamp and signature,
// retried as usual; verified with Linq's own verifier (@linqapp/sdk webhooks.unwrap).
import { expect } from "@jest/globals";
import LinqAPIV3 from "@linqapp/sdk";
import { z } from "zod";
import type { TriggerResult } from "../../emulator";
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { call, uniqueUrl, useEmulator } from "../support/emulator";
import { run } from "../support/emulator-cli";
import { startReceiver, type ReceivedRequest, type TestReceiver } from "../support/webhook-receiver";

const emulator = useEmulator({ delivery: { firstRetryMs: 10 } });
const linq = new LinqAPIV3({ apiKey: "unused: webhooks.unwrap makes no request" });
let receiver: TestReceiver;
let subscription: z.infer<typeof CreatedWebhookSubscriptionSchema>;

beforeAll(async () => {
  receiver = await startReceiver();
  emulator().setForwardTo(receiver.url);
  const created = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
    body: { target_url: uniqueUrl(), subscribed_events: ["message.received"] },
  });
  subscription = CreatedWebhookSubscriptionSchema.parse(created.body);
});
afterAll(() => receiver.close());
beforeEach(() => receiver.reset());

async function admin(path: string, body: unknown) {
  const res = await call(emulator(), "POST", `/__admin${path}`, { body });
  return { status: res.status, body: res.body as TriggerResult & { error?: string } };
}

/** Triggers one event, delivered; its delivery id. */
async function delivered(): Promise<string> {
  const { body } = await admin("/trigger", { event: "message.received", wait: "final" });
  expect(body.deliveries).toMatchObject([{ status: "delivered" }]);
  receiver.reset();
  return body.deliveries[0]!.delivery_id;
}

const unwrap = (req: ReceivedRequest) =>
  linq.webhooks.unwrap(req.body, { headers: req.headers, key: subscription.signing_secret });

/** Waits into the next second: timestamps are in whole seconds. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

describe("emulator redelivery", () => {
  it("sends a logged delivery again: same webhook-id and payload, new timestamp and signature", async () => {
    const { body: first } = await admin("/trigger", { event: "message.received", wait: "final" });
    const [original] = receiver.received;
    receiver.reset();
    await nextSecond();
    const again = await admin(`/deliveries/${first.deliveries[0]!.delivery_id}/redeliver`, { wait: "final" });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      event_id: first.event_id,
      event_type: "message.received",
      deliveries: [{ subscription_id: subscription.id, status: "delivered", attempts: 1, last_status: 200 }],
      not_delivered: [],
    });
    expect(again.body.deliveries[0]!.delivery_id).not.toBe(first.deliveries[0]!.delivery_id);
    const [replayed] = receiver.received;
    expect(unwrap(replayed!)).toEqual(unwrap(original!));
    expect(replayed!.body).toBe(original!.body);
    expect(replayed!.headers["webhook-id"]).toBe(first.event_id);
    expect(replayed!.headers["webhook-id"]).toBe(original!.headers["webhook-id"]);
    expect(Number(replayed!.headers["webhook-timestamp"])).toBeGreaterThan(
      Number(original!.headers["webhook-timestamp"]),
    );
    expect(replayed!.headers["webhook-signature"]).not.toBe(original!.headers["webhook-signature"]);
    expect(emulator().deliveries().at(-1)).toMatchObject({
      delivery_id: again.body.deliveries[0]!.delivery_id,
      redelivery_of: first.deliveries[0]!.delivery_id,
      event_id: first.event_id,
    });
  });

  it("retries a redelivery the receiver fails, as any delivery", async () => {
    const id = await delivered();
    receiver.answerNext(503, 200);
    const again = await admin(`/deliveries/${id}/redeliver`, { wait: "final" });
    expect(again.body.deliveries).toMatchObject([{ status: "delivered", attempts: 2, last_status: 200 }]);
    expect(receiver.received).toHaveLength(2);
    receiver.received.forEach((req) => expect(unwrap(req)).toMatchObject({ event_type: "message.received" }));
  });

  it("answers 404 naming the log for a delivery id it does not have", async () => {
    const unknown = await admin("/deliveries/no-such-delivery/redeliver", {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(
      /no delivery no-such-delivery in the delivery log.*GET \/__admin\/deliveries/,
    );
    expect(receiver.received).toHaveLength(0);
  });
});

describe("linq-emulator redeliver", () => {
  it("prints the outcome as trigger does, and exits 2 when the receiver refuses it", async () => {
    const id = await delivered();
    const ok = await run(["redeliver", id, "--wait", "--emulator", emulator().url]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^message\.received \(event [0-9a-f-]+\) on \+\d+$/m);
    expect(ok.stdout).toContain(`delivered ${subscription.id} ${subscription.target_url} -> ${receiver.url}`);
    expect(unwrap(receiver.received[0]!)).toMatchObject({ event_type: "message.received" });

    receiver.answerNext(400);
    const refused = await run(["redeliver", id, "--wait", "--emulator", emulator().url]);
    expect(refused.stdout).toContain(`failed    ${subscription.id}`);
    expect(refused.code).toBe(2);
  });

  it("exits 1 with the reason for an unknown delivery id", async () => {
    const result = await run(["redeliver", "no-such-delivery", "--emulator", emulator().url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the emulator refused the redelivery: no delivery no-such-delivery/);
  });
});
