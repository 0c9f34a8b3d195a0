// The Linq API V3 client the provider uses: axios underneath, zod over every answer.
import { createTransport, type ClientOptions } from "./transport";
import { webhookEvents } from "./webhook-events";
import { webhookSubscriptions } from "./webhook-subscriptions";

export function createLinqClient(options: ClientOptions = {}) {
  const transport = createTransport(options);
  return { webhookEvents: webhookEvents(transport), webhookSubscriptions: webhookSubscriptions(transport) };
}

export type LinqClient = ReturnType<typeof createLinqClient>;
export type { ClientOptions, RetryEvent } from "./transport";
export type { Pacing } from "./retry-policy";
export * from "./connection";
export * from "./errors";
export * from "./webhook-events";
export * from "./webhook-subscriptions";
