// The plugin's adapter: what the engine's requests tell (the URN, secret markers, last inputs,
// customTimeouts, Cancel) and what the plugin remembers by URN, as the resource's CallContext.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { callContext, type CallContext } from "../call-context";
import { claimAdoptedId, claimTargetUrl, newUrlClaims, type UrlClaims } from "../duplicate-url-claim";
import type { ProcessState } from "../process-state";

/** What the plugin process keeps for its calls: one process serves one deployment. */
export interface PluginHost {
  process: ProcessState;
  /** The engine's log (engine-log.ts). */
  logWarning: (message: string) => void;
  /** Fires on the engine's Cancel (Ctrl-C): from then on no call is tried again (RetryOptions.cancelled). */
  cancelled: AbortSignal;
  /**
   * targetUrl -> URN of the resource that declared it first: the plugin's record of the duplicate-URL
   * claim (duplicate-url-claim.ts), so that two resources of one program with the same URL fail at
   * preview in every language.
   */
  claims: UrlClaims<string>;
  /** adopted id -> URN of the resource that adopts it first: the same claim for the adopt input. */
  adoptClaims: UrlClaims<string>;
  /**
   * URN -> id of the subscription whose diff found changes, which the engine may replace (rotationTrigger,
   * or replaceOnChanges, which the resource's diff does not see). The engine then checks the replacement
   * again with no old inputs and no id, only the URN (pulumi's step_generator.go), and creates it while
   * the URL is still held (by that subscription, or kept by retainOnDelete): CallContext.replacing.
   */
  changed: Record<string, string>;
}

export function pluginHost(
  state: ProcessState,
  logWarning: PluginHost["logWarning"],
  cancelled: AbortSignal,
): PluginHost {
  const changed = Object.create(null) as Record<string, string>;
  return {
    process: state,
    logWarning,
    cancelled,
    claims: newUrlClaims<string>(),
    adoptClaims: newUrlClaims<string>(),
    changed,
  };
}

/** The context of a call on the resource `urn`; `known`, what its request tells besides. */
export function contextFor(host: PluginHost, urn: string, known: Partial<CallContext> = {}): CallContext {
  const replaced = host.changed[urn];
  return callContext(host.process, {
    logWarning: host.logWarning,
    signal: host.cancelled,
    ...(replaced ? { replacing: { id: replaced } } : {}),
    ...known,
  });
}

/** The context of check(): the secret inputs as the engine marked them, and the claim of the URL. */
export function checkContext(
  host: PluginHost,
  urn: string,
  news: { plain: Record<string, unknown>; secret: string[] },
): CallContext {
  const { targetUrl, adopt } = news.plain;
  // Unknown at preview when it comes from an output not known yet: never a duplicate (the engine
  // checks again with the known value before anything is created).
  const known = (value: unknown): value is string => typeof value === "string" && value !== unknownValue;
  const duplicateUrl = known(targetUrl) ? claimTargetUrl(host.claims, urn, targetUrl, nameOf) : undefined;
  const duplicateAdopt =
    known(adopt) && adopt !== "" ? claimAdoptedId(host.adoptClaims, urn, adopt, nameOf) : undefined;
  return contextFor(host, urn, {
    secretInputs: news.secret,
    ...(duplicateUrl ? { duplicateUrl } : {}),
    ...(duplicateAdopt ? { duplicateAdopt } : {}),
  });
}

/** After a diff of `urn` (see PluginHost.changed). */
export function rememberDiff(host: PluginHost, urn: string, id: string, changes: boolean): void {
  if (changes) host.changed[urn] = id;
}

const nameOf = (urn: string) => urn.split("::")[3] ?? urn;
