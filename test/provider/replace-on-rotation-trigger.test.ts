// A changed rotationTrigger replaces the subscription, delete first (Linq allows one subscription per
// URL): a new id and a new signing secret, the old subscription deleted, and the engine's second check
// of the replacement (as a new resource, no olds) not refused for the URL its predecessor still holds.
import { HOSTS, lifecycle } from "../support/lifecycle";
import { subscriptionsAt, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";

const emulator = useEmulator();

describe.each(HOSTS)("on the %s", (host) => {
  it("replaces the subscription: new id, new signing secret, the old one deleted before the create", async () => {
    const targetUrl = uniqueUrl("rotate");
    const inputs = { targetUrl, subscribedEvents: ["message.received"] };
    const hook = lifecycle(host, emulator());
    await hook.up({ ...inputs, rotationTrigger: "1" });
    const old = { id: hook.id, secret: hook.outputs.signingSecret };
    emulator().clearRequests();

    const step = await hook.up({ ...inputs, rotationTrigger: "2" });

    expect(step).toMatchObject({ op: "replace", calls: ["check", "diff", "check", "delete", "create"] });
    const [now, ...others] = subscriptionsAt(emulator(), targetUrl);
    expect(others).toEqual([]);
    expect(now!.id).not.toBe(old.id);
    expect(hook.id).toBe(now!.id);
    expect(hook.outputs).toMatchObject({ rotationTrigger: "2", signingSecret: now!.signing_secret });
    expect(hook.outputs.signingSecret).not.toBe(old.secret);
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.id),
    ).not.toContain(old.id);
    // Deleted, then created: the order Linq's one-URL rule needs.
    const writes = writeRequests(emulator()).map((r) => r.route);
    expect(writes).toEqual(["DELETE /v3/webhook-subscriptions/:id", "POST /v3/webhook-subscriptions"]);
  });
});
