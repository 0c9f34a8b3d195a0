// A rotation (rotationTrigger) of a subscription under the resource option retainOnDelete, on the real
// engine: the engine keeps the old subscription in Linq, which then holds the URL, so the replacement
// cannot be created. The failure says so and how to finish (not "set adopt: true", which would take the
// old one back and defeat the rotation); nothing is created twice, and following it completes the rotation.
import { call, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack, type Declared } from "../support/linq-stack";

const emulator = useEmulator();

describe("WebhookSubscription with retainOnDelete", () => {
  it("fails a rotation naming retainOnDelete and the fix, which then completes it", async () => {
    const stack = await linqStack(emulator());
    const declared: Declared = {
      name: "kept",
      targetUrl: uniqueUrl("retained"),
      subscribedEvents: ["message.read"],
      retainOnDelete: true,
    };
    await stack.declare([declared]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const [original] = stack.subscriptionsInState();
    const holders = () =>
      emulator()
        .subscriptions()
        .filter((s) => s.target_url === declared.targetUrl);

    await stack.declare([{ ...declared, rotationTrigger: "2026-11" }]);
    emulator().clearRequests();
    const refused = await stack.pulumi(["up", "--yes"]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(
      `still holds targetUrl "${declared.targetUrl}", so nothing was created. It is webhook subscription ${original!.id}`,
    );
    expect(refused.output).toContain("If the option retainOnDelete kept it");
    expect(refused.output).toContain(
      `delete webhook subscription ${original!.id} in Linq and run 'pulumi up'`,
    );
    expect(refused.output).not.toContain("set adopt: true");
    expect(writeRequests(emulator()).map((r) => r.method)).toEqual(["POST"]);
    expect(holders().map((s) => s.id)).toEqual([original!.id]);

    // As the message says: the retained subscription deleted in Linq, the same program completes the rotation.
    await call(emulator(), "DELETE", `/v3/webhook-subscriptions/${original!.id}`);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const [rotated] = stack.subscriptionsInState();
    expect(rotated!.id).not.toBe(original!.id);
    expect(holders().map((s) => s.id)).toEqual([rotated!.id]);
    expect(stack.subscriptionsInState()).toHaveLength(1);

    await stack.declare([{ ...declared, rotationTrigger: "2026-11", retainOnDelete: false }]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(holders()).toEqual([]);
  });
});
