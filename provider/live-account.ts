// What the account looks like right now, fetched at most once per provider process: every check()
// of a program shares one request for the event list and one for the subscriptions, however many
// run at once. The caches live in a plain object that the serialized provider captures.
import { createLinqClient, type LinqClient, type WebhookEventList, type WebhookSubscription } from "./client";
import { clientOptions, type Settings } from "./settings";

export interface ProviderCache {
  settings?: Settings;
  /**
   * targetUrl -> id of the subscription that diff() decided to replace. The engine then checks the
   * replacement as a new resource; its URL is still held by the subscription it replaces.
   */
  replacing?: Record<string, string>;
  /** Warnings already printed by this process, so each shows once. */
  warned?: Record<string, boolean>;
  eventTypes?: Promise<WebhookEventList>;
  subscriptions?: Promise<WebhookSubscription[]>;
}

export function clientFor(settings: Settings): LinqClient {
  return createLinqClient(clientOptions(settings));
}

export function liveEventTypes(cache: ProviderCache, client: () => LinqClient): Promise<WebhookEventList> {
  return (cache.eventTypes ??= forgetOnFailure(cache, "eventTypes", () => client().webhookEvents.list()));
}

export function accountSubscriptions(
  cache: ProviderCache,
  client: () => LinqClient,
): Promise<WebhookSubscription[]> {
  return (cache.subscriptions ??= forgetOnFailure(cache, "subscriptions", () =>
    client().webhookSubscriptions.list(),
  ));
}

/** A failed fetch is not cached, so that a later check can try again. */
function forgetOnFailure<T>(
  cache: ProviderCache,
  key: "eventTypes" | "subscriptions",
  fetch: () => Promise<T>,
) {
  return Promise.resolve()
    .then(fetch)
    .catch((err: unknown) => {
      cache[key] = undefined;
      throw err;
    });
}
