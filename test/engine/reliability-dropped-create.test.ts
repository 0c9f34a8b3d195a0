// The connection drops after Linq processed a POST: the subscription is recovered, not created twice.
import * as fs from "node:fs";
import { useEmulator } from "../support/emulator";
import { expectAccountMatches, linqStack, manySubscriptions, resourcesLost } from "../support/linq-stack";
import { recordFigures } from "../support/reliability-report";
import { leaks } from "../support/scan";

const emulator = useEmulator();
const N = 10;

describe("a create whose answer is lost", () => {
  it("records the subscription Linq created, warns that its secret is lost, and creates no duplicate", async () => {
    const stack = await linqStack(emulator());
    const declared = manySubscriptions("dropped", N);
    await stack.declare(declared);
    emulator().setFaults({ drop: { count: N / 2, match: { method: "POST" } } });
    const up = await stack.pulumiOk(["up", "--yes"]);
    emulator().setFaults({});

    const account = emulator().subscriptions();
    expectAccountMatches(stack, emulator(), declared);
    expect(up.output.match(/got no clear answer/g)?.length).toBeGreaterThanOrEqual(N / 2);
    expect(up.output).toContain("change rotationTrigger");

    const withSecret = Object.values(await stack.exported()).filter((s) => s.signingSecret);
    expect(withSecret).toHaveLength(N / 2);

    const found = leaks([emulator().apiKey, ...account.map((s) => s.signing_secret)], {
      "up output": up.output,
      state: fs.readFileSync(stack.stateFile(), "utf8"),
      "emulator log": JSON.stringify(emulator().requests()),
    });
    recordFigures("create answers dropped after processing", {
      faultedAnswers: emulator().counters().faults.drop ?? 0,
      resourcesLost: resourcesLost(stack, emulator(), declared),
      secretsLeaked: found.length,
    });
    expect(found).toEqual([]);
  });
});
