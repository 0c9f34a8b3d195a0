// A refused key or a missing one is no outage: it fails an unchanged stack's preview too, in its own
// words and without offline advice, as the key reaches the provider from the stack's config. That an outage (503) lets an unchanged subscription
// through with a warning and fails a new or changed one, writing nothing, is pinned on both entry points
// by test/provider/linq-outage-at-check.test.ts.
import { uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";

const emulator = useEmulator();

describe("pulumi preview during a Linq outage", () => {
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
      await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
      if (how === "set") await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", key]);
      if (how === "rm") await stack.pulumiOk(["config", "rm", "linq:apiKey"]);
      if (how === "fault")
        emulator().setFaults({ forbidden: { rate: 1, match: { path: "/v3/webhook-events" } } });
      const preview = await stack.pulumi(["preview"]);
      expect(preview.code).not.toBe(0);
      // In its own words, naming no input: neither "could not fetch" nor the offline switch (no outage).
      expect(preview.output).not.toContain("property subscribedEvents");
      expect(preview.output).toContain(message);
      expect(preview.output).toContain("linq:apiKey");
      expect(preview.output).not.toMatch(/could not fetch|offline/i);
      expect(preview.output).not.toContain("unchanged were not checked again");
    },
  );
});
