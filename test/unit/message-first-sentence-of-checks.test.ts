// Every message the provider gives a user, produced the way a user meets it (check() against the emulator,
// create and update, the connection's and the config's checks, the refusals, the policy pack), with long
// and hostile values: its first sentence (before the first ". " or ": ", see firstSentence) states the
// problem in at most 160 characters, the message names the property, goes on with the fix, and links
// only to headings README.md has.
import { RULES } from "../../policy/rules";
import { AuthenticationError, ConflictError } from "../../provider/client";
import { resolveConnection } from "../../provider/client/connection";
import { configFailures } from "../../provider/config-checks";
import { callContext, type CallContext } from "../../provider/call-context";
import type { DuplicateUrlClaim } from "../../provider/duplicate-url-claim";
import { newProcessState } from "../../provider/process-state";
import { explained, keptPredecessorRefusal } from "../../provider/refusals";
import { FIRST_SENTENCE_LIMIT, firstSentence, README_SECTIONS } from "../../provider/safe-text";
import { resolveSettings } from "../../provider/settings";
import { webhookSubscription } from "../../provider/webhook-subscription";
import { call, uniqueUrl, useEmulator } from "../support/emulator";
import { balanced } from "../support/balanced";
import { clientFor } from "../support/client";
import { readmeAnchors } from "../support/readme-anchors";

const emulator = useEmulator();

const anchors = readmeAnchors();

/** A URL in canonical form of the longest length an input may have (2,048), a bidi override percent-encoded. */
const longUrl = (label: string) => {
  const base = `${uniqueUrl(label)}&p=%E2%80%AE`;
  return `${base}${"p".repeat(2048 - base.length)}`;
};
const LONG_NAME = `hook-${"n".repeat(300)}`;

/** The form every message must have; `fix` is a phrase of the fix it must give. */
function expectForm(message: string, { names, fix }: { names: string; fix: string | RegExp }) {
  const first = firstSentence(message);
  expect({ first, length: first.length }).toEqual({ first, length: expect.any(Number) as number });
  expect(first.length).toBeLessThanOrEqual(FIRST_SENTENCE_LIMIT);
  expect({ first, balanced: balanced(first) }).toEqual({ first, balanced: true });
  expect(message).toContain(names);
  // The fix comes after the problem, not inside it.
  expect(message.slice(first.length)).toMatch(fix);
  for (const [, anchor] of message.matchAll(/README\.md#([\w-]+)/g)) expect(anchors).toContain(anchor);
  expect(message.match(/README\.md#/g)?.length ?? 0).toBeLessThanOrEqual(1);
}

function stateFor(settings: Record<string, string> = {}): CallContext & { warnings: string[] } {
  const { url, apiKey } = emulator();
  const config: Record<string, string> = { "linq:baseUrl": url, "linq:apiKey": apiKey, ...settings };
  const warnings: string[] = [];
  const process = newProcessState(resolveSettings((key) => config[key], {}, {}));
  return { ...callContext(process, { logWarning: (m) => warnings.push(m) }), warnings };
}

async function subscriptionAt(targetUrl: string): Promise<string> {
  const created = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
    body: { target_url: targetUrl, subscribed_events: ["message.read"] },
  });
  expect(created.status).toBe(201);
  return (created.body as { id: string }).id;
}

/** The check's failure reasons, by property. */
async function reasons(
  news: Record<string, unknown>,
  olds: Record<string, unknown> = {},
  state = stateFor(),
) {
  // A case gives the duplicate-URL claim beside the inputs; a host hands it over in the context.
  const { duplicateUrl, ...inputs } = news as { duplicateUrl?: DuplicateUrlClaim };
  const { failures } = await webhookSubscription.check({ ...state, duplicateUrl }, olds, inputs);
  return failures;
}

const EVENTS = ["message.read"];

describe("check failures, against the emulator", () => {
  const cases: [
    string,
    () => Record<string, unknown> | Promise<Record<string, unknown>>,
    Record<string, unknown>,
    string,
    string | RegExp,
  ][] = [
    [
      "a new resource at a taken URL",
      async () => {
        const url = longUrl("taken");
        await subscriptionAt(url);
        return { targetUrl: url, subscribedEvents: EVENTS };
      },
      {},
      "targetUrl",
      /aliases: \["<the old resource's URN>"\].*rotationTrigger.*adopt: true/s,
    ],
    [
      "an existing resource moved to a taken URL",
      async () => {
        const url = longUrl("moved");
        await subscriptionAt(url);
        return { targetUrl: url, subscribedEvents: EVENTS };
      },
      { targetUrl: "https://hooks.example.com/before", subscribedEvents: EVENTS },
      "targetUrl",
      /two updates/,
    ],
    [
      "a URL declared twice in the program",
      () => {
        const url = longUrl("twice");
        return {
          targetUrl: url,
          subscribedEvents: EVENTS,
          duplicateUrl: { of: LONG_NAME, targetUrl: url },
        };
      },
      {},
      "targetUrl",
      /its own URL/,
    ],
    [
      "an input that does not exist",
      () => ({ targetUrl: uniqueUrl("x"), subscribedEvents: EVENTS, [LONG_NAME]: 1 }),
      {},
      LONG_NAME.slice(0, 40),
      /Use targetUrl, subscribedEvents/,
    ],
    ["a missing targetUrl", () => ({ subscribedEvents: EVENTS }), {}, "targetUrl", /Set it to a URL string/],
    [
      "a list given as a long string",
      () => ({ targetUrl: uniqueUrl("x"), subscribedEvents: "m".repeat(3000) }),
      {},
      "subscribedEvents",
      /Change the value to that type/,
    ],
    [
      "an unquoted phone number",
      () => ({ targetUrl: uniqueUrl("x"), subscribedEvents: EVENTS, phoneNumbers: [14155551234] }),
      {},
      "phoneNumbers[0]",
      /Quote it/,
    ],
    [
      "a phone number that is not E.164",
      () => ({
        targetUrl: uniqueUrl("x"),
        subscribedEvents: EVENTS,
        phoneNumbers: ["\x1b[31m".repeat(300)],
      }),
      {},
      "phoneNumbers[0]",
      /Write "\+", the country code/,
    ],
    [
      "a URL that is not absolute",
      () => ({ targetUrl: `hooks.example.com/${"a".repeat(2000)}`, subscribedEvents: EVENTS }),
      {},
      "targetUrl",
      /Write it in full/,
    ],
    [
      "a plain http URL",
      () => ({ targetUrl: `http://hooks.example.com/${"a".repeat(2000)}`, subscribedEvents: EVENTS }),
      {},
      "targetUrl",
      /Use https/,
    ],
    [
      "a URL not in canonical form",
      () => ({ targetUrl: `https://HOOKS.example.com/${"a".repeat(2000)}`, subscribedEvents: EVENTS }),
      {},
      "targetUrl",
      /Did you mean "https:\/\/hooks\.example\.com/,
    ],
    [
      "a URL with a fragment",
      () => ({ targetUrl: `https://hooks.example.com/#${"f".repeat(2000)}`, subscribedEvents: EVENTS }),
      {},
      "targetUrl",
      /Remove it/,
    ],
    [
      "a URL with a version that is no date",
      () => ({
        targetUrl: `https://hooks.example.com/?version=${"v".repeat(2000)}`,
        subscribedEvents: EVENTS,
      }),
      {},
      "targetUrl",
      /Linq's payload versions are/,
    ],
    [
      "an adopted subscription to be moved to a long URL that another holds",
      async () => {
        const targetUrl = longUrl("held-from-adopted");
        await subscriptionAt(targetUrl);
        return { targetUrl, subscribedEvents: EVENTS, adopt: await subscriptionAt(longUrl("adopted-from")) };
      },
      {},
      "targetUrl",
      /Adopt the one at targetUrl instead/,
    ],
    [
      "a URL with a password",
      () => ({
        targetUrl: `https://user:${"s".repeat(2000)}@hooks.example.com/`,
        subscribedEvents: EVENTS,
      }),
      {},
      "targetUrl",
      /Remove it, and authenticate/,
    ],
    [
      "a URL over the size limit",
      () => ({ targetUrl: `https://hooks.example.com/${"a".repeat(3000)}`, subscribedEvents: EVENTS }),
      {},
      "targetUrl",
      /Shorten it/,
    ],
    [
      "adopt as a string that spells true",
      () => ({ targetUrl: uniqueUrl("x"), subscribedEvents: EVENTS, adopt: "True" }),
      {},
      "adopt",
      /Write true without quotes/,
    ],
    [
      "adopt naming no subscription",
      () => ({ targetUrl: uniqueUrl("x"), subscribedEvents: EVENTS, adopt: "\u202e".repeat(250) }),
      {},
      "adopt",
      /Check the id/,
    ],
    [
      "no event types",
      () => ({ targetUrl: uniqueUrl("x"), subscribedEvents: [] }),
      {},
      "subscribedEvents",
      /List at least one event type/,
    ],
    [
      "an event type Linq does not offer",
      () => ({ targetUrl: uniqueUrl("x"), subscribedEvents: [`message.${"r".repeat(1000)}`] }),
      {},
      "subscribedEvents[0]",
      /getWebhookEventTypes\(\)/,
    ],
    [
      "an event type listed twice",
      () => ({ targetUrl: uniqueUrl("x"), subscribedEvents: ["message.read", "message.read"] }),
      {},
      "subscribedEvents[1]",
      /Remove the duplicate/,
    ],
    [
      "too many event types",
      () => ({
        targetUrl: uniqueUrl("x"),
        subscribedEvents: Array.from({ length: 101 }, (_, i) => `e${i}`),
      }),
      {},
      "subscribedEvents",
      /List each event type once/,
    ],
  ];
  it.each(cases)("%s", async (_what, news, olds, names, fix) => {
    const failures = await reasons(await news(), olds);
    expect(failures.length).toBeGreaterThan(0);
    for (const { reason } of failures) expectForm(reason, { names, fix });
  });

  it("a refused key while fetching the event list: one failure naming no input, without offline advice", async () => {
    const key = `wrong-${"k".repeat(500)}`;
    const state = stateFor({ "linq:apiKey": key });
    const failures = await reasons({ targetUrl: uniqueUrl("x"), subscribedEvents: EVENTS }, {}, state);
    expect(failures.map((f) => f.property)).toEqual([""]);
    const { reason } = failures[0]!;
    expectForm(reason, { names: "API key", fix: /Set 'linq:apiKey' \(or LINQ_API_V3_API_KEY\)/ });
    expect(reason).not.toMatch(/could not fetch|offline/i);
    expect(reason).not.toContain(key);
  });
});

describe("warnings", () => {
  it("an event type retired since it was set, on a long URL", async () => {
    const state = stateFor();
    const retired = `call.${"r".repeat(500)}`;
    const inputs = { targetUrl: longUrl("retired"), subscribedEvents: ["message.read", retired] };
    expect(await reasons(inputs, inputs, state)).toEqual([]);
    expect(state.warnings).toHaveLength(1);
    expectForm(state.warnings[0]!, { names: "subscribedEvents", fix: /Remove it from subscribedEvents/ });
  });

  it("an unchanged URL that a check refuses", async () => {
    const state = stateFor();
    const inputs = { targetUrl: `https://HOOKS.example.com/${"a".repeat(2000)}`, subscribedEvents: EVENTS };
    expect(await reasons(inputs, inputs, state)).toEqual([]);
    expect(state.warnings).toHaveLength(1);
    expectForm(state.warnings[0]!, { names: "targetUrl", fix: /Did you mean/ });
  });

  it("a subscription adopted by id at another long URL", async () => {
    const state = stateFor();
    const id = await subscriptionAt(longUrl("adopted-there"));
    await reasons({ targetUrl: longUrl("adopted-here"), subscribedEvents: EVENTS, adopt: id }, {}, state);
    expect(state.warnings).toHaveLength(1);
    expectForm(state.warnings[0]!, { names: id, fix: /'pulumi up' will point it at targetUrl/ });
  });

  it("a subscription adopted at a long URL", async () => {
    const state = stateFor();
    const url = longUrl("adopted");
    await subscriptionAt(url);
    await webhookSubscription.create(state, { targetUrl: url, subscribedEvents: EVENTS, adopt: true });
    expect(state.warnings).toHaveLength(1);
    expectForm(state.warnings[0]!, { names: "adopted webhook subscription", fix: /change rotationTrigger/i });
  });
});

describe("errors", () => {
  it("an update of a subscription deleted outside Pulumi", async () => {
    const err = await webhookSubscription
      .update(
        stateFor(),
        "gone-".padEnd(200, "x"),
        {},
        { targetUrl: longUrl("gone"), subscribedEvents: EVENTS },
      )
      .catch((e: Error) => e);
    expectForm((err as Error).message, { names: "no longer exists in Linq", fix: /pulumi refresh/ });
  });

  it("a replacement refused by its predecessor, a conflict, a refused key", () => {
    const url = longUrl("kept");
    expectForm(keptPredecessorRefusal("0b9f7f2e-2c8f-4d43-9d0e-7d1c0b3c7a11", url), {
      names: "targetUrl",
      fix: /retainOnDelete.*deleteBeforeReplace/s,
    });
    const conflict = new ConflictError(`Linq API POST failed with 409: ${"c".repeat(900)}`, { call: "POST" });
    expectForm((explained(conflict, { targetUrl: url }) as Error).message, {
      names: "targetUrl",
      fix: /adopt: true/,
    });
    const refused = new AuthenticationError(`Linq API GET failed with 401: ${"a".repeat(900)}`, {
      call: "GET",
    });
    expectForm((explained(refused, {}) as Error).message, { names: "API key", fix: /--run-program/ });
  });

  it("a key the emulator refuses (401), on each call, with Linq's reason in the first sentence", async () => {
    const { client } = clientFor(emulator(), { apiKey: "wrong-key" });
    const refusals = await Promise.all(
      [
        client.webhookEvents.list(),
        client.webhookSubscriptions.list(),
        client.webhookSubscriptions.retrieve("sub_x"),
        client.webhookSubscriptions.create({ target_url: uniqueUrl("401"), subscribed_events: EVENTS }),
      ].map((call) =>
        call.then(
          () => new Error("Linq accepted the wrong key"),
          (e: unknown) => e,
        ),
      ),
    );
    const checked = await reasons(
      { targetUrl: uniqueUrl("401"), subscribedEvents: EVENTS },
      {},
      stateFor({ "linq:apiKey": "wrong-key" }),
    );
    const messages = [
      ...refusals.map((err) => (explained(err, {}) as Error).message),
      ...checked.map((f) => f.reason),
    ];
    expect(messages.length).toBeGreaterThan(refusals.length);
    for (const message of messages) {
      expectForm(message, {
        names: "API key",
        fix: /Set 'linq:apiKey' \(or LINQ_API_V3_API_KEY\) to an API key of the Linq account/,
      });
      expect(message).not.toContain("..");
      expect(message.match(/Linq refused the API key \(.*?\)(?=\. )/)?.[0]).toMatch(
        /^Linq refused the API key \((GET|POST) \/v3\/webhook-\S+ answered 401, "Missing or invalid authentication token"\)$/,
      );
    }
  });

  it.each([
    ["no key", {}, /LINQ_API_V3_API_KEY/],
    ["plain http", { baseUrl: `http://linq.example.com/${"b".repeat(2000)}` }, /to https/],
    [
      "a version in the path",
      { baseUrl: `https://linq.example.com/${"b".repeat(2000)}/v3` },
      /Fix 'linq:baseUrl'/,
    ],
    ["a query", { baseUrl: `https://linq.example.com/${"b".repeat(2000)}?q=1` }, /Fix 'linq:baseUrl'/],
    ["not a URL", { baseUrl: `ftp://${"b".repeat(2000)}` }, /Fix 'linq:baseUrl'/],
    [
      "a password",
      { baseUrl: `https://u:${"p".repeat(2000)}@linq.example.com` },
      /Remove the "user:password@"/,
    ],
  ])("the connection: %s", (_what, options, fix) => {
    const apiKey = "apiKey" in options || _what !== "no key" ? "k" : undefined;
    const err = (() => {
      try {
        resolveConnection({ apiKey, ...options }, {});
      } catch (e) {
        return e as Error;
      }
      throw new Error("resolveConnection accepted it");
    })();
    expectForm(err.message, { names: "Linq", fix });
  });

  it("the provider's config", () => {
    const failures = configFailures(
      { [`apiKye${"k".repeat(500)}`]: "x", validateOffline: "y".repeat(500) },
      "p",
      {},
    );
    expect(failures).toHaveLength(2);
    expectForm(failures[0]!.reason, { names: "linq:apiKye", fix: /pulumi config rm/ });
    expectForm(failures[1]!.reason, { names: "linq:validateOffline", fix: /Set it to true or false/ });
  });
});

describe("the policy pack", () => {
  const rule = (name: string) => RULES.find((r) => r.name === name)!;
  it("a host not allowed, an event forbidden", () => {
    const [host] = rule("allowed-target-hosts").violations(
      { targetUrl: `https://${"h".repeat(240)}.example.org/` },
      { hosts: ["hooks.example.com"] },
    );
    expectForm(host!, { names: "targetUrl", fix: /Deliver to an allowed host/ });
    const events = Array.from({ length: 6 }, (_, i) => `message.${"e".repeat(100)}${i}`);
    const [forbidden] = rule("forbidden-events").violations({ subscribedEvents: events }, { events });
    expectForm(forbidden!, { names: "subscribedEvents", fix: /Remove them from subscribedEvents/ });
  });
});

describe("README links in messages", () => {
  it.each(Object.entries(README_SECTIONS))("%s links to a heading of README.md (#%s)", (_name, anchor) => {
    expect(anchors).toContain(anchor);
  });
});
