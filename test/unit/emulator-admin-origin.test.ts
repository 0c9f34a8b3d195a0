// The admin endpoints (no auth, signing secrets in their answers) answer only clients on this machine:
// 403 to a request whose Host is not the emulator's loopback address (DNS rebinding) and to a browser's
// cross-origin request (an Origin that is not the emulator's own); /v3 keeps its bearer auth.
import * as http from "node:http";
import { expect } from "@jest/globals";
import { z } from "zod";
import { call, uniqueUrl, useEmulator } from "../support/emulator";
import { startReceiver, type TestReceiver } from "../support/webhook-receiver";

const emulator = useEmulator();
let receiver: TestReceiver;
let port = 0;

beforeAll(async () => {
  receiver = await startReceiver();
  emulator().setForwardTo(receiver.url);
  port = Number(new URL(emulator().url).port);
  const created = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
    body: { target_url: uniqueUrl(), subscribed_events: ["message.received"] },
  });
  expect(created.status).toBe(201);
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.reset();
  emulator().clearDeliveries();
});

/** A request to the emulator with the headers a browser would send (fetch does not let a test set Host). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += String(c)));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const Refusal = z.object({ error: z.string() });
const trigger = JSON.stringify({ event: "message.received", wait: "final" });

describe("emulator admin endpoints", () => {
  it("answer 403 to a DNS-rebinding Host, without a signing secret", async () => {
    const rebound = await raw("GET", "/__admin/subscriptions", { host: `attacker.example.com:${port}` });
    expect(rebound.status).toBe(403);
    expect(Refusal.parse(JSON.parse(rebound.text)).error).toMatch(
      /Host header.*127\.0\.0\.1:\d+.*DNS rebinding/,
    );
    expect(rebound.text).not.toContain("whsec_");
    expect(rebound.text).not.toContain("attacker");
  });

  it("answer 403 to a Host of a loopback name at another port", async () => {
    expect((await raw("GET", "/__admin/subscriptions", { host: `localhost:${port + 1}` })).status).toBe(403);
  });

  it.each(["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])(
    "answer a Host of %s at the emulator's port",
    async (name) => {
      const listed = await raw("GET", "/__admin/subscriptions", { host: `${name}:${port}` });
      expect(listed.status).toBe(200);
      expect(listed.text).toContain("whsec_");
    },
  );

  it("answer 403 to a cross-origin text/plain POST to /__admin/trigger, and deliver nothing", async () => {
    const fired = await raw(
      "POST",
      "/__admin/trigger",
      { host: `127.0.0.1:${port}`, origin: "http://attacker.example.com", "content-type": "text/plain" },
      trigger,
    );
    expect(fired.status).toBe(403);
    expect(Refusal.parse(JSON.parse(fired.text)).error).toMatch(/Origin header/);
    expect(emulator().deliveries()).toEqual([]);
    expect(receiver.received).toHaveLength(0);
  });

  it.each([
    ["null (a sandboxed page)", () => "null"],
    ["of another port", () => `http://localhost:${port + 1}`],
    ["of https", () => `https://127.0.0.1:${port}`],
  ])("answer 403 to an Origin %s", async (_, originOf) => {
    const origin = originOf();
    const listed = await raw("GET", "/__admin/subscriptions", { host: `127.0.0.1:${port}`, origin });
    expect(listed.status).toBe(403);
  });

  it("answer a same-origin POST to /__admin/trigger", async () => {
    const fired = await raw(
      "POST",
      "/__admin/trigger",
      { host: `localhost:${port}`, origin: `http://localhost:${port}`, "content-type": "application/json" },
      trigger,
    );
    expect(fired.status).toBe(200);
    expect(receiver.received).toHaveLength(1);
  });
});

describe("emulator /v3 API", () => {
  it("keeps its bearer auth whatever the Host: 401 without the key, 200 with it", async () => {
    const host = `attacker.example.com:${port}`;
    expect((await raw("GET", "/v3/webhook-subscriptions", { host })).status).toBe(401);
    const authorized = await raw("GET", "/v3/webhook-subscriptions", {
      host,
      authorization: `Bearer ${emulator().apiKey}`,
    });
    expect(authorized.status).toBe(200);
    expect(authorized.text).not.toContain("whsec_");
  });
});
