export { getWebhookEventTypes, getWebhookEventTypesOutput } from "./get-webhook-event-types";
export type {
  GetWebhookEventTypesArgs,
  GetWebhookEventTypesOutputArgs,
  GetWebhookEventTypesResult,
} from "./get-webhook-event-types";
export { getWebhookSubscriptions, getWebhookSubscriptionsOutput } from "./get-webhook-subscriptions";
export type {
  GetWebhookSubscriptionsArgs,
  GetWebhookSubscriptionsOutputArgs,
  GetWebhookSubscriptionsResult,
  InventorySubscription,
} from "./get-webhook-subscriptions";
export { WebhookSubscription } from "./webhook-subscription";
export type { WebhookEventType, WebhookSubscriptionArgs } from "./webhook-subscription";
export { KNOWN_WEBHOOK_EVENT_TYPES } from "../provider/constants";
export type { KnownWebhookEventType } from "../provider/constants";
