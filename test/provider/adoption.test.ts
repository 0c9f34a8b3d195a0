// adopt: true takes over the subscription that uses targetUrl, adopt: "<id>" the one with that id:
// recorded instead of created (no POST), brought to the declared inputs, its signing secret unknown
// (and said so); a later destroy, in another operation, deletes it.
import { HOSTS, lifecycle } from "../support/lifecycle";
import { subscriptionsAt, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { createOutside } from "../support/outside-changes";

const emulator = useEmulator();
const POSTS = "POST /v3/webhook-subscriptions";

describe.each(HOSTS)("on the %s", (host) => {
  it.each([
    ["true", (_id: string) => true],
    ["the subscription's id", (id: string) => id],
  ])("adopt: %s takes over the existing subscription and brings it to the inputs", async (_, adoptOf) => {
    const targetUrl = uniqueUrl("adopt");
    const existing = await createOutside(emulator(), {
      target_url: targetUrl,
      subscribed_events: ["message.read"],
    });
    emulator().clearRequests();
    const hook = lifecycle(host, emulator());

    const step = await hook.up({
      targetUrl,
      subscribedEvents: ["message.received"],
      adopt: adoptOf(existing),
    });

    expect(step.op).toBe("create");
    expect(step.warnings).toEqual([expect.stringContaining(`adopted webhook subscription ${existing}`)]);
    expect(emulator.count(POSTS)).toBe(0);
    expect(hook.id).toBe(existing);
    expect(hook.outputs.signingSecret).toBeUndefined();
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([
      expect.objectContaining({ id: existing, subscribed_events: ["message.received"] }),
    ]);

    await hook.destroy();
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([]);
  });

  it('adopt: "<id>" of a subscription at another URL warns at preview that up will move it, then moves it', async () => {
    const heldUrl = uniqueUrl("adopt-held");
    const targetUrl = uniqueUrl("adopt-declared");
    const existing = await createOutside(emulator(), {
      target_url: heldUrl,
      subscribed_events: ["message.read"],
    });
    emulator().clearRequests();
    const hook = lifecycle(host, emulator());
    const declared = { targetUrl, subscribedEvents: ["message.read"], adopt: existing };
    const moves =
      `adopting webhook subscription ${existing} moves it from another URL to targetUrl. It delivers to ` +
      `"${heldUrl}" now; 'pulumi up' will point it at targetUrl "${targetUrl}", and the receiver at its old ` +
      `URL will get no more events. If the id is wrong, or the subscription should keep its URL, correct ` +
      `adopt or set targetUrl to the URL it has.`;

    const preview = await hook.preview(declared);
    expect(preview.warnings).toEqual([moves]);
    expect(writeRequests(emulator())).toEqual([]);
    expect(subscriptionsAt(emulator(), heldUrl)).toEqual([expect.objectContaining({ id: existing })]);

    const up = await hook.up(declared);
    expect(up.warnings).toEqual([moves, expect.stringContaining(`adopted webhook subscription ${existing}`)]);
    expect(subscriptionsAt(emulator(), heldUrl)).toEqual([]);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([expect.objectContaining({ id: existing })]);
    await hook.destroy();
  });

  it('refuses adopt: "<id>" at check when another subscription holds targetUrl, before anything changes', async () => {
    const targetUrl = uniqueUrl("adopt-taken");
    const elsewhere = await createOutside(emulator(), {
      target_url: uniqueUrl("adopt-elsewhere"),
      subscribed_events: ["message.read"],
    });
    const holder = await createOutside(emulator(), {
      target_url: targetUrl,
      subscribed_events: ["message.read"],
    });
    emulator().clearRequests();
    const hook = lifecycle(host, emulator());
    await expect(
      hook.up({ targetUrl, subscribedEvents: ["message.read"], adopt: elsewhere }),
    ).rejects.toThrow(
      `targetUrl: targetUrl "${targetUrl}" is held by another subscription, so the one adopt names cannot ` +
        `move to it. It is webhook subscription ${holder}; adopt names ${elsewhere}, which delivers to another URL`,
    );
    expect(writeRequests(emulator())).toEqual([]);
    expect(hook.recorded).toBeUndefined();
  });

  it("adopt: true creates the subscription when none uses the URL", async () => {
    const targetUrl = uniqueUrl("adopt-none");
    const hook = lifecycle(host, emulator());
    emulator().clearRequests();
    await hook.up({ targetUrl, subscribedEvents: ["message.received"], adopt: true });
    const [made] = subscriptionsAt(emulator(), targetUrl);
    expect(emulator.count(POSTS)).toBe(1);
    expect(hook.outputs).toMatchObject({ signingSecret: made!.signing_secret });
  });

  it("refuses adopt: an id the account lacks, at check, before anything is created", async () => {
    const hook = lifecycle(host, emulator());
    emulator().clearRequests();
    await expect(
      hook.up({
        targetUrl: uniqueUrl("adopt-missing"),
        subscribedEvents: ["message.read"],
        adopt: "sub_missing",
      }),
    ).rejects.toThrow(`adopt: adopt: this Linq account has no webhook subscription with id "sub_missing"`);
    expect(emulator.count(POSTS)).toBe(0);
    expect(hook.recorded).toBeUndefined();
  });
});
