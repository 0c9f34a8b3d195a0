// check() against the documented size limits (INPUT_LIMITS, in the README's input table): an oversized
// input is refused with its length and the limit before any request, in one failure per property whose
// text stays small however long the value, and a long list within the limits costs one pass.
import { callContext, type CallContext } from "../../provider/call-context";
import { newProcessState } from "../../provider/process-state";
import { webhookSubscription } from "../../provider/webhook-subscription";
import { INPUT_LIMITS } from "../../provider/webhook-subscription-schema";
import { useEmulator } from "../support/emulator";

const emulator = useEmulator();
const valid = { targetUrl: "https://hooks.example.com/limits", subscribedEvents: ["message.read"] };

function processState(): CallContext {
  return callContext(
    newProcessState({
      apiKey: emulator().apiKey,
      baseUrl: emulator().url,
      validateOffline: false,
      adoptExisting: false,
    }),
  );
}

const check = (news: Record<string, unknown>) => webhookSubscription.check(processState(), {}, news);
const outputSize = (failures: { property: string; reason: string }[]) =>
  failures.reduce((sum, f) => sum + Buffer.byteLength(f.reason), 0);

describe("check() of inputs over their limits", () => {
  beforeEach(() => emulator().clearRequests());

  const { targetUrl, subscribedEvents, phoneNumbers, rotationTrigger, adopt } = INPUT_LIMITS;
  const items = (n: number) => Array.from({ length: n + 1 }, (_, i) => `+1415${i}`);
  it.each([
    ["targetUrl", `https://h.example.com/${"a".repeat(targetUrl.characters)}`, targetUrl.characters],
    ["subscribedEvents", items(subscribedEvents.items), subscribedEvents.items],
    ["phoneNumbers", items(phoneNumbers.items), phoneNumbers.items],
    ["rotationTrigger", "r".repeat(rotationTrigger.characters + 1), rotationTrigger.characters],
    ["adopt", "i".repeat(adopt.characters + 1), adopt.characters],
  ])("refuses %s over its limit before any request", async (name, value, limit) => {
    const { failures } = await check({ ...valid, [name]: value });
    const size =
      typeof value === "string" ? `is ${value.length} characters long` : `has ${value.length} items`;
    expect(failures).toHaveLength(1);
    // A long value is left out of the engine's line: the reason names the property.
    expect([name, ""]).toContain(failures[0]?.property);
    expect(failures[0]?.reason).toMatch(new RegExp(`^${name} ${size}, over the limit of ${limit}\\. `));
    expect(emulator().requests()).toEqual([]);
  });

  it("accepts each input at its limit", async () => {
    const { failures } = await check({
      targetUrl: `https://hooks.example.com/${"a".repeat(INPUT_LIMITS.targetUrl.characters - 26)}`,
      subscribedEvents: ["message.read"],
      phoneNumbers: Array.from(
        { length: INPUT_LIMITS.phoneNumbers.items },
        (_, i) => `+1415${String(i).padStart(7, "0")}`,
      ),
      rotationTrigger: "r".repeat(INPUT_LIMITS.rotationTrigger.characters),
    });
    expect(failures).toEqual([]);
  });

  it("refuses 100,000 unknown events in one short failure, leaving the value out of the engine's line", async () => {
    const events = Array.from({ length: 100_000 }, (_, i) => `unknown.event.${i}`);
    const { failures } = await check({ ...valid, subscribedEvents: events });
    expect(failures.map((f) => [f.property, f.reason])).toEqual([
      ["", expect.stringMatching(/^subscribedEvents has 100000 items, over the limit of 100\. List each/)],
    ]);
    expect(emulator().requests()).toEqual([]);
  });

  it.each([
    ["10,000 bad names of 18 characters", 10_000, 18],
    ["10,000 bad names of 10,000 characters", 10_000, 10_000],
    ["100 bad names of 100,000 characters", 100, 100_000],
  ])("keeps the output for %s under 4 KiB", async (_label, n, length) => {
    const events = Array.from({ length: n }, (_, i) => `${i}.`.padEnd(length, "x"));
    const { failures } = await check({ ...valid, subscribedEvents: events });
    expect(failures).toHaveLength(1);
    // The engine prints the property's value beside each failure that names the property.
    expect(failures[0]?.property).toBe("");
    expect(failures[0]?.reason).toMatch(/^subscribedEvents/);
    expect(outputSize(failures)).toBeLessThan(4096);
  });

  it("names the first 5 unknown events of a list within the limit and counts the others", async () => {
    const events = Array.from({ length: INPUT_LIMITS.subscribedEvents.items }, (_, i) => `message.sentt${i}`);
    const { failures } = await check({ ...valid, subscribedEvents: events });
    expect(failures).toHaveLength(1);
    const reason = failures[0]!.reason;
    expect(reason.match(/is not a Linq webhook event type/g)).toHaveLength(5);
    expect(reason).toMatch(/\. … and 95 more problems with subscribedEvents\.$/);
  });
});
