// Linq answers every request with 503: an unchanged stack still previews, with a warning; a new or
// changed subscription fails as it does today, and nothing is written. A refused key or a missing one
// is no outage: it fails an unchanged stack too.
import { uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack, writeRequests, type Declared } from "../support/linq-stack";

const emulator = useEmulator();

describe("pulumi preview during a Linq outage", () => {
  it("warns and goes on for unchanged subscriptions, and fails new or changed ones", async () => {
    const stack = await linqStack(emulator());
    const inbound = {
      name: "inbound",
      targetUrl: uniqueUrl("outage"),
      subscribedEvents: ["message.read", "message.sent"],
    };
    await stack.declare([inbound]);
    await stack.pulumiOk(["up", "--yes"]);

    emulator().setFaults({ errors: { rate: 1, statuses: [503] } });
    emulator().clearRequests();
    // Reordered events are the same list.
    await stack.declare([{ ...inbound, subscribedEvents: ["message.sent", "message.read"] }]);
    const unchanged = await stack.pulumiOk(["preview"]);
    expect(unchanged.output).toContain("could not fetch Linq's list of webhook event types");
    expect(unchanged.output).toContain("unchanged were not checked again");

    // Each preview stops at its first failed check: one preview per case.
    const fresh = { name: "fresh", targetUrl: uniqueUrl("outage-fresh"), subscribedEvents: ["message.read"] };
    for (const [name, declared] of [
      ["fresh", [inbound, fresh]],
      ["inbound", [{ ...inbound, subscribedEvents: ["message.read"] }]],
    ] as Array<[string, Declared[]]>) {
      await stack.declare(declared);
      const changed = await stack.pulumi(["preview"]);
      expect(changed.code).not.toBe(0);
      expect(changed.output).toContain(
        `resource '${name}': property subscribedEvents value {[{message.read}]} has a problem: could not fetch Linq's list`,
      );
      expect(changed.output).toContain("linq:validateOffline");
    }
    expect(writeRequests(emulator())).toEqual([]);
  });

  it.each([
    ["a refused key (401)", "set", "wrong-key", "Linq refused the API key"],
    ["a denied key (403)", "fault", "", "Linq denied this API key access"],
    ["no key at all", "rm", "", "No Linq API key"],
  ])(
    "fails an unchanged stack's preview on %s: only outages are tolerated",
    async (_label, how, key, message) => {
      const stack = await linqStack(emulator(), { env: { LINQ_API_V3_API_KEY: "" } });
      const inbound = {
        name: "inbound",
        targetUrl: uniqueUrl("refused"),
        subscribedEvents: ["message.read"],
      };
      await stack.declare([inbound]);
      await stack.pulumiOk(["up", "--yes"]);
      if (how === "set") await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", key]);
      if (how === "rm") await stack.pulumiOk(["config", "rm", "linq:apiKey"]);
      if (how === "fault")
        emulator().setFaults({ forbidden: { rate: 1, match: { path: "/v3/webhook-events" } } });
      const preview = await stack.pulumi(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain("property subscribedEvents");
      expect(preview.output).toContain(message);
      expect(preview.output).not.toContain("unchanged were not checked again");
    },
  );
});
