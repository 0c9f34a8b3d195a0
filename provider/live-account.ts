// What the account looks like right now, fetched at most once per provider process: every check()
// of a program shares one request for the event list and one for the subscriptions, however many
// run at once. The caches live in a plain object that the serialized provider captures.
import {
  createLinqClient,
  type LinqClient,
  type WebhookEventList,
  type WebhookSubscriptionWire,
} from "./client";
import { settingsOf, type ProcessState } from "./process-state";
import { redact } from "./redaction";
import { clientOptions } from "./settings";

/** One client per settings: built again only when configure() brings new ones. */
export function clientFor(state: ProcessState): LinqClient {
  const settings = settingsOf(state);
  if (state.client?.settings !== settings) {
    const pacing = (state.pacing ??= { retryAt: 0, intervalMs: 0 });
    const cancelled = state.cancelled;
    // Secret inputs echoed by a server are removed from its text before a message cuts it short.
    const scrub = (text: string) => redact(text, state.secrets);
    state.client = {
      settings,
      api: createLinqClient({ ...clientOptions(settings), pacing, cancelled, scrub }),
    };
  }
  return state.client.api;
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
