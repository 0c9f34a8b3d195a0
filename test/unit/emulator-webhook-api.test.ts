import { expect } from "@jest/globals";
import {
  CreatedWebhookSubscriptionSchema,
  ErrorEnvelopeSchema,
  WebhookEventListSchema,
  WebhookSubscriptionListSchema,
  WebhookSubscriptionSchema,
} from "../../provider/client";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "../../provider/constants";
import { call, uniqueUrl, useEmulator } from "../support/emulator";

const emulator = useEmulator();
const SUBS = "/v3/webhook-subscriptions";

function expectEnvelope(body: unknown, status: number, code: number) {
  expect(body).toEqual({
    error: { status, code, message: expect.any(String) },
    success: false,
    trace_id: expect.stringMatching(/^trace_/),
  });
}

async function create(fields: Record<string, unknown> = {}) {
  const res = await call(emulator(), "POST", SUBS, {
    body: { target_url: uniqueUrl(), subscribed_events: ["message.sent"], ...fields },
  });
  expect(res.status).toBe(201);
  return CreatedWebhookSubscriptionSchema.parse(res.body);
}

const eventsIn = (res: { body: unknown }) => WebhookEventListSchema.parse(res.body).events;
const messageIn = (res: { body: unknown }) => ErrorEnvelopeSchema.parse(res.body).error.message;

describe("emulator: authentication", () => {
  it.each([
    ["no token", null],
    ["a wrong token", "not-the-key"],
  ])("answers 401 with code 2004 for %s on every route", async (_label, apiKey) => {
    for (const [method, path] of <[string, string][]>[
      ["GET", "/v3/webhook-events"],
      ["GET", SUBS],
      ["POST", SUBS],
      ["GET", `${SUBS}/x`],
      ["PUT", `${SUBS}/x`],
      ["DELETE", `${SUBS}/x`],
    ]) {
      const res = await call(emulator(), method, path, { apiKey, body: {} });
      expect(res.status).toBe(401);
      expectEnvelope(res.body, 401, 2004);
    }
  });
});

describe("emulator: GET /v3/webhook-events", () => {
  it("lists the 27 event types of @linqapp/sdk 0.28.2 by default, with a doc link", async () => {
    const res = await call(emulator(), "GET", "/v3/webhook-events");
    expect(res.status).toBe(200);
    expect(WebhookEventListSchema.parse(res.body)).toEqual({
      events: [...KNOWN_WEBHOOK_EVENT_TYPES],
      doc_url: expect.any(String),
    });
    expect(eventsIn(res)).toHaveLength(27);
  });

  it("follows a change of the list while it runs", async () => {
    const before = emulator().events();
    emulator().setEvents([...before, "message.scheduled"]);
    expect(eventsIn(await call(emulator(), "GET", "/v3/webhook-events"))).toContain("message.scheduled");
    emulator().setEvents(before);
    expect(eventsIn(await call(emulator(), "GET", "/v3/webhook-events"))).not.toContain("message.scheduled");
  });
});

describe("emulator: POST /v3/webhook-subscriptions", () => {
  it("creates a subscription and returns its signing secret once", async () => {
    const url = uniqueUrl();
    const res = await call(emulator(), "POST", SUBS, {
      body: {
        target_url: url,
        subscribed_events: ["message.sent", "message.read"],
        phone_numbers: ["+14155551234"],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      target_url: url,
      subscribed_events: ["message.sent", "message.read"],
      phone_numbers: ["+14155551234"],
      is_active: true,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      signing_secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
    });
    const created = CreatedWebhookSubscriptionSchema.parse(res.body);
    expect(Buffer.from(created.signing_secret.slice(6), "base64")).toHaveLength(32);
    expect(new Date(created.created_at).toISOString()).toBe(created.created_at);
    const again = await call(emulator(), "GET", `${SUBS}/${created.id}`);
    expect(again.body).not.toHaveProperty("signing_secret");
  });

  it("delivers events from all numbers when phone_numbers is omitted", async () => {
    expect((await create()).phone_numbers).toBeNull();
  });

  it.each([
    ["malformed JSON", { rawBody: '{"target_url": ' }, 1003],
    ["a body that is not an object", { rawBody: "[1,2]" }, 1003],
    ["a missing target_url", { body: { subscribed_events: ["message.sent"] } }, 1001],
    ["missing subscribed_events", { body: { target_url: "https://a.example/x" } }, 1001],
    [
      "a target_url of the wrong type",
      { body: { target_url: 7, subscribed_events: ["message.sent"] } },
      1005,
    ],
    [
      "subscribed_events of the wrong type",
      { body: { target_url: "https://a.example/x", subscribed_events: "message.sent" } },
      1005,
    ],
    [
      "an http target_url",
      { body: { target_url: "http://a.example/x", subscribed_events: ["message.sent"] } },
      1005,
    ],
    [
      "a target_url that is no URL",
      { body: { target_url: "hooks", subscribed_events: ["message.sent"] } },
      1005,
    ],
    ["no events", { body: { target_url: "https://a.example/x", subscribed_events: [] } }, 1005],
    [
      "an unknown event",
      { body: { target_url: "https://a.example/x", subscribed_events: ["message.snt"] } },
      1005,
    ],
    [
      "a phone number not in E.164",
      {
        body: {
          target_url: "https://a.example/x",
          subscribed_events: ["message.sent"],
          phone_numbers: ["4155551234"],
        },
      },
      1002,
    ],
    [
      "phone_numbers of the wrong type",
      {
        body: {
          target_url: "https://a.example/x",
          subscribed_events: ["message.sent"],
          phone_numbers: "+14155551234",
        },
      },
      1005,
    ],
  ])("answers 400 for %s", async (_label, init, code) => {
    const before = emulator().subscriptions().length;
    const res = await call(emulator(), "POST", SUBS, init);
    expect(res.status).toBe(400);
    expectEnvelope(res.body, 400, code);
    expect(emulator().subscriptions()).toHaveLength(before);
  });

  it("names the unknown event in its message", async () => {
    const res = await call(emulator(), "POST", SUBS, {
      body: { target_url: uniqueUrl(), subscribed_events: ["message.sent", "message.snt"] },
    });
    expect(messageIn(res)).toContain("message.snt");
  });

  it("answers 409 for a target_url another subscription uses", async () => {
    const first = await create();
    const res = await call(emulator(), "POST", SUBS, {
      body: { target_url: first.target_url, subscribed_events: ["message.read"] },
    });
    expect(res.status).toBe(409);
    expectEnvelope(res.body, 409, 1005);
    expect(messageIn(res)).toContain(first.id);
  });
});

describe("emulator: GET /v3/webhook-subscriptions", () => {
  it("lists subscriptions without their secrets", async () => {
    const created = await create();
    const res = await call(emulator(), "GET", SUBS);
    expect(res.status).toBe(200);
    const listed = WebhookSubscriptionListSchema.parse(res.body).subscriptions.find(
      (s) => s.id === created.id,
    );
    const { signing_secret: _secret, ...withoutSecret } = created;
    expect(listed).toEqual(withoutSecret);
    expect(JSON.stringify(res.body)).not.toContain("whsec_");
  });
});

describe("emulator: /v3/webhook-subscriptions/{id}", () => {
  it("retrieves one subscription", async () => {
    const created = await create();
    const res = await call(emulator(), "GET", `${SUBS}/${created.id}`);
    expect(res.status).toBe(200);
    expect(WebhookSubscriptionSchema.parse(res.body).id).toBe(created.id);
  });

  it.each(["GET", "PUT", "DELETE"])("answers 404 with code 2001 to %s of an unknown id", async (method) => {
    const res = await call(emulator(), method, `${SUBS}/does-not-exist`, { body: { is_active: false } });
    expect(res.status).toBe(404);
    expectEnvelope(res.body, 404, 2001);
  });

  it("updates every field with PUT and moves updated_at", async () => {
    const created = await create({ phone_numbers: ["+14155551234"] });
    await new Promise((r) => setTimeout(r, 5));
    const url = uniqueUrl("moved");
    const res = await call(emulator(), "PUT", `${SUBS}/${created.id}`, {
      body: {
        target_url: url,
        subscribed_events: ["message.read"],
        is_active: false,
        phone_numbers: ["+442071838750"],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: created.id,
      target_url: url,
      subscribed_events: ["message.read"],
      is_active: false,
      phone_numbers: ["+442071838750"],
      created_at: created.created_at,
    });
    expect(res.body).not.toHaveProperty("signing_secret");
    expect(WebhookSubscriptionSchema.parse(res.body).updated_at > created.updated_at).toBe(true);
    expect(
      emulator()
        .subscriptions()
        .find((s) => s.id === created.id)?.signing_secret,
    ).toBe(created.signing_secret);
  });

  it.each([[null], [[]]])("clears the phone filter with %j", async (value) => {
    const created = await create({ phone_numbers: ["+14155551234"] });
    const res = await call(emulator(), "PUT", `${SUBS}/${created.id}`, { body: { phone_numbers: value } });
    expect(WebhookSubscriptionSchema.parse(res.body).phone_numbers).toBeNull();
  });

  it.each([
    ["no events", { subscribed_events: [] }, 400, 1005],
    ["an unknown event", { subscribed_events: ["nope"] }, 400, 1005],
    ["a non-boolean is_active", { is_active: "yes" }, 400, 1005],
    ["an http URL", { target_url: "http://a.example" }, 400, 1005],
    ["a bad phone number", { phone_numbers: ["+0123"] }, 400, 1002],
  ])("rejects a PUT with %s", async (_label, body, status, code) => {
    const created = await create();
    const res = await call(emulator(), "PUT", `${SUBS}/${created.id}`, { body });
    expect(res.status).toBe(status);
    expectEnvelope(res.body, status, code);
  });

  it("rejects a PUT to a URL another subscription uses, but not to its own", async () => {
    const [a, b] = [await create(), await create()];
    const clash = await call(emulator(), "PUT", `${SUBS}/${a.id}`, { body: { target_url: b.target_url } });
    expect(clash.status).toBe(409);
    const own = await call(emulator(), "PUT", `${SUBS}/${a.id}`, { body: { target_url: a.target_url } });
    expect(own.status).toBe(200);
  });

  it("deletes with 204 and then answers 404", async () => {
    const created = await create();
    const res = await call(emulator(), "DELETE", `${SUBS}/${created.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await call(emulator(), "GET", `${SUBS}/${created.id}`)).status).toBe(404);
  });
});

describe("emulator: request log and counters", () => {
  it("counts requests per route and never records the Authorization header", async () => {
    emulator().clearRequests();
    await call(emulator(), "GET", "/v3/webhook-events");
    await call(emulator(), "GET", "/v3/webhook-events");
    const created = await create();
    await call(emulator(), "DELETE", `${SUBS}/${created.id}`);
    expect(emulator().counters()).toEqual({
      total: 4,
      routes: {
        "GET /v3/webhook-events": 2,
        "POST /v3/webhook-subscriptions": 1,
        "DELETE /v3/webhook-subscriptions/:id": 1,
      },
      faults: {},
    });
    const log = emulator().requests();
    expect(log.map((e) => e.status)).toEqual([200, 200, 201, 204]);
    expect(log[2]?.body).toMatchObject({ target_url: created.target_url });
    expect(JSON.stringify(log)).not.toContain(emulator().apiKey);
  });

  it("serves the same over the admin endpoints", async () => {
    const counters = await (await fetch(`${emulator().url}/__admin/counters`)).json();
    expect(counters).toEqual(emulator().counters());
    const res = await fetch(`${emulator().url}/__admin/events`, {
      method: "PUT",
      body: JSON.stringify({ events: ["message.sent"] }),
    });
    expect(await res.json()).toEqual({ events: ["message.sent"] });
    expect(eventsIn(await call(emulator(), "GET", "/v3/webhook-events"))).toEqual(["message.sent"]);
    emulator().setEvents(KNOWN_WEBHOOK_EVENT_TYPES);
    const bad = await fetch(`${emulator().url}/__admin/faults`, { method: "PUT", body: '{"latency": 5}' });
    expect(bad.status).toBe(400);
  });
});
