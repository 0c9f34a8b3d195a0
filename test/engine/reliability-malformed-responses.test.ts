// Answers that break the contract (not JSON, a gateway's HTML page, missing fields, wrong types): a clear
// error that names the call, and a state left as it was.
import { uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { recordFigures } from "../support/reliability-report";
import { stackLeaks } from "../support/scan";

const emulator = useEmulator();
const figures = { commands: 0, faultedAnswers: 0, resourcesLost: 0, secretsLeaked: 0 };
const outputs: string[] = [];

describe("malformed answers during refresh", () => {
  let stack: LinqStack;
  beforeAll(async () => {
    stack = await linqStack(emulator());
    await stack.declare([
      { name: "steady", targetUrl: uniqueUrl("malformed"), subscribedEvents: ["message.read"] },
    ]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
  });
  afterAll(() => {
    figures.secretsLeaked = stackLeaks(stack, emulator(), outputs).length;
    recordFigures("malformed answers during refresh", figures);
    expect(figures.secretsLeaked).toBe(0);
  });

  it.each([
    ["not-json", "a body that is not JSON"],
    ["missing-fields", "an unexpected body: id:"],
    ["wrong-types", "an unexpected body: id:"],
  ] as const)(
    "fails refresh on a %s answer, naming the call, and leaves the state as it was",
    async (kind, what) => {
      const before = JSON.stringify(stack.subscriptionsInState());
      const sub = stack.subscriptionsInState()[0]!;
      emulator().clearRequests();
      emulator().setFaults({
        malformed: { rate: 1, kind, match: { method: "GET", path: "/v3/webhook-subscriptions/" } },
      });
      const refresh = await stack.pulumi(["refresh", "--yes"]);
      outputs.push(refresh.output);
      figures.commands += 1;
      figures.faultedAnswers += emulator().counters().faults[`malformed:${kind}`] ?? 0;
      figures.resourcesLost += stack.subscriptionsInState().length === 1 ? 0 : 1;
      emulator().setFaults({});
      expect(refresh.code).not.toBe(0);
      expect(refresh.output).toContain(`GET /v3/webhook-subscriptions/${sub.id} answered 200 with ${what}`);
      expect(JSON.stringify(stack.subscriptionsInState())).toBe(before);
    },
  );

  it("rides out a gateway's HTML error page, which is retried", async () => {
    emulator().clearRequests();
    emulator().setFaults({ malformed: { count: 2, kind: "html" } });
    outputs.push((await stack.pulumiOk(["refresh", "--yes"])).output);
    figures.commands += 1;
    figures.faultedAnswers += emulator().counters().faults["malformed:html"] ?? 0;
    emulator().setFaults({});
    expect(emulator().counters().faults["malformed:html"]).toBe(2);
  });
});
