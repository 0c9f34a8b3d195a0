import { startEmulator } from "../../emulator";
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { call, newApiKey, subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";

const emulator = useEmulator();
const SUBS = "/v3/webhook-subscriptions";
const newSubscription = () => ({ target_url: uniqueUrl(), subscribed_events: ["message.sent"] });
const countWithUrl = (url: string) => subscriptionsAt(emulator(), url).length;

describe("emulator fault injection", () => {
  it("adds latency to /v3 requests", async () => {
    emulator().setFaults({ latencyMs: 150 });
    const started = Date.now();
    expect((await call(emulator(), "GET", "/v3/webhook-events")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("rate-limits with 429, code 1007 and Retry-After, without processing the request", async () => {
    emulator().setFaults({ rateLimit: { perSecond: 2, burst: 2 } });
    await call(emulator(), "GET", "/v3/webhook-events");
    await call(emulator(), "GET", "/v3/webhook-events");
    const body = newSubscription();
    const limited = await call(emulator(), "POST", SUBS, { body });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { status: 429, code: 1007 } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after-ms"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after-ms"))).toBeLessThanOrEqual(500);
    expect(countWithUrl(body.target_url)).toBe(0);
  });

  it("answers a burst of 429s, then recovers", async () => {
    emulator().setFaults({ throttle: { count: 2, retryAfterMs: 1500 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(emulator(), "GET", SUBS)).status);
    expect(statuses).toEqual([429, 429, 200]);
    expect(emulator().counters().faults["429"]).toBeGreaterThanOrEqual(2);
  });

  it("answers 5xx without processing", async () => {
    emulator().setFaults({ errors: { count: 1, statuses: [503] } });
    const body = newSubscription();
    const res = await call(emulator(), "POST", SUBS, { body });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { status: 503, code: 3006 } });
    expect(countWithUrl(body.target_url)).toBe(0);
  });

  it("answers a share of requests with 5xx, the same share for the same seed", async () => {
    const pattern = async () => {
      const other = await startEmulator({ apiKey: newApiKey(), faults: { errors: { rate: 0.3 }, seed: 7 } });
      const statuses = [];
      for (let i = 0; i < 40; i++) statuses.push((await call(other, "GET", "/v3/webhook-events")).status);
      await other.close();
      return statuses;
    };
    const first = await pattern();
    const failed = first.filter((s) => s >= 500).length;
    expect(failed).toBeGreaterThan(4);
    expect(failed).toBeLessThan(24);
    expect(first.every((s) => [200, 500, 503].includes(s))).toBe(true);
    expect(await pattern()).toEqual(first);
  });

  it("drops the connection after processing a POST", async () => {
    emulator().setFaults({ drop: { count: 1, match: { method: "POST" } } });
    const body = newSubscription();
    await expect(call(emulator(), "POST", SUBS, { body })).rejects.toThrow();
    expect(countWithUrl(body.target_url)).toBe(1);
    expect(emulator().requests().at(-1)).toMatchObject({ status: "dropped", fault: "drop" });
  });

  it("answers a gateway timeout (504, code 3005) at once and processes the request later", async () => {
    emulator().setFaults({ gatewayTimeout: { count: 1, processAfterMs: 500, match: { method: "POST" } } });
    const body = newSubscription();
    const res = await call(emulator(), "POST", SUBS, { body });
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ error: { status: 504, code: 3005 } });
    expect(countWithUrl(body.target_url)).toBe(0);
    // Timers fire in order: this one, due later, runs after the emulator's processing.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(countWithUrl(body.target_url)).toBe(1);
  });

  it("answers 403 (code 2005) without processing", async () => {
    const created = CreatedWebhookSubscriptionSchema.parse(
      (await call(emulator(), "POST", SUBS, { body: newSubscription() })).body,
    );
    emulator().setFaults({ forbidden: { count: 1 } });
    const res = await call(emulator(), "DELETE", `${SUBS}/${created.id}`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { status: 403, code: 2005 } });
    expect(countWithUrl(created.target_url)).toBe(1);
  });

  it("applies a fault only to the requests it matches", async () => {
    emulator().setFaults({ errors: { rate: 1, statuses: [500], match: { method: "POST", path: SUBS } } });
    expect((await call(emulator(), "GET", SUBS)).status).toBe(200);
    expect((await call(emulator(), "POST", SUBS, { body: newSubscription() })).status).toBe(500);
  });

  it("answers a gateway's HTML page without processing", async () => {
    emulator().setFaults({ malformed: { count: 1, kind: "html" } });
    const body = newSubscription();
    const res = await call(emulator(), "POST", SUBS, { body });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.body).toContain("<html>");
    expect(countWithUrl(body.target_url)).toBe(0);
  });

  it("truncates a processed answer so that it is not JSON", async () => {
    emulator().setFaults({ malformed: { count: 1, kind: "not-json" } });
    const body = newSubscription();
    const res = await call(emulator(), "POST", SUBS, { body });
    expect(res.status).toBe(201);
    expect(typeof res.body).toBe("string");
    expect(() => {
      JSON.parse(String(res.body));
    }).toThrow();
    expect(countWithUrl(body.target_url)).toBe(1);
  });

  it.each([
    ["missing-fields", (b: unknown) => expect(b).not.toHaveProperty("events")],
    ["wrong-types", (b: unknown) => expect(b).toMatchObject({ events: 42 })],
  ] as const)("violates the schema with %s", async (kind, check) => {
    emulator().setFaults({ malformed: { count: 1, kind } });
    const res = await call(emulator(), "GET", "/v3/webhook-events");
    expect(res.status).toBe(200);
    check(res.body);
    expect(emulator().counters().faults[`malformed:${kind}`]).toBeGreaterThanOrEqual(1);
  });

  it("takes faults at start and through the admin endpoint", async () => {
    const other = await startEmulator({ apiKey: newApiKey(), faults: { throttle: { count: 1 } } });
    try {
      expect((await call(other, "GET", SUBS)).status).toBe(429);
      expect((await call(other, "GET", SUBS)).status).toBe(200);
      const put = await fetch(`${other.url}/__admin/faults`, {
        method: "PUT",
        body: JSON.stringify({ errors: { count: 1, statuses: [500] } }),
      });
      expect(put.status).toBe(200);
      expect((await call(other, "GET", SUBS)).status).toBe(500);
      expect((await call(other, "GET", SUBS)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
