// What `pulumi preview` catches before anything is written to Linq, where it takes the engine: a typo in
// an event name failing the preview, Linq's live list read at each preview, values unknown until another
// resource is created, URLs duplicated within one program or made distinct by transformations, and the
// API key from the stack's config. Each value's own checks (empty, duplicate, http or relative URL,
// E.164, adopt "true", a misspelled input, a wrong type, a missing targetUrl) are pinned by test/unit/
// (input-validators, input-names-and-numbers, input-wrong-shape); a URL another subscription holds, on
// both entry points, by test/provider/taken-url-refused-at-check.
import { DUPLICATE_URL_KEY } from "../../provider/constants";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { createOutside, deleteOutside } from "../support/outside-changes";
import { uniqueUrl, useEmulator, writeRequests } from "../support/emulator";

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
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const inputs = stack.subscriptionsInState().map((r) => Object.keys(r.inputs ?? {}));
    expect(inputs.flat()).not.toContain(DUPLICATE_URL_KEY);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });

  it("fails two subscriptions of one program that adopt the same one, naming both", async () => {
    const id = await createOutside(emulator(), {
      target_url: uniqueUrl("adopted-twice"),
      subscribed_events: ["message.read"],
    });
    await stack.declare([
      sub(["message.read"], { name: "taker", adopt: id }),
      sub(["message.read"], { name: "other-taker", targetUrl: uniqueUrl("other-taker"), adopt: id }),
    ]);
    emulator().clearRequests();
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      `resource 'other-taker': property adopt value {${id}} has a problem: adopt "${id}" is also what ` +
        `WebhookSubscription "taker" adopts in this program`,
    );
    expect(writeRequests(emulator())).toEqual([]);
    await deleteOutside(emulator(), id);
  });

  it("judges the URL that transformations leave: one that makes two declared URLs distinct is no duplicate", async () => {
    const targetUrl = uniqueUrl("transformed");
    await stack.declare([
      sub(["message.read"], { name: "first", targetUrl, urlSuffixByTransformation: "&line=1" }),
      sub(["message.sent"], { name: "second", targetUrl, urlSuffixByTransformation: "&line=2" }),
    ]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.target_url),
    ).toEqual(expect.arrayContaining([`${targetUrl}&line=1`, `${targetUrl}&line=2`]));
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});

describe("pulumi preview when Linq's list cannot be had", () => {
  it("says plainly, once, that there is no API key and where to set one", async () => {
    const stack = await linqStack(emulator(), { apiKeyInConfig: false, env: { LINQ_API_V3_API_KEY: "" } });
    await stack.declare([sub(["message.read"])]);
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    // The program's settings, refused where it declares the resource: no list was to be had without a key.
    const diagnostics = preview.output.slice(preview.output.indexOf("Diagnostics:"));
    expect(diagnostics.split("No Linq API key. Set the stack config 'linq:apiKey'")).toHaveLength(2);
    expect(preview.output).toContain("LINQ_API_V3_API_KEY");
    expect(preview.output).not.toMatch(/could not fetch|offline/i);
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
