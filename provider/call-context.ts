// What a host tells the resource on each call: the one argument of every method of webhookSubscription
// (webhook-subscription.ts). Each host builds it in its adapter, from what it knows: the plugin from
// the engine's request (plugin/context.ts), the dynamic provider from the inputs its SDK side adds
// (dynamic/context.ts). The resource reads it and never learns which host called.
import type { DuplicateAdoptClaim, DuplicateUrlClaim } from "./duplicate-url-claim";
import type { ProcessState } from "./process-state";
import { redact, secretsOf } from "./redaction";

export interface CallContext {
  /** The host's process state: what lasts from call to call (settings, pacing, caches). */
  process: ProcessState;
  /** The names of the inputs that are secrets: named in messages, never shown (redaction.ts). */
  secretInputs: readonly string[];
  /** Another resource of the program declared this targetUrl first (check). */
  duplicateUrl?: DuplicateUrlClaim;
  /** Another resource of the program adopts this subscription id first (check). */
  duplicateAdopt?: DuplicateAdoptClaim;
  /**
   * The subscription that this resource replaces, when the engine replaces it (check and create): its
   * URL is still held by that subscription. The host remembers it from diff (see each adapter).
   */
  replacing?: { id: string };
  /** The resource's last inputs, where the host has them (read); otherwise read takes them from the outputs. */
  lastInputs?: Record<string, unknown>;
  /** Where warnings go: the engine's log (plugin) or stderr (dynamic provider). See warn. */
  logWarning: (message: string) => void;
  /** Fires when the operation is to stop: Ctrl-C (the engine's Cancel), or its customTimeouts deadline. */
  signal?: AbortSignal;
}

/** A context with nothing known of the call but the process: the base each host adds to. */
export function callContext(
  process: ProcessState,
  known: Partial<Omit<CallContext, "process">> = {},
): CallContext {
  return { process, secretInputs: [], logWarning: toStderr, ...known };
}

/** The engine shows a dynamic provider's stderr beside the resource. */
export const toStderr = (message: string): void => console.error(`warning: linq: ${message}`);

/** Shows a warning once per process, secrets redacted and controls neutralised. */
export function warn(ctx: CallContext, key: string, message: string): void {
  const { warned } = ctx.process;
  if (warned[key]) return;
  warned[key] = true;
  ctx.logWarning(redact(message, secretsOf(ctx.process)));
}
