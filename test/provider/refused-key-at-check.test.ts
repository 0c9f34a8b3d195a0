// A key Linq refuses (401) or denies access (403) fails a preview as what it is: each resource's check
// fails alone, naming no input, in the refusal's words and with its fix (the key setting), never as
// "could not fetch…" with the offline switch as advice (no outage exists: validating offline would only
// move the failure to `up`). The account's lists are asked for once per provider process, however many
// resources are checked. An outage keeps its advice: test/provider/linq-outage-at-check.test.ts.
import { randomBytes } from "node:crypto";
import { uniqueUrl, useEmulator } from "../support/emulator";
import { HOSTS, previewStack } from "../support/lifecycle";

const emulator = useEmulator();
const WRONG_ADVICE = /could not (fetch|check)|offline/i;

/**
 * New resources making every lookup a check makes (event types, the account's URLs, adopt): three checked
 * at once, then one after them, which finds the refusal the process keeps.
 */
const stack = () => [
  [
    { targetUrl: uniqueUrl("refused-a"), subscribedEvents: ["message.read"] },
    { targetUrl: uniqueUrl("refused-b"), subscribedEvents: ["message.sent", "message.read"] },
    { targetUrl: uniqueUrl("refused-c"), subscribedEvents: ["message.read"], adopt: "sub_unknown" },
  ],
  [{ targetUrl: uniqueUrl("refused-d"), subscribedEvents: ["message.read"] }],
];

/** The same single failure for every resource, naming no input; what was sent: each list once, nothing written. */
function expectRefusedOnce(failures: { property: string; reason: string }[][]): string {
  expect(failures).toHaveLength(4);
  const [first] = failures[0]!;
  expect(first?.property).toBe("");
  for (const each of failures) expect(each).toEqual([first]);
  expect(first!.reason).not.toMatch(WRONG_ADVICE);
  const sent = emulator()
    .requests()
    .map((r) => `${r.method} ${r.path}`)
    .sort();
  expect(sent).toEqual(["GET /v3/webhook-events", "GET /v3/webhook-subscriptions"]);
  return first!.reason;
}

beforeEach(() => emulator().clearRequests());

describe.each(HOSTS)("a preview on the %s", (host) => {
  it("reports a key Linq refuses (401) once per resource, with the key setting to fix and no offline advice", async () => {
    const wrongKey = `wrong-key-${randomBytes(8).toString("hex")}`;
    const { failures } = await previewStack(host, emulator(), stack(), { apiKey: wrongKey });
    const reason = expectRefusedOnce(failures);
    expect(reason).toMatch(
      /^Linq refused the API key \(GET \/v3\/webhook-\S+ answered 401, "Missing or invalid authentication token"\)\. /,
    );
    expect(reason).toContain("Set 'linq:apiKey' (or LINQ_API_V3_API_KEY) to an API key of the Linq account");
    expect(reason).not.toContain(wrongKey);
  });

  it("reports a key denied access (403) once per resource, naming the access it lacks", async () => {
    emulator().setFaults({ forbidden: { rate: 1 } });
    const { failures } = await previewStack(host, emulator(), stack());
    const reason = expectRefusedOnce(failures);
    expect(reason).toMatch(
      /^Linq denied this API key access to the webhook event types and subscriptions that checks read \(GET \/v3\/webhook-\S+ answered 403/,
    );
    expect(reason).toContain(
      "set 'linq:apiKey' (or LINQ_API_V3_API_KEY) to a key of the account that owns it",
    );
    expect(reason).not.toContain(emulator().apiKey);
  });
});
