// getWebhookSubscriptions' shared implementation over real HTTP against the emulator, without the engine: one
// request per connection for any number of reads and filters, arguments checked before any request, and a
// refused key named without being shown. test/engine/get-webhook-subscriptions.test.ts runs it in real programs.
import { expect } from "@jest/globals";
import { fetchWebhookEventTypes } from "../../provider/get-webhook-event-types";
import { fetchWebhookSubscriptions, type FetchedInventories } from "../../provider/get-webhook-subscriptions";
import { call, useEmulator } from "../support/emulator";

const emulator = useEmulator();
const LIST = "GET /v3/webhook-subscriptions";
const EVENTS = "GET /v3/webhook-events";
const connection = () => ({ apiKey: emulator().apiKey, baseUrl: emulator().url });
const noConfig = () => undefined;

beforeAll(async () => {
  for (const [url, event] of [
    ["https://a.example.com/1", "message.received"],
    ["https://a.example.com/2", "message.read"],
    ["https://b.example.com/1", "message.received"],
  ]) {
    const body = { target_url: url, subscribed_events: [event] };
    await call(emulator(), "POST", "/v3/webhook-subscriptions", { body });
  }
});

describe("reading the account's subscriptions", () => {
  it("asks Linq once per connection, however many reads and filters", async () => {
    const fetched: FetchedInventories = {};
    const before = emulator.count(LIST);
    const read = (filters: { targetUrlPrefix?: string; event?: string }) =>
      fetchWebhookSubscriptions(noConfig, { ...connection(), ...filters }, fetched).then((r) =>
        // Sorted here: two subscriptions created in the same millisecond may come in either order.
        r.subscriptions.map((s) => s.targetUrl).sort(),
      );
    const [all, prefixed, received, both] = await Promise.all([
      read({}),
      read({ targetUrlPrefix: "https://a.example.com/" }),
      read({ event: "message.received" }),
      read({ targetUrlPrefix: "https://a.example.com/", event: "message.received" }),
    ]);
    expect(emulator.count(LIST) - before).toBe(1);
    expect(all).toEqual(["https://a.example.com/1", "https://a.example.com/2", "https://b.example.com/1"]);
    expect(prefixed).toEqual(["https://a.example.com/1", "https://a.example.com/2"]);
    expect(received).toEqual(["https://a.example.com/1", "https://b.example.com/1"]);
    expect(both).toEqual(["https://a.example.com/1"]);
  });

  it("lists the fields of a subscription and never its signing secret", async () => {
    const { subscriptions } = await fetchWebhookSubscriptions(noConfig, connection(), {});
    const secrets = emulator()
      .subscriptions()
      .map((s) => s.signing_secret);
    expect(Object.keys(subscriptions[0]!).sort()).toEqual(
      ["createdAt", "id", "isActive", "phoneNumbers", "subscribedEvents", "targetUrl", "updatedAt"].sort(),
    );
    expect(secrets.filter((secret) => JSON.stringify(subscriptions).includes(secret))).toEqual([]);
  });

  it("refuses a wrong argument before any request, naming it", async () => {
    const before = emulator.count(LIST);
    const wrong = fetchWebhookSubscriptions(noConfig, { ...connection(), event: 5 as unknown as string }, {});
    await expect(wrong).rejects.toThrow("getWebhookSubscriptions: the argument event is invalid");
    expect(emulator.count(LIST) - before).toBe(0);
  });

  it("names a refused key without showing it, and keeps no failed read", async () => {
    const fetched: FetchedInventories = {};
    const refused = fetchWebhookSubscriptions(
      noConfig,
      { ...connection(), apiKey: "wrong-key-0123" },
      fetched,
    );
    await expect(refused).rejects.toThrow(/^getWebhookSubscriptions: Linq refused the API key/);
    await expect(refused).rejects.not.toThrow("wrong-key-0123");
    expect(fetched).toEqual({});
  });

  it.each([
    [{ targetUrlPrefx: "https://a.example.com/" }, "targetUrlPrefx. Did you mean targetUrlPrefix?"],
    [{ baseURL: "https://elsewhere.example.com" }, "baseURL. Did you mean baseUrl?"],
    [{ apikey: "k" }, "apikey. Did you mean apiKey?"],
    [{ evnet: "message.read" }, "evnet. Did you mean event?"],
    [
      { Event: "message.read", eventt: "x" },
      "Event, eventt. Did you mean event for Event, event for eventt?",
    ],
    [{ baseUri: "https://x", limit: 5 }, "baseUri, limit. Did you mean baseUrl for baseUri?"],
    // A name's control characters are shown as escapes, in the guess too.
    [
      { "base\u001bUrl": "https://x", apikey: "k" },
      "base\\x1bUrl, apikey. Did you mean baseUrl for base\\x1bUrl, apiKey for apikey?",
    ],
    // Nothing near: no guess.
    [{ filter: "message.read" }, "filter."],
  ])(
    "refuses a misspelled argument %j before any request, with the one it is near: a dropped one would read more",
    async (extra, named) => {
      const before = emulator.count(LIST);
      const read = fetchWebhookSubscriptions(noConfig, { ...connection(), ...extra }, {});
      await expect(read).rejects.toThrow(
        `getWebhookSubscriptions has no argument ${named} Use apiKey, baseUrl, targetUrlPrefix, event.`,
      );
      expect(emulator.count(LIST) - before).toBe(0);
    },
  );
});

describe("the event filter", () => {
  const read = (event: string) =>
    fetchWebhookSubscriptions(noConfig, { ...connection(), event }, {}).then((r) =>
      r.subscriptions.map((s) => s.targetUrl).sort(),
    );

  it("refuses an event type that is not in Linq's live list, with the closest one", async () => {
    await expect(read("message.recieved")).rejects.toThrow(
      'getWebhookSubscriptions: the argument event, "message.recieved", is no webhook event type of ' +
        'Linq\'s list. Did you mean "message.received"?',
    );
    await expect(read("no.such.type")).rejects.toThrow(
      /is no webhook event type of Linq's list\. Use a name/,
    );
  });

  it("finds nothing, without error, for a type in the live list that no subscription has", async () => {
    await expect(read("call.ended")).resolves.toEqual([]);
  });

  it("still finds the subscriptions that keep a type Linq has retired, without asking for the list", async () => {
    const original = emulator().events();
    emulator().setEvents(original.filter((e) => e !== "message.read"));
    try {
      const before = emulator.count(EVENTS);
      await expect(read("message.read")).resolves.toEqual(["https://a.example.com/2"]);
      expect(emulator.count(EVENTS) - before).toBe(0);
      // The live list decides: a retired type that no subscription keeps is refused as any unknown one.
      emulator().setEvents(original.filter((e) => e !== "call.ended"));
      await expect(read("call.ended")).rejects.toThrow("is no webhook event type of Linq's list");
    } finally {
      emulator().setEvents(original);
    }
  });
});

describe("getWebhookEventTypes' arguments", () => {
  it.each([
    [{ baseURL: "https://x" }, "baseURL. Did you mean baseUrl?"],
    [{ base_url: "https://x" }, "base_url. Did you mean baseUrl?"],
    [{ apiKye: "k" }, "apiKye. Did you mean apiKey?"],
    [{ event: "message.read" }, "event."],
  ])(
    "refuses a misspelled argument %j before any request: a dropped baseUrl would read the stack's account",
    async (extra, named) => {
      const before = emulator.count(EVENTS);
      const read = fetchWebhookEventTypes(noConfig, { ...connection(), ...extra }, {}, () => {});
      await expect(read).rejects.toThrow(
        `getWebhookEventTypes has no argument ${named} Use apiKey, baseUrl.`,
      );
      expect(emulator.count(EVENTS) - before).toBe(0);
    },
  );
});
