// What the account looks like right now, fetched at most once per provider process: every check()
// of a program shares one request for the event list and one for the subscriptions, however many
// run at once. The caches live in a plain object that the serialized provider captures.
import {
  createLinqClient,
  type LinqClient,
  type Pacing,
  type WebhookEventList,
  type WebhookSubscriptionWire,
} from "./client";
import { clientOptions, resolveSettings, type Settings } from "./settings";

/**
 * What one provider process keeps between calls (settings, pacing, warnings shown, fetched lists): a plain
 * object, which the dynamic provider captures empty and the plugin creates once.
 */
export interface ProcessState {
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
  /** Where warnings go: set by an entry point that has the engine's log (the plugin); stderr otherwise. */
  logWarning?: (message: string) => void;
  client?: { settings: Settings; api: LinqClient };
  eventTypes?: Promise<WebhookEventList>;
  subscriptions?: Promise<WebhookSubscriptionWire[]>;
}

/** One client per settings: built again only when configure() brings new ones. */
export function clientFor(state: ProcessState): LinqClient {
  const settings = settingsOf(state);
  if (state.client?.settings !== settings) {
    const pacing = (state.pacing ??= { retryAt: 0, intervalMs: 0 });
    state.client = { settings, api: createLinqClient({ ...clientOptions(settings), pacing }) };
  }
  return state.client.api;
}

/** What configure() recorded, or, if the engine never called it, what the environment says. */
export function settingsOf(state: ProcessState): Settings {
  return state.settings ?? resolveSettings(() => undefined);
}

export function liveEventTypes(state: ProcessState): Promise<WebhookEventList> {
  return (state.eventTypes ??= forgetOnFailure(state, "eventTypes", () =>
    clientFor(state).webhookEvents.list(),
  ));
}

export function accountSubscriptions(state: ProcessState): Promise<WebhookSubscriptionWire[]> {
  return (state.subscriptions ??= forgetOnFailure(state, "subscriptions", () =>
    clientFor(state).webhookSubscriptions.list(),
  ));
}

/** A failed fetch is not cached, so that a later check can try again. */
function forgetOnFailure<T>(
  state: ProcessState,
  key: "eventTypes" | "subscriptions",
  fetch: () => Promise<T>,
) {
  return Promise.resolve()
    .then(fetch)
    .catch((err: unknown) => {
      state[key] = undefined;
      throw err;
    });
}
