// The resource option replaceOnChanges on the dynamic resource, on the real engine: the engine gets no
// per-field diff from a dynamic provider, so it cannot honour the option. The program says so beside the
// resource instead of updating in place silently, and names rotationTrigger.
import { uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack, type Declared } from "../support/linq-stack";

const emulator = useEmulator();

describe("WebhookSubscription with replaceOnChanges", () => {
  it("warns that the option has no effect and names rotationTrigger; a change updates in place", async () => {
    const stack = await linqStack(emulator());
    const declared: Declared = {
      name: "replace-on-url",
      targetUrl: uniqueUrl("roc"),
      subscribedEvents: ["message.read"],
      replaceOnChanges: ["targetUrl"],
    };
    const warning =
      `WebhookSubscription "replace-on-url": the resource option replaceOnChanges has no effect on a ` +
      `dynamic resource`;
    await stack.declare([declared]);
    const created = await stack.pulumiOk(["up", "--yes"]);
    expect(created.output).toContain(warning);
    expect(created.output).toContain("change rotationTrigger");
    const [original] = stack.subscriptionsInState();

    await stack.declare([{ ...declared, targetUrl: uniqueUrl("roc-moved") }]);
    const moved = await stack.pulumiOk(["up", "--yes"]);
    expect(moved.output).toContain(warning);
    expect(stack.subscriptionsInState().map((r) => r.id)).toEqual([original!.id]);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });

  it("does not warn when it names only rotationTrigger, which replaces anyway", async () => {
    const stack = await linqStack(emulator());
    const declared: Declared = {
      name: "replace-on-trigger",
      targetUrl: uniqueUrl("roc-trigger"),
      subscribedEvents: ["message.read"],
      rotationTrigger: "2026-11",
      replaceOnChanges: ["rotationTrigger"],
    };
    await stack.declare([declared]);
    const created = await stack.pulumiOk(["up", "--yes"]);
    expect(created.output).not.toContain("replaceOnChanges");
    const [original] = stack.subscriptionsInState();

    await stack.declare([{ ...declared, rotationTrigger: "2026-12" }]);
    const rotated = await stack.pulumiOk(["up", "--yes"]);
    expect(rotated.output).not.toContain("replaceOnChanges");
    expect(rotated.output).toContain("replaced");
    expect(stack.subscriptionsInState().map((r) => r.id)).not.toEqual([original!.id]);
  });
});
