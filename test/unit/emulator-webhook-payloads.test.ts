// Every event type the emulator lists is delivered, in both payload versions, with a payload that
// Linq's verifier accepts and that type-checks against @linqapp/sdk's own event types (the TypeScript
// compiler checks each received JSON as an object literal: wrong types, missing or unknown fields fail).
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "@jest/globals";
import LinqAPIV3 from "@linqapp/sdk";
import * as ts from "typescript";
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { REPO_ROOT, scratchDir } from "../../scripts/lib/local-stack";
import { call, useEmulator } from "../support/emulator";
import { startReceiver, type ReceivedRequest, type TestReceiver } from "../support/webhook-receiver";

const emulator = useEmulator();
const linq = new LinqAPIV3({ apiKey: "unused" });
const SDK_WEBHOOKS = path.join(REPO_ROOT, "node_modules/@linqapp/sdk/resources/webhooks.d.ts");
const VERSIONS = ["2025-01-01", "2026-02-03"];
let receiver: TestReceiver;

beforeAll(async () => {
  receiver = await startReceiver();
  emulator().setForwardTo(receiver.url);
});
afterAll(() => receiver.close());

/** "chat.typing_indicator.started" -> "ChatTypingIndicatorStartedWebhookEvent", as the SDK names them. */
const sdkTypeName = (event: string) =>
  event
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("") + "WebhookEvent";

const sdkHasType = (name: string) =>
  fs.readFileSync(SDK_WEBHOOKS, "utf8").includes(`export interface ${name} {`);

// What the SDK does not type: the 2025-01-01 message payloads (the SDK 0.28.2 has their nested
// MessagePayload only; the rest is the OpenAPI spec's MessageEvent), and event types Linq lists without
// a published schema (call.*, location.*), checked for the documented envelope.
const PRELUDE = `
import type * as W from "@linqapp/sdk/resources/webhooks";
import type { ChatHandle, ServiceType } from "@linqapp/sdk/resources/shared";
type Envelope = Omit<W.PhoneNumberStatusUpdatedWebhookEvent, "data"> & { data: Record<string, unknown> };
type V2025Message = Omit<W.MessageSentWebhookEvent, "data"> & {
  data: {
    chat_id: string; is_group: boolean; idempotency_key: string | null; from: string; from_handle: ChatHandle;
    message: W.MessagePayload; recipient_phone: string | null; recipient_handle: ChatHandle | null;
    is_from_me: boolean; received_at: string | null; service: ServiceType | null;
    preferred_service: "iMessage" | "SMS" | "RCS" | "auto" | null;
    message_id?: string; read_at?: string; delivered_at?: string;
  };
};
`;

const V2025_MESSAGE_TYPES = ["message.sent", "message.received", "message.read", "message.delivered"];

function typeFor(payload: { event_type: string; webhook_version: string }): string {
  if (payload.webhook_version === "2025-01-01" && V2025_MESSAGE_TYPES.includes(payload.event_type)) {
    return "V2025Message";
  }
  const name = sdkTypeName(payload.event_type);
  return sdkHasType(name) ? `W.${name}` : "Envelope";
}

/** Type-checks each payload as `const pN: <its SDK type> = <payload>;` and returns the compiler's errors. */
function typeErrors(payloads: Array<{ type: string; json: unknown }>): string[] {
  const dir = scratchDir("payload-types");
  const file = path.join(dir, "payloads.ts");
  const lines = payloads.map((p, i) => `export const p${i}: ${p.type} = ${JSON.stringify(p.json, null, 1)};`);
  fs.writeFileSync(file, PRELUDE + lines.join("\n"));
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    // Only the SDK's types, which the payloads import: not every @types package (half the time).
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  fs.rmSync(dir, { recursive: true, force: true });
  return errors;
}

describe("emulator delivery: payloads of every listed event type", () => {
  let received: ReceivedRequest[] = [];
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    for (const version of VERSIONS) {
      const res = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
        body: {
          target_url: `https://hooks.example.com/all?version=${version}`,
          subscribed_events: emulator().events(),
        },
      });
      const created = CreatedWebhookSubscriptionSchema.parse(res.body);
      secrets.set(created.id, created.signing_secret);
    }
    for (const event of emulator().events()) {
      const res = await emulator().trigger({ event, phone_number: "+14155551234", wait: "final" });
      expect(res.shape).toBe("known");
    }
    received = [...receiver.received];
  });

  const unwrapAll = () =>
    received.map((req) =>
      linq.webhooks.unwrap(req.body, {
        headers: req.headers,
        key: secrets.get(req.headers["x-webhook-subscription-id"] ?? "")!,
      }),
    );

  it("delivers each type once per version (message.edited: 2026-02-03 only), each verified by the SDK", () => {
    const seen = unwrapAll().map((p) => `${p.event_type}@${p.webhook_version}`);
    const expected = emulator()
      .events()
      .flatMap((e) =>
        VERSIONS.filter((v) => e !== "message.edited" || v === "2026-02-03").map((v) => `${e}@${v}`),
      );
    expect(seen.sort()).toEqual(expected.sort());
  });

  it("carries the envelope Linq documents, with the event's line wherever the payload names it", () => {
    for (const p of unwrapAll()) {
      expect(p).toEqual({
        api_version: "v3",
        webhook_version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        event_type: expect.any(String),
        event_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        created_at: expect.any(String),
        trace_id: expect.any(String),
        partner_id: expect.any(String),
        data: expect.any(Object),
      });
      expect(new Date(p.created_at).toISOString()).toBe(p.created_at);
      const mine = handles(p.data).filter((h) => h.is_me);
      for (const h of mine) expect(h.handle).toBe("+14155551234");
      if (
        /^(message\.(sent|received|read|delivered|edited)|chat\.created|call\.|location\.)/.test(p.event_type)
      ) {
        expect(mine.length).toBeGreaterThan(0);
      }
    }
  });

  it("type-checks every payload against @linqapp/sdk's event types", () => {
    const payloads = unwrapAll().map((json) => ({ type: typeFor(json), json }));
    const untyped = payloads.filter((p) => p.type === "Envelope").map((p) => p.json.event_type);
    expect(untyped.every((e) => /^(call|location)\./.test(e))).toBe(true);
    expect(typeErrors(payloads)).toEqual([]);
  });

  it("has a type check that catches a wrong value, a missing field and an unknown field", () => {
    const sent = unwrapAll().filter(
      (p) => p.event_type === "message.sent" && p.webhook_version === "2026-02-03",
    )[0]!;
    const { sender_handle: _dropped, ...withoutSender } = sent.data as unknown as Record<string, unknown>;
    const broken = [
      { ...sent, data: { ...sent.data, direction: "sideways" } },
      { ...sent, data: withoutSender },
      { ...sent, data: { ...sent.data, made_up: 1 } },
    ].map((json) => ({ type: typeFor(json), json }));
    const errors = typeErrors(broken);
    expect(errors).toHaveLength(3);
    expect(errors.join("\n")).toMatch(/sideways/);
    expect(errors.join("\n")).toMatch(/sender_handle/);
    expect(errors.join("\n")).toMatch(/made_up/);
  });
});

/** Every ChatHandle-shaped object inside a payload's data. */
function handles(value: unknown): Array<{ handle: string; is_me?: boolean }> {
  if (typeof value !== "object" || value === null) return [];
  const here =
    "handle" in value && "joined_at" in value ? [value as { handle: string; is_me?: boolean }] : [];
  return [...here, ...Object.values(value).flatMap(handles)];
}
