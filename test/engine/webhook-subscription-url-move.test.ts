// A URL moved between two resources of one stack: Linq refuses an update to a URL another subscription
// holds (409), and adopt acts only on create, so preview fails with the two-update recipe instead of
// suggesting adopt; the recipe then works.
import { uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { expectAccountMatches, linqStack, type Declared } from "../support/linq-stack";

const emulator = useEmulator();
const MOVE = "perhaps of another resource";
const RECIPE = "move a URL between resources in two updates";
const sub = (name: string, targetUrl: string, extra: Partial<Declared> = {}): Declared => ({
  name,
  targetUrl,
  subscribedEvents: ["message.read"],
  ...extra,
});

describe("moving a targetUrl between resources of one stack", () => {
  it("fails preview of a swap and of a move onto a removed resource's URL, adopt or not; two updates work", async () => {
    const stack = await linqStack(emulator());
    const [x, y] = [uniqueUrl("move-x"), uniqueUrl("move-y")];
    await stack.declare([sub("a", x), sub("b", y)]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
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
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    await stack.declare([sub("a", y), sub("b", temporary)]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expectAccountMatches(stack, emulator(), [sub("a", y), sub("b", temporary)]);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });

  it("says why when resources named by list position shift after a removal; stable names with aliases fix it", async () => {
    const stack = await linqStack(emulator());
    const urls = [uniqueUrl("line-a"), uniqueUrl("line-b"), uniqueUrl("line-c")];
    await stack.declare(urls.map((url, i) => sub(`line-${i}`, url)));
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const idOf = (name: string) => stack.subscriptionsInState().find((r) => r.urn.endsWith(`::${name}`))?.id;
    const kept = [idOf("line-1"), idOf("line-2")];

    await stack.declare(urls.slice(1).map((url, i) => sub(`line-${i}`, url)));
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(MOVE);
    expect(preview.output).toContain(
      "Resources named by their position in a list shift when an item is removed or inserted",
    );

    // The fix it names: a stable name for each, with its old position as an alias.
    const stable = [
      sub("line-b", urls[1]!, { aliases: ["line-1"] }),
      sub("line-c", urls[2]!, { aliases: ["line-2"] }),
    ];
    await stack.declare(stable);
    emulator().clearRequests();
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(writeRequests(emulator()).map((r) => r.method)).toEqual(["DELETE"]);
    expect([idOf("line-b"), idOf("line-c")]).toEqual(kept);
    expectAccountMatches(stack, emulator(), stable);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});
