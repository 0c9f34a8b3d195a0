// A create that took over a subscription (adopt) but could not bring it to the inputs: the engine
// records it (id, init errors), nothing is orphaned, and the next up finishes the job in place.
import { HOSTS, InitFailed, lifecycle } from "../support/lifecycle";
import { subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";
import { createOutside } from "../support/outside-changes";

const emulator = useEmulator();

describe.each(HOSTS)("on the %s", (host) => {
  it("records the subscription whose update failed, and the next up converges it", async () => {
    const targetUrl = uniqueUrl("partial");
    const existing = await createOutside(emulator(), {
      target_url: targetUrl,
      subscribed_events: ["message.read"],
    });
    const declared = { targetUrl, subscribedEvents: ["message.received"], adopt: true };
    const hook = lifecycle(host, emulator());
    emulator().setFaults({ forbidden: { rate: 1, match: { method: "PUT" } } });

    const failed = await hook.up(declared).catch((err: unknown) => err);
    emulator().setFaults({});

    expect(failed).toBeInstanceOf(InitFailed);
    expect((failed as Error).message).toContain(
      `webhook subscription ${existing} exists but could not be brought to the declared state`,
    );
    expect(hook.recorded).toMatchObject({ id: existing, initErrors: [expect.any(String)] });
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([
      expect.objectContaining({ id: existing, subscribed_events: ["message.read"] }),
    ]);

    emulator().clearRequests();
    await expect(hook.up(declared)).resolves.toMatchObject({ op: "update" });
    expect(emulator.count("POST /v3/webhook-subscriptions")).toBe(0);
    expect(hook.recorded!.initErrors).toBeUndefined();
    expect(hook.id).toBe(existing);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([
      expect.objectContaining({ id: existing, subscribed_events: ["message.received"] }),
    ]);
  });
});
