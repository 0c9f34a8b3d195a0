import * as pulumi from "@pulumi/pulumi";
import {
  describe as describeValue,
  onePerProperty,
  PRINTED_VALUE_LIMIT,
  retiredEvents,
  validateAdopt,
  validatePhoneNumbers,
  validateSize,
  validateSubscribedEvents,
  validateTargetUrl,
  type EventCatalog,
} from "../../provider/validators";
import { INPUT_LIMITS } from "../../provider/webhook-subscription-schema";

const UNKNOWN = pulumi.runtime.unknownValue;
const live: EventCatalog = {
  events: ["message.sent", "message.read"],
  source: "live",
  docUrl: "https://docs.example/events",
};

describe("validateTargetUrl", () => {
  it.each(["https://hooks.example.com/linq", "https://hooks.example.com/linq?version=2026-02-03&line=2"])(
    "accepts %s",
    (url) => expect(validateTargetUrl(url)).toEqual([]),
  );
  it.each([
    ["http://hooks.example.com/linq", "must use https"],
    ["hooks.example.com/linq", "is not an absolute URL"],
    ["", "is not an absolute URL"],
    ["ftp://hooks.example.com", "must use https"],
  ])("rejects %j: %s", (url, reason) => {
    const [message] = validateTargetUrl(url);
    expect(message).toContain(`targetUrl ${JSON.stringify(url)}`);
    expect(message).toContain(reason);
  });

  it.each([
    ["  https://h.example.com/x  ", "https://h.example.com/x"],
    ["https://h.example.com/x\n", "https://h.example.com/x"],
    ["https://h.example.com/a\u0000b", "https://h.example.com/a%00b"],
    ["https://h.example.com/\u202Egnp.exe", "https://h.example.com/%E2%80%AEgnp.exe"],
    ["https:///hook", "https://hook/"],
    ["https:/h.example.com/x", "https://h.example.com/x"],
    ["https://bücher.example/hook", "https://xn--bcher-kva.example/hook"],
    ["https://Hooks.Example.com/x", "https://hooks.example.com/x"],
    ["https://h.example.com:443/x", "https://h.example.com/x"],
    ["https://h.example.com", "https://h.example.com/"],
    ["https://h.example.com/a b", "https://h.example.com/a%20b"],
  ])("refuses %j, which a parser would repair, suggesting %j", (url, canonical) => {
    const [message] = validateTargetUrl(url);
    expect(message).toContain("is not in canonical form, and Linq receives it exactly as written");
    expect(message).toContain(`Did you mean ${JSON.stringify(canonical)}?`);
    // What is shown is plain ASCII: no control or bidi character reaches the terminal.
    expect(message).toMatch(/^[\x20-\x7e]*$/);
  });

  it("refuses a user name and password without repeating them", () => {
    const [message] = validateTargetUrl("https://user:pw-secret@h.example.com/x");
    expect(message).toContain("contains a user name or password");
    expect(message).not.toContain("pw-secret");
  });

  it("refuses a fragment, which is never sent", () => {
    expect(validateTargetUrl("https://h.example.com/x#part")[0]).toContain('has a fragment ("#part")');
  });

  it.each(["2026-02-03", "2025-01-01", "2024-02-29"])("accepts ?version=%s, a real date", (version) => {
    expect(validateTargetUrl(`https://h.example.com/x?version=${version}`)).toEqual([]);
  });
  it.each(["banana", "2026-2-3", "20260203", ""])(
    "refuses ?version=%s, which Linq would silently replace by its default version",
    (version) => {
      const [message, ...rest] = validateTargetUrl(`https://h.example.com/x?version=${version}`);
      expect(rest).toEqual([]);
      expect(message).toContain(`has ?version= ${JSON.stringify(version)}, which is not a date YYYY-MM-DD. `);
      expect(message).toContain("Linq's payload versions are 2025-01-01 and 2026-02-03: write one of them");
    },
  );
  it.each(["2025-02-30", "2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-13-45"])(
    "refuses ?version=%s as a date that no calendar has, naming the versions Linq delivers",
    (version) => {
      const [message, ...rest] = validateTargetUrl(`https://h.example.com/x?version=${version}`);
      expect(rest).toEqual([]);
      expect(message).toContain(`has ?version= "${version}", which is not a calendar date. `);
      expect(message).toContain("Linq's payload versions are 2025-01-01 and 2026-02-03: write one of them");
    },
  );
  it("refuses ?version= given twice, and names a secret URL's version without showing it", () => {
    const url = "https://h.example.com/x?version=2026-02-03&version=2025-01-01";
    expect(validateTargetUrl(url)[0]).toContain("has ?version= 2 times. Keep one");
    const [secret] = validateTargetUrl("https://h.example.com/x?version=banana", true);
    expect(secret).toMatch(/^the secret targetUrl has \?version=, which is not a date YYYY-MM-DD/);
    const [impossible] = validateTargetUrl("https://h.example.com/x?version=2025-02-30", true);
    expect(impossible).toMatch(/^the secret targetUrl has \?version=, which is not a calendar date\./);
    expect(impossible).not.toContain("2025-02-30");
    expect(secret).not.toContain("banana");
  });
});

describe("validateSize", () => {
  it("refuses a string over its limit, saying how long it is and never showing it", () => {
    const url = `https://h.example.com/${"a".repeat(100_000)}`;
    const [message] = validateSize("targetUrl", url, "shorten it");
    expect(message).toBe(
      `targetUrl is ${url.length} characters long, over the limit of ${INPUT_LIMITS.targetUrl.characters}. Shorten it.`,
    );
    expect(validateSize("targetUrl", url.slice(0, INPUT_LIMITS.targetUrl.characters), "")).toEqual([]);
  });
  it("refuses a list over its limit, with its length", () => {
    const max = INPUT_LIMITS.subscribedEvents.items;
    const events = Array.from({ length: max + 1 }, (_, i) => `e${i}`);
    expect(validateSize("subscribedEvents", events, "fix")).toEqual([
      `subscribedEvents has ${max + 1} items, over the limit of ${max}. Fix.`,
    ]);
    expect(validateSize("subscribedEvents", events.slice(1), "fix")).toEqual([]);
  });
});

describe("onePerProperty", () => {
  const many = (property: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ property, reason: `${property} problem ${i}` }));

  it("joins the failures of each property into one", () => {
    const inputs = { subscribedEvents: ["a", "b"], phoneNumbers: ["x"] };
    expect(onePerProperty([...many("subscribedEvents", 3), ...many("phoneNumbers", 1)], inputs)).toEqual([
      {
        property: "subscribedEvents",
        reason: "subscribedEvents problem 0 subscribedEvents problem 1 subscribedEvents problem 2",
      },
      { property: "phoneNumbers", reason: "phoneNumbers problem 0" },
    ]);
  });

  it("leaves out the property of a value the engine would print at length, naming it in the reason only", () => {
    const long = Array.from({ length: 1000 }, (_, i) => `name-${i}`);
    const failures = onePerProperty(many("subscribedEvents", 2), { subscribedEvents: long });
    expect(failures).toEqual([
      { property: "", reason: "subscribedEvents problem 0 subscribedEvents problem 1" },
    ]);
    const short = onePerProperty(many("targetUrl", 1), { targetUrl: "x".repeat(PRINTED_VALUE_LIMIT) });
    expect(short[0]?.property).toBe("targetUrl");
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])(
    "takes %j for a property name like any other",
    (name) => {
      const failures = [{ property: name, reason: `${name} is not an input` }];
      expect(onePerProperty(failures, JSON.parse(`{"${name}": 1}`) as Record<string, unknown>)).toEqual(
        failures,
      );
    },
  );
});

describe("describe (a value in a message)", () => {
  it.each([
    [{ id: "x" }, '{"id":"x"} (an object)'],
    [["a"], '["a"] (a list)'],
    [1, "1 (a number)"],
    ["s", '"s" (a string)'],
    [null, "null"],
    [["a", "b", "c", "d", "e", "f"], '["a","b","c","d","e",…] (a list of 6 items)'],
    ["\u001b[2J", '"\\u001b[2J" (a string)'],
  ])("describes %j as %s", (value, text) => expect(describeValue(value)).toBe(text));
  it("cuts a long value short", () => {
    expect(describeValue("x".repeat(100_000)).length).toBeLessThan(230);
    expect(describeValue(["y".repeat(100_000)]).length).toBeLessThan(230);
  });
});

describe("validateAdopt", () => {
  it.each(["3f2c9a1e-6b1d-4c1e-9f1a-2b3c4d5e6f70", "truest", "sub_true"])("accepts the id %j", (id) =>
    expect(validateAdopt(id)).toEqual([]),
  );
  it.each([
    ["true", 'adopt is the string "true", not the boolean true', "Write true without quotes"],
    [" TRUE ", 'adopt is the string " TRUE ", not the boolean true', "pulumi.Bool(true)"],
    ["false", 'adopt is the string "false", not the boolean false', "Remove adopt"],
  ])("refuses %j, a boolean written as a string", (value, what, fix) => {
    const [message, ...rest] = validateAdopt(value);
    expect(rest).toEqual([]);
    expect(message).toContain(what);
    expect(message).toContain(fix);
  });
  it("names a secret one without spelling it", () => {
    const [message] = validateAdopt("true", true);
    expect(message).toMatch(/^the secret adopt is a string that spells a boolean, /);
    expect(message).not.toMatch(/true/i);
  });
});

describe("validatePhoneNumbers", () => {
  it("accepts E.164 numbers and skips unknown ones", () => {
    expect(validatePhoneNumbers(["+14155551234", "+442071838750", UNKNOWN])).toEqual([]);
  });
  it.each([["4155551234"], ["+0123456"], ["+1 415 555 1234"], [14155551234]])("rejects %j", (value) => {
    expect(validatePhoneNumbers([value])[0]).toContain(
      `phoneNumbers[0] ${JSON.stringify(value)} is not an E.164 number`,
    );
  });
  it("names a duplicate", () => {
    expect(validatePhoneNumbers(["+14155551234", "+14155551234"])).toEqual([
      'phoneNumbers[1] "+14155551234" is listed twice. Remove the duplicate.',
    ]);
  });
});

describe("validateSubscribedEvents", () => {
  it("accepts events of the live list and skips unknown values", () => {
    expect(validateSubscribedEvents(["message.read", UNKNOWN], live)).toEqual([]);
  });
  it("rejects an empty list", () => {
    expect(validateSubscribedEvents([], live)[0]).toContain("subscribedEvents is empty");
  });
  it("rejects an event the live list lacks, with a suggestion and a pointer to the list", () => {
    expect(validateSubscribedEvents(["message.sen"], live)).toEqual([
      'subscribedEvents[0] "message.sen" is not a Linq webhook event type. Did you mean "message.sent"? ' +
        "It is not among the 2 types Linq offers now (list them with getWebhookEventTypes() or see https://docs.example/events).",
    ]);
  });
  it("says when the list it checked against is the bundled one", () => {
    const [reason] = validateSubscribedEvents(["nope"], { events: ["message.sent"], source: "bundled" });
    expect(reason).toContain("bundled with pulumi-linq (offline validation)");
    expect(reason).not.toContain("Did you mean");
  });
  it("names duplicates and values that are not strings", () => {
    expect(validateSubscribedEvents(["message.read", "message.read", 7], live)).toEqual([
      'subscribedEvents[1] "message.read" is listed twice. Remove the duplicate.',
      'subscribedEvents[2] must be an event type name, got 7 (a number). Write the name as a string, e.g. "message.received".',
    ]);
  });

  it("only warns about a retired type that an unchanged list already had", () => {
    const events = ["message.read", "message.unsent"];
    const history = { had: [...events].reverse(), unchanged: true };
    expect(validateSubscribedEvents(events, live, history)).toEqual([]);
    expect(retiredEvents(events, live, history)).toEqual(["message.unsent"]);
    expect(retiredEvents(events, live, { ...history, unchanged: false })).toEqual([]);
  });
  it("fails a retired type kept in a changed list, suggesting no other type for it", () => {
    const [reason] = validateSubscribedEvents(["message.unsent", "message.read"], live, {
      had: ["message.unsent"],
      unchanged: false,
    });
    expect(reason).toContain('subscribedEvents[0] "message.unsent" is no longer a Linq webhook event type');
    expect(reason).not.toContain("Did you mean");
  });
  it("never suggests an event that the list already has", () => {
    const [reason] = validateSubscribedEvents(["message.sent", "message.sentt"], live);
    expect(reason).toContain('"message.sentt" is not a Linq webhook event type');
    expect(reason).not.toContain("Did you mean");
  });
});

describe("validators on long lists", () => {
  it("spell out the first 5 problems and count the others", () => {
    const reasons = validateSubscribedEvents(
      Array.from({ length: 100_000 }, (_, i) => `e${i}`),
      live,
    );
    expect(reasons).toHaveLength(6);
    expect(reasons[0]).toContain('subscribedEvents[0] "e0" is not a Linq webhook event type');
    expect(reasons[5]).toBe("… and 99995 more problems with subscribedEvents.");
  });
  it("find a duplicate however far apart", () => {
    const numbers = Array.from({ length: 50_000 }, (_, i) => `+1415${String(i).padStart(7, "0")}`);
    expect(validatePhoneNumbers([...numbers, numbers[0]])).toEqual([
      `phoneNumbers[50000] "+14150000000" is listed twice. Remove the duplicate.`,
    ]);
  });
  it("show a long item cut short", () => {
    const [reason] = validatePhoneNumbers(["+1".padEnd(1_000_000, "5")]);
    expect(reason?.length).toBeLessThan(400);
  });
});
