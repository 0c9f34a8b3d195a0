// The API key never travels over plain http off this machine: a base URL with http: is refused before
// anything is sent unless its host is loopback (an emulator), naming where it was set. Where a request
// would go is seen by a recording HTTP proxy on 127.0.0.1 (http_proxy): a request for a remote host
// reaches it with the Authorization header it carries, without leaving the machine.
import { createLinqClient, ConfigurationError, resolveConnection } from "../../provider/client";
import { fetchWebhookEventTypes } from "../../provider/get-webhook-event-types";
import { callContext } from "../../provider/call-context";
import { newProcessState } from "../../provider/process-state";
import { webhookSubscription } from "../../provider/webhook-subscription";
import { useEmulator } from "../support/emulator";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";

const emulator = useEmulator();
const REMOTE = "http://linq.example.test/api/partner";
const KEY = "test-key-cleartext-0123456789abcdef";

let proxy: ScriptedServer;
const saved = { ...process.env };
beforeAll(async () => {
  proxy = await startScriptedServer({ status: 200, body: '{"events":[]}' });
});
beforeEach(() => {
  process.env.http_proxy = proxy.url;
  process.env.HTTP_PROXY = proxy.url;
  delete process.env.no_proxy;
  delete process.env.NO_PROXY;
  delete process.env.LINQ_API_V3_BASE_URL;
});
afterEach(() => {
  process.env = { ...saved };
});
afterAll(() => proxy.close());

/** What a way of setting the base URL does: the error it gives, or what it sends. */
async function outcome(run: () => Promise<unknown>): Promise<Error | undefined> {
  try {
    await run();
    return undefined;
  } catch (err) {
    return err as Error;
  }
}

/** Checks the URLs only: a failure must not print the Authorization header a request carried. */
function expectRefusedUnsent(err: Error | undefined, setting: string) {
  expect(proxy.received().map((r) => r.url)).toEqual([]);
  expect(err?.message).toContain("is plain http, which would send the API key in cleartext");
  expect(err?.message).toContain(`Set ${setting} to https`);
  expect(err?.message).not.toContain(KEY);
}

describe("a plain-http base URL off this machine", () => {
  it("is refused before anything is sent when given to the client (stack config, explicit provider)", async () => {
    const err = await outcome(async () =>
      createLinqClient({ apiKey: KEY, baseUrl: REMOTE }).webhookEvents.list(),
    );
    expect(err).toBeInstanceOf(ConfigurationError);
    expectRefusedUnsent(err, "'linq:baseUrl' (or an explicit provider's baseUrl)");
  });

  it("is refused when it comes from LINQ_API_V3_BASE_URL, naming the variable", async () => {
    process.env.LINQ_API_V3_BASE_URL = "HTTP://Linq.Example.Test/api/partner";
    const err = await outcome(async () => createLinqClient({ apiKey: KEY }).webhookEvents.list());
    expectRefusedUnsent(err, "LINQ_API_V3_BASE_URL");
  });

  it("is refused as a getWebhookEventTypes argument, naming the argument", async () => {
    const err = await outcome(() =>
      fetchWebhookEventTypes(
        () => undefined,
        { apiKey: KEY, baseUrl: REMOTE },
        {},
        () => undefined,
      ),
    );
    expectRefusedUnsent(err, "the baseUrl argument");
    expect(err?.message).toMatch(/^getWebhookEventTypes: /);
  });

  it("is refused by the resource's check through the stack config the provider was configured with", async () => {
    const ctx = callContext(newProcessState());
    const config: Record<string, string> = { "linq:apiKey": KEY, "linq:baseUrl": REMOTE };
    await webhookSubscription.configure(ctx, { config: { get: (k: string) => config[k] } } as never);
    const { failures } = await webhookSubscription.check(
      ctx,
      {},
      { targetUrl: "https://hooks.example.com/in", subscribedEvents: ["message.sent"] },
    );
    expect(proxy.received().map((r) => r.url)).toEqual([]);
    expect(failures.map((f) => f.reason).join("\n")).toContain(
      "is plain http, which would send the API key in cleartext",
    );
  });

  it("is refused for every host that is not loopback, and allowed for localhost, 127.0.0.0/8 and [::1]", () => {
    const refused = [
      "http://10.0.0.1:4010",
      "http://localhost.example.com",
      "http://[::ffff:127.0.0.1]:1",
      "http://127.example",
    ];
    for (const baseUrl of refused) {
      expect(() => resolveConnection({ apiKey: KEY, baseUrl }, {})).toThrow(/is plain http/);
    }
    const allowed = [
      "http://localhost:4010",
      "HTTP://LOCALHOST:1",
      "http://127.0.0.1:4010",
      "http://127.1.2.3",
      "http://[::1]:4010/x",
    ];
    expect(allowed.map((baseUrl) => resolveConnection({ apiKey: KEY, baseUrl }, {}).baseUrl)).toEqual(
      allowed.map((u) => u.replace(/^HTTP:/, "http:")),
    );
    expect(proxy.received().map((r) => r.url)).toEqual([]);
  });
});

describe("a loopback base URL", () => {
  it("works with the scheme in any case (HTTP://127.0.0.1:port), straight to the emulator", async () => {
    delete process.env.http_proxy;
    delete process.env.HTTP_PROXY;
    const baseUrl = emulator().url.replace(/^http:/, "HTTP:");
    const list = await createLinqClient({ apiKey: emulator().apiKey, baseUrl }).webhookEvents.list();
    expect(list.events).toEqual(emulator().events());
  });
});
