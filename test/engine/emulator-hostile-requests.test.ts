// No request can end the emulator or fill its memory: trigger bodies have a size and a depth limit
// (refused with a 400 that names it), a body without the API key is logged only as a prefix, the request
// log is bounded in bytes, and payload keys reach the receiver as sent. Run against `linq-emulator` in a
// child process, so that a request that kills it shows as a dead process.
import * as net from "node:net";
import { expect } from "@jest/globals";
import LinqAPIV3 from "@linqapp/sdk";
import { z } from "zod";
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { call, newApiKey, uniqueUrl } from "../support/emulator";
import { serve, type ServedEmulator } from "../support/emulator-cli";
import { startReceiver, type TestReceiver } from "../support/webhook-receiver";

let receiver: TestReceiver;
let target: ServedEmulator;
let secret = "";
const MiB = 1024 * 1024;

beforeAll(async () => {
  receiver = await startReceiver();
  target = await serve(["--forward-to", receiver.url, "--delivery-attempts", "1"], newApiKey());
  const created = await call(target, "POST", "/v3/webhook-subscriptions", {
    body: { target_url: uniqueUrl(), subscribed_events: ["message.received"] },
  });
  secret = CreatedWebhookSubscriptionSchema.parse(created.body).signing_secret;
});
afterAll(async () => {
  target.child.kill("SIGTERM");
  await receiver.close();
});
beforeEach(() => receiver.reset());

/** `{"a":{"a":...1...}}`, `depth` objects deep. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
const Refusal = z.object({ error: z.string() });
const Requests = z.object({
  requests: z.array(z.object({ seq: z.number(), body: z.unknown(), body_bytes: z.number().optional() })),
});

/** The emulator still runs and answers its admin API and its /v3 API. */
async function expectServing() {
  expect(target.child.exitCode).toBeNull();
  expect((await call(target, "GET", "/__admin/deliveries")).status).toBe(200);
  expect((await call(target, "GET", "/v3/webhook-events")).status).toBe(200);
}

/**
 * A raw POST that declares `bytes` of body, sends the first `first` of them, and sends the rest only
 * once an answer has come: what the emulator answered, and how the connection ended.
 */
function postAnsweredMidBody(headers: string, bytes: number, first: number) {
  return new Promise<{ answer: string; error: string | undefined }>((resolve) => {
    const url = new URL(target.url);
    const socket = net.connect(Number(url.port), url.hostname);
    let answer = "";
    let error: string | undefined;
    socket.on("data", (chunk: Buffer) => {
      if (answer === "") socket.end(Buffer.alloc(bytes - first, "y"));
      answer += String(chunk);
    });
    socket.on("error", (err: NodeJS.ErrnoException) => (error = err.code ?? err.message));
    socket.on("close", () => resolve({ answer, error }));
    socket.write(
      `POST /v3/webhook-subscriptions HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n` +
        `Content-Type: application/json\r\n${headers}Content-Length: ${bytes}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(first, "y"));
  });
}

describe("emulator under hostile requests", () => {
  it.each([2_000, 5_000])(
    "refuses a trigger whose data nests %i levels deep with a 400 naming the limit, and serves on",
    async (depth) => {
      const rawBody = `{"event":"message.received","wait":"final","data":${nested(depth)}}`;
      expect(rawBody.length).toBeLessThan(64 * 1024);
      const refused = await call(target, "POST", "/__admin/trigger", { rawBody });
      expect(refused.status).toBe(400);
      expect(Refusal.parse(refused.body).error).toMatch(/data nests .* more than 32 levels deep.*limit/);
      await expectServing();
      expect(receiver.received).toHaveLength(0);
    },
  );

  it("delivers a trigger whose data nests 30 levels deep, within the limit", async () => {
    const rawBody = `{"event":"message.received","wait":"final","data":${nested(30)}}`;
    const delivered = await call(target, "POST", "/__admin/trigger", { rawBody });
    expect(delivered.status).toBe(200);
    expect(receiver.received).toHaveLength(1);
    await expectServing();
  });

  it("refuses a 64 MiB trigger with a 400 naming the 1 MiB limit, and serves on", async () => {
    const rawBody = JSON.stringify({ event: "message.received", data: { blob: "x".repeat(64 * MiB) } });
    const refused = await call(target, "POST", "/__admin/trigger", { rawBody });
    expect(refused.status).toBe(400);
    expect(Refusal.parse(refused.body).error).toMatch(/larger than 1 MiB, the emulator.s limit/);
    expect(receiver.received).toHaveLength(0);
    await expectServing();
  });

  it("answers 413 to a /v3 body with the key over 1 MiB, and processes nothing", async () => {
    const before = (await call(target, "GET", "/v3/webhook-subscriptions")).body;
    const rawBody = JSON.stringify({
      target_url: uniqueUrl(),
      subscribed_events: ["message.read"],
      pad: "x".repeat(2 * MiB),
    });
    const refused = await call(target, "POST", "/v3/webhook-subscriptions", { rawBody });
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ error: { status: 413, message: expect.stringContaining("1 MiB") } });
    expect((await call(target, "GET", "/v3/webhook-subscriptions")).body).toEqual(before);
  });

  it("delivers a __proto__ key of the trigger's data as sent", async () => {
    const rawBody = `{"event":"message.received","wait":"final","data":{"__proto__":{"polluted":true},"x":1}}`;
    expect((await call(target, "POST", "/__admin/trigger", { rawBody })).status).toBe(200);
    const [received] = receiver.received;
    const event = new LinqAPIV3({ apiKey: "unused" }).webhooks.unwrap(received!.body, {
      headers: received!.headers,
      key: secret,
    });
    const data = (JSON.parse(received!.body) as { data: Record<string, unknown> }).data;
    expect(Object.hasOwn(data, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(data, "__proto__")?.value).toEqual({ polluted: true });
    expect(event).toMatchObject({ data: { x: 1 } });
  });

  it("logs only the first 256 bytes of a /v3 request without the key", async () => {
    await call(target, "DELETE", "/__admin/requests");
    const rawBody = JSON.stringify({ target_url: uniqueUrl(), pad: "y".repeat(MiB) });
    expect((await call(target, "POST", "/v3/webhook-subscriptions", { rawBody, apiKey: null })).status).toBe(
      401,
    );
    const [entry] = Requests.parse((await call(target, "GET", "/__admin/requests")).body).requests;
    expect(typeof entry?.body).toBe("string");
    expect(String(entry?.body)).toBe(rawBody.slice(0, 256));
    expect(entry?.body_bytes).toBe(rawBody.length);
  });

  it.each([
    ["without the key: 401 once its first 256 bytes are in", "", 401, 64 * 1024],
    ["with the key, past 1 MiB: 413 once past the limit", "key", 413, MiB + 64 * 1024],
  ])(
    "answers a /v3 request of 4 MiB %s, before the rest is sent, then reads the rest (no reset)",
    async (_, key, status, first) => {
      const headers = key === "key" ? `Authorization: Bearer ${target.apiKey}\r\n` : "";
      const { answer, error } = await postAnsweredMidBody(headers, 4 * MiB, first);
      expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(answer.match(/HTTP\/1.1/g)).toHaveLength(1);
      expect(error).toBeUndefined();
      await expectServing();
    },
  );

  it("keeps at most 8 MiB of bodies in the request log, dropping the oldest, and counts every request", async () => {
    await call(target, "DELETE", "/__admin/requests");
    const rawBody = JSON.stringify({
      target_url: "not a url",
      subscribed_events: ["message.read"],
      pad: "z".repeat(MiB - 200),
    });
    for (let i = 0; i < 12; i++) {
      expect((await call(target, "POST", "/v3/webhook-subscriptions", { rawBody })).status).toBe(400);
    }
    const answer = await fetch(`${target.url}/__admin/requests`);
    const text = await answer.text();
    expect(text.length).toBeLessThan(8.5 * MiB);
    const { requests } = Requests.parse(JSON.parse(text));
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.at(-1)?.seq).toBe(11);
    expect(requests[0]?.seq).toBeGreaterThan(0);
    expect(await (await fetch(`${target.url}/__admin/counters`)).json()).toMatchObject({ total: 12 });
  });
});
