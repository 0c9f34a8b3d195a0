// What one provider process keeps between calls, and the two things every call asks of it: the
// settings in force and a place to say a warning once.
import type { LinqClient, Pacing, WebhookEventList, WebhookSubscriptionWire } from "./client";
import { redact, secretsOf, type SecretValues } from "./redaction";
import { resolveSettings, type Settings } from "./settings";

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
  /** Values of secret inputs seen by check(): redacted from every failure, error and warning. */
  secrets?: SecretValues;
  /** Fires when the engine cancels the operations under way: set by an entry point that hears it (the plugin). */
  cancelled?: AbortSignal;
  /** Where warnings go: set by an entry point that has the engine's log (the plugin); stderr otherwise. */
  logWarning?: (message: string) => void;
  client?: { settings: Settings; api: LinqClient };
  eventTypes?: Promise<WebhookEventList>;
  subscriptions?: Promise<WebhookSubscriptionWire[]>;
}

/** What configure() recorded, or, if the engine never called it, what the environment says. */
export function settingsOf(state: ProcessState): Settings {
  return state.settings ?? resolveSettings(() => undefined);
}

/** Shows a warning once per process, secrets redacted and controls neutralised: through the entry point's sink (the plugin's engine log), else stderr. */
export function warn(state: ProcessState, key: string, message: string): void {
  state.warned ??= {};
  if (state.warned[key]) return;
  state.warned[key] = true;
  const shown = redact(message, secretsOf(state));
  if (state.logWarning) state.logWarning(shown);
  else console.error(`warning: linq: ${shown}`); // the engine shows the dynamic provider's stderr beside the resource
}
