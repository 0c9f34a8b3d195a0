// A targetUrl that another subscription of the account holds fails at check, before any request that
// changes the account: for a new resource (nothing created, nothing recorded) and for one moved onto it
// (nothing updated, still recorded as it was); the holder untouched.
import { HOSTS, lifecycle } from "../support/lifecycle";
import { subscriptionsAt, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { createOutside } from "../support/outside-changes";

const emulator = useEmulator();

describe.each(HOSTS)("on the %s", (host) => {
  it("refuses the URL at check, naming the holder and the way out, and sends nothing", async () => {
    const targetUrl = uniqueUrl("taken");
    const holder = await createOutside(emulator(), {
      target_url: targetUrl,
      subscribed_events: ["message.read"],
    });
    emulator().clearRequests();
    const hook = lifecycle(host, emulator());

    const refused = hook.up({ targetUrl, subscribedEvents: ["message.received"] });
    await expect(refused).rejects.toThrow(
      // The URL may be cut to fit the first sentence (160 characters); the holder's id never is.
      `is already used by webhook subscription ${holder}`,
    );
    await expect(refused).rejects.toThrow("set adopt: true");

    expect(hook.recorded).toBeUndefined();
    expect(writeRequests(emulator())).toEqual([]);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([
      expect.objectContaining({ id: holder, subscribed_events: ["message.read"] }),
    ]);
  });

  it("refuses an existing resource moved onto a taken URL at check, and sends nothing", async () => {
    const taken = uniqueUrl("taken-move");
    const holder = await createOutside(emulator(), {
      target_url: taken,
      subscribed_events: ["message.read"],
    });
    const hook = lifecycle(host, emulator());
    await hook.up({ targetUrl: uniqueUrl("mover"), subscribedEvents: ["message.read"] });
    const before = hook.recorded;
    emulator().clearRequests();

    await expect(hook.up({ targetUrl: taken, subscribedEvents: ["message.read"] })).rejects.toThrow(
      `is already used by webhook subscription ${holder}, perhaps of another resource`,
    );

    expect(hook.recorded).toEqual(before);
    expect(writeRequests(emulator())).toEqual([]);
    expect(subscriptionsAt(emulator(), taken)).toEqual([expect.objectContaining({ id: holder })]);
  });
});
