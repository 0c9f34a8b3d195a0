// One stack's life on the real engine, for what only the engine shows: the CLI's summary and diff text
// (`+ 2 created`, `[diff: ~isActive]`, `+-1 replaced`, `- 1 deleted`), the signing secret shown as
// [secret], the stack's outputs, and refresh drift named in the next update's diff. What the provider does
// at each step (one PUT of the changed field, lists in any order, clearing a filter, deleting what is gone)
// is pinned on both entry points in test/provider/ (create-update-delete, refresh-drift,
// replace-on-rotation-trigger).
import { call, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack, type Declared, type LinqStack } from "../support/linq-stack";

const emulator = useEmulator();
const SUBS = "/v3/webhook-subscriptions";

describe("WebhookSubscription lifecycle", () => {
  let stack: LinqStack;
  let declared: Declared;

  const account = () => emulator().subscriptions();
  const live = () => account().find((s) => s.target_url === declared.targetUrl);
  const outputs = async () => {
    const { inbound } = await stack.exported();
    if (!inbound) throw new Error("the program exports no subscription named inbound");
    return inbound;
  };
  const upWith = async (changes: Partial<Declared>) => {
    declared = { ...declared, ...changes };
    await stack.declare([declared]);
    emulator().clearRequests();
    return stack.pulumiOk(["up", "--yes"]);
  };

  beforeAll(async () => {
    stack = await linqStack(emulator());
    declared = {
      name: "inbound",
      targetUrl: uniqueUrl("life"),
      subscribedEvents: ["message.received", "message.read"],
    };
  });

  it("creates the subscription with up, its signing secret a secret output", async () => {
    const up = await upWith({});
    expect(up.output).toMatch(/\+ 2 created/);
    expect(up.output).toContain("signingSecret: [secret]");
    const created = live()!;
    expect(created).toMatchObject({
      subscribed_events: ["message.received", "message.read"],
      is_active: true,
    });
    expect(stack.subscriptionsInState().map((r) => r.id)).toEqual([created.id]);
    expect(await outputs()).toEqual({ id: created.id, signingSecret: created.signing_secret });
  });

  it.each([["isActive", { isActive: false }, "is_active"]] as [string, Partial<Declared>, string][])(
    "updates the %s in place: same id, same secret, one PUT of that field",
    async (_label, change, wire) => {
      const before = await outputs();
      const up = await upWith(change);
      expect(up.output).toMatch(/~ 1 updated/);
      // The engine names the changed input, ~ changed or + added (README, "What works where").
      expect(up.output).toMatch(
        new RegExp(`inbound\\s+updated .*\\[diff: [~+]${Object.keys(change).join(",[~+]")}\\]`),
      );
      expect(writeRequests(emulator()).map((r) => [r.method, Object.keys(r.body as object)])).toEqual([
        ["PUT", [wire]],
      ]);
      expect(await outputs()).toEqual(before);
      expect(live()!.signing_secret).toBe(before.signingSecret);
    },
  );

  it("shows drift on refresh after an out-of-band change, and up restores the declared state", async () => {
    const id = live()!.id;
    await call(emulator(), "PUT", `${SUBS}/${id}`, {
      body: { subscribed_events: ["call.ended"], is_active: true },
    });
    const refresh = await stack.pulumiOk(["refresh", "--yes", "--diff"]);
    expect(refresh.output).toMatch(/~ 1 updated/);
    expect(refresh.output).toContain("call.ended");
    const up = await upWith({});
    expect(up.output).toMatch(/~ 1 updated/);
    // The refresh recorded Linq's values as the inputs: the update names the field that drifted (README).
    expect(up.output).toMatch(/inbound\s+updated .*\[diff: \+isActive~subscribedEvents\]/);
    expect(new Set(live()!.subscribed_events)).toEqual(new Set(declared.subscribedEvents));
    expect(live()!.is_active).toBe(false);
  });

  it("drops a subscription deleted outside Pulumi on refresh, and up creates it again", async () => {
    await call(emulator(), "DELETE", `${SUBS}/${live()!.id}`);
    const refresh = await stack.pulumiOk(["refresh", "--yes"]);
    expect(refresh.output).toMatch(/- 1 deleted/);
    expect(stack.subscriptionsInState()).toEqual([]);
    await upWith({});
    expect(stack.subscriptionsInState().map((r) => r.id)).toEqual([live()!.id]);
  });

  it("replaces the subscription, deleting first, when rotationTrigger changes: a new secret", async () => {
    const before = await outputs();
    const up = await upWith({ rotationTrigger: "2026-11" });
    expect(up.output).toMatch(/\+-1 replaced/);
    expect(writeRequests(emulator()).map((r) => r.method)).toEqual(["DELETE", "POST", "PUT"]);
    const after = await outputs();
    expect(after.id).not.toBe(before.id);
    expect(after.signingSecret).not.toBe(before.signingSecret);
    expect(after.signingSecret).toBe(live()!.signing_secret);
    expect(account().filter((s) => s.id === before.id)).toEqual([]);
  });

  it("destroys it", async () => {
    const destroy = await stack.pulumiOk(["destroy", "--yes"]);
    expect(destroy.output).toMatch(/- 2 deleted/);
    expect(live()).toBeUndefined();
    expect(stack.subscriptionsInState()).toEqual([]);
  });
});
