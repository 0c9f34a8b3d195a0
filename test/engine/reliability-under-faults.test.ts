// 50 subscriptions through up, refresh, update and destroy while 20 % of requests fail with 500 or 503
// and a rate limiter answers bursts of 429: every command completes, and afterwards the account equals the declared
// stack exactly (no duplicates, no orphans), with no secret in plaintext anywhere.
import * as fs from "node:fs";
import { useEmulator } from "../support/emulator";
import {
  expectAccountMatches,
  linqStack,
  resourcesLost,
  type Declared,
  type LinqStack,
} from "../support/linq-stack";
import { recordFigures } from "../support/reliability-report";
import { leaks } from "../support/scan";

const N = 50;
const emulator = useEmulator();
/** Every text a user or a log would see, by where it was seen; and every signing secret the account held. */
const seen: Record<string, string> = {};
const signingSecrets = new Set<string>();
const figures = { commands: 0, requests: 0, faultedAnswers: 0, resourcesLost: 0, secretsLeaked: 0 };

function declare(events: string[]): Declared[] {
  return Array.from({ length: N }, (_, i) => ({
    name: `sub-${i}`,
    targetUrl: `https://hooks.example.com/reliability?n=${i}`,
    subscribedEvents: i % 2 === 0 ? events : ["message.received"],
  }));
}

/**
 * Runs a command while faults are on: 20 % of answers are 500 or 503, and a rate limiter (15 requests a
 * second, bursts of 5) answers 429 with Retry-After whenever the engine's parallel calls outrun it.
 */
async function underFaults(stack: LinqStack, args: string[]) {
  emulator().clearRequests();
  emulator().setFaults({
    seed: figures.commands + 1,
    errors: { rate: 0.2, statuses: [500, 503] },
    rateLimit: { perSecond: 15, burst: 5 },
  });
  try {
    const result = await stack.pulumi(args);
    seen[`output of pulumi ${args.join(" ")} #${++figures.commands}`] = result.output;
    expect({
      command: args.join(" "),
      code: result.code,
      output: result.code === 0 ? "" : result.output,
    }).toEqual({
      command: args.join(" "),
      code: 0,
      output: "",
    });
  } finally {
    emulator().setFaults({});
    const counters = emulator().counters();
    seen[`emulator log of command #${figures.commands}`] = JSON.stringify(emulator().requests());
    seen[`state after command #${figures.commands}`] = fs.readFileSync(stack.stateFile(), "utf8");
    for (const sub of emulator().subscriptions()) signingSecrets.add(sub.signing_secret);
    figures.requests += counters.total;
    figures.faultedAnswers += Object.values(counters.faults).reduce((a, b) => a + b, 0);
  }
}

function expectAccountToEqual(stack: LinqStack, declared: Declared[]) {
  figures.resourcesLost += resourcesLost(stack, emulator(), declared);
  expectAccountMatches(stack, emulator(), declared);
}

describe(`${N} subscriptions under 5xx and 429 faults`, () => {
  let stack: LinqStack;
  beforeAll(async () => {
    stack = await linqStack(emulator());
  });

  it("creates them all with up: none twice, none missing", async () => {
    const declared = declare(["message.received", "message.read"]);
    await stack.declare(declared);
    await underFaults(stack, ["up", "--yes"]);
    expectAccountToEqual(stack, declared);
  });

  it("refreshes without losing any", async () => {
    await underFaults(stack, ["refresh", "--yes"]);
    expectAccountToEqual(stack, declare(["message.received", "message.read"]));
  });

  it("updates half of them in place", async () => {
    const ids = stack
      .subscriptionsInState()
      .map((r) => r.id)
      .sort();
    const declared = declare(["message.delivered"]);
    await stack.declare(declared);
    await underFaults(stack, ["up", "--yes"]);
    expectAccountToEqual(stack, declared);
    expect(
      stack
        .subscriptionsInState()
        .map((r) => r.id)
        .sort(),
    ).toEqual(ids);
  });

  it("destroys them all", async () => {
    await underFaults(stack, ["destroy", "--yes"]);
    expect(emulator().subscriptions()).toEqual([]);
    expect(stack.subscriptionsInState()).toEqual([]);
  });

  it("leaves the API key and the signing secrets in plaintext nowhere", () => {
    const found = leaks([emulator().apiKey, ...signingSecrets], seen);
    figures.secretsLeaked = found.length;
    recordFigures(
      "50 subscriptions: up, refresh, update, destroy under 20% 5xx and a 15/s rate limit",
      figures,
    );
    expect(found).toEqual([]);
    expect(signingSecrets.size).toBe(N);
  });
});
