// A targetUrl built from another resource's output (an API gateway's host, a function URL) is unknown at
// preview: it is never taken for a duplicate then, and the duplicate check runs once it is known.
import { subscriptionsAt, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack } from "../support/linq-stack";

const emulator = useEmulator();
const sub = (name: string, targetUrl: string) => ({ name, targetUrl, subscribedEvents: ["message.read"] });

describe("a targetUrl computed from another resource's output", () => {
  it("passes preview and up on a fresh stack, and again when its source is updated", async () => {
    const stack = await linqStack(emulator());
    const first = uniqueUrl("computed");
    await stack.declare([sub("inbound", `echo:${first}`)]);
    await stack.pulumiOk(["preview"]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const created = subscriptionsAt(emulator(), first)[0]!;
    expect(created).toBeDefined();

    const moved = uniqueUrl("computed-moved");
    await stack.declare([sub("inbound", `echo:${moved}`)]);
    await stack.pulumiOk(["preview"]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(subscriptionsAt(emulator(), first)).toEqual([]);
    expect(subscriptionsAt(emulator(), moved)).toMatchObject([{ id: created.id }]);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });

  it("fails the later of two resources whose computed URLs turn out equal, once known, writing it nowhere", async () => {
    const stack = await linqStack(emulator());
    const url = uniqueUrl("computed-twice");
    await stack.declare([sub("first", `echo:${url}`), sub("second", `echo:${url}`)]);
    await stack.pulumiOk(["preview"]);
    emulator().clearRequests();
    const up = await stack.pulumi(["up", "--yes"]);
    expect(up.code).not.toBe(0);
    expect(up.output).toMatch(
      /is also the targetUrl of WebhookSubscription "(first|second)" in this program/,
    );
    expect(writeRequests(emulator())).toHaveLength(1);
    const held = subscriptionsAt(emulator(), url);
    expect(held).toHaveLength(1);
    expect(stack.subscriptionsInState().map((r) => r.id)).toEqual([held[0]!.id]);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});
