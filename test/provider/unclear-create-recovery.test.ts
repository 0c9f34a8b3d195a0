// A create that got no clear answer (the connection dropped after Linq processed it; a gateway's 504
// while Linq goes on): the provider finds the subscription Linq made and records it, no duplicate, and
// warns that its signing secret was lost. After a drop the lookup finds it at once: one POST. After a 504
// the POST may be sent again while Linq is still on the first (the one-URL rule refuses the second): how
// many depends on timing.
import { HOSTS, lifecycle } from "../support/lifecycle";
import { subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";
import type { FaultConfigInput } from "../../emulator";

const emulator = useEmulator();

const FAULTS: [string, FaultConfigInput, number | undefined][] = [
  ["the connection dropped after processing", { drop: { rate: 1, match: { method: "POST" } } }, 1],
  [
    "a 504 while Linq goes on",
    { gatewayTimeout: { rate: 1, processAfterMs: 300, match: { method: "POST" } } },
    undefined,
  ],
];

describe.each(HOSTS)("on the %s", (host) => {
  it.each(FAULTS)("records the subscription Linq made after %s", async (_, faults, posts) => {
    const targetUrl = uniqueUrl("unclear");
    const hook = lifecycle(host, emulator());
    emulator().clearRequests();
    emulator().setFaults(faults);

    const step = await hook.up({ targetUrl, subscribedEvents: ["message.received"] });
    emulator().setFaults({});

    const made = subscriptionsAt(emulator(), targetUrl);
    expect(made).toHaveLength(1);
    if (posts !== undefined) expect(emulator.count("POST /v3/webhook-subscriptions")).toBe(posts);
    expect(step).toMatchObject({ op: "create" });
    expect(hook.id).toBe(made[0]!.id);
    expect(hook.outputs.signingSecret).toBeUndefined();
    expect(step.warnings).toEqual([expect.stringContaining("got no clear answer")]);
    expect(step.warnings[0]).toContain("change rotationTrigger");

    // Recorded as any other: the next up changes nothing.
    await expect(hook.up({ targetUrl, subscribedEvents: ["message.received"] })).resolves.toMatchObject({
      op: "same",
    });
  });
});
