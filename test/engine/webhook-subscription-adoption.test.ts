// Taking over a subscription that exists in Linq but not in the stack (the engine's import does not
// work for dynamic resources), for what only the engine shows: the warning in the CLI's output, the stack's
// outputs, and the program-side handling of the import option (refused; an empty id is no import). Both
// adopt forms, adopt: true creating when none uses the URL, and an unknown id refused at check are pinned on
// both entry points by test/provider/adoption.test.ts.
import { call, subscriptionsAt, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack } from "../support/linq-stack";

const emulator = useEmulator();

async function existing(events = ["message.sent"]) {
  const res = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
    body: { target_url: uniqueUrl("adopt"), subscribed_events: events },
  });
  return res.body as { id: string; target_url: string; signing_secret: string };
}

describe("WebhookSubscription adoption", () => {
  it.each([["its id", (sub: { id: string }) => sub.id]])(
    "takes over an existing subscription by %s and brings it to the declared state",
    async (_label, adopt) => {
      const sub = await existing();
      const stack = await linqStack(emulator());
      await stack.declare([
        { name: "adopted", targetUrl: sub.target_url, subscribedEvents: ["message.read"], adopt: adopt(sub) },
      ]);
      emulator().clearRequests();
      const up = await stack.pulumiOk(["up", "--yes"]);
      expect(up.output).toContain(`adopted webhook subscription ${sub.id}`);
      expect(up.output).toContain("its signing secret is unknown to Pulumi");
      expect(writeRequests(emulator()).map((r) => r.method)).toEqual(["PUT"]);
      expect(stack.subscriptionsInState().map((r) => r.id)).toEqual([sub.id]);
      expect(subscriptionsAt(emulator(), sub.target_url)).toMatchObject([
        { id: sub.id, subscribed_events: ["message.read"], signing_secret: sub.signing_secret },
      ]);
      expect((await stack.exported()).adopted).toEqual({ id: sub.id });
    },
  );

  it("refuses the import resource option at preview, naming adopt, and writes nothing", async () => {
    const sub = await existing();
    const stack = await linqStack(emulator());
    await stack.declare([
      { name: "imported", targetUrl: sub.target_url, subscribedEvents: ["message.sent"], importId: sub.id },
    ]);
    emulator().clearRequests();
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      `WebhookSubscription "imported": the resource option import does not work with a dynamic provider`,
    );
    expect(preview.output).toContain(`adopt: "${sub.id}"`);
    expect(preview.output).not.toContain("code must be a string");
    expect(writeRequests(emulator())).toEqual([]);

    await stack.declare([
      { name: "imported", targetUrl: sub.target_url, subscribedEvents: ["message.sent"], adopt: sub.id },
    ]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(stack.subscriptionsInState().map((r) => r.id)).toEqual([sub.id]);
  });

  it('accepts an empty import id, which Pulumi treats as no import (import: config.get(...) ?? "")', async () => {
    const stack = await linqStack(emulator());
    const declared = { name: "plain", targetUrl: uniqueUrl("no-import"), subscribedEvents: ["message.sent"] };
    await stack.declare([{ ...declared, importId: "" }]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(subscriptionsAt(emulator(), declared.targetUrl)).toHaveLength(1);
  });
});
