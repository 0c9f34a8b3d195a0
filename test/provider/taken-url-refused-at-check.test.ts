// A new resource whose targetUrl another subscription of the account holds fails at check, before any
// request that changes the account: nothing created, nothing recorded, the holder untouched.
import { HOSTS, lifecycle } from "../support/lifecycle";
import { subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";
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

    await expect(hook.up({ targetUrl, subscribedEvents: ["message.received"] })).rejects.toThrow(
      `targetUrl: targetUrl "${targetUrl}" is already used by webhook subscription ${holder}`,
    );

    expect(hook.recorded).toBeUndefined();
    expect(
      emulator()
        .requests()
        .filter((r) => r.method !== "GET"),
    ).toEqual([]);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([
      expect.objectContaining({ id: holder, subscribed_events: ["message.read"] }),
    ]);
  });
});
