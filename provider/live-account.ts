// What the account looks like right now, fetched at most once per provider process: every check()
// of a program shares one request for the event list and one for the subscriptions, however many
// run at once. The caches live in a plain object that the serialized provider captures.
import {
  ConfigurationError,
  createLinqClient,
  type LinqClient,
  type WebhookEventList,
  type WebhookSubscriptionWire,
} from "./client";
import type { CallContext } from "./call-context";
import { settingsOf } from "./process-state";
import { redact } from "./redaction";
import { isKeyRefusal } from "./refusals";
import { clientOptions } from "./settings";

/** One client per settings and cancellation signal: built again when configure() brings new settings. */
export function clientFor(ctx: CallContext): LinqClient {
  const { process: state, signal } = ctx;
  const settings = settingsOf(state);
  if (state.client?.settings !== settings || state.client.signal !== signal) {
    // Secret inputs echoed by a server are removed from its text before a message cuts it short.
    const scrub = (text: string) => redact(text, state.secrets);
    const options = { ...clientOptions(settings), pacing: state.pacing, cancelled: signal, scrub };
    state.client = { settings, signal, api: createLinqClient(options) };
  }
  return state.client.api;
}

/**
 * Why the settings can reach no Linq account (no key, an unusable base URL), when a check would fetch from
 * it: the provider's configuration to fix, not a lookup that failed. Offline validation fetches nothing.
 */
export function connectionRefusal(ctx: CallContext): ConfigurationError | undefined {
  if (settingsOf(ctx.process).validateOffline) return undefined;
  try {
    clientFor(ctx);
    return undefined;
  } catch (err) {
    if (err instanceof ConfigurationError) return err;
    throw err;
  }
}

export function liveEventTypes(ctx: CallContext): Promise<WebhookEventList> {
  return (ctx.process.eventTypes ??= forgetOnFailure(ctx, "eventTypes", () =>
    clientFor(ctx).webhookEvents.list(),
  ));
}

export function accountSubscriptions(ctx: CallContext): Promise<WebhookSubscriptionWire[]> {
  return (ctx.process.subscriptions ??= forgetOnFailure(ctx, "subscriptions", () =>
    clientFor(ctx).webhookSubscriptions.list(),
  ));
}

/**
 * A failed fetch is not cached, so that a later check can try again; a refused key is: the same key gets
 * the same answer, so every later check fails with it and sends nothing.
 */
function forgetOnFailure<T>(ctx: CallContext, key: "eventTypes" | "subscriptions", fetch: () => Promise<T>) {
  return Promise.resolve()
    .then(fetch)
    .catch((err: unknown) => {
      if (!isKeyRefusal(err)) ctx.process[key] = undefined;
      throw err;
    });
}
