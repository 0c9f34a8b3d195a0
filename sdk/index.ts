export { getWebhookEventTypes, getWebhookEventTypesOutput } from "./get-webhook-event-types";
export type {
  GetWebhookEventTypesArgs,
  GetWebhookEventTypesOutputArgs,
  GetWebhookEventTypesResult,
} from "./get-webhook-event-types";
export { WebhookSubscription } from "./webhook-subscription";
export type { WebhookEventType, WebhookSubscriptionArgs } from "./webhook-subscription";
export { KNOWN_WEBHOOK_EVENT_TYPES } from "../provider/constants";
export type { KnownWebhookEventType } from "../provider/constants";
