// Linq's refusals (401, 403, 409, an unreachable API) in the words of what to do about them: the
// wording every entry point shows, in one place.
import {
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  PermissionDeniedError,
  type LinqError,
} from "./client";
import { diagnostic, problem, README_SECTIONS, untrusted } from "./safe-text";
import { CONFIG_KEYS } from "./settings";

const KEY_SETTING = `'${CONFIG_KEYS.apiKey}' (or LINQ_API_V3_API_KEY)`;

/** Linq refused the key (401) or denied it access (403): the provider's settings to fix, not an outage. */
export const isKeyRefusal = (err: unknown): boolean =>
  err instanceof AuthenticationError || err instanceof PermissionDeniedError;

/** "Linq refused the API key (…). Check 'linq:apiKey' …", or undefined for an error that is no refusal. */
export function keyRefusal(err: unknown, what = "this Linq account"): string | undefined {
  if (err instanceof AuthenticationError)
    return diagnostic(
      problem`Linq refused the API key (${answerOf(err)})`,
      `Set ${KEY_SETTING} to an API key of the Linq account`,
    );
  if (err instanceof PermissionDeniedError) {
    return diagnostic(
      problem`Linq denied this API key access to ${what} (${answerOf(err)})`,
      `It belongs to another Linq account or lacks that permission: set ${KEY_SETTING} to a key of the account that owns it, with access to it`,
    );
  }
  return undefined;
}

/**
 * Linq's answer in a refusal's first sentence: its own words, which say why, before the call's; the whole
 * client message (with its trace id) is the error's cause.
 */
const answerOf = (err: LinqError) =>
  untrusted(err.reason ? `${err.call} answered ${err.status}, "${err.reason}"` : err.message);

/**
 * refresh and destroy run the provider with the configuration recorded at the last `up`, not the stack's
 * current one: a key or base URL set since (or a key given then only in the environment) is not seen.
 */
const RECORDED_CONFIG =
  "After changing the key or base URL, add --run-program to 'pulumi refresh' or 'pulumi destroy': they use " +
  "the configuration recorded at the last 'pulumi up'. See README.md#" +
  README_SECTIONS.recordedConfig +
  ".";

/** A refusal by Linq in the words of what to do about it; any other error passes unchanged. */
export function explained(err: unknown, about: { id?: string; targetUrl?: string }): unknown {
  const what = about.id ? `webhook subscription ${about.id}` : "this Linq account";
  if (err instanceof AuthenticationError) {
    return new Error(`${keyRefusal(err)} ${RECORDED_CONFIG}`, { cause: err });
  }
  if (err instanceof ConfigurationError)
    return new Error(`${err.message} ${RECORDED_CONFIG}`, { cause: err });
  if (err instanceof PermissionDeniedError) return new Error(keyRefusal(err, what), { cause: err });
  if (err instanceof ConflictError && about.targetUrl) {
    return new Error(
      diagnostic(
        problem`Linq allows one subscription per targetUrl (${about.targetUrl}), and another one took it since the preview`,
        [
          `If no other resource manages that one (in this or another stack, perhaps under another provider), ` +
            `set adopt: true to take it over; otherwise give this resource another URL`,
          `Linq's answer: ${err.message}`,
        ],
      ),
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
  return diagnostic(
    problem`The subscription this resource replaces still holds targetUrl "${targetUrl}", so nothing was created`,
    [
      `It is webhook subscription ${replacedId}`,
      `If the option retainOnDelete kept it, delete webhook subscription ${replacedId} in Linq and run ` +
        `'pulumi up' again, or give this resource another targetUrl to leave it in Linq`,
      `If the option deleteBeforeReplace: false made the engine create the replacement first, remove it and ` +
        `run 'pulumi up' again (or change targetUrl in the same update)`,
    ],
    "keptPredecessor",
  );
}

/** Why a lookup that a check needs failed, as the end of a sentence. */
export function explainUnavailable(err: unknown): string {
  const why = explained(err, {});
  const text = why instanceof Error ? why.message : String(why);
  return /[.?!]$/.test(text) ? text : `${text}.`;
}
