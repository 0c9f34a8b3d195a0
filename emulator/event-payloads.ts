// The JSON payloads the emulator delivers: Linq's webhook envelope around a `data` object built by one
// generator per event family (message, reaction, participant, chat, typing, phone number, call,
// location). Shapes follow @linqapp/sdk 0.28.2 (resources/webhooks) and, for the 2025-01-01 message
// format, the OpenAPI spec; call and location events have no published shape (see decidedShapes).
import { randomBytes, randomUUID } from "node:crypto";
import { PAYLOAD_VERSIONS } from "../provider/constants";

export { PAYLOAD_VERSIONS };
export type PayloadVersion = (typeof PAYLOAD_VERSIONS)[number];

/** One event as it happened: every subscription's payload describes the same ids and times. */
export interface EventFacts {
  type: string;
  eventId: string;
  traceId: string;
  /** The account's line the event belongs to (what `phone_numbers` filters on). */
  phoneNumber: string;
  /** The other party: who wrote, reacted, called, joined. */
  counterpart: string;
  chatId: string;
  messageId: string;
  /** Handle ids of the line and the other party in this chat. */
  handleIds: { line: string; counterpart: string };
  at: Date;
}

export const PARTNER_ID = "emulator-partner";
const COUNTERPART = "+12025559876";

export function newEventFacts(type: string, phoneNumber: string, at = new Date()): EventFacts {
  return {
    type,
    eventId: randomUUID(),
    traceId: randomBytes(16).toString("hex"),
    phoneNumber,
    counterpart: phoneNumber === COUNTERPART ? "+12025559877" : COUNTERPART,
    chatId: randomUUID(),
    messageId: randomUUID(),
    handleIds: { line: randomUUID(), counterpart: randomUUID() },
    at,
  };
}

type Data = Record<string, unknown>;
type Generator = (facts: EventFacts, version: PayloadVersion) => Data;

/** The envelope of every delivery, with `data` for this version and the caller's overrides merged in. */
export function renderPayload(facts: EventFacts, version: PayloadVersion, overrides: Data = {}): Data {
  return {
    api_version: "v3",
    webhook_version: version,
    event_type: facts.type,
    event_id: facts.eventId,
    created_at: facts.at.toISOString(),
    trace_id: facts.traceId,
    partner_id: PARTNER_ID,
    data: deepMerge(generatorFor(facts.type)(facts, version), overrides),
  };
}

/** Whether the emulator knows this type's shape; a listed type without one gets the generic `data`. */
export const hasKnownShape = (type: string) => generatorFor(type) !== generic;

/** `message.edited` exists only in the 2026-02-03 format: Linq sends nothing to older subscriptions. */
export const deliverableInVersion = (type: string, version: PayloadVersion) =>
  type !== "message.edited" || version === "2026-02-03";

function generatorFor(type: string): Generator {
  // Own keys only: an event type named "constructor" or "__proto__" is a type like any other.
  return Object.hasOwn(GENERATORS, type) ? GENERATORS[type]! : generic;
}

// ---- shared pieces ----

const iso = (facts: EventFacts, secondsBefore = 0) =>
  new Date(facts.at.getTime() - secondsBefore * 1000).toISOString();

function handle(facts: EventFacts, isMe: boolean): Data {
  return {
    id: isMe ? facts.handleIds.line : facts.handleIds.counterpart,
    handle: isMe ? facts.phoneNumber : facts.counterpart,
    joined_at: iso(facts, 86_400),
    service: "iMessage",
    is_me: isMe,
    left_at: null,
    status: "active",
  };
}

const owner = (facts: EventFacts) => handle(facts, true);
const other = (facts: EventFacts) => handle(facts, false);

function healthStatus(facts: EventFacts): Data {
  return {
    status: "HEALTHY",
    doc_url: "https://docs.linqapp.com/guides/chats/chat-health#healthy",
    updated_at: iso(facts, 86_400),
  };
}

/** The row of a per-event table; generators are registered only for their table's keys. */
function stateOf<T>(table: Record<string, T>, type: string): T {
  const state = table[type];
  if (!state) throw new Error(`emulator: no payload state for event type "${type}"`);
  return state;
}

// ---- message events ----

/** Who sent it and how far it got: the timestamps Linq documents for each state. */
const MESSAGE_STATES: Record<string, { inbound: boolean; delivered: boolean; read: boolean }> = {
  "message.sent": { inbound: false, delivered: false, read: false },
  "message.received": { inbound: true, delivered: false, read: false },
  "message.delivered": { inbound: false, delivered: true, read: false },
  "message.read": { inbound: false, delivered: true, read: true },
};

const MESSAGE_TEXT = "Hello from the Linq emulator!";

function message(facts: EventFacts, version: PayloadVersion): Data {
  const state = stateOf(MESSAGE_STATES, facts.type);
  const sentAt = iso(facts, 3);
  const deliveredAt = state.delivered ? iso(facts, 2) : null;
  const readAt = state.read ? iso(facts, 0) : null;
  const parts = [{ type: "text", value: MESSAGE_TEXT }];
  const sender = state.inbound ? other(facts) : owner(facts);
  if (version === "2026-02-03") {
    return {
      id: facts.messageId,
      chat: {
        id: facts.chatId,
        is_group: false,
        owner_handle: owner(facts),
        health_status: healthStatus(facts),
      },
      direction: state.inbound ? "inbound" : "outbound",
      sender_handle: sender,
      parts,
      service: "iMessage",
      effect: null,
      idempotency_key: null,
      preferred_service: state.inbound ? null : "iMessage",
      reply_to: null,
      sent_at: sentAt,
      delivered_at: deliveredAt,
      read_at: readAt,
    };
  }
  return {
    chat_id: facts.chatId,
    is_group: false,
    idempotency_key: null,
    from: sender.handle,
    from_handle: sender,
    is_from_me: !state.inbound,
    recipient_phone: state.inbound ? facts.phoneNumber : null,
    recipient_handle: state.inbound ? owner(facts) : null,
    received_at: state.inbound ? sentAt : null,
    service: "iMessage",
    preferred_service: state.inbound ? null : "iMessage",
    message: {
      id: facts.messageId,
      created_at: iso(facts, 4),
      updated_at: iso(facts, 0),
      parts,
      sent_at: sentAt,
      delivered_at: deliveredAt,
      read_at: readAt,
      is_delivered: state.delivered,
      is_read: state.read,
    },
    ...(state.delivered ? { message_id: facts.messageId, delivered_at: deliveredAt } : {}),
    ...(state.read ? { read_at: readAt } : {}),
  };
}

const messageFailed: Generator = (facts) => ({
  chat_id: facts.chatId,
  message_id: facts.messageId,
  code: 4001,
  reason: "Request could not be delivered",
  failed_at: iso(facts),
});

const messageEdited: Generator = (facts) => ({
  id: facts.messageId,
  chat: { id: facts.chatId, is_group: false, owner_handle: owner(facts), health_status: healthStatus(facts) },
  direction: "outbound",
  sender_handle: owner(facts),
  edited_at: iso(facts),
  part: { index: 0, text: `${MESSAGE_TEXT} (edited)` },
});

// ---- reactions, participants, chats, typing ----

const reaction: Generator = (facts) => ({
  is_from_me: false,
  reaction_type: "love",
  custom_emoji: null,
  sticker: null,
  chat_id: facts.chatId,
  message_id: facts.messageId,
  part_index: 0,
  from: facts.counterpart,
  from_handle: other(facts),
  reacted_at: iso(facts),
  service: "iMessage",
});

const participant =
  (timeField: "added_at" | "removed_at"): Generator =>
  (facts) => ({
    handle: facts.counterpart,
    participant: other(facts),
    chat_id: facts.chatId,
    [timeField]: iso(facts),
  });

const chatCreated: Generator = (facts) => ({
  id: facts.chatId,
  created_at: iso(facts),
  updated_at: iso(facts),
  display_name: null,
  handles: [owner(facts), other(facts)],
  health_status: healthStatus(facts),
  is_group: false,
  service: "iMessage",
});

const groupChange =
  (newValue: string, oldValue: string | null): Generator =>
  (facts) => ({
    chat_id: facts.chatId,
    updated_at: iso(facts),
    changed_by_handle: other(facts),
    new_value: newValue,
    old_value: oldValue,
  });

const groupChangeFailed: Generator = (facts) => ({
  chat_id: facts.chatId,
  error_code: 4001,
  failed_at: iso(facts),
});

const typing: Generator = (facts) => ({ chat_id: facts.chatId });

// ---- phone number ----

const phoneNumberStatus: Generator = (facts) => ({
  phone_number: facts.phoneNumber,
  changed_at: iso(facts),
  previous_status: "ACTIVE",
  new_status: "FLAGGED",
  previous_reputation: "HEALTHY",
  new_reputation: "AT_RISK",
  previous_health_status: "HEALTHY",
  new_health_status: "AT_RISK",
});

// ---- decidedShapes: call and location events ----
// Linq lists these types but publishes no payload schema for them (neither @linqapp/sdk 0.28.2 nor the
// OpenAPI spec). The emulator sends the common envelope with a `data` in the style of the documented
// events: chat_id, handles as full ChatHandle objects, ISO times; documented as the emulator's choice.

const CALL_STATES: Record<string, { answered: boolean; ended: boolean; reason?: string }> = {
  "call.initiated": { answered: false, ended: false },
  "call.ringing": { answered: false, ended: false },
  "call.answered": { answered: true, ended: false },
  "call.ended": { answered: true, ended: true },
  "call.failed": { answered: false, ended: true, reason: "network_error" },
  "call.declined": { answered: false, ended: true, reason: "declined" },
  "call.no_answer": { answered: false, ended: true, reason: "no_answer" },
};

const call: Generator = (facts) => {
  const state = stateOf(CALL_STATES, facts.type);
  return {
    call_id: facts.messageId,
    chat_id: facts.chatId,
    status: facts.type.slice("call.".length),
    direction: "inbound",
    from_handle: other(facts),
    to_handle: owner(facts),
    started_at: iso(facts, 60),
    answered_at: state.answered ? iso(facts, 55) : null,
    ended_at: state.ended ? iso(facts) : null,
    duration_seconds: state.ended && state.answered ? 55 : null,
    failure_reason: state.reason ?? null,
  };
};

const location =
  (sharing: boolean): Generator =>
  (facts) => ({
    chat_id: facts.chatId,
    is_from_me: false,
    handle: other(facts),
    owner_handle: owner(facts),
    ...(sharing
      ? {
          started_at: iso(facts),
          expires_at: new Date(facts.at.getTime() + 3_600_000).toISOString(),
          location: { latitude: 37.7749, longitude: -122.4194, accuracy_meters: 12 },
        }
      : { stopped_at: iso(facts) }),
  });

/** A listed type the emulator has no shape for (one Linq added later): the number and the time. */
const generic: Generator = (facts) => ({ phone_number: facts.phoneNumber, occurred_at: iso(facts) });

const GENERATORS: Record<string, Generator> = {
  ...Object.fromEntries(Object.keys(MESSAGE_STATES).map((t) => [t, message])),
  "message.failed": messageFailed,
  "message.edited": messageEdited,
  "reaction.added": reaction,
  "reaction.removed": reaction,
  "participant.added": participant("added_at"),
  "participant.removed": participant("removed_at"),
  "chat.created": chatCreated,
  "chat.group_name_updated": groupChange("Weekend plans", null),
  "chat.group_icon_updated": groupChange("https://cdn.linqapp.com/group-icons/emulator.png", null),
  "chat.group_name_update_failed": groupChangeFailed,
  "chat.group_icon_update_failed": groupChangeFailed,
  "chat.typing_indicator.started": typing,
  "chat.typing_indicator.stopped": typing,
  "phone_number.status_updated": phoneNumberStatus,
  ...Object.fromEntries(Object.keys(CALL_STATES).map((t) => [t, call])),
  "location.sharing.started": location(true),
  "location.sharing.stopped": location(false),
};

/**
 * `base` with `overrides` merged in, object by object. Built with Object.fromEntries, which defines
 * properties instead of assigning them: a key such as `__proto__` is kept as sent, not dropped.
 */
function deepMerge(base: Data, overrides: Data): Data {
  const merged = Object.entries(overrides).map(([key, value]) => {
    const current = Object.hasOwn(base, key) ? base[key] : undefined;
    return [key, isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value];
  });
  return Object.fromEntries([...Object.entries(base), ...merged]) as Data;
}

const isPlainObject = (v: unknown): v is Data => typeof v === "object" && v !== null && !Array.isArray(v);
