// Linq's own client drives the emulator through every call: proof that the emulator speaks Linq's wire format.
import LinqAPIV3, {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  RateLimitError,
} from "@linqapp/sdk";
import { uniqueUrl, useEmulator } from "../support/emulator";

const emulator = useEmulator();
const sdk = (apiKey = emulator().apiKey) => new LinqAPIV3({ apiKey, baseURL: emulator().url, maxRetries: 0 });

describe("the official @linqapp/sdk against the emulator", () => {
  it("lists event types", async () => {
    const list = await sdk().webhookEvents.list();
    expect(list.events).toEqual(emulator().events());
    expect(typeof list.doc_url).toBe("string");
  });

  it("creates, lists, retrieves, updates and deletes a subscription", async () => {
    const client = sdk();
    const target_url = uniqueUrl("sdk");
    const created = await client.webhookSubscriptions.create({
      target_url,
      subscribed_events: ["message.sent", "message.delivered"],
      phone_numbers: ["+14155551234"],
    });
    expect(created.signing_secret).toMatch(/^whsec_/);
    expect(created).toMatchObject({ target_url, is_active: true, phone_numbers: ["+14155551234"] });

    const { subscriptions } = await client.webhookSubscriptions.list();
    expect(subscriptions.map((s) => s.id)).toContain(created.id);

    const retrieved = await client.webhookSubscriptions.retrieve(created.id);
    expect(retrieved).toMatchObject({
      id: created.id,
      subscribed_events: ["message.sent", "message.delivered"],
    });

    const updated = await client.webhookSubscriptions.update(created.id, {
      is_active: false,
      subscribed_events: ["message.read"],
      phone_numbers: null,
    });
    expect(updated).toMatchObject({ id: created.id, is_active: false, subscribed_events: ["message.read"] });
    expect(updated.phone_numbers).toBeNull();

    await client.webhookSubscriptions.delete(created.id);
    await expect(client.webhookSubscriptions.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("maps the emulator's errors to the SDK's error classes", async () => {
    const client = sdk();
    await expect(sdk("wrong-key").webhookEvents.list()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(
      client.webhookSubscriptions.create({
        target_url: uniqueUrl(),
        subscribed_events: ["message.snt" as "message.sent"],
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
    const taken = await client.webhookSubscriptions.create({
      target_url: uniqueUrl(),
      subscribed_events: ["message.sent"],
    });
    await expect(
      client.webhookSubscriptions.create({
        target_url: taken.target_url,
        subscribed_events: ["message.sent"],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(client.webhookSubscriptions.update("missing", { is_active: true })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(client.webhookSubscriptions.delete("missing")).rejects.toBeInstanceOf(NotFoundError);
    emulator().setFaults({ throttle: { count: 1 } });
    await expect(client.webhookEvents.list()).rejects.toBeInstanceOf(RateLimitError);
  });

  it("is retried by the SDK after a 429 with Retry-After", async () => {
    emulator().setFaults({ throttle: { count: 1, retryAfterMs: 50 } });
    const client = new LinqAPIV3({ apiKey: emulator().apiKey, baseURL: emulator().url, maxRetries: 2 });
    await expect(client.webhookEvents.list()).resolves.toMatchObject({ events: emulator().events() });
    expect(emulator().counters().faults["429"]).toBeGreaterThanOrEqual(1);
  });
});
