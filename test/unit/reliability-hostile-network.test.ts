// A hostile network between the client and Linq (test/support/fault-proxy.ts, a self-signed https
// server, a base URL with a password): every call ends in bounded time and memory with an error that
// names the call and the cause, nothing is created twice or taken from another program, and neither the
// key nor a password is printed. Client-level, over real HTTP on 127.0.0.1: the figures are this
// process's, which runs the same client code the provider runs.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import { startEmulator, type RunningEmulator } from "../../emulator";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  BadResponseError,
  ConfigurationError,
  createLinqClient,
  LinqError,
  UnclaimedSubscriptionError,
} from "../../provider/client";
import { clientFor } from "../support/client";
import { call, newApiKey, subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";
import { startFaultProxy, type FaultProxy } from "../support/fault-proxy";
import { failureOf, measure, type Measured } from "../support/peak-memory";
import { recordFigures } from "../support/reliability-report";
import { startSelfSignedServer } from "../support/tls-server";

const emulator = useEmulator();
let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(emulator().url);
});
afterEach(() => proxy.setRules([]));
afterAll(() => proxy.close());

const PASSWORD = "s3cret-pw-in-url";
/** Everything an error may be printed as. */
const renderings = (err: unknown) => {
  const e = err as Error;
  return [String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 20, showHidden: true })];
};
const leaks = (err: unknown) =>
  renderings(err).filter((t) => t.includes(emulator().apiKey) || t.includes(PASSWORD) || /bearer/i.test(t))
    .length;

/** Records one scenario's figures under "hostile network: …" for test/RELIABILITY.md. */
function record(scenario: string, measured: Measured<unknown>, extra: Record<string, number> = {}) {
  const err: unknown = measured.result.status === "rejected" ? measured.result.reason : undefined;
  recordFigures(`hostile network (client): ${scenario}`, {
    msToClearFailure: measured.ms,
    clientPeakGrowthMiB: measured.peakGrowthMiB,
    resourcesLost: 0,
    secretsLeaked: err === undefined ? 0 : leaks(err),
    ...extra,
  });
}

/** The error a call fails with; a success fails the test. */
const rejection = (promise: Promise<unknown>): Promise<LinqError> =>
  promise.then(
    () => {
      throw new Error("expected the call to fail, it succeeded");
    },
    (e: unknown) => e as LinqError,
  );

const viaProxy = (options: Parameters<typeof clientFor>[1] = {}) =>
  clientFor({ ...emulator(), url: proxy.url }, options);

describe("answers that never end or are too large", () => {
  it("fails a trickled answer at the per-attempt deadline, retried, bounded", async () => {
    proxy.setRules([{ answer: { kind: "trickle", tickMs: 100 } }]);
    const { client, retries } = viaProxy({ timeoutMs: 600, maxRetries: 2 });
    const measured = await measure(() => client.webhookEvents.list());
    const err = failureOf(measured);
    record("trickled answer, 1 byte per 100 ms, 600 ms deadline", measured);
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect(err.message).toMatch(
      /GET \/v3\/webhook-events got no complete answer in time \(0.6 s per attempt\) .* after 3 attempt/,
    );
    expect(retries.map((r) => r.reason)).toEqual(["ETIMEDOUT", "ETIMEDOUT"]);
    expect(measured.ms).toBeLessThan(3 * 600 + 1500 + 2000);
    expect(leaks(err)).toBe(0);
  });

  it("recovers its own POST whose answer was trickled past the deadline, creating one subscription", async () => {
    proxy.setRules([{ method: "POST", count: 1, answer: { kind: "trickle", tickMs: 100 } }]);
    const { client } = viaProxy({ timeoutMs: 500 });
    const body = { target_url: uniqueUrl("trickle"), subscribed_events: ["message.sent"] };
    const result = await client.webhookSubscriptions.create(body);
    expect(result).toMatchObject({ recovered: true, cause: { name: "APIConnectionTimeoutError" } });
    expect(subscriptionsAt(emulator(), body.target_url).map((s) => s.id)).toEqual([result.subscription.id]);
  });

  it.each([
    ["a gzip bomb (1 GiB decoded, about 2.6 MiB on the wire)", { kind: "gzip-bomb", decodedBytes: 2 ** 30 }],
    ["a 600 MB answer", { kind: "huge", bytes: 600e6 }],
    ["an endless answer at 6.4 MB/s", { kind: "endless", chunkBytes: 64 * 1024, everyMs: 10 }],
  ] as const)("stops reading %s at the 8 MiB cap, naming the call and the size", async (label, answer) => {
    proxy.setRules([{ answer }]);
    const { client, retries } = viaProxy();
    const measured = await measure(() => client.webhookSubscriptions.list());
    const err = failureOf(measured);
    record(label, measured);
    expect(err).toBeInstanceOf(BadResponseError);
    expect(err.message).toContain(
      "GET /v3/webhook-subscriptions answered with a body larger than 8 MiB (decoded), the limit",
    );
    if (answer.kind === "huge") expect(err.message).toContain("the limit (it announced 600000000 bytes)");
    expect(retries).toEqual([]);
    expect(measured.peakGrowthMiB).toBeLessThan(100);
    expect(leaks(err)).toBe(0);
  });

  it("applies the cap to a POST's answer too, then finds its own subscription instead of posting again", async () => {
    proxy.setRules([{ method: "POST", count: 1, answer: { kind: "huge", bytes: 50e6 } }]);
    const { client } = viaProxy({ maxResponseBytes: 1024 * 1024 });
    const body = { target_url: uniqueUrl("huge"), subscribed_events: ["message.sent"] };
    // The proxy answered for Linq without forwarding: nothing was created, so the client posts again.
    const result = await client.webhookSubscriptions.create(body);
    expect(result.recovered).toBe(false);
    expect(subscriptionsAt(emulator(), body.target_url)).toHaveLength(1);
  });
});

describe("answers that are not what they seem", () => {
  it.each([301, 302, 307, 308])(
    "names a %s redirect and its Location, and does not follow it",
    async (status) => {
      proxy.setRules([
        {
          answer: {
            kind: "answer",
            status,
            headers: { location: `https://user:${PASSWORD}@elsewhere.example/v3` },
          },
        },
      ]);
      const { client, retries } = viaProxy();
      const err = await rejection(client.webhookEvents.list());
      expect(err).toBeInstanceOf(LinqError);
      expect(err.message).toContain(`GET /v3/webhook-events failed with ${status}`);
      expect(err.message).toContain('a redirect to "https://elsewhere.example/v3"');
      expect(err.message).toContain("does not follow on purpose");
      expect(retries).toEqual([]);
      expect(proxy.counts().hostile).toBeGreaterThan(0);
      expect(leaks(err)).toBe(0);
    },
  );

  it.each([
    ["an empty 200", ""],
    ["a garbled 200", '{"events": ["message.se'],
  ])("retries %s on a GET, like other unclear answers", async (_label, garbage) => {
    proxy.setRules([{ count: 1, answer: { kind: "answer", status: 200, body: garbage } }]);
    const { client, retries } = viaProxy();
    await expect(client.webhookEvents.list()).resolves.toMatchObject({ events: emulator().events() });
    expect(retries.map((r) => r.reason)).toEqual(["garbled 200"]);
  });
});

describe("TLS failures, which do not heal", () => {
  it("fails at once on a certificate that does not verify, with the reason, and sends nothing", async () => {
    const tls = await startSelfSignedServer();
    try {
      const { client, retries } = clientFor({ ...emulator(), url: tls.url });
      const measured = await measure(() =>
        client.webhookSubscriptions.create({ target_url: uniqueUrl(), subscribed_events: ["message.sent"] }),
      );
      const err = failureOf(measured) as LinqError;
      record("self-signed certificate", measured);
      expect(err).toBeInstanceOf(APIConnectionError);
      expect(err.message).toMatch(/POST \/v3\/webhook-subscriptions was not sent: the TLS certificate of/);
      expect(err.message).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT: self[- ]signed certificate/);
      expect(err).toMatchObject({ attempts: 1, unsent: true });
      // One connection: no retry and no lookup of the URL.
      expect(tls.connections()).toBe(1);
      expect(retries).toEqual([]);
      expect(leaks(err)).toBe(0);
    } finally {
      await tls.close();
    }
  });

  it("says that the TLS handshake failed when baseUrl names an http port with https", async () => {
    emulator().clearRequests();
    const port = new URL(emulator().url).port;
    const { client } = clientFor({ ...emulator(), url: `https://127.0.0.1:${port}` });
    const measured = await measure(() =>
      client.webhookSubscriptions.create({ target_url: uniqueUrl(), subscribed_events: ["message.sent"] }),
    );
    const err = failureOf(measured) as LinqError;
    record("https to an http port (EPROTO)", measured);
    expect(err.message).toContain("the TLS handshake with");
    expect(err.message).toContain("may name with https a port that speaks plain http");
    expect(err).toMatchObject({ attempts: 1, unsent: true });
    expect(emulator().requests()).toEqual([]);
  });
});

describe("a base URL with a user name and password", () => {
  it.each([
    ["the baseUrl option", (url: string) => ({ baseUrl: url, env: {} })],
    ["LINQ_API_V3_BASE_URL", (url: string) => ({ baseUrl: undefined, env: { LINQ_API_V3_BASE_URL: url } })],
  ])("is refused from %s before anything is sent, and never repeated", async (_label, where) => {
    emulator().clearRequests();
    const withUserinfo = emulator().url.replace("http://", `http://linq-user:${PASSWORD}@`);
    const { baseUrl, env } = where(withUserinfo);
    const saved = { ...process.env };
    Object.assign(process.env, env);
    let err: unknown;
    try {
      err = await Promise.resolve()
        .then(() => createLinqClient({ apiKey: emulator().apiKey, baseUrl }).webhookEvents.list())
        .catch((e: unknown) => e);
    } finally {
      process.env = saved;
    }
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(String(err)).toMatch(/contains a user name or password \(not repeated here\)/);
    expect(String(err)).not.toContain("linq-user");
    expect(leaks(err)).toBe(0);
    expect(emulator().requests()).toEqual([]);
  });
});

describe("create recovery does not take another program's subscription", () => {
  const events = ["message.sent"];
  /** Our POST gets a gateway's 502 without reaching Linq, while another program creates `theirs`. */
  const meanwhile = (theirs: { subscribed_events: string[]; target_url: string }) =>
    proxy.setRules([
      {
        method: "POST",
        count: 1,
        before: async () =>
          void (await call(emulator(), "POST", "/v3/webhook-subscriptions", { body: theirs })),
        answer: { kind: "answer", status: 502, body: "<html>Bad gateway</html>" },
      },
    ]);

  it("refuses one created meanwhile with other events, naming its id and the fix", async () => {
    const target_url = uniqueUrl("theirs");
    meanwhile({ target_url, subscribed_events: ["message.read"] });
    const { client } = viaProxy();
    const measured = await measure(() =>
      client.webhookSubscriptions.create({ target_url, subscribed_events: events }),
    );
    const err = failureOf(measured) as UnclaimedSubscriptionError;
    const theirs = subscriptionsAt(emulator(), target_url)[0]!;
    record("another program created the URL meanwhile", measured, {
      resourcesLost: subscriptionsAt(emulator(), target_url).length === 1 ? 0 : 1,
    });
    expect(err).toBeInstanceOf(UnclaimedSubscriptionError);
    expect(err.foundId).toBe(theirs.id);
    expect(err.message).toContain(`id ${theirs.id}, that cannot be the one this create made`);
    expect(err.message).toContain(`its events ["message.read"] are not the declared ["message.sent"]`);
    expect(err.message).toContain(`set adopt: "${theirs.id}"`);
    expect(subscriptionsAt(emulator(), target_url)).toHaveLength(1);
  });

  it("refuses one with other phone numbers", async () => {
    const target_url = uniqueUrl("theirs");
    meanwhile({ target_url, subscribed_events: events });
    const { client } = viaProxy();
    const err = await rejection(
      client.webhookSubscriptions.create({
        target_url,
        subscribed_events: events,
        phone_numbers: ["+14155551234"],
      }),
    );
    expect(err).toBeInstanceOf(UnclaimedSubscriptionError);
    expect(err.message).toContain(`its phone numbers [] are not the declared ["+14155551234"]`);
  });

  it("refuses one created before this create started, even with the same events", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linq-old-"));
    const statePath = path.join(dir, "account.json");
    const target_url = uniqueUrl("old");
    const longAgo = new Date(Date.now() - 3600_000).toISOString();
    const old = {
      id: "sub-old",
      target_url,
      subscribed_events: events,
      is_active: true,
      phone_numbers: null,
      created_at: longAgo,
      updated_at: longAgo,
      signing_secret: "whsec_old",
    };
    fs.writeFileSync(statePath, JSON.stringify({ events: emulator().events(), subscriptions: [old] }));
    const apiKey = newApiKey();
    const other: RunningEmulator = await startEmulator({ apiKey, statePath });
    try {
      other.setFaults({ errors: { count: 1, statuses: [502], match: { method: "POST" } } });
      const { client } = clientFor(other);
      const err = await rejection(
        client.webhookSubscriptions.create({ target_url, subscribed_events: events }),
      );
      expect(err).toBeInstanceOf(UnclaimedSubscriptionError);
      expect(err.message).toContain(`it was created at ${longAgo}, before this create started`);
      expect(other.subscriptions().map((s) => s.id)).toEqual(["sub-old"]);
    } finally {
      await other.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("still takes one created meanwhile with exactly its events: the documented limit", async () => {
    const target_url = uniqueUrl("limit");
    meanwhile({ target_url, subscribed_events: events });
    const { client } = viaProxy();
    const result = await client.webhookSubscriptions.create({ target_url, subscribed_events: events });
    expect(result.recovered).toBe(true);
  });

  it("looks nothing up when no attempt can have reached Linq (connection refused)", async () => {
    const closed = await startEmulator({ apiKey: newApiKey() });
    await closed.close();
    const { client } = clientFor(closed, { maxRetries: 1 });
    const err = await rejection(
      client.webhookSubscriptions.create({ target_url: uniqueUrl(), subscribed_events: events }),
    );
    // A lookup would have failed as a GET.
    expect(err).toMatchObject({ call: "POST /v3/webhook-subscriptions", unsent: true, attempts: 2 });
  });
});
