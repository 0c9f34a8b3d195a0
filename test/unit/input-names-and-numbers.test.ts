// check() of inputs as YAML and other plugin users write them: a name that is also a member of every
// JavaScript object is no input like any other, a number for rotationTrigger is taken as its string (and
// is no change against the same string), and a number in a string list is named with its index.
import { callContext, type CallContext } from "../../provider/call-context";
import { newProcessState } from "../../provider/process-state";
import { webhookSubscription } from "../../provider/webhook-subscription";

const valid = { targetUrl: "https://hooks.example.com/yaml", subscribedEvents: ["message.read"] };
const state = (): CallContext =>
  callContext(newProcessState({ validateOffline: true, adoptExisting: false }), { logWarning: () => {} });
const check = (news: Record<string, unknown>, olds: Record<string, unknown> = {}) =>
  webhookSubscription.check(state(), olds, news);

describe("check() of input names that every object has", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])(
    "reports %j as not an input",
    async (name) => {
      // JSON.parse makes an own property even of "__proto__", as a decoded YAML or JSON program does.
      const news = { ...valid, ...(JSON.parse(`{"${name}": "x"}`) as Record<string, unknown>) };
      const { failures } = await check(news);
      expect(failures.map((f) => [f.property, f.reason])).toEqual([
        [
          name,
          expect.stringMatching(
            new RegExp(`^${name} is not an input of WebhookSubscription\\. Use targetUrl, `),
          ),
        ],
      ]);
    },
  );
});

describe("check() of numbers where strings are expected", () => {
  it.each([
    [2, "2"],
    [0, "0"],
    [1.5, "1.5"],
  ])("takes rotationTrigger %j as the string %j", async (trigger, recorded) => {
    const { inputs, failures } = await check({ ...valid, rotationTrigger: trigger });
    expect(failures).toEqual([]);
    expect(inputs.rotationTrigger).toBe(recorded);
  });

  it('sees no change from rotationTrigger "2" to 2', async () => {
    const { inputs } = await check({ ...valid, rotationTrigger: 2 });
    const olds = { ...valid, rotationTrigger: "2", isActive: true };
    expect(await webhookSubscription.diff(state(), olds, inputs)).toMatchObject({
      changes: false,
      replaces: [],
    });
  });

  it("names a number in phoneNumbers (YAML's unquoted +14155551234) with its index", async () => {
    const { failures } = await check({ ...valid, phoneNumbers: ["+14155550000", 14155551234, 14155551235] });
    expect(failures).toEqual([
      {
        property: "phoneNumbers",
        reason:
          'phoneNumbers[1] is a number, 14155551234 (and 1 more items that are not strings). Quote it: phoneNumbers must be a list of E.164 numbers such as ["+14155551234"] (YAML reads an unquoted +14155551234 as a number).',
      },
    ]);
  });

  it("names another kind of item by what it is", async () => {
    const { failures } = await check({ ...valid, subscribedEvents: ["message.read", { name: "x" }] });
    expect(failures[0]?.reason).toMatch(
      /^subscribedEvents\[1\] must be a string, got \{"name":"x"\} \(an object\)\. Set subscribedEvents to /,
    );
  });
});

describe("check() of a targetUrl's ?version=", () => {
  it.each([
    ["banana", "is not a date YYYY-MM-DD"],
    ["2025-02-30", "is not a calendar date"],
  ])("refuses ?version=%s at preview, saying why", async (version, why) => {
    const { failures } = await check({
      ...valid,
      targetUrl: `https://hooks.example.com/yaml?version=${version}`,
    });
    expect(failures.map((f) => [f.property, f.reason])).toEqual([
      [
        "targetUrl",
        expect.stringContaining(
          `has ?version= "${version}", which ${why}. Linq's payload versions are 2025-01-01 and 2026-02-03: write one of them, e.g. ?version=2026-02-03, or remove the parameter (Linq would silently deliver its default payload version instead).`,
        ),
      ],
    ]);
  });
});
