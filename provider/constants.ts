// Constants that the SDK, the provider and the emulator share. A leaf module: it imports nothing of
// this project, so that sdk/ and emulator/ depend on it without depending on the provider's logic.

/** The payload versions Linq delivers (`?version=` on a targetUrl picks one), oldest first. */
export const PAYLOAD_VERSIONS = ["2025-01-01", "2026-02-03"] as const;

/**
 * The webhook event types known to `@linqapp/sdk` 0.28.2. Linq adds and retires types over time, so the
 * live `GET /v3/webhook-events` list is the validator; this copy only serves as a TypeScript hint
 * (autocomplete), the emulator's default, and the explicit, opt-in offline fallback.
 */
export const KNOWN_WEBHOOK_EVENT_TYPES = [
  "message.sent",
  "message.received",
  "message.read",
  "message.delivered",
  "message.failed",
  "message.edited",
  "reaction.added",
  "reaction.removed",
  "participant.added",
  "participant.removed",
  "chat.created",
  "chat.group_name_updated",
  "chat.group_icon_updated",
  "chat.group_name_update_failed",
  "chat.group_icon_update_failed",
  "chat.typing_indicator.started",
  "chat.typing_indicator.stopped",
  "phone_number.status_updated",
  "call.initiated",
  "call.ringing",
  "call.answered",
  "call.ended",
  "call.failed",
  "call.declined",
  "call.no_answer",
  "location.sharing.started",
  "location.sharing.stopped",
] as const;

export type KnownWebhookEventType = (typeof KNOWN_WEBHOOK_EVENT_TYPES)[number];

/**
 * Set by the Node SDK, not by users: a DuplicateUrlClaim (duplicate-url-claim.ts). The dynamic provider's
 * adapter (dynamic/context.ts) takes it out for the CallContext, so it never reaches the resource or the state.
 */
export const DUPLICATE_URL_KEY = "duplicateTargetUrlOf";

/** Set by the Node SDK, not by users: a DuplicateAdoptClaim, taken out by the adapter as DUPLICATE_URL_KEY. */
export const DUPLICATE_ADOPT_KEY = "duplicateAdoptOf";

/**
 * Set by the Node SDK, not by users: the names of the inputs that are secret, which the dynamic-provider
 * host does not tell. The dynamic provider's adapter takes it out for the CallContext, as DUPLICATE_URL_KEY.
 */
export const SECRET_INPUTS_KEY = "secretInputs";
