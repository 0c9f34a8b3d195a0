// Linq's refusals (401, 403, 409, an unreachable API) in the words of what to do about them: the
// wording every entry point shows, in one place.
import { AuthenticationError, ConfigurationError, ConflictError, PermissionDeniedError } from "./client";
import { CONFIG_KEYS } from "./settings";

const KEY_FIX = `check '${CONFIG_KEYS.apiKey}' (or LINQ_API_V3_API_KEY)`;

/** "Linq refused the API key (…): check 'linq:apiKey' …", or undefined for an error that is no refusal. */
export function keyRefusal(err: unknown, what = "this Linq account"): string | undefined {
  if (err instanceof AuthenticationError) return `Linq refused the API key (${err.message}): ${KEY_FIX}`;
  if (err instanceof PermissionDeniedError) {
    return (
      `Linq denied this API key access to ${what} (${err.message}): it belongs to another Linq account or ` +
      `the key lacks the permission; ${KEY_FIX} and use the key of the account that owns it`
    );
  }
  return undefined;
}

/**
 * refresh and destroy run the provider with the configuration recorded at the last `up`, not the stack's
 * current one: a key or base URL set since (or a key given then only in the environment) is not seen.
 */
const RECORDED_CONFIG =
  "'pulumi refresh' and 'pulumi destroy' use the configuration recorded at the last 'pulumi up': " +
  "after changing the key or base URL, add --run-program to use the current one";

/** A refusal by Linq in the words of what to do about it; any other error passes unchanged. */
export function explained(err: unknown, about: { id?: string; targetUrl?: string }): unknown {
  const what = about.id ? `webhook subscription ${about.id}` : "this Linq account";
  if (err instanceof AuthenticationError) {
    return new Error(`${keyRefusal(err)}. ${RECORDED_CONFIG}`, { cause: err });
  }
  if (err instanceof ConfigurationError)
    return new Error(`${err.message} ${RECORDED_CONFIG}`, { cause: err });
  if (err instanceof PermissionDeniedError) return new Error(keyRefusal(err, what), { cause: err });
  if (err instanceof ConflictError && about.targetUrl) {
    return new Error(
      `${err.message}. Linq allows one subscription per targetUrl (${about.targetUrl}), and another one took ` +
        `it since the preview: if no other resource manages that one (in this or another stack, perhaps ` +
        `under another provider), set adopt: true to take it over; otherwise give this resource another URL.`,
      { cause: err },
    );
  }
  return err;
}

/**
 * A replacement refused because the subscription it replaces is still in Linq, holding the URL: the engine
 * either kept it (retainOnDelete) or has not deleted it yet (deleteBeforeReplace: false). The provider
 * cannot tell which, so this names both, each with its fix.
 */
export function keptPredecessorRefusal(replacedId: string, targetUrl: string): string {
  return (
    `targetUrl ${targetUrl} is still used by webhook subscription ${replacedId}, the one this resource ` +
    `replaces, and Linq allows one subscription per URL. Nothing was created. Either the resource option ` +
    `retainOnDelete kept it in Linq instead of deleting it first: to finish the replacement (a rotation), ` +
    `delete webhook subscription ${replacedId} in Linq and run 'pulumi up' again, or give this resource ` +
    `another targetUrl to leave it in Linq, outside the stack; remove retainOnDelete with an earlier ` +
    `'pulumi up' before a rotation (the engine applies the one recorded at the last 'pulumi up'). Or the ` +
    `resource option deleteBeforeReplace: false made the engine create the replacement first: remove it ` +
    `and run 'pulumi up' again (or change targetUrl in the same update, so that both can exist for a moment).`
  );
}

/** Why a lookup that a check needs failed, as the end of a sentence. */
export function explainUnavailable(err: unknown): string {
  if (err instanceof ConfigurationError) return err.message;
  const why = explained(err, {});
  return `${why instanceof Error ? why.message : String(why)}.`;
}
