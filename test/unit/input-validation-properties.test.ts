// Property-based: whatever a program passes, check() accepts it or rejects it with a reason that names
// the property, and sends no write to Linq. Event names are judged against the emulator's live list.
import * as fc from "fast-check";
import { callContext, type CallContext } from "../../provider/call-context";
import { newProcessState } from "../../provider/process-state";
import { webhookSubscription } from "../../provider/webhook-subscription";
import { useEmulator, writeRequests } from "../support/emulator";
import { recordFigures } from "../support/reliability-report";

const emulator = useEmulator();
const INPUTS = ["targetUrl", "subscribedEvents", "phoneNumbers", "isActive", "rotationTrigger", "adopt"];
let cases = 0;

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

async function check(ctx: CallContext, news: Record<string, unknown>, secretInputs: string[] = []) {
  cases += 1;
  return webhookSubscription.check({ ...ctx, secretInputs }, {}, news);
}

const valid = { targetUrl: "https://hooks.example.com/props", subscribedEvents: ["message.read"] };
const e164 = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{1,14}$/))
  .map(([first, rest]) => `+${first}${rest}`.slice(0, 16));

describe("check() over generated inputs", () => {
  let state: CallContext;
  beforeAll(() => {
    state = processState();
    emulator().clearRequests();
  });
  afterAll(() => {
    expect(writeRequests(emulator())).toEqual([]);
    expect(emulator.count("GET /v3/webhook-events")).toBe(1);
    recordFigures("property-based input checks", { cases, writeRequests: writeRequests(emulator()).length });
  });

  it("names the property in every failure, whatever the value of any input", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...INPUTS), fc.anything(), async (name, value) => {
        const { failures } = await check(state, { ...valid, [name]: value });
        for (const f of failures) {
          expect(INPUTS).toContain(f.property);
          expect(f.reason).toContain(f.property);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("accepts an event name exactly when the live list has it", async () => {
    const live = emulator().events();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...live), fc.string(), fc.stringMatching(/^[a-z_]+\.[a-z_.]+$/)),
        async (event) => {
          const { failures } = await check(state, { ...valid, subscribedEvents: [event] });
          expect(failures.length === 0).toBe(live.includes(event));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("accepts canonical https URLs, rejects every other scheme or a relative one, and suggests the canonical form", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.webUrl({ validSchemes: ["https", "http", "ftp"], withQueryParameters: true }),
        async (url) => {
          const canonical = new URL(url).href;
          const { failures } = await check(state, { ...valid, targetUrl: canonical });
          expect(failures.length === 0).toBe(url.startsWith("https://"));
          if (canonical === url || !url.startsWith("https://")) return;
          const repaired = await check(state, { ...valid, targetUrl: url });
          expect(repaired.failures.map((f) => f.reason).join()).toContain(
            `Did you mean ${JSON.stringify(canonical)}?`,
          );
        },
      ),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.domain(), async (host) => {
        const { failures } = await check(state, { ...valid, targetUrl: `${host}/linq` });
        expect(failures.map((f) => f.property)).toEqual(["targetUrl"]);
      }),
      { numRuns: 100 },
    );
  });

  it("accepts E.164 numbers and rejects them with the + removed, a leading 0 or a letter", async () => {
    await fc.assert(
      fc.asyncProperty(e164, fc.constantFrom("strip+", "zero", "letter"), async (number, damage) => {
        expect((await check(state, { ...valid, phoneNumbers: [number] })).failures).toEqual([]);
        const broken =
          damage === "strip+" ? number.slice(1) : damage === "zero" ? `+0${number.slice(2)}` : `${number}x`;
        const { failures } = await check(state, { ...valid, phoneNumbers: [broken] });
        expect(failures.map((f) => f.property)).toEqual(["phoneNumbers"]);
      }),
      { numRuns: 200 },
    );
  });

  it("skips values the engine does not know yet, anywhere in the inputs", async () => {
    const { unknownValue } = await import("@pulumi/pulumi/runtime/rpc");
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(["targetUrl", "subscribedEvents", "phoneNumbers", "isActive"]),
        async (unknown) => {
          const news: Record<string, unknown> = { ...valid, phoneNumbers: ["+14155551234", unknownValue] };
          for (const name of unknown) news[name] = unknownValue;
          expect((await check(state, news)).failures).toEqual([]);
        },
      ),
      { numRuns: 50 },
    );
  });
  it("names a secret that contains another input's secret by its own name", async () => {
    // The process remembers secrets across resources: the shorter one must not cut the longer first.
    const secrets = { targetUrl: "sk-overlap", phoneNumbers: "sk-overlap-and-more" };
    await check(state, { ...valid, targetUrl: secrets.targetUrl }, ["targetUrl"]);
    const { failures } = await check(state, { ...valid, phoneNumbers: secrets.phoneNumbers }, [
      "phoneNumbers",
    ]);
    expect(failures.map((f) => f.property)).toEqual(["phoneNumbers"]);
    expect(failures[0]?.reason).toContain("the secret phoneNumbers");
    expect(failures[0]?.reason).not.toContain("sk-overlap");
    expect(failures[0]?.reason).not.toContain("the secret targetUrl");
  });

  it("names a value that is secret under two inputs after the input the message is about", async () => {
    const shared = "sk-shared-secret";
    await check(state, { ...valid, targetUrl: shared }, ["targetUrl"]);
    const { failures } = await check(state, { ...valid, phoneNumbers: shared }, ["phoneNumbers"]);
    expect(failures.map((f) => f.reason)).toEqual([expect.stringContaining("got the secret phoneNumbers")]);
  });
  it("never shows a secret input, and names it (or its item) as 'the secret …'", async () => {
    // Values a program might hold as secrets, long enough to be told apart from the words around them.
    const secretText = fc.stringMatching(/^[A-Za-z0-9+:/.?=_-]{6,24}$/).map((s) => `sk${s}`);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("targetUrl", "phoneNumbers"),
        fc.oneof(secretText, fc.array(secretText, { minLength: 1, maxLength: 4 })),
        async (name, value) => {
          const { failures } = await check(state, { ...valid, [name]: value }, [name]);
          expect(failures.length).toBeGreaterThan(0);
          for (const { reason } of failures) {
            for (const text of [value].flat()) expect(reason).not.toContain(text);
            expect(reason).toContain(`the secret ${name}`);
            expect(reason).not.toMatch(/\w\[\d+\] the secret/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
