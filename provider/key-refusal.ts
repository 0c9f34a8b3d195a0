// What to do when Linq refuses the API key, in one wording for the resource and the data source.
import { AuthenticationError, PermissionDeniedError } from "./client";
import { CONFIG_KEYS } from "./settings";

export const KEY_FIX = `check '${CONFIG_KEYS.apiKey}' (or LINQ_API_V3_API_KEY)`;

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
