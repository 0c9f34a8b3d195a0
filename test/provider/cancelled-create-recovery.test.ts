// Ctrl-C (the plugin's Cancel) cuts short a create whose answer was unclear: the lookup that follows,
// bounded to 10 s, over real HTTP against the emulator. The engine scenario is reliability-cancelled-create.
import { RECOVERY_AFTER_CANCEL_MS, recoverCancelledCreate } from "../../provider/cancelled-create";
import { CancelledError } from "../../provider/client";
import { clientFor } from "../support/client";
import { subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";

const emulator = useEmulator();
const LOOKUPS = "GET /v3/webhook-subscriptions";

/** A create cancelled right after its first lookup (which found nothing), then recovered as the provider does. */
async function cancelledCreate() {
  const cancellation = new AbortController();
  const { client } = clientFor(emulator(), { cancelled: cancellation.signal });
  const body = { target_url: uniqueUrl("cancelled"), subscribed_events: ["message.read"] };
  emulator().clearRequests();
  const startedAt = Date.now();
  const created = client.webhookSubscriptions.create(body);
  while (emulator.count(LOOKUPS) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  cancellation.abort();
  const result = await created
    .catch((err: unknown) => recoverCancelledCreate(client, body, startedAt, err))
    .catch((err: unknown) => err);
  return { body, result, ms: Date.now() - startedAt };
}

describe("a create cancelled after an unclear answer", () => {
  it("records the subscription that Linq creates after the cancellation", async () => {
    emulator().setFaults({ gatewayTimeout: { rate: 1, processAfterMs: 1500, match: { method: "POST" } } });
    const { body, result } = await cancelledCreate();
    const [made] = subscriptionsAt(emulator(), body.target_url);
    expect(result).toMatchObject({ recovered: true, subscription: { id: made!.id } });
    expect(emulator.count("POST /v3/webhook-subscriptions")).toBe(1);
  });

  it("gives up after 10 s, saying that it may yet exist and how to adopt it", async () => {
    emulator().setFaults({ gatewayTimeout: { rate: 1, processAfterMs: 20_000, match: { method: "POST" } } });
    const { body, result, ms } = await cancelledCreate();
    expect(ms).toBeLessThan(RECOVERY_AFTER_CANCEL_MS + 5_000);
    expect(result).toBeInstanceOf(Error);
    const message = (result as Error).message;
    expect(message).toContain(`the subscription for ${body.target_url}`);
    expect(message).toContain("Linq may still create it");
    expect(message).toContain("'LINQ_ADOPT_EXISTING=true pulumi up'");
    expect(message).toContain("the operation was cancelled (Ctrl-C)");
    expect(subscriptionsAt(emulator(), body.target_url)).toEqual([]);
    // The first lookup, the create's own, then the recovery's: a handful, not one every few milliseconds.
    expect(emulator.count(LOOKUPS)).toBeLessThanOrEqual(8);
  });

  it("looks nothing up after a refusal that surely was not processed (503)", async () => {
    emulator().setFaults({ errors: { rate: 1, statuses: [503], match: { method: "POST" } } });
    const cancellation = new AbortController();
    const { client } = clientFor(emulator(), {
      cancelled: cancellation.signal,
      onRetry: () => setImmediate(() => cancellation.abort()),
    });
    const body = { target_url: uniqueUrl("refused"), subscribed_events: ["message.read"] };
    emulator().clearRequests();
    const err = await client.webhookSubscriptions
      .create(body)
      .catch((e: unknown) => recoverCancelledCreate(client, body, Date.now(), e))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(emulator.count(LOOKUPS)).toBe(0);
  });
});
