import { BadResponseError } from "../../provider/client";
import { clientFor } from "../support/client";
import { subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";

const emulator = useEmulator();

describe("client response validation", () => {
  it.each([
    ["missing-fields", /GET \/v3\/webhook-events answered 200 with an unexpected body: events: /],
    ["wrong-types", /GET \/v3\/webhook-events answered 200 with an unexpected body: events: .*array/],
    ["not-json", /GET \/v3\/webhook-events answered 200 with a body that is not JSON/],
  ] as const)(
    "turns a %s answer into a BadResponseError naming the call and the field",
    async (kind, message) => {
      emulator().setFaults({ malformed: { count: 1, kind } });
      // No retries: a body that is not JSON would be retried (test/unit/reliability-hostile-network.test.ts).
      const { client } = clientFor(emulator(), { maxRetries: 0 });
      const err = await client.webhookEvents.list().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BadResponseError);
      expect((err as Error).message).toMatch(message);
    },
  );

  it("names the field of a subscription that is missing", async () => {
    const { client } = clientFor(emulator());
    const { subscription } = await client.webhookSubscriptions.create({
      target_url: uniqueUrl(),
      subscribed_events: ["message.sent"],
    });
    emulator().setFaults({ malformed: { count: 1, kind: "missing-fields" } });
    await expect(client.webhookSubscriptions.retrieve(subscription.id)).rejects.toThrow(
      `GET /v3/webhook-subscriptions/${subscription.id} answered 200 with an unexpected body: id:`,
    );
  });

  it("retries a gateway's HTML page on a GET", async () => {
    emulator().setFaults({ malformed: { count: 1, kind: "html" } });
    const { client, retries } = clientFor(emulator());
    await expect(client.webhookEvents.list()).resolves.toMatchObject({ events: emulator().events() });
    expect(retries[0]?.reason).toBe("502");
  });
});

describe("client create after an ambiguous POST", () => {
  const count = (url: string) => subscriptionsAt(emulator(), url).length;

  it.each([
    [
      "the connection dropped after processing",
      { drop: { count: 1, match: { method: "POST" } } },
      "APIConnectionError",
    ],
    ["the answer was not JSON", { malformed: { count: 1, kind: "not-json" as const } }, "BadResponseError"],
  ])(
    "reports the subscription that was created when %s, and creates no second one",
    async (_label, faults, cause) => {
      emulator().setFaults(faults);
      const { client } = clientFor(emulator());
      const target_url = uniqueUrl();
      const result = await client.webhookSubscriptions.create({
        target_url,
        subscribed_events: ["message.sent"],
      });
      expect(result.recovered).toBe(true);
      expect(result.subscription.target_url).toBe(target_url);
      expect(result.recovered && result.cause.name).toBe(cause);
      expect(count(target_url)).toBe(1);
      expect(result.subscription.id).toBe(subscriptionsAt(emulator(), target_url)[0]?.id);
    },
  );

  it("posts again when the lookup shows that the POST was not processed", async () => {
    emulator().setFaults({ malformed: { count: 1, kind: "html", match: { method: "POST" } } });
    const { client } = clientFor(emulator());
    const target_url = uniqueUrl();
    const result = await client.webhookSubscriptions.create({
      target_url,
      subscribed_events: ["message.sent"],
    });
    expect(result.recovered).toBe(false);
    expect(count(target_url)).toBe(1);
  });

  it("does not look anything up after a clean refusal", async () => {
    emulator().clearRequests();
    const { client } = clientFor(emulator());
    await expect(
      client.webhookSubscriptions.create({ target_url: "https://x.example/a", subscribed_events: [] }),
    ).rejects.toThrow(/400/);
    expect(emulator.count("GET /v3/webhook-subscriptions")).toBe(0);
  });
});
