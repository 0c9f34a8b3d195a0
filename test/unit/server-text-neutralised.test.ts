// Server text never reaches a message raw: a hostile answer's control characters and escape sequences
// are shown as visible escapes, and secrets (the API key, secret input values) are removed from the whole
// text before it is cut short. Over real HTTP from a server of the test's own on 127.0.0.1.
import { createLinqClient, LinqError } from "../../provider/client";
import { callContext, warn } from "../../provider/call-context";
import { newProcessState, type ProcessState } from "../../provider/process-state";
import { webhookSubscription } from "../../provider/webhook-subscription";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";

const KEY = "test-key-straddle-0123456789abcdefABCDEF";
/** ESC ] title BEL, clear screen, red, NUL, a C1 CSI, DEL, a bidi override, a zero-width space. */
const HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x00nul\x9b31m\x7f\u202egnp.exe\u200b";
/** What a header can carry (Node refuses C0 controls there): C1 controls and bytes 0x80-0xFF, read as latin1. */
const HOSTILE_HEADER = "\x9b2J\x9b31m\xff\x85";
/** Anything a terminal acts on, or that hides text: what no message may hold. */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029\uFFFD]/u;

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

async function failure(run: () => Promise<unknown>): Promise<Error> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}

const client = () => createLinqClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });

/** Every piece of `secret` of 8 characters or more that shows in `text`. */
const piecesOf = (secret: string, text: string) =>
  Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8)).filter((p) => text.includes(p));

describe("server text in the client's errors", () => {
  it("neutralises escape sequences and controls in a body that is not Linq's error format", async () => {
    server.answer({
      status: 400,
      headers: { "content-type": `text/html${HOSTILE_HEADER}` },
      body: `oops ${HOSTILE}`,
    });
    const err = await failure(() => client().webhookEvents.list());
    expect(err.message).not.toMatch(UNSAFE);
    expect(err.message).toContain("text/html\\x9b2J\\x9b31m\u00ff\\x85");
    expect(err.message).toContain(
      "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\x00nul\\x9b31m\\x7f\\u202egnp.exe",
    );
  });

  it("neutralises them in Linq's own error message and trace id", async () => {
    const envelope = {
      error: { status: 400, code: 1005, message: `bad ${HOSTILE}` },
      trace_id: `t${HOSTILE}`,
    };
    server.answer({
      status: 400,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(envelope),
    });
    const err = await failure(() => client().webhookEvents.list());
    expect(err).toMatchObject({ status: 400, code: 1005 });
    expect(err.message).not.toMatch(UNSAFE);
    expect(err.message).toContain("bad \\x1b]0;pwned");
  });

  it("neutralises NUL and 0xFF bytes of a garbled 200, and a Location header of a redirect", async () => {
    server.answer({ status: 200, body: Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a]) });
    const garbled = await failure(() => client().webhookEvents.list());
    expect(garbled.message).not.toMatch(UNSAFE);
    expect(garbled.message).toContain("{\\x00\\ufffd\\ufffd\\x1b[2J");

    server.answer({ status: 302, headers: { location: `https://elsewhere.example/${HOSTILE_HEADER}` } });
    const redirect = await failure(() => client().webhookEvents.list());
    expect(redirect.message).not.toMatch(UNSAFE);
    expect(redirect.message).toContain("a redirect to");
  });

  it("removes the API key from the whole body before cutting it: no piece of a key that straddles the cut", async () => {
    for (const at of [60, 110, 115, 119]) {
      server.answer({ status: 502, body: `${"x".repeat(at)}${KEY} and more` });
      const err = await failure(() => client().webhookEvents.list());
      expect(piecesOf(KEY, err.message)).toEqual([]);
      if (at <= 110) expect(err.message).toContain(`${"x".repeat(at)}[redacted]`);
    }
  });

  it("removes a secret targetUrl that a non-Linq 400 body echoes, across the cut, in the resource's error", async () => {
    const secretUrl = "https://hooks.example.com/in?token=tok_0123456789abcdefghijklmnopqrstuv";
    const state = newProcessState();
    const config: Record<string, string> = { "linq:apiKey": KEY, "linq:baseUrl": server.url };
    await webhookSubscription.configure(callContext(state), {
      config: { get: (k: string) => config[k] },
    } as never);
    const inputs = { targetUrl: secretUrl, subscribedEvents: ["message.sent"] };
    // check() learns which inputs are secret (from its host), as it does before every create; the
    // create, as the dynamic provider's, is not told again.
    server.answer({ status: 200, body: JSON.stringify({ events: ["message.sent"], doc_url: "https://x" }) });
    await webhookSubscription.check(callContext(state, { secretInputs: ["targetUrl"] }), {}, inputs);
    server.answer({
      status: 400,
      headers: { "content-type": "text/plain" },
      body: `${"y".repeat(90)} ${secretUrl} ${HOSTILE}`,
    });
    const err = await failure(() => webhookSubscription.create(callContext(state), inputs));
    expect(err).toBeInstanceOf(LinqError);
    expect(piecesOf(secretUrl.slice(20), err.message)).toEqual([]);
    expect(err.message).toContain("the secret targetUrl");
    expect(err.message).not.toMatch(UNSAFE);
  });
});

describe("the backstop where messages leave the provider", () => {
  it("neutralises a warning, keeping the secret values and the API key out of it", () => {
    const shown: string[] = [];
    const state: ProcessState = {
      ...newProcessState({ apiKey: KEY, validateOffline: false, adoptExisting: false }),
      secrets: { targetUrl: ["https://hooks.example.com/secret-path"] },
    };
    warn(
      callContext(state, { logWarning: (m) => shown.push(m) }),
      "k",
      `Linq lists "${HOSTILE}" for https://hooks.example.com/secret-path with key ${KEY}`,
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]).not.toMatch(UNSAFE);
    expect(shown[0]).not.toContain(KEY);
    expect(shown[0]).toContain("the secret targetUrl");
  });
});
