// Refresh against changes made outside Pulumi: a changed subscription is recorded as Linq has it (and
// the next up puts the declared values back); a deleted one leaves the state (blank id), and the next up
// creates it again.
import { HOSTS, lifecycle } from "../support/lifecycle";
import { subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";
import { deleteOutside, updateOutside } from "../support/outside-changes";

const emulator = useEmulator();

describe.each(HOSTS)("on the %s", (host) => {
  it("records a subscription changed outside Pulumi as Linq has it, and the next up puts it back", async () => {
    const targetUrl = uniqueUrl("drift");
    const declared = { targetUrl, subscribedEvents: ["message.received"] };
    const hook = lifecycle(host, emulator());
    await hook.up(declared);
    const { id } = hook;
    await updateOutside(emulator(), id!, { subscribed_events: ["message.read"], is_active: false });

    await expect(hook.refresh()).resolves.toMatchObject({ op: "refresh", calls: ["read"] });
    expect(hook.id).toBe(id);
    expect(hook.outputs).toMatchObject({ subscribedEvents: ["message.read"], isActive: false });

    emulator().clearRequests();
    await expect(hook.up(declared)).resolves.toMatchObject({ op: "update" });
    expect(emulator.count("PUT /v3/webhook-subscriptions/:id")).toBe(1);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([
      expect.objectContaining({ id, subscribed_events: ["message.received"], is_active: true }),
    ]);
  });

  it("drops a subscription deleted outside Pulumi from the state, and the next up creates it again", async () => {
    const targetUrl = uniqueUrl("deleted-outside");
    const declared = { targetUrl, subscribedEvents: ["message.received"] };
    const hook = lifecycle(host, emulator());
    await hook.up(declared);
    const old = hook.id!;
    await deleteOutside(emulator(), old);

    await hook.refresh();
    expect(hook.recorded).toBeUndefined();

    await expect(hook.up(declared)).resolves.toMatchObject({ op: "create" });
    const [made] = subscriptionsAt(emulator(), targetUrl);
    expect(made!.id).not.toBe(old);
    expect(hook.id).toBe(made!.id);
  });
});
