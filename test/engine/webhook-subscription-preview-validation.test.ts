// What `pulumi preview` catches before anything is written to Linq.
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { DUPLICATE_URL_KEY } from "../../provider/constants";
import { linqStack, writeRequests, type LinqStack } from "../support/linq-stack";
import { call, uniqueUrl, useEmulator } from "../support/emulator";

const emulator = useEmulator();
const sub = (subscribedEvents: string[], extra: Record<string, unknown> = {}) => ({
  name: "inbound",
  targetUrl: uniqueUrl("preview"),
  subscribedEvents,
  ...extra,
});

describe("pulumi preview of a WebhookSubscription", () => {
  let stack: LinqStack;
  beforeAll(async () => {
    stack = await linqStack(emulator());
  });
  beforeEach(() => emulator().clearRequests());

  it("fails on a misspelled event, names the property, suggests the event, and writes nothing", async () => {
    await stack.declare([sub(["message.recieved", "message.read"])]);
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain("property subscribedEvents");
    expect(preview.output).toContain(
      'subscribedEvents[0] "message.recieved" is not a Linq webhook event type',
    );
    expect(preview.output).toContain('Did you mean "message.received"?');
    expect(writeRequests(emulator())).toEqual([]);
    expect(emulator.count("GET /v3/webhook-events")).toBe(1);
  });

  it("accepts a type Linq adds while the stack exists, and rejects one it retires, with no code change", async () => {
    const original = emulator().events();
    try {
      await stack.declare([sub(["message.scheduled"])]);
      expect((await stack.pulumi(["preview"])).output).toContain(
        '"message.scheduled" is not a Linq webhook event type',
      );
      emulator().setEvents([...original, "message.scheduled"]);
      await stack.pulumiOk(["preview"]);
      emulator().setEvents(original.filter((e) => e !== "message.read"));
      await stack.declare([sub(["message.read"])]);
      const retired = await stack.pulumi(["preview"]);
      expect(retired.code).not.toBe(0);
      expect(retired.output).toContain(
        '"message.read" is no longer a Linq webhook event type: Linq retired it',
      );
    } finally {
      emulator().setEvents(original);
    }
  });

  it("passes events that another resource's output supplies, unknown until it is created", async () => {
    await stack.declare([sub(["echo:message.read", "echo:message.sent"])]);
    await stack.pulumiOk(["preview"]);
    await stack.declare([sub(["message.snt", "echo:message.read"])]);
    const mixed = await stack.pulumi(["preview"]);
    expect(mixed.output).toContain('subscribedEvents[0] "message.snt" is not a Linq webhook event type');
  });

  it.each([
    ["no events", { subscribedEvents: [] }, "subscribedEvents is empty"],
    [
      "a duplicate event",
      { subscribedEvents: ["message.read", "message.read"] },
      '[1] "message.read" is listed twice',
    ],
    [
      "events as a string",
      { subscribedEvents: "message.read" },
      "subscribedEvents must be a list of event type names",
    ],
    ["an http URL", { targetUrl: "http://hooks.example.com/x" }, "must use https"],
    ["a relative URL", { targetUrl: "hooks.example.com/x" }, "is not an absolute URL"],
    [
      "a local phone number",
      { phoneNumbers: ["4155551234"] },
      'phoneNumbers[0] "4155551234" is not an E.164 number',
    ],
    ["a string isActive", { isActive: "yes" }, "isActive must be true or false"],
    [
      'adopt as the string "true"',
      { adopt: "true" },
      'adopt is the string "true", not the boolean true, and a string is taken for the id of a subscription',
    ],
    ["no targetUrl", { targetUrl: undefined }, "targetUrl is required"],
    [
      "a misspelled input",
      { subscribedEvent: ["message.read"] },
      "subscribedEvent is not an input of WebhookSubscription",
    ],
  ])("rejects %s, naming the property", async (_label, override, message) => {
    await stack.declare([{ ...sub(["message.read"]), ...override } as never]);
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(message);
    expect(writeRequests(emulator())).toEqual([]);
  });

  it("fails a new subscription whose URL another subscription of the account uses, and names the fix", async () => {
    const url = uniqueUrl("taken");
    const created = CreatedWebhookSubscriptionSchema.parse(
      (
        await call(emulator(), "POST", "/v3/webhook-subscriptions", {
          body: { target_url: url, subscribed_events: ["message.sent"] },
        })
      ).body,
    );
    emulator().clearRequests();
    await stack.declare([sub(["message.read"], { targetUrl: url })]);
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(`is already used by webhook subscription ${created.id}`);
    expect(preview.output).toContain("set adopt: true");
    expect(writeRequests(emulator())).toEqual([]);
    await stack.declare([sub(["message.read"], { targetUrl: url, adopt: true })]);
    await stack.pulumiOk(["preview"]);
  });

  it("fails two subscriptions of one program that declare the same URL, naming both", async () => {
    const targetUrl = uniqueUrl("twice");
    await stack.declare([
      sub(["message.read"], { name: "first", targetUrl }),
      sub(["message.sent"], { name: "second", targetUrl }),
    ]);
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      `resource 'second': property targetUrl value {${targetUrl}} has a problem: targetUrl "${targetUrl}" ` +
        `is also the targetUrl of WebhookSubscription "first" in this program`,
    );
    expect(preview.output).toContain("Give each resource its own URL");
    expect(writeRequests(emulator())).toEqual([]);

    await stack.declare([
      sub(["message.read"], { name: "first", targetUrl }),
      sub(["message.sent"], { name: "second", targetUrl: `output:${targetUrl}` }),
    ]);
    const fromOutput = await stack.pulumi(["preview"]);
    expect(fromOutput.code).not.toBe(0);
    expect(fromOutput.output).toContain(
      `is also the targetUrl of WebhookSubscription "first" in this program`,
    );

    await stack.declare([
      sub(["message.read"], { name: "first", targetUrl }),
      sub(["message.sent"], { name: "second", targetUrl: `${targetUrl}&line=2` }),
    ]);
    await stack.pulumiOk(["up", "--yes"]);
    const inputs = stack.subscriptionsInState().map((r) => Object.keys(r.inputs ?? {}));
    expect(inputs.flat()).not.toContain(DUPLICATE_URL_KEY);
    await stack.pulumiOk(["destroy", "--yes"]);
  });

  it("judges the URL that transformations leave: one that makes two declared URLs distinct is no duplicate", async () => {
    const targetUrl = uniqueUrl("transformed");
    await stack.declare([
      sub(["message.read"], { name: "first", targetUrl, urlSuffixByTransformation: "&line=1" }),
      sub(["message.sent"], { name: "second", targetUrl, urlSuffixByTransformation: "&line=2" }),
    ]);
    await stack.pulumiOk(["up", "--yes"]);
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.target_url),
    ).toEqual(expect.arrayContaining([`${targetUrl}&line=1`, `${targetUrl}&line=2`]));
    await stack.pulumiOk(["destroy", "--yes"]);
  });
});

describe("pulumi preview when Linq's list cannot be had", () => {
  it("says plainly that there is no API key and where to set one", async () => {
    const stack = await linqStack(emulator(), { apiKeyInConfig: false, env: { LINQ_API_V3_API_KEY: "" } });
    await stack.declare([sub(["message.read"])]);
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain("could not fetch Linq's list of webhook event types");
    expect(preview.output).toContain("linq:apiKey");
    expect(preview.output).toContain("LINQ_API_V3_API_KEY");
  });

  it("says that Linq refused the key", async () => {
    const stack = await linqStack(emulator(), {
      apiKeyInConfig: false,
      env: { LINQ_API_V3_API_KEY: "revoked" },
    });
    await stack.declare([sub(["message.read"])]);
    const preview = await stack.pulumi(["preview"]);
    expect(preview.output).toContain("Linq refused the API key");
    expect(preview.output).not.toContain('revoked"');
  });

  it("validates offline against the bundled list only when asked to, with a warning", async () => {
    const stack = await linqStack(emulator(), { apiKeyInConfig: false, env: { LINQ_API_V3_API_KEY: "" } });
    await stack.declare([sub(["message.recieved"])], { "linq:validateOffline": "true" });
    const typo = await stack.pulumi(["preview"]);
    expect(typo.output).toContain("bundled with pulumi-linq (offline validation)");
    expect(typo.output).toContain('Did you mean "message.received"?');
    await stack.declare([sub(["message.received"])]);
    const ok = await stack.pulumiOk(["preview"]);
    expect(ok.output).toContain("validating subscribedEvents offline");
  });
});
