// Connection and validation settings, from explicit arguments, then stack config (`linq:*`), then
// the environment. The API key is looked up at call time and never stored in a resource's state.
import { ConfigurationError, type ClientOptions } from "./client";
import { neutralise } from "./safe-text";

export const CONFIG_KEYS = {
  apiKey: "linq:apiKey",
  baseUrl: "linq:baseUrl",
  validateOffline: "linq:validateOffline",
  adoptExisting: "linq:adoptExisting",
} as const;
export const VALIDATE_OFFLINE_ENV = "LINQ_VALIDATE_OFFLINE";
export const ADOPT_EXISTING_ENV = "LINQ_ADOPT_EXISTING";

export interface Settings {
  apiKey?: string;
  baseUrl?: string;
  /** Where baseUrl was set, when not in the stack config (an explicit argument): named by its messages. */
  baseUrlSetting?: string;
  /** Validate event names against the bundled list instead of the live one (explicit opt-in). */
  validateOffline: boolean;
  /**
   * Every new subscription adopts the one that already uses its URL, as `adopt: true` does (explicit
   * opt-in): the way back after an interrupted `up` whose creates Linq finished.
   */
  adoptExisting: boolean;
}

export function resolveSettings(
  readConfig: (key: string) => string | undefined,
  explicit: { apiKey?: string; baseUrl?: string } = {},
  env: NodeJS.ProcessEnv = process.env,
): Settings {
  const refusal = envSwitchRefusals(env)[0];
  if (refusal) throw new ConfigurationError(refusal);
  return {
    // The client falls back to LINQ_API_V3_API_KEY / LINQ_API_V3_BASE_URL itself.
    apiKey: explicit.apiKey || readConfig(CONFIG_KEYS.apiKey) || undefined,
    baseUrl: explicit.baseUrl || readConfig(CONFIG_KEYS.baseUrl) || undefined,
    ...(explicit.baseUrl ? { baseUrlSetting: "the baseUrl argument" } : {}),
    validateOffline: (readConfig(CONFIG_KEYS.validateOffline) ?? env[VALIDATE_OFFLINE_ENV]) === "true",
    adoptExisting: (readConfig(CONFIG_KEYS.adoptExisting) ?? env[ADOPT_EXISTING_ENV]) === "true",
  };
}

/**
 * Each switch of the environment set to something other than true or false, refused as the same value in
 * the stack config is: `TRUE`, `1` or `yes` would otherwise be silently off. Set but empty counts as unset.
 */
export function envSwitchRefusals(env: NodeJS.ProcessEnv = process.env): string[] {
  return [VALIDATE_OFFLINE_ENV, ADOPT_EXISTING_ENV].flatMap((variable) => {
    const value = env[variable];
    if (!value || value === "true" || value === "false") return [];
    const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return [
      `The environment variable ${variable} is ${neutralise(shown)}: set it to true or false (or unset it).`,
    ];
  });
}

export function clientOptions(settings: Settings): ClientOptions {
  return { apiKey: settings.apiKey, baseUrl: settings.baseUrl, baseUrlSetting: settings.baseUrlSetting };
}
