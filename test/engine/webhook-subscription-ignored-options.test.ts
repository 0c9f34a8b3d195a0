// The resource options replaceOnChanges and customTimeouts on the dynamic resource, on the real engine:
// the engine gets no per-field diff from a dynamic provider, so it cannot honour replaceOnChanges, and it
// sends customTimeouts to a provider plugin only. The program says so beside the resource instead of
// ignoring them silently, and names rotationTrigger and the native provider.
import { uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack, type Declared } from "../support/linq-stack";

const emulator = useEmulator();

describe("WebhookSubscription with replaceOnChanges or customTimeouts", () => {
  it("warns that each option has no effect and names what honours it; a change updates in place", async () => {
    const stack = await linqStack(emulator());
    const declared: Declared = {
      name: "replace-on-url",
      targetUrl: uniqueUrl("roc"),
      subscribedEvents: ["message.read"],
      replaceOnChanges: ["targetUrl"],
      customTimeouts: { create: "2m", delete: "1m" },
    };
    const warning =
      `WebhookSubscription "replace-on-url": the resource option replaceOnChanges has no effect on a ` +
      `dynamic resource`;
    const timeoutsWarning =
      `WebhookSubscription "replace-on-url": the resource option customTimeouts has no effect on a ` +
      `dynamic resource. Each create, update and delete is bounded by the client's own limits instead`;
    await stack.declare([declared]);
    const created = await stack.pulumiOk(["up", "--yes"]);
    expect(created.output).toContain(warning);
    expect(created.output).toContain("change rotationTrigger");
    expect(created.output).toContain(timeoutsWarning);
    expect(created.output).toContain("use the native provider (pulumi-linq/native");
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
    expect(created.output).not.toContain("customTimeouts");
    const [original] = stack.subscriptionsInState();

    await stack.declare([{ ...declared, rotationTrigger: "2026-12" }]);
    const rotated = await stack.pulumiOk(["up", "--yes"]);
    expect(rotated.output).not.toContain("replaceOnChanges");
    expect(rotated.output).toContain("replaced");
    expect(stack.subscriptionsInState().map((r) => r.id)).not.toEqual([original!.id]);
  });
});
