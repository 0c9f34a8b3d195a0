import { inspect } from "node:util";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  createLinqClient,
  InternalServerError,
  LinqError,
  NotFoundError,
  RateLimitError,
  resolveConnection,
  type ConnectionOptions,
} from "../../provider/client";
import { clientFor } from "../support/client";
import { uniqueUrl, useEmulator } from "../support/emulator";

const emulator = useEmulator();

/** Every way an error can end up printed or stored. */
function renderings(err: unknown): string[] {
  const e = err as Error;
  return [
    String(e),
    e.message,
    e.stack ?? "",
    JSON.stringify(e),
    inspect(e, { depth: 20, showHidden: true }),
  ];
}

async function failure(promise: Promise<unknown>): Promise<LinqError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LinqError);
  return err as LinqError;
}

describe("client error mapping", () => {
  it("maps 401 to AuthenticationError with Linq's code and trace id", async () => {
    const { client } = clientFor(emulator(), { apiKey: "wrong-key" });
    const err = await failure(client.webhookEvents.list());
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err).toMatchObject({ status: 401, code: 2004, call: "GET /v3/webhook-events" });
    expect(err.traceId).toMatch(/^trace_/);
    expect(err.message).toContain("GET /v3/webhook-events failed with 401 (code 2004)");
  });

  it("maps 400, 404 and 409 to their classes without retrying", async () => {
    const { client, retries } = clientFor(emulator());
    const bad = await failure(
      client.webhookSubscriptions.create({ target_url: uniqueUrl(), subscribed_events: ["message.snt"] }),
    );
    expect(bad).toBeInstanceOf(BadRequestError);
    expect(bad).toMatchObject({ status: 400, code: 1005 });
    expect(bad.message).toContain("message.snt");

    expect(await failure(client.webhookSubscriptions.retrieve("nope"))).toBeInstanceOf(NotFoundError);
    const { subscription } = await client.webhookSubscriptions.create({
      target_url: uniqueUrl(),
      subscribed_events: ["message.sent"],
    });
    const conflict = await failure(
      client.webhookSubscriptions.create({
        target_url: subscription.target_url,
        subscribed_events: ["message.sent"],
      }),
    );
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.message).toContain(subscription.id);
    expect(retries).toEqual([]);
  });

  it("maps 429 and 5xx, once retries are spent, to RateLimitError and InternalServerError", async () => {
    const { client } = clientFor(emulator(), { maxRetries: 0, maxRateLimitRetries: 0 });
    emulator().setFaults({ throttle: { count: 1 } });
    expect(await failure(client.webhookEvents.list())).toBeInstanceOf(RateLimitError);
    emulator().setFaults({ errors: { count: 1, statuses: [502] } });
    expect(await failure(client.webhookEvents.list())).toMatchObject({
      status: 502,
      name: "InternalServerError",
    });
    emulator().setFaults({ malformed: { count: 1, kind: "html" } });
    const html = await failure(client.webhookEvents.list());
    expect(html).toBeInstanceOf(InternalServerError);
    expect(html.message).toContain("unexpected text/html body");
  });
});

describe("client redaction", () => {
  it("never shows the token or the request headers in any error, however it is printed", async () => {
    const { client } = clientFor(emulator(), { maxRetries: 0, timeoutMs: 100 });
    const wrongKey = clientFor(emulator(), { apiKey: `${emulator().apiKey}-revoked`, maxRetries: 0 }).client;
    const errors: unknown[] = [];
    const collect = (p: Promise<unknown>) => p.catch((e: unknown) => errors.push(e));
    await collect(wrongKey.webhookEvents.list());
    await collect(client.webhookSubscriptions.retrieve("nope"));
    emulator().setFaults({ errors: { count: 1, statuses: [500] } });
    await collect(client.webhookEvents.list());
    emulator().setFaults({ latencyMs: 300 });
    await collect(client.webhookEvents.list());
    emulator().setFaults({ drop: { count: 1 } });
    await collect(client.webhookSubscriptions.list());
    emulator().setFaults({ malformed: { count: 1, kind: "wrong-types" } });
    await collect(client.webhookEvents.list());

    expect(errors).toHaveLength(6);
    for (const err of errors) {
      for (const text of renderings(err)) {
        expect(text).not.toContain(emulator().apiKey);
        expect(text.toLowerCase()).not.toContain("authorization");
        expect(text.toLowerCase()).not.toContain("bearer");
      }
    }
    expect(JSON.stringify(emulator().requests())).not.toContain(emulator().apiKey);
  });

  it("takes the token out of any message text the server echoes", async () => {
    const { client } = clientFor(emulator());
    const err = await failure(
      client.webhookSubscriptions.create({ target_url: uniqueUrl(), subscribed_events: [emulator().apiKey] }),
    );
    expect(err.message).toContain("[redacted]");
    for (const text of renderings(err)) expect(text).not.toContain(emulator().apiKey);
  });
});

describe("client connection settings", () => {
  it("fails before sending anything when there is no API key, naming where to set one", () => {
    expect(() => resolveConnection({}, {})).toThrow(ConfigurationError);
    expect(() => resolveConnection({}, {})).toThrow(/linq:apiKey.*LINQ_API_V3_API_KEY/);
    // An explicit provider of the plugin gets none of the stack's linq:* config: 'set linq:apiKey' alone
    // would send a user who has set it in circles.
    expect(() => resolveConnection({}, {})).toThrow(
      /An explicit provider \(pulumi:providers:linq\) does not read the stack config: give it the apiKey input\.$/,
    );
  });

  it("takes explicit options over the environment, and the environment over the default", () => {
    const env = { LINQ_API_V3_API_KEY: "env-key", LINQ_API_V3_BASE_URL: "http://127.0.0.1:1/" };
    expect(resolveConnection({}, env)).toEqual({ apiKey: "env-key", baseUrl: "http://127.0.0.1:1" });
    expect(resolveConnection({ apiKey: "k", baseUrl: "https://x.example" }, env)).toEqual({
      apiKey: "k",
      baseUrl: "https://x.example",
    });
    expect(resolveConnection({ apiKey: "k" }, {}).baseUrl).toBe("https://api.linqapp.com/api/partner");
  });

  it("rejects a base URL that is not http(s), naming the setting", () => {
    expect(() => resolveConnection({ apiKey: "k", baseUrl: "api.linqapp.com" }, {})).toThrow(/linq:baseUrl/);
  });

  it.each([
    ["https://api.linqapp.com/api/partner/v3", /ends in the API version '\/v3'/],
    ["https://api.linqapp.com/api/partner/v3/", /ends in the API version '\/v3'/],
    ["http://127.0.0.1:4010/V3", /ends in the API version '\/V3'/],
    ["https://api.linqapp.com/api/partner/v2", /ends in the API version '\/v2'/],
    ["https://api.linqapp.com/api/partner?region=us", /has a query or fragment/],
    ["https://api.linqapp.com/api/partner#v3", /has a query or fragment/],
    ["http://127.0.0.1:4010/?", /has a query or fragment/],
  ])("refuses the base URL %s before any request, naming the setting and the fix", (baseUrl, why) => {
    // The fix names where this URL came from: the provider's setting, a data source's argument, the variable.
    const sources: [ConnectionOptions, string][] = [
      [{ apiKey: "k", baseUrl }, "'linq:baseUrl' (or an explicit provider's baseUrl)"],
      [{ apiKey: "k", baseUrl, baseUrlSetting: "the baseUrl argument" }, "the baseUrl argument"],
      [{ apiKey: "k" }, "LINQ_API_V3_BASE_URL"],
    ];
    for (const [options, setting] of sources) {
      const env = { LINQ_API_V3_BASE_URL: baseUrl };
      expect(() => resolveConnection(options, env)).toThrow(ConfigurationError);
      expect(() => resolveConnection(options, env)).toThrow(why);
      expect(() => resolveConnection(options, env)).toThrow(
        `Fix ${setting}: it is what comes before /v3, e.g. 'https://api.linqapp.com/api/partner'`,
      );
    }
  });

  it.each([
    "https://api.linqapp.com/api/partner",
    "http://127.0.0.1:4010",
    "https://proxy.example/v3-gateway",
  ])("takes the base URL %s as it is", (baseUrl) => {
    expect(resolveConnection({ apiKey: "k", baseUrl }, {}).baseUrl).toBe(baseUrl);
  });

  it("reads LINQ_API_V3_API_KEY and LINQ_API_V3_BASE_URL from the process environment", async () => {
    const saved = { ...process.env };
    process.env.LINQ_API_V3_API_KEY = emulator().apiKey;
    process.env.LINQ_API_V3_BASE_URL = emulator().url;
    try {
      await expect(createLinqClient().webhookEvents.list()).resolves.toMatchObject({
        events: emulator().events(),
      });
    } finally {
      process.env = saved;
    }
  });
});
