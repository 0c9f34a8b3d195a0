// The dynamic provider's implementation, loaded by the serialized provider in the engine's
// dynamic-provider process (see sdk/provider-module.ts).
export { webhookSubscription, type WebhookSubscriptionResource } from "./webhook-subscription";
export type {
  Inputs as WebhookSubscriptionInputs,
  Outputs as WebhookSubscriptionOutputs,
} from "./webhook-subscription";
export type { ProcessState } from "./process-state";
