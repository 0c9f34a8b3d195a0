// What one provider process keeps between calls: a plain object that its host (the dynamic adapter,
// the plugin) creates once and hands to every call in its CallContext (call-context.ts).
import type { LinqClient, Pacing, WebhookEventList, WebhookSubscriptionWire } from "./client";
import type { SecretValues } from "./redaction";
import { resolveSettings, type Settings } from "./settings";

/**
 * What one provider process keeps between calls: settings, pacing, warnings shown, secret values seen,
 * ids adopted, fetched lists. Nothing in it tells one call of a resource what another call decided.
 */
export interface ProcessState {
  /** What configure() recorded (see settingsOf). */
  settings?: Settings;
  /** Shared by every client of the process, so that retries after 429 queue up (see Pacing). */
  pacing: Pacing;
  /** Warnings already shown by this process, so each shows once. */
  warned: Record<string, true>;
  /** Values of secret inputs seen by this process: redacted from every failure, error and warning. */
  secrets: SecretValues;
  /**
   * Ids adopted by a create of this process, that is of this update: a delete of the same id in the same
   * update belongs to a resource renamed without aliases, and only drops it from the state.
   */
  adopted: Record<string, true>;
  /** The last client built, reused by the calls with the same settings and cancellation signal. */
  client?: { settings: Settings; signal: AbortSignal | undefined; api: LinqClient };
  eventTypes?: Promise<WebhookEventList>;
  subscriptions?: Promise<WebhookSubscriptionWire[]>;
}

export function newProcessState(settings?: Settings): ProcessState {
  return {
    ...(settings ? { settings } : {}),
    pacing: { retryAt: 0, intervalMs: 0 },
    warned: {},
    secrets: {},
    adopted: {},
  };
}

/** What configure() recorded, or, if the engine never called it, what the environment says. */
export function settingsOf(state: ProcessState): Settings {
  return state.settings ?? resolveSettings(() => undefined);
}
