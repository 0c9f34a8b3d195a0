// The one boundary between Linq's wire names (target_url, subscribed_events, doc_url) and Pulumi's
// (targetUrl, subscribedEvents, docUrl): everything else in provider/ speaks only one of them.
import type {
  CreatedWebhookSubscription,
  WebhookEventList,
  WebhookSubscriptionCreateParams,
  WebhookSubscriptionUpdateParams,
  WebhookSubscriptionWire,
} from "./client";
import type { Inputs, Outputs } from "./webhook-subscription-schema";

/** The inputs that Linq's update takes (PATCH): what may change without replacing the subscription. */
export type UpdatableField = "targetUrl" | "subscribedEvents" | "phoneNumbers" | "isActive";

/** A subscription as Linq describes it, in Pulumi's names. */
export interface LiveSubscription {
  id: string;
  targetUrl: string;
  subscribedEvents: string[];
  phoneNumbers?: string[];
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  /** Only in the answer to a create: Linq shows it once. */
  signingSecret?: string;
}

export function fromWire(live: WebhookSubscriptionWire | CreatedWebhookSubscription): LiveSubscription {
  return {
    id: live.id,
    targetUrl: live.target_url,
    subscribedEvents: live.subscribed_events,
    phoneNumbers: live.phone_numbers ?? undefined,
    isActive: live.is_active,
    createdAt: live.created_at,
    updatedAt: live.updated_at,
    signingSecret: "signing_secret" in live ? live.signing_secret : undefined,
  };
}

/** Linq's view of a subscription, in Pulumi's names, with what only the state knows carried over. */
export function outputsOf(
  live: WebhookSubscriptionWire,
  carried: Partial<Inputs>,
  signingSecret: string | undefined,
): Outputs {
  const { targetUrl, subscribedEvents, phoneNumbers, isActive, createdAt, updatedAt } = fromWire(live);
  const outputs: Outputs = {
    targetUrl,
    subscribedEvents,
    phoneNumbers,
    isActive,
    createdAt,
    updatedAt,
    signingSecret,
    rotationTrigger: carried.rotationTrigger,
    adopt: carried.adopt,
  };
  // The engine's struct encoding has no room for undefined.
  return Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined)) as Outputs;
}

export function createBody(inputs: Inputs): WebhookSubscriptionCreateParams {
  return {
    target_url: inputs.targetUrl,
    subscribed_events: inputs.subscribedEvents,
    phone_numbers: inputs.phoneNumbers,
  };
}

/** The fields to change, in Linq's names; an omitted phone filter or isActive goes back to its default. */
export function updateBody(fields: UpdatableField[], inputs: Inputs): WebhookSubscriptionUpdateParams {
  const body: WebhookSubscriptionUpdateParams = {};
  if (fields.includes("targetUrl")) body.target_url = inputs.targetUrl;
  if (fields.includes("subscribedEvents")) body.subscribed_events = inputs.subscribedEvents;
  if (fields.includes("phoneNumbers")) body.phone_numbers = inputs.phoneNumbers ?? null;
  if (fields.includes("isActive")) body.is_active = inputs.isActive ?? true;
  return body;
}

/** GET /v3/webhook-events in Pulumi's names (the data source's result). */
export function eventTypesOf(list: WebhookEventList): { events: string[]; docUrl: string } {
  return { events: list.events, docUrl: list.doc_url };
}
