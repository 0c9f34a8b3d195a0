// A URL moved between two resources of one stack: Linq refuses an update to a URL another subscription
// holds (409), and adopt acts only on create, so preview fails with the two-update recipe instead of
// suggesting adopt; the recipe then works.
import { uniqueUrl, useEmulator } from "./support/emulator";
import { expectAccountMatches, linqStack, writeRequests, type Declared } from "./support/linq-stack";

const emulator = useEmulator();
const MOVE = "which may belong to another resource of this stack";
const RECIPE = "To move a URL from one resource to another, use two updates";

describe("moving a targetUrl between resources of one stack", () => {
  it("fails preview of a swap and of a move onto a removed resource's URL, adopt or not; two updates work", async () => {
    const stack = await linqStack(emulator());
    const [x, y] = [uniqueUrl("move-x"), uniqueUrl("move-y")];
    const sub = (name: string, targetUrl: string, extra: Partial<Declared> = {}): Declared => ({
      name,
      targetUrl,
      subscribedEvents: ["message.read"],
      ...extra,
    });
    await stack.declare([sub("a", x), sub("b", y)]);
    await stack.pulumiOk(["up", "--yes"]);
    emulator().clearRequests();

    for (const declared of [
      [sub("a", y), sub("b", x)], // swap
      [sub("a", y, { adopt: true }), sub("b", x, { adopt: true })], // swap, adopt set
      [sub("a", y)], // b removed, a pointed at its URL
      [sub("a", y, { adopt: true })],
    ]) {
      await stack.declare(declared);
      const preview = await stack.pulumi(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain(MOVE);
      expect(preview.output).toContain(RECIPE);
      expect(preview.output).not.toContain("set adopt: true");
    }
    expect(writeRequests(emulator())).toEqual([]);

    // The recipe: b off its URL first, then a onto it.
    const temporary = uniqueUrl("move-tmp");
    await stack.declare([sub("a", x), sub("b", temporary)]);
    await stack.pulumiOk(["up", "--yes"]);
    await stack.declare([sub("a", y), sub("b", temporary)]);
    await stack.pulumiOk(["up", "--yes"]);
    expectAccountMatches(stack, emulator(), [sub("a", y), sub("b", temporary)]);
    await stack.pulumiOk(["destroy", "--yes"]);
  });
});
