// The emulator delivers an event to exactly the subscriptions Linq would route it to, signed with each
// subscription's secret; verified here with Linq's own verifier (@linqapp/sdk webhooks.unwrap).
import { createHmac } from "node:crypto";
import { expect } from "@jest/globals";
import LinqAPIV3 from "@linqapp/sdk";
import { z } from "zod";
import { startEmulator, type DeliveryRecord, type TriggerResult } from "../../emulator";
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { call, newApiKey, uniqueUrl, useEmulator } from "../support/emulator";
import { startReceiver, type ReceivedRequest, type TestReceiver } from "../support/webhook-receiver";

const emulator = useEmulator();
const linq = new LinqAPIV3({ apiKey: "unused: webhooks.unwrap makes no request" });
let receiver: TestReceiver;
const secrets = new Map<string, string>();

beforeAll(async () => {
  receiver = await startReceiver();
  emulator().setForwardTo(receiver.url);
});
afterAll(() => receiver.close());
beforeEach(() => {
  emulator().clearSubscriptions();
  emulator().clearDeliveries();
  receiver.reset();
  secrets.clear();
});

interface Declared {
  events: string[];
  phone_numbers?: string[] | null;
  active?: boolean;
  url?: string;
}

async function subscribe({ events, phone_numbers, active = true, url = uniqueUrl() }: Declared) {
  const created = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
    body: { target_url: url, subscribed_events: events, phone_numbers },
  });
  expect(created.status).toBe(201);
  const sub = CreatedWebhookSubscriptionSchema.parse(created.body);
  secrets.set(sub.id, sub.signing_secret);
  if (!active) {
    const paused = await call(emulator(), "PUT", `/v3/webhook-subscriptions/${sub.id}`, {
      body: { is_active: false },
    });
    expect(paused.status).toBe(200);
  }
  return sub;
}

/** POST /__admin/trigger over HTTP; its answer read as the emulator declares it (the tests assert its contents). */
async function trigger(body: Record<string, unknown>) {
  const res = await call(emulator(), "POST", "/__admin/trigger", { body: { wait: "final", ...body } });
  return { status: res.status, body: res.body as TriggerResult };
}

const AdminRefusal = z.object({ error: z.string() });

/** Verifies a received request with the official verifier and the secret of the subscription it names. */
function unwrap(req: ReceivedRequest) {
  const key = secrets.get(req.headers["x-webhook-subscription-id"] ?? "");
  if (!key)
    throw new Error(`delivery names an unknown subscription ${req.headers["x-webhook-subscription-id"]}`);
  return linq.webhooks.unwrap(req.body, { headers: req.headers, key });
}

describe("emulator delivery: routing", () => {
  const LINE_A = "+14155550001";
  const LINE_B = "+14155550002";
  const declared: Array<[string, Declared]> = [
    ["all numbers", { events: ["message.received", "reaction.added"] }],
    ["empty filter", { events: ["message.received"], phone_numbers: [] }],
    ["line A only", { events: ["message.received", "call.ended"], phone_numbers: [LINE_A] }],
    ["lines A and B", { events: ["reaction.added", "call.ended"], phone_numbers: [LINE_A, LINE_B] }],
    ["inactive", { events: ["message.received", "reaction.added", "call.ended"], active: false }],
    ["other events", { events: ["message.sent"] }],
  ];

  it.each(
    ["message.received", "reaction.added", "call.ended", "message.sent", "chat.created"].flatMap((event) =>
      [LINE_A, LINE_B, "+442071838750"].map((line) => [event, line]),
    ),
  )(
    "delivers %s on %s to active subscriptions that include it and whose filter matches",
    async (event, line) => {
      const subs = new Map<string, string>();
      for (const [label, d] of declared) subs.set((await subscribe(d)).id, label);
      const expected = declared
        .filter(([, d]) => d.active !== false && d.events.includes(event))
        .filter(([, d]) => !d.phone_numbers?.length || d.phone_numbers.includes(line))
        .map(([label]) => label)
        .sort();

      const res = await trigger({ event, phone_number: line });

      expect(res.status).toBe(200);
      const answered = res.body.deliveries.map((d) => subs.get(d.subscription_id));
      expect(answered.sort()).toEqual(expected);
      const receivedBy = receiver.received.map((r) => subs.get(r.headers["x-webhook-subscription-id"] ?? ""));
      expect(receivedBy.sort()).toEqual(expected);
      for (const req of receiver.received) {
        expect(unwrap(req)).toMatchObject({ event_type: event, event_id: res.body.event_id });
      }
      expect(res.body.deliveries.length + res.body.not_delivered.length).toBe(declared.length);
      for (const skipped of res.body.not_delivered) expect(skipped.reason).toEqual(expect.any(String));
    },
  );

  it("says why a subscription got nothing", async () => {
    const paused = await subscribe({ events: ["message.received"], active: false });
    const other = await subscribe({ events: ["message.sent"] });
    const filtered = await subscribe({ events: ["message.received"], phone_numbers: [LINE_A] });
    const res = await trigger({ event: "message.received", phone_number: LINE_B });
    const reasons = Object.fromEntries(res.body.not_delivered.map((n) => [n.subscription_id, n.reason]));
    expect(reasons[paused.id]).toMatch(/inactive/);
    expect(reasons[other.id]).toMatch(/message\.received is not in subscribed_events/);
    expect(reasons[filtered.id]).toContain(`${LINE_B} is not in phone_numbers (${LINE_A})`);
    expect(receiver.received).toHaveLength(0);
  });

  it("follows subscription changes made through the API", async () => {
    const sub = await subscribe({ events: ["message.sent"], phone_numbers: [LINE_A] });
    expect((await trigger({ event: "message.read", phone_number: LINE_B })).body.deliveries).toHaveLength(0);
    await call(emulator(), "PUT", `/v3/webhook-subscriptions/${sub.id}`, {
      body: { subscribed_events: ["message.read"], phone_numbers: null },
    });
    expect((await trigger({ event: "message.read", phone_number: LINE_B })).body.deliveries).toHaveLength(1);
    await call(emulator(), "DELETE", `/v3/webhook-subscriptions/${sub.id}`);
    const after = await trigger({ event: "message.read", phone_number: LINE_B });
    expect(after.body.deliveries).toHaveLength(0);
    expect(after.body.not_delivered).toHaveLength(0);
  });
});

describe("emulator delivery: signature", () => {
  it("signs per subscription with Standard Webhooks headers that the official verifier accepts", async () => {
    const a = await subscribe({ events: ["message.received"] });
    const b = await subscribe({ events: ["message.received"] });
    const res = await trigger({ event: "message.received" });
    expect(receiver.received).toHaveLength(2);
    for (const req of receiver.received) {
      expect(req.headers["webhook-id"]).toBe(res.body.event_id);
      expect(req.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(Math.abs(Number(req.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(300);
      expect(JSON.parse(req.body)).toEqual(unwrap(req));
      const other = req.headers["x-webhook-subscription-id"] === a.id ? b : a;
      expect(() =>
        linq.webhooks.unwrap(req.body, { headers: req.headers, key: other.signing_secret }),
      ).toThrow(/signature/i);
    }
  });

  it("sends the legacy X-Webhook-* headers: event, subscription, timestamp, hex HMAC of timestamp.body", async () => {
    const sub = await subscribe({ events: ["chat.created"] });
    await trigger({ event: "chat.created" });
    const req = receiver.received[0]!;
    expect(req.headers).toMatchObject({
      "x-webhook-event": "chat.created",
      "x-webhook-subscription-id": sub.id,
      "x-webhook-timestamp": req.headers["webhook-timestamp"],
      "content-type": "application/json",
    });
    const ts = req.headers["x-webhook-timestamp"];
    const expected = createHmac("sha256", sub.signing_secret).update(`${ts}.${req.body}`).digest("hex");
    expect(req.headers["x-webhook-signature"]).toBe(expected);
  });

  it("is rejected by the verifier when the body is tampered with or the timestamp is old", async () => {
    await subscribe({ events: ["message.received"] });
    await trigger({ event: "message.received", data: { parts: [{ type: "text", value: "pay $10" }] } });
    const req = receiver.received[0]!;
    expect(unwrap(req)).toBeDefined();
    const tampered = { ...req, body: req.body.replace("pay $10", "pay $99") };
    expect(tampered.body).not.toBe(req.body);
    expect(() => unwrap(tampered)).toThrow(/signature/i);
    const realNow = Date.now();
    const clock = jest.spyOn(Date, "now").mockReturnValue(realNow + 6 * 60 * 1000);
    try {
      expect(() => unwrap(req)).toThrow(/too old/i);
    } finally {
      clock.mockRestore();
    }
  });

  it("is rejected by the verifier when the receiver verifies the parsed body serialized again (Linq's documented mistake)", async () => {
    // What express.json() and then JSON.stringify(req.body) give: it must fail here as it would with Linq.
    await subscribe({ events: ["message.received"] });
    await trigger({ event: "message.received" });
    const req = receiver.received[0]!;
    expect(unwrap(req)).toBeDefined();
    expect(() => unwrap({ ...req, body: JSON.stringify(JSON.parse(req.body)) })).toThrow(/signature/i);
  });

  it("never puts the signing secret in the delivery log, the trigger answer or the request", async () => {
    const sub = await subscribe({ events: ["message.received"] });
    const res = await trigger({ event: "message.received" });
    const seen = JSON.stringify([res.body, emulator().deliveries(), receiver.received]);
    expect(seen).not.toContain(sub.signing_secret);
    expect(seen).not.toContain(sub.signing_secret.slice("whsec_".length));
  });
});

describe("emulator delivery: payload version from ?version=", () => {
  // Where each version puts the facts of a message.read (the SDK types the 2026-02-03 shape only).
  const ReadV1 = z.object({
    event_id: z.string(),
    data: z.object({ chat_id: z.string(), message: z.object({ id: z.string(), read_at: z.string() }) }),
  });
  const ReadV2 = z.object({
    event_id: z.string(),
    data: z.object({ id: z.string(), chat: z.object({ id: z.string() }), read_at: z.string() }),
  });

  it.each([
    ["?version=2025-01-01", "2025-01-01"],
    ["?version=2026-02-03", "2026-02-03"],
    ["?version=2026-06-30", "2026-02-03"],
    ["?version=2025-12-31", "2025-01-01"],
    ["?version=2020-01-01", "2025-01-01"],
    ["", "2026-02-03"],
  ])("a URL ending %s gets webhook_version %s", async (query, version) => {
    await subscribe({
      events: ["message.sent", "message.received"],
      url: `${uniqueUrl()}&x=1${query.replace("?", "&")}`,
    });
    await trigger({ event: "message.received" });
    const payload = unwrap(receiver.received[0]!);
    expect(payload.webhook_version).toBe(version);
    if (version === "2025-01-01") {
      expect(payload.data).toMatchObject({ is_from_me: false, message: { parts: expect.any(Array) } });
    } else {
      expect(payload.data).toMatchObject({ direction: "inbound", chat: { id: expect.any(String) } });
    }
  });

  it("describes one event the same way in both versions", async () => {
    await subscribe({ events: ["message.read"], url: "https://hooks.example.com/v?version=2025-01-01" });
    await subscribe({ events: ["message.read"], url: "https://hooks.example.com/v?version=2026-02-03" });
    await trigger({ event: "message.read" });
    const byVersion = Object.fromEntries(receiver.received.map(unwrap).map((p) => [p.webhook_version, p]));
    const v1 = ReadV1.parse(byVersion["2025-01-01"]);
    const v2 = ReadV2.parse(byVersion["2026-02-03"]);
    expect(v1.event_id).toBe(v2.event_id);
    expect(v1.data.message.id).toBe(v2.data.id);
    expect(v1.data.chat_id).toBe(v2.data.chat.id);
    expect(v1.data.message.read_at).toBe(v2.data.read_at);
  });

  it("does not deliver message.edited to a 2025-01-01 subscription, and says so", async () => {
    const old = await subscribe({
      events: ["message.edited"],
      url: "https://hooks.example.com/e?version=2025-01-01",
    });
    const res = await trigger({ event: "message.edited" });
    expect(res.body.deliveries).toHaveLength(0);
    expect(res.body.not_delivered).toEqual([
      expect.objectContaining({ subscription_id: old.id, reason: expect.stringMatching(/2026-02-03/) }),
    ]);
  });
});

describe("emulator delivery: POST /__admin/trigger", () => {
  const deliveriesOver = async () =>
    ((await call(emulator(), "GET", "/__admin/deliveries")).body as { deliveries: DeliveryRecord[] })
      .deliveries;

  it("merges data overrides into the payload and uses the given number", async () => {
    await subscribe({ events: ["phone_number.status_updated"] });
    const res = await trigger({
      event: "phone_number.status_updated",
      phone_number: "+14155550123",
      data: { new_status: "ACTIVE" },
    });
    const payload = unwrap(receiver.received[0]!);
    expect(payload.data).toMatchObject({ phone_number: "+14155550123", new_status: "ACTIVE" });
    expect(res.body).toMatchObject({
      event_type: "phone_number.status_updated",
      phone_number: "+14155550123",
    });
    expect(res.body.deliveries[0]).toMatchObject({
      status: "delivered",
      attempts: 1,
      last_status: 200,
      url: receiver.url,
    });
  });

  it.each([
    [{ event: "message.recieved" }, /unknown event type "message\.recieved"/],
    [{ event: "message.received", phone_number: "4155551234" }, /not in E\.164/],
    [{ event: "message.received", phone_number: "+0123" }, /not in E\.164/],
    [{ phone_number: "+14155551234" }, /event/],
    [{ event: "message.received", extra: 1 }, /extra/],
    [{ event: "message.received", wait: "forever" }, /wait/],
  ])("answers 400 with the reason for %j", async (body, reason) => {
    await subscribe({ events: ["message.received"] });
    const res = await call(emulator(), "POST", "/__admin/trigger", { body });
    expect(res.status).toBe(400);
    expect(AdminRefusal.parse(res.body).error).toMatch(reason);
    expect(receiver.received).toHaveLength(0);
    expect(emulator().deliveries()).toHaveLength(0);
  });

  it("follows the live event list: a retired type is refused, a new one is delivered with a generic payload", async () => {
    const before = emulator().events();
    try {
      emulator().setEvents([...before.filter((e) => e !== "reaction.added"), "message.scheduled"]);
      expect((await trigger({ event: "reaction.added" })).status).toBe(400);
      await subscribe({ events: ["message.scheduled"] });
      const res = await trigger({ event: "message.scheduled" });
      expect(res.body).toMatchObject({ shape: "generic", deliveries: [{ status: "delivered" }] });
      expect(unwrap(receiver.received[0]!)).toMatchObject({
        event_type: "message.scheduled",
        data: { phone_number: "+12025551234" },
      });
    } finally {
      emulator().setEvents(before);
    }
  });

  it.each(["constructor", "__proto__", "hasOwnProperty"])(
    "delivers a new type named like an object's own property (%s) with a generic payload",
    async (type) => {
      const before = emulator().events();
      try {
        emulator().setEvents([...before, type]);
        await subscribe({ events: [type] });
        const res = await trigger({ event: type });
        expect(res.body).toMatchObject({ shape: "generic", deliveries: [{ status: "delivered" }] });
        expect(unwrap(receiver.received[0]!)).toMatchObject({
          event_type: type,
          data: { phone_number: "+12025551234" },
        });
      } finally {
        emulator().setEvents(before);
      }
    },
  );

  it("records every delivery in GET /__admin/deliveries", async () => {
    const sub = await subscribe({ events: ["reaction.removed"] });
    const res = await trigger({ event: "reaction.removed" });
    const log = await deliveriesOver();
    expect(log).toEqual([
      expect.objectContaining({
        event_id: res.body.event_id,
        event_type: "reaction.removed",
        subscription_id: sub.id,
        target_url: sub.target_url,
        url: receiver.url,
        status: "delivered",
        attempts: [expect.objectContaining({ attempt: 1, status: 200 })],
        payload: JSON.parse(receiver.received[0]!.body) as unknown,
      }),
    ]);
    expect((await call(emulator(), "DELETE", "/__admin/deliveries")).status).toBe(204);
    expect(await deliveriesOver()).toEqual([]);
  });
});

describe("emulator delivery: forwarding", () => {
  it("startEmulator({ forwardTo }) sends every subscription's deliveries there with its own signature", async () => {
    const local = await startReceiver();
    const em = await startEmulator({ apiKey: newApiKey(), forwardTo: local.url });
    try {
      const client = new LinqAPIV3({ apiKey: em.apiKey, baseURL: em.url, maxRetries: 0 });
      const subs = await Promise.all(
        ["https://a.example.com/linq", "https://b.example.com/linq?version=2025-01-01"].map((target_url) =>
          client.webhookSubscriptions.create({ target_url, subscribed_events: ["participant.added"] }),
        ),
      );
      const res = await em.trigger({ event: "participant.added", wait: "final" });
      expect(res.deliveries.map((d) => d.url)).toEqual([local.url, local.url]);
      expect(local.received).toHaveLength(2);
      for (const sub of subs) {
        const req = local.received.find((r) => r.headers["x-webhook-subscription-id"] === sub.id)!;
        expect(
          client.webhooks.unwrap(req.body, { headers: req.headers, key: sub.signing_secret }),
        ).toMatchObject({
          event_type: "participant.added",
        });
      }
      expect(local.received.map((r) => r.path)).toEqual(["/linq", "/linq"]);
    } finally {
      await em.close();
      await local.close();
    }
  });

  it("refuses a forwarding URL with a user name or password (fetch cannot send one), without repeating it", async () => {
    const url = "http://linq:s3cret-pass@127.0.0.1:3000/linq";
    const put = await call(emulator(), "PUT", "/__admin/forward-to", { body: { forward_to: url } });
    expect(put.status).toBe(400);
    const { error } = AdminRefusal.parse(put.body);
    expect(error).toMatch(/contains a user name or password .*remove it/);
    expect(error).not.toContain("s3cret-pass");
    expect(emulator().forwardTo()).toBe(receiver.url);
    await expect(startEmulator({ apiKey: newApiKey(), forwardTo: url })).rejects.toThrow(
      /^forwardTo contains a user name or password/,
    );
  });

  it("PUT /__admin/forward-to switches the destination; a non-http URL is refused", async () => {
    const other = await startReceiver();
    try {
      await subscribe({ events: ["chat.typing_indicator.started"] });
      const put = await call(emulator(), "PUT", "/__admin/forward-to", { body: { forward_to: other.url } });
      expect(put.body).toEqual({ forward_to: other.url });
      await trigger({ event: "chat.typing_indicator.started" });
      expect(other.received).toHaveLength(1);
      expect(receiver.received).toHaveLength(0);
      const bad = await call(emulator(), "PUT", "/__admin/forward-to", { body: { forward_to: "ftp://x" } });
      expect(bad.status).toBe(400);
    } finally {
      emulator().setForwardTo(receiver.url);
      await other.close();
    }
  });
});
