// Renaming a WebhookSubscription resource: with aliases nothing happens in Linq; with adopt, the old
// resource's delete in the same update must not delete the subscription that the new one adopted.
import { subscriptionsAt, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack, type Declared } from "../support/linq-stack";

const emulator = useEmulator();

async function deployed(name: string) {
  const stack = await linqStack(emulator());
  const declared: Declared = { name, targetUrl: uniqueUrl("rename"), subscribedEvents: ["message.read"] };
  await stack.declare([declared]);
  await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
  const live = subscriptionsAt(emulator(), declared.targetUrl)[0]!;
  return { stack, declared, live };
}

describe("renaming a WebhookSubscription resource", () => {
  it("points first at aliases, then at adopt, when a new resource's URL is taken", async () => {
    const { stack, declared, live } = await deployed("x");
    await stack.declare([{ ...declared, name: "y" }]);
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    const output = preview.output;
    expect(output).toContain(`is already used by webhook subscription ${live.id}`);
    expect(output).toContain(`aliases: ["<the old resource's URN>"]`);
    expect(output.indexOf("aliases:")).toBeLessThan(output.indexOf("set adopt: true"));
  });

  it("with adopt, keeps the adopted subscription: the old resource's delete is skipped, saying why", async () => {
    const { stack, declared, live } = await deployed("x");
    await stack.declare([{ ...declared, name: "y", adopt: true }]);
    emulator().clearRequests();
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toContain(`did not delete webhook subscription ${live.id}`);
    expect(up.output).toContain("another resource of this update adopted it");
    expect(writeRequests(emulator()).filter((r) => r.method === "DELETE")).toEqual([]);
    expect(subscriptionsAt(emulator(), declared.targetUrl)).toMatchObject([{ id: live.id }]);
    await stack.pulumiOk(["refresh", "--yes"]);
    expect(stack.subscriptionsInState().map((r) => [r.urn.split("::").pop(), r.id])).toEqual([
      ["y", live.id],
    ]);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(subscriptionsAt(emulator(), declared.targetUrl)).toEqual([]);
  });

  it("with aliases, changes nothing in Linq and keeps the signing secret", async () => {
    const { stack, declared, live } = await deployed("x");
    await stack.declare([{ ...declared, name: "y", aliases: ["x"] }]);
    emulator().clearRequests();
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(writeRequests(emulator())).toEqual([]);
    const y = stack.subscriptionsInState()[0]!;
    expect(y.urn.endsWith("::y")).toBe(true);
    expect(y.id).toBe(live.id);
    expect((await stack.exported()).y?.signingSecret).toBe(live.signing_secret);
  });
});
