// A replacement (rotationTrigger) under the resource option deleteBeforeReplace: false, on the real engine:
// the engine creates the new subscription before deleting the old one, which still holds the URL when the
// URL stays the same. The failure names that option and the fix, which completes the rotation. The rotation
// with a new URL in the same update (created first, no gap) is pinned on both entry points by
// test/provider/replace-kept-predecessor.test.ts.
import { uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack, type Declared } from "../support/linq-stack";

const emulator = useEmulator();

describe("WebhookSubscription with deleteBeforeReplace: false", () => {
  it("fails a rotation that keeps the URL naming deleteBeforeReplace and the fix, which then completes it", async () => {
    const stack = await linqStack(emulator());
    const declared: Declared = {
      name: "created-first",
      targetUrl: uniqueUrl("create-first"),
      subscribedEvents: ["message.read"],
      deleteBeforeReplace: false,
    };
    await stack.declare([declared]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const [original] = stack.subscriptionsInState();

    await stack.declare([{ ...declared, rotationTrigger: "2026-11" }]);
    emulator().clearRequests();
    const refused = await stack.pulumi(["up", "--yes"]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(
      `still holds targetUrl "${declared.targetUrl}", so nothing was created. It is webhook subscription ${original!.id}`,
    );
    expect(refused.output).toContain(
      "If the option deleteBeforeReplace: false made the engine create the replacement first, remove it",
    );
    expect(refused.output).not.toContain("set adopt: true");
    expect(writeRequests(emulator()).map((r) => r.method)).toEqual(["POST"]);
    expect(
      emulator()
        .subscriptions()
        .filter((s) => s.target_url === declared.targetUrl),
    ).toHaveLength(1);

    // As the message says: without the option, the same rotation deletes first, then creates.
    await stack.declare([{ ...declared, rotationTrigger: "2026-11", deleteBeforeReplace: undefined }]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const [rotated] = stack.subscriptionsInState();
    expect(rotated!.id).not.toBe(original!.id);
    expect(
      emulator()
        .subscriptions()
        .filter((s) => s.target_url === declared.targetUrl),
    ).toMatchObject([{ id: rotated!.id }]);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});
