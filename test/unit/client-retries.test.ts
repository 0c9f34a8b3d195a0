import { startEmulator } from "../../emulator";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  CancelledError,
  InternalServerError,
  LinqError,
  RateLimitError,
} from "../../provider/client";
import { clientFor } from "../support/client";
import { newApiKey, subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";

const emulator = useEmulator();
const newSubscription = () => ({ target_url: uniqueUrl(), subscribed_events: ["message.sent"] });

beforeEach(() => emulator().clearRequests());

describe("client retries", () => {
  it("retries a GET after 5xx answers and succeeds", async () => {
    emulator().setFaults({ errors: { count: 2, statuses: [500, 503] } });
    const { client, retries } = clientFor(emulator(), { sleep: async () => {} });
    await expect(client.webhookEvents.list()).resolves.toMatchObject({ events: emulator().events() });
    expect(emulator.count("GET /v3/webhook-events")).toBe(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it("waits as long as Retry-After says after a 429, when that is longer than the backoff", async () => {
    emulator().setFaults({ throttle: { count: 1, retryAfterMs: 800 } });
    const { client, retries } = clientFor(emulator());
    const started = Date.now();
    await client.webhookSubscriptions.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(retries).toEqual([
      { call: "GET /v3/webhook-subscriptions", attempt: 1, delayMs: 800, reason: "429" },
    ]);
  });

  it("backs off exponentially with jitter when the server names no delay", async () => {
    emulator().setFaults({ errors: { count: 2, statuses: [500] } });
    const { client, retries } = clientFor(emulator());
    await client.webhookEvents.list();
    const [first, second] = retries.map((r) => r.delayMs);
    expect(first).toBeGreaterThanOrEqual(375);
    expect(first).toBeLessThanOrEqual(500);
    expect(second).toBeGreaterThanOrEqual(750);
    expect(second).toBeLessThanOrEqual(1000);
  });

  it("gives up after maxRetries and says how many attempts it made", async () => {
    emulator().setFaults({ errors: { rate: 1, statuses: [500] } });
    const { client } = clientFor(emulator(), { maxRetries: 2, sleep: async () => {} });
    const err = await client.webhookEvents.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err).toMatchObject({ status: 500, code: 3006, attempts: 3, call: "GET /v3/webhook-events" });
    expect((err as Error).message).toMatch(
      /^Linq API GET \/v3\/webhook-events failed with 500 .* after 3 attempt\(s\)$/,
    );
    expect(emulator.count("GET /v3/webhook-events")).toBe(3);
  });

  it("starts no retry that would end past maxRetryTimeMs", async () => {
    emulator().setFaults({ throttle: { rate: 1, retryAfterMs: 5000 } });
    const { client } = clientFor(emulator(), { maxRetryTimeMs: 1000 });
    const err = await client.webhookEvents.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ code: 1007, attempts: 1 });
  });

  it("retries a GET whose connection was dropped", async () => {
    emulator().setFaults({ drop: { count: 1, match: { method: "GET" } } });
    const { client, retries } = clientFor(emulator());
    await expect(client.webhookSubscriptions.list()).resolves.toBeInstanceOf(Array);
    expect(retries[0]?.reason).toBe("ECONNRESET");
  });

  it("times out a slow answer and retries it, then fails with a timeout error", async () => {
    emulator().setFaults({ latencyMs: 400 });
    const { client, retries } = clientFor(emulator(), { timeoutMs: 100, maxRetries: 1 });
    const err = await client.webhookEvents.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect(err).toMatchObject({ attempts: 2 });
    expect(retries).toHaveLength(1);
  });

  it("lets the server decide with x-should-retry: false stops the retries of a GET", async () => {
    emulator().setFaults({ errors: { count: 1, statuses: [500], shouldRetry: false } });
    const { client, retries } = clientFor(emulator());
    await expect(client.webhookEvents.list()).rejects.toBeInstanceOf(InternalServerError);
    expect(retries).toHaveLength(0);
    expect(emulator.count("GET /v3/webhook-events")).toBe(1);
  });

  it("lets the server decide with x-should-retry: true resends a POST without a lookup", async () => {
    emulator().setFaults({
      errors: { count: 1, statuses: [500], shouldRetry: true, match: { method: "POST" } },
    });
    const { client, retries } = clientFor(emulator());
    const result = await client.webhookSubscriptions.create(newSubscription());
    expect(result.recovered).toBe(false);
    expect(retries.map((r) => r.reason)).toEqual(["500"]);
    expect(emulator.count("POST /v3/webhook-subscriptions")).toBe(2);
    expect(emulator.count("GET /v3/webhook-subscriptions")).toBe(0);
  });

  it("retries a PUT and a DELETE after a 503", async () => {
    const { client } = clientFor(emulator(), { sleep: async () => {} });
    const { subscription } = await client.webhookSubscriptions.create(newSubscription());
    emulator().setFaults({ errors: { count: 1, statuses: [503], match: { method: "PUT" } } });
    await expect(
      client.webhookSubscriptions.update(subscription.id, { is_active: false }),
    ).resolves.toMatchObject({
      is_active: false,
    });
    emulator().setFaults({ errors: { count: 1, statuses: [503], match: { method: "DELETE" } } });
    await client.webhookSubscriptions.delete(subscription.id);
    expect(
      emulator()
        .subscriptions()
        .find((s) => s.id === subscription.id),
    ).toBeUndefined();
  });
});

describe("client retries under a rate limit", () => {
  it("queues the retries of concurrent requests one Retry-After apart, so that all get through", async () => {
    emulator().setFaults({ rateLimit: { perSecond: 20, burst: 1 } });
    const pacing = { retryAt: 0, intervalMs: 0 };
    const clients = Array.from({ length: 16 }, () =>
      clientFor(emulator(), { pacing, maxRateLimitRetries: 5 }),
    );
    const results = await Promise.allSettled(clients.map(({ client }) => client.webhookSubscriptions.list()));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const retries = clients.flatMap((c) => c.retries);
    expect(retries.every((r) => r.reason === "429")).toBe(true);
    // Without the queue, each round of retries would collide again: 15 losers, then 14, ... (over 100).
    expect(emulator().counters().faults["429"]).toBeLessThan(40);
  });

  it("does not count 429 retries against maxRetries", async () => {
    emulator().setFaults({ throttle: { count: 3, retryAfterMs: 10 } });
    const { client, retries } = clientFor(emulator(), { maxRetries: 1, sleep: async () => {} });
    await expect(client.webhookEvents.list()).resolves.toBeDefined();
    expect(retries).toHaveLength(3);
  });
});

describe("client retries of POST, which is not idempotent", () => {
  it.each([
    ["a 429", { throttle: { count: 1, retryAfterMs: 20 } }],
    ["a 503", { errors: { count: 1, statuses: [503] } }],
  ])("retries after %s and creates exactly one subscription", async (_label, faults) => {
    emulator().setFaults(faults);
    const { client, retries } = clientFor(emulator());
    const body = newSubscription();
    const result = await client.webhookSubscriptions.create(body);
    expect(result.recovered).toBe(false);
    expect(retries).toHaveLength(1);
    expect(subscriptionsAt(emulator(), body.target_url)).toHaveLength(1);
  });

  it("after a 500, which may have been processed, looks the URL up and, finding nothing, posts again", async () => {
    emulator().setFaults({ errors: { count: 2, statuses: [500], match: { method: "POST" } } });
    const { client, retries } = clientFor(emulator(), { sleep: async () => {} });
    const body = newSubscription();
    const result = await client.webhookSubscriptions.create(body);
    expect(result.recovered).toBe(false);
    expect(retries).toHaveLength(0);
    expect(
      emulator()
        .requests()
        .map((r) => r.route),
    ).toEqual([
      "POST /v3/webhook-subscriptions",
      "GET /v3/webhook-subscriptions",
      "POST /v3/webhook-subscriptions",
      "GET /v3/webhook-subscriptions",
      "POST /v3/webhook-subscriptions",
    ]);
    expect(subscriptionsAt(emulator(), body.target_url)).toHaveLength(1);
  });

  it("takes a 409 after a gateway timeout for its own late-processed POST and recovers it", async () => {
    // The lookup right after the 504 comes before the late processing (350 ms); the POST sent again
    // after the backoff (at least 375 ms after the lookup) comes after it and meets Linq's one-URL rule.
    emulator().setFaults({ gatewayTimeout: { count: 1, processAfterMs: 350, match: { method: "POST" } } });
    const { client } = clientFor(emulator());
    const body = newSubscription();
    const result = await client.webhookSubscriptions.create(body);
    expect(result).toMatchObject({ recovered: true, cause: { status: 504, code: 3005 } });
    expect(
      emulator()
        .requests()
        .map((r) => `${r.route} ${r.status}`),
    ).toEqual([
      "POST /v3/webhook-subscriptions 504",
      "GET /v3/webhook-subscriptions 200",
      "POST /v3/webhook-subscriptions 409",
      "GET /v3/webhook-subscriptions 200",
    ]);
    const stored = subscriptionsAt(emulator(), body.target_url);
    expect(stored.map((s) => s.id)).toEqual([result.subscription.id]);
  });

  it("gives up on a POST that keeps failing, having created nothing", async () => {
    emulator().setFaults({ errors: { rate: 1, statuses: [500], match: { method: "POST" } } });
    // The waits are recorded, not slept: they add up to about 21 s.
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const { client } = clientFor(emulator(), { sleep });
    const body = newSubscription();
    await expect(client.webhookSubscriptions.create(body)).rejects.toBeInstanceOf(InternalServerError);
    expect(emulator.count("POST /v3/webhook-subscriptions")).toBe(7);
    // The recovery's POSTs draw on the same budget as the transport's retries: 6, backing off to 8 s.
    expect(waits).toHaveLength(6);
    expect(waits[5]).toBeGreaterThanOrEqual(6000);
    expect(waits[5]).toBeLessThanOrEqual(8000);
  });

  it("lets the caller's maxRetries limit the POSTs of a create's recovery", async () => {
    emulator().setFaults({ errors: { rate: 1, statuses: [500], match: { method: "POST" } } });
    const { client } = clientFor(emulator(), { maxRetries: 2, sleep: async () => {} });
    const body = newSubscription();
    await expect(client.webhookSubscriptions.create(body)).rejects.toBeInstanceOf(InternalServerError);
    expect(emulator.count("POST /v3/webhook-subscriptions")).toBe(3);
    expect(subscriptionsAt(emulator(), body.target_url)).toHaveLength(0);
  });

  it("counts the transport's retries of a POST and the recovery's against one budget", async () => {
    // A 503 (retried by the transport: surely not processed), then 500s (recovered by lookup and POST).
    emulator().setFaults({ errors: { rate: 1, statuses: [503, 500], match: { method: "POST" } } });
    const { client, retries } = clientFor(emulator(), { maxRetries: 3, sleep: async () => {} });
    const body = newSubscription();
    await expect(client.webhookSubscriptions.create(body)).rejects.toBeInstanceOf(LinqError);
    expect(emulator.count("POST /v3/webhook-subscriptions")).toBe(4);
    // Seeded, the run mixes both: some 503s retried by the transport, some 500s recovered by lookup.
    expect(retries.map((r) => r.reason)).toContain("503");
    expect(emulator.count("GET /v3/webhook-subscriptions")).toBeGreaterThan(0);
    expect(subscriptionsAt(emulator(), body.target_url)).toHaveLength(0);
  });

  it("retries after connection refused, when nothing was sent", async () => {
    const apiKey = newApiKey();
    const placeholder = await startEmulator({ apiKey });
    const port = Number(new URL(placeholder.url).port);
    await placeholder.close();
    const { client, retries } = clientFor(
      { ...placeholder, url: placeholder.url, apiKey },
      { maxRetries: 3 },
    );
    const pending = client.webhookSubscriptions.create(newSubscription());
    const revived = await new Promise<Awaited<ReturnType<typeof startEmulator>>>((resolve) =>
      setTimeout(() => resolve(startEmulator({ apiKey, port })), 100),
    );
    try {
      await expect(pending).resolves.toMatchObject({ recovered: false });
      expect(retries[0]?.reason).toBe("ECONNREFUSED");
      expect(revived.subscriptions()).toHaveLength(1);
    } finally {
      await revived.close();
    }
  });

  it("fails with a connection error when nobody ever answers", async () => {
    const placeholder = await startEmulator({ apiKey: newApiKey() });
    await placeholder.close();
    const { client } = clientFor(placeholder, { maxRetries: 1 });
    const err = await client.webhookEvents.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(String(err)).toContain(placeholder.url);
  });
});

describe("client retries when the operation is cancelled", () => {
  /** A client whose retries wait for ever unless cancelled: a test that settles shows the wait was cut. */
  function cancellable(cancelWhen: "at the first retry" | "before any call") {
    const cancellation = new AbortController();
    if (cancelWhen === "before any call") cancellation.abort();
    const { client } = clientFor(emulator(), {
      cancelled: cancellation.signal,
      sleep: () => new Promise<void>(() => {}),
      onRetry: () => setImmediate(() => cancellation.abort()),
    });
    return client;
  }

  it.each([
    ["GET", "GET /v3/webhook-events", (c: ReturnType<typeof cancellable>) => c.webhookEvents.list()],
    [
      "PUT",
      "PUT /v3/webhook-subscriptions/:id",
      (c: ReturnType<typeof cancellable>) => c.webhookSubscriptions.update("sub_x", { is_active: false }),
    ],
    [
      "POST",
      "POST /v3/webhook-subscriptions",
      (c: ReturnType<typeof cancellable>) => c.webhookSubscriptions.create(newSubscription()),
    ],
  ])(
    "stops a %s's retries at the cancellation, with the last failure and why",
    async (method, route, call) => {
      emulator().setFaults({ errors: { rate: 1, statuses: [503], match: { method } } });
      const err = await call(cancellable("at the first retry")).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CancelledError);
      expect(err).toMatchObject({ status: 503, attempts: 1 });
      expect(String(err)).toMatch(/503.*; not tried again: the operation was cancelled \(Ctrl-C\)$/);
      expect(emulator.count(route)).toBe(1);
    },
  );

  it("after a 500 that may have been processed, still looks the URL up, then posts no more", async () => {
    emulator().setFaults({ errors: { rate: 1, statuses: [500], match: { method: "POST" } } });
    const cancellation = new AbortController();
    const { client } = clientFor(emulator(), {
      cancelled: cancellation.signal,
      sleep: () => new Promise<void>(() => {}),
    });
    const body = newSubscription();
    const created = client.webhookSubscriptions.create(body).catch((e: unknown) => e);
    while (emulator.count("GET /v3/webhook-subscriptions") === 0) await new Promise((r) => setTimeout(r, 5));
    cancellation.abort();
    const err = await created;
    expect(err).toBeInstanceOf(CancelledError);
    expect(
      emulator()
        .requests()
        .map((r) => r.route),
    ).toEqual(["POST /v3/webhook-subscriptions", "GET /v3/webhook-subscriptions"]);
    expect(subscriptionsAt(emulator(), body.target_url)).toEqual([]);
  });

  it("still makes the first attempt of a call begun after the cancellation, and succeeds if it does", async () => {
    await expect(cancellable("before any call").webhookEvents.list()).resolves.toMatchObject({
      events: emulator().events(),
    });
  });
});
