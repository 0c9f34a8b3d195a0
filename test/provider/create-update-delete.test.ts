// A subscription created, left alone when nothing changed, updated in place (events, phone numbers,
// isActive: same id, same signing secret), and deleted, deleted again when already gone: on both entry points.
import { HOSTS, lifecycle, secretNames } from "../support/lifecycle";
import { subscriptionsAt, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { deleteOutside } from "../support/outside-changes";

const emulator = useEmulator();
const PUTS = "PUT /v3/webhook-subscriptions/:id";

describe.each(HOSTS)("on the %s", (host) => {
  it("creates the subscription and records its id, outputs and signing secret", async () => {
    const targetUrl = uniqueUrl("create");
    const hook = lifecycle(host, emulator());
    const step = await hook.up({ targetUrl, subscribedEvents: ["message.received", "message.read"] });

    expect(step).toMatchObject({ op: "create", calls: ["check", "create"] });
    const [made] = subscriptionsAt(emulator(), targetUrl);
    expect(hook.id).toBe(made!.id);
    expect(hook.outputs).toMatchObject({
      targetUrl,
      subscribedEvents: ["message.received", "message.read"],
      isActive: true,
      signingSecret: made!.signing_secret,
    });
    // The plugin marks it secret itself; the dynamic provider's engine does (additionalSecretOutputs).
    if (host === "plugin") expect(secretNames(hook.recorded!.outputs)).toEqual(["signingSecret"]);
  });

  it("sends nothing when nothing changed, whatever the order of the lists", async () => {
    const targetUrl = uniqueUrl("same");
    const hook = lifecycle(host, emulator());
    const phoneNumbers = ["+14155550100", "+12125550100"];
    await hook.up({ targetUrl, subscribedEvents: ["message.received", "message.read"], phoneNumbers });
    const before = hook.recorded;
    emulator().clearRequests();

    const step = await hook.up({
      targetUrl,
      subscribedEvents: ["message.read", "message.received"],
      phoneNumbers: [...phoneNumbers].reverse(),
    });

    expect(step).toMatchObject({ op: "same", calls: ["check", "diff"] });
    expect(hook.recorded!.outputs).toEqual(before!.outputs);
    expect(emulator.count(PUTS)).toBe(0);
    expect(emulator.count("POST /v3/webhook-subscriptions")).toBe(0);
  });

  it("updates events, phone numbers, isActive and the URL in place: same id and secret, one PUT of the field", async () => {
    const hook = lifecycle(host, emulator());
    let declared: Record<string, unknown> = {
      targetUrl: uniqueUrl("update"),
      subscribedEvents: ["message.received"],
    };
    await hook.up(declared);
    const { id } = hook;
    const secret = hook.outputs.signingSecret;
    const moved = uniqueUrl("update-moved");

    const changes: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { subscribedEvents: ["message.received", "message.failed"] },
        { subscribed_events: ["message.received", "message.failed"] },
      ],
      [{ phoneNumbers: ["+14155550100"] }, { phone_numbers: ["+14155550100"] }],
      [{ isActive: false }, { is_active: false }],
      // Removed from the program: the filter is cleared.
      [{ phoneNumbers: undefined }, { phone_numbers: null }],
      [{ targetUrl: moved }, { target_url: moved }],
    ];
    for (const [change, body] of changes) {
      declared = { ...declared, ...change };
      emulator().clearRequests();
      const step = await hook.up(declared);
      expect(step).toMatchObject({ op: "update", calls: ["check", "diff", "update"] });
      expect(writeRequests(emulator()).map((r) => [r.method, r.body])).toEqual([["PUT", body]]);
      expect(hook.id).toBe(id);
      expect(hook.outputs.signingSecret).toBe(secret);
    }

    expect(subscriptionsAt(emulator(), moved)).toEqual([
      expect.objectContaining({
        id,
        subscribed_events: ["message.received", "message.failed"],
        phone_numbers: null,
        is_active: false,
        signing_secret: secret,
      }),
    ]);
    expect(hook.outputs).toMatchObject({ targetUrl: moved, isActive: false });
  });

  it("deletes the subscription, and a subscription already gone is deleted too", async () => {
    const kept = lifecycle(host, emulator(), "kept");
    const gone = lifecycle(host, emulator(), "gone");
    await kept.up({ targetUrl: uniqueUrl("delete"), subscribedEvents: ["message.read"] });
    await gone.up({ targetUrl: uniqueUrl("gone"), subscribedEvents: ["message.read"] });
    const goneUrl = gone.outputs.targetUrl as string;
    const keptUrl = kept.outputs.targetUrl as string;
    await kept.destroy();
    expect(subscriptionsAt(emulator(), keptUrl)).toEqual([]);
    expect(kept.recorded).toBeUndefined();

    // Deleted outside Pulumi first: destroy still succeeds.
    await deleteOutside(emulator(), gone.id!);
    emulator().clearRequests();
    await expect(gone.destroy()).resolves.toMatchObject({ op: "delete" });
    expect(emulator.count("DELETE /v3/webhook-subscriptions/:id")).toBe(1);
    expect(subscriptionsAt(emulator(), goneUrl)).toEqual([]);
  });
});
