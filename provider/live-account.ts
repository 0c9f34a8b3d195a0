// What the account looks like right now, fetched at most once per provider process: every check()
// of a program shares one request for the event list and one for the subscriptions, however many
// run at once. The caches live in a plain object that the serialized provider captures.
import {
  createLinqClient,
  type LinqClient,
  type Pacing,
  type WebhookEventList,
  type WebhookSubscription,
} from "./client";
import type { SecretValues } from "./redaction";
import { clientOptions, resolveSettings, type Settings } from "./settings";

export interface ProviderCache {
  settings?: Settings;
  /** Shared by every client of the process, so that retries after 429 queue up (see Pacing). */
  pacing?: Pacing;
  /**
   * targetUrl -> id of the subscription that diff() found changed, which the engine may replace
   * (rotationTrigger, or replaceOnChanges). The engine then checks the replacement as a new resource;
   * its URL is still held by the subscription it replaces.
   */
  replacing?: Record<string, string>;
  /** Warnings already printed by this process, so each shows once. */
  warned?: Record<string, boolean>;
  /** Values of secret inputs seen by check(): redacted from every failure, error and warning. */
  secrets?: SecretValues;
  /** Where warnings go: set by an entry point that has the engine's log (the plugin); stderr otherwise. */
  logWarning?: (message: string) => void;
  client?: { settings: Settings; api: LinqClient };
  eventTypes?: Promise<WebhookEventList>;
  subscriptions?: Promise<WebhookSubscription[]>;
}

/** One client per settings: built again only when configure() brings new ones. */
export function clientFor(cache: ProviderCache): LinqClient {
  const settings = settingsOf(cache);
  if (cache.client?.settings !== settings) {
    const pacing = (cache.pacing ??= { retryAt: 0, intervalMs: 0 });
    cache.client = { settings, api: createLinqClient({ ...clientOptions(settings), pacing }) };
  }
  return cache.client.api;
}

/** What configure() recorded, or, if the engine never called it, what the environment says. */
export function settingsOf(cache: ProviderCache): Settings {
  return cache.settings ?? resolveSettings(() => undefined);
}

export function liveEventTypes(cache: ProviderCache): Promise<WebhookEventList> {
  return (cache.eventTypes ??= forgetOnFailure(cache, "eventTypes", () =>
    clientFor(cache).webhookEvents.list(),
  ));
}

export function accountSubscriptions(cache: ProviderCache): Promise<WebhookSubscription[]> {
  return (cache.subscriptions ??= forgetOnFailure(cache, "subscriptions", () =>
    clientFor(cache).webhookSubscriptions.list(),
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
