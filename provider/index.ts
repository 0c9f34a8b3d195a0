// The dynamic provider's adapter, loaded by the serialized provider in the engine's dynamic-provider
// process (see sdk/provider-module.ts), and the resource it calls.
import { scrubbingErrors } from "./redaction";
import { webhookSubscription as implementation } from "./webhook-subscription";

export type { WebhookSubscriptionResource } from "./webhook-subscription";
/** Every error it throws redacted and neutralised (redaction.ts), as the plugin's. */
export const webhookSubscription = scrubbingErrors(implementation);
export type {
  Inputs as WebhookSubscriptionInputs,
  Outputs as WebhookSubscriptionOutputs,
} from "./webhook-subscription";
export { dynamicWebhookSubscription } from "./dynamic/context";
export type { CallContext } from "./call-context";
export type { ProcessState } from "./process-state";
