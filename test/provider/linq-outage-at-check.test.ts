// Linq answers every request with 503: a subscription whose events are unchanged (in any order) still
// passes check, with a warning; a new or changed one fails at check, naming the way to validate offline;
// nothing is written. (A refused, denied or missing key is no outage: test/engine/
// webhook-subscription-linq-outage.test.ts, through the stack's config.)
import { HOSTS, lifecycle } from "../support/lifecycle";
import { uniqueUrl, useEmulator, writeRequests } from "../support/emulator";

const emulator = useEmulator();
const UNFETCHED = /^subscribedEvents: could not fetch Linq's list[^]*linq:validateOffline/;

describe.each(HOSTS)("on the %s", (host) => {
  it("passes an unchanged subscription with a warning during an outage, and fails new or changed ones", async () => {
    const inbound = lifecycle(host, emulator(), "inbound");
    const declared = { targetUrl: uniqueUrl("outage"), subscribedEvents: ["message.read", "message.sent"] };
    await inbound.up(declared);
    // x-should-retry: false spares each check its ~20 s of retries; what follows them is the same 503.
    emulator().setFaults({ errors: { rate: 1, statuses: [503], shouldRetry: false } });
    emulator().clearRequests();

    const same = await inbound.up({ ...declared, subscribedEvents: ["message.sent", "message.read"] });
    expect(same.op).toBe("same");
    const warned = same.warnings.join("\n");
    expect(warned).toContain("could not fetch Linq's list of webhook event types");
    expect(warned).toContain("unchanged were not checked again");
    const before = inbound.recorded;

    const fresh = lifecycle(host, emulator(), "fresh");
    await expect(
      fresh.up({ targetUrl: uniqueUrl("outage-fresh"), subscribedEvents: ["message.read"] }),
    ).rejects.toThrow(UNFETCHED);
    await expect(inbound.up({ ...declared, subscribedEvents: ["message.read"] })).rejects.toThrow(UNFETCHED);

    expect(fresh.recorded).toBeUndefined();
    expect(inbound.recorded).toEqual(before);
    expect(writeRequests(emulator())).toEqual([]);
  });
});
