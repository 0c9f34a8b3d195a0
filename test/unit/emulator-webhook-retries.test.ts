// A failing receiver (5xx, 429, timeout, refused connection) is retried with growing waits, a bounded
// number of times, each attempt in the delivery log; a slow receiver never holds up the API.
import LinqAPIV3 from "@linqapp/sdk";
import { startEmulator } from "../../emulator";
import { call, newApiKey, uniqueUrl, useEmulator } from "../support/emulator";
import { closedPort } from "../support/closed-port";
import { startReceiver, type TestReceiver } from "../support/webhook-receiver";

const POLICY = { maxAttempts: 4, firstRetryMs: 20, timeoutMs: 1000 };
const emulator = useEmulator({ delivery: POLICY });
const linq = new LinqAPIV3({ apiKey: "unused" });
let receiver: TestReceiver;
let secret: string;

beforeAll(async () => {
  receiver = await startReceiver();
  emulator().setForwardTo(receiver.url);
  const created = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
    body: { target_url: uniqueUrl(), subscribed_events: ["message.received"] },
  });
  secret = (created.body as { signing_secret: string }).signing_secret;
});
afterAll(() => receiver.close());
beforeEach(() => {
  emulator().clearDeliveries();
  receiver.reset();
});

const deliverOnce = () => emulator().trigger({ event: "message.received", wait: "final" });

describe("emulator delivery: retries", () => {
  it.each([
    [[500, 200], 2],
    [[503, 502, 200], 3],
    [[429, 200], 2],
    [[301, 200], 2],
  ])("retries after %j and delivers on attempt %i, same event and id, freshly signed", async (answers, n) => {
    receiver.answerNext(...answers);
    const result = await deliverOnce();
    expect(result.deliveries[0]).toMatchObject({ status: "delivered", attempts: n, last_status: 200 });
    expect(receiver.received).toHaveLength(n);
    const ids = new Set(receiver.received.map((r) => r.headers["webhook-id"]));
    expect([...ids]).toEqual([result.event_id]);
    for (const req of receiver.received) {
      expect(linq.webhooks.unwrap(req.body, { headers: req.headers, key: secret })).toMatchObject({
        event_id: result.event_id,
      });
    }
    const log = emulator().deliveries()[0]!;
    expect(log.attempts.map((a) => a.status)).toEqual(answers.slice(0, n));
  });

  it.each([400, 401, 404, 410, 422])("does not retry a %i (a permanent failure, as Linq)", async (status) => {
    receiver.answerNext(status);
    const result = await deliverOnce();
    expect(result.deliveries[0]).toMatchObject({ status: "failed", attempts: 1, last_status: status });
    expect(receiver.received).toHaveLength(1);
  });

  it("gives up after maxAttempts, waiting longer before each retry", async () => {
    receiver.answerNext(...Array<number>(10).fill(500));
    const result = await deliverOnce();
    expect(result.deliveries[0]).toMatchObject({
      status: "failed",
      attempts: POLICY.maxAttempts,
      last_status: 500,
    });
    expect(receiver.received).toHaveLength(POLICY.maxAttempts);
    const starts = emulator()
      .deliveries()[0]!
      .attempts.map((a) => Date.parse(a.at));
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // Lower bounds only: each wait is at least firstRetryMs * 2^i.
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(POLICY.firstRetryMs * 2 ** i - 2));
  });

  it("retries a receiver that does not answer within the timeout", async () => {
    receiver.answerNext("hang", 200);
    const result = await deliverOnce();
    expect(result.deliveries[0]).toMatchObject({ status: "delivered", attempts: 2 });
    const first = emulator().deliveries()[0]!.attempts[0]!;
    expect(first.status).toBeUndefined();
    expect(first.error).toMatch(/no answer within 1000 ms/);
  });

  it("retries a refused connection and records why", async () => {
    const port = await closedPort();
    emulator().setForwardTo(`http://127.0.0.1:${port}/linq`);
    try {
      const result = await deliverOnce();
      expect(result.deliveries[0]).toMatchObject({ status: "failed", attempts: POLICY.maxAttempts });
      for (const a of emulator().deliveries()[0]!.attempts) expect(a.error).toMatch(/ECONNREFUSED/);
    } finally {
      emulator().setForwardTo(receiver.url);
    }
  });

  it("sends a retry to where forwarding points when it is due, after a change of --forward-to", async () => {
    // A receiver restarted on another port: the retries of an event it missed follow the new address.
    const moved = await startReceiver();
    let answer!: (status: number) => void;
    receiver.answerNext(new Promise<number>((resolve) => (answer = resolve)));
    try {
      const pending = deliverOnce();
      await until(() => receiver.received.length === 1);
      emulator().setForwardTo(moved.url);
      answer(503);
      expect((await pending).deliveries[0]).toMatchObject({
        status: "delivered",
        attempts: 2,
        url: moved.url,
      });
      expect([receiver.received.length, moved.received.length]).toEqual([1, 1]);
    } finally {
      emulator().setForwardTo(receiver.url);
      await moved.close();
    }
  });

  it("stops retrying for a subscription deactivated meanwhile (isActive: false), and says so", async () => {
    const created = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
      body: { target_url: uniqueUrl(), subscribed_events: ["chat.created"] },
    });
    const { id } = created.body as { id: string };
    let answer!: (status: number) => void;
    receiver.answerNext(new Promise<number>((resolve) => (answer = resolve)));
    const pending = emulator().trigger({ event: "chat.created", wait: "final" });
    await until(() => receiver.received.length === 1);
    const paused = await call(emulator(), "PUT", `/v3/webhook-subscriptions/${id}`, {
      body: { is_active: false },
    });
    expect(paused.status).toBe(200);
    answer(503);
    expect((await pending).deliveries[0]).toMatchObject({
      status: "cancelled",
      last_error: "subscription deactivated (is_active: false)",
    });
    expect(receiver.received).toHaveLength(1);
    await call(emulator(), "DELETE", `/v3/webhook-subscriptions/${id}`);
  });

  it("answers API calls while a receiver is still answering a delivery", async () => {
    let release!: (status: number) => void;
    receiver.answerNext(new Promise<number>((resolve) => (release = resolve)));
    const pending = emulator().trigger({ event: "message.received", wait: "final" });
    await until(() => receiver.received.length === 1);
    expect((await call(emulator(), "GET", "/v3/webhook-events")).status).toBe(200);
    expect((await call(emulator(), "GET", "/v3/webhook-subscriptions")).status).toBe(200);
    const admin = await call(emulator(), "GET", "/__admin/deliveries");
    expect((admin.body as { deliveries: unknown[] }).deliveries).toMatchObject([
      { status: "pending", attempts: [] },
    ]);
    release(200);
    expect((await pending).deliveries[0]).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("answers the trigger after the first attempt by default, and keeps retrying in the background", async () => {
    receiver.answerNext(500, 500);
    const result = await emulator().trigger({ event: "message.received" });
    expect(result.deliveries[0]).toMatchObject({ status: "pending", attempts: 1, last_status: 500 });
    await emulator().deliveriesSettled();
    expect(emulator().deliveries()[0]).toMatchObject({ status: "delivered", next_attempt_at: null });
    expect(emulator().deliveries()[0]?.attempts).toHaveLength(3);
  });

  it("stops retrying when the emulator closes", async () => {
    const local = await startReceiver();
    const em = await startEmulator({
      apiKey: newApiKey(),
      forwardTo: local.url,
      delivery: { maxAttempts: 5, firstRetryMs: 60_000 },
    });
    try {
      const client = new LinqAPIV3({ apiKey: em.apiKey, baseURL: em.url, maxRetries: 0 });
      await client.webhookSubscriptions.create({
        target_url: uniqueUrl(),
        subscribed_events: ["chat.created"],
      });
      local.answerNext(503);
      const result = await em.trigger({ event: "chat.created" });
      expect(result.deliveries[0]).toMatchObject({ status: "pending", attempts: 1 });
      expect(em.deliveries()[0]?.next_attempt_at).not.toBeNull();
    } finally {
      await em.close();
    }
    await em.deliveriesSettled();
    expect(em.deliveries()[0]).toMatchObject({ status: "cancelled", next_attempt_at: null });
    expect(local.received).toHaveLength(1);
    await local.close();
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}
