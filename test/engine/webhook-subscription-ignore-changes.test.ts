// The resource option ignoreChanges on the Node SDK (dynamic provider): a field changed outside Pulumi and
// found by `pulumi refresh` is left as Linq has it when the program ignores that field (another team's
// phone filter, events toggled from a dashboard); the fields it does not ignore still converge. The
// plugin's twin is plugin-ignore-changes.test.ts.
import { expect } from "@jest/globals";
import { call, uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack, type Declared } from "../support/linq-stack";

const emulator = useEmulator();

describe("ignoreChanges after drift found by refresh (Node SDK)", () => {
  it("keeps the ignored fields as changed outside Pulumi, updates the others, and keeps a secret URL secret", async () => {
    const url = uniqueUrl("ignored-node");
    const declared = (isActive: boolean): Declared => ({
      name: "inbound",
      targetUrl: `secret:${url}`,
      subscribedEvents: ["message.received"],
      isActive,
      rotationTrigger: "2026-11",
      ignoreChanges: ["subscribedEvents", "phoneNumbers"],
    });
    const stack = await linqStack(emulator());
    await stack.declare([declared(true)]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const id = stack.subscriptionsInState()[0]!.id;

    // Changed outside Pulumi: one declared field, one the program leaves out.
    const outside = {
      subscribed_events: ["message.sent", "message.received"],
      phone_numbers: ["+14155551234"],
    };
    expect((await call(emulator(), "PUT", `/v3/webhook-subscriptions/${id}`, { body: outside })).status).toBe(
      200,
    );
    await stack.pulumiOk(["refresh", "--yes"]);
    // The inputs recorded by the refresh keep the URL encrypted (the program config holds it, not secret).
    const recorded = stack.subscriptionsInState()[0]!;
    expect(recorded.inputs).toMatchObject({
      subscribedEvents: outside.subscribed_events,
      targetUrl: { ciphertext: expect.any(String) },
    });
    expect(JSON.stringify(recorded)).not.toContain(url);

    await stack.pulumiOk(["preview", "--expect-no-changes"]);
    await stack.declare([declared(false)]);
    const up = await stack.pulumiOk(["up", "--yes"]);
    // Only isActive. The host hands read() no last inputs, so those recorded at the refresh come from the
    // outputs, without Linq's defaults (isActive true): the engine shows the change as "+isActive".
    expect(up.output).toMatch(/inbound\s+updated .*\[diff: [~+]isActive\]/);
    expect(
      emulator()
        .subscriptions()
        .find((s) => s.id === id),
    ).toMatchObject({ ...outside, is_active: false });

    // Without the option, the next up puts the declared events back and clears the phone filter.
    await stack.declare([{ ...declared(false), ignoreChanges: [] }]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(
      emulator()
        .subscriptions()
        .find((s) => s.id === id),
    ).toMatchObject({
      id,
      subscribed_events: ["message.received"],
      phone_numbers: null,
    });
    expect(stack.subscriptionsInState()[0]!.id).toBe(id);
  });
});
