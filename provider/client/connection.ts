// Where the client connects and with which key: explicit options first, then the environment
// variables the official Linq clients read.
import { diagnostic, problem, whole } from "../safe-text";
import { ConfigurationError } from "./errors";

export const DEFAULT_BASE_URL = "https://api.linqapp.com/api/partner";
export const API_KEY_ENV = "LINQ_API_V3_API_KEY";
export const BASE_URL_ENV = "LINQ_API_V3_BASE_URL";

export interface ConnectionOptions {
  apiKey?: string;
  baseUrl?: string;
  /** Where `baseUrl` was set, as a message names it (default: the stack config or an explicit provider). */
  baseUrlSetting?: string;
}

export interface Connection {
  apiKey: string;
  baseUrl: string;
}

const CONFIG_SETTING = "'linq:baseUrl' (or an explicit provider's baseUrl)";
/** A base URL is a user's value: shown neutralised and cut, as any text from outside. */

export function resolveConnection(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const apiKey = options.apiKey || env[API_KEY_ENV];
  if (!apiKey) {
    throw new ConfigurationError(
      diagnostic(problem`No Linq API key`, [
        `Set the stack config 'linq:apiKey' (pulumi config set --secret linq:apiKey <key>) or the environment ` +
          `variable ${API_KEY_ENV}`,
        `An explicit provider (pulumi:providers:linq) does not read the stack config: give it the apiKey input`,
      ]),
    );
  }
  return { apiKey, baseUrl: resolveBaseUrl(options, env) };
}

/**
 * The base URL the client would use, checked without the key: a provider's configuration is refused by it
 * before anything is sent, even where no key is needed yet (config-checks.ts).
 */
export function resolveBaseUrl(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): string {
  const setting = options.baseUrl ? (options.baseUrlSetting ?? CONFIG_SETTING) : BASE_URL_ENV;
  // Named by a check failure only when set as the provider's baseUrl: a variable is no property.
  const property = options.baseUrl ? "baseUrl" : undefined;
  const baseUrl = (options.baseUrl || env[BASE_URL_ENV] || DEFAULT_BASE_URL).replace(/\/+$/, "");
  return checkBaseUrl(baseUrl, setting, property);
}

/**
 * A user name or password in the base URL would be printed in every error and, worse, axios would send
 * it as `Authorization: Basic …` in place of the bearer key. Refused, and never repeated: it may be a
 * password, and `linq:baseUrl` is not a secret (so its refusal names no property: the engine would show it).
 */
function checkBaseUrl(baseUrl: string, setting: string, property: string | undefined): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (baseUrl.includes("@") && (!url || url.username || url.password)) {
    throw new ConfigurationError(
      diagnostic(
        problem`The Linq base URL set in ${whole(setting)} contains a user name or password (not repeated here)`,
        `Remove the "user:password@" part: Linq authenticates with the API key alone ('linq:apiKey' or ${API_KEY_ENV})`,
      ),
    );
  }
  if (!url || !/^https?:$/.test(url.protocol) || !/^https?:\/\/[^/]/i.test(baseUrl)) {
    throw new ConfigurationError(
      diagnostic(
        problem`The Linq base URL '${baseUrl}' is not an http(s) URL`,
        `Fix ${setting}, e.g. '${DEFAULT_BASE_URL}'`,
      ),
      property,
    );
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new ConfigurationError(
      diagnostic(
        problem`The Linq base URL '${baseUrl}' is plain http, which would send the API key in cleartext`,
        [
          `Set ${setting} to https (e.g. '${DEFAULT_BASE_URL}')`,
          `Plain http is allowed only to this machine (localhost, 127.0.0.0/8, [::1]), as for the emulator`,
        ],
      ),
      property,
    );
  }
  // "HTTP://…" is the same URL: the scheme in lower case, as every later check and axios expect it.
  return checkBasePath(url, baseUrl.replace(/^https?:/i, url.protocol), setting, property);
}

/** Hosts that are this machine: the URL parser has already normalised forms such as 127.1 and [0::1]. */
function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Each call appends its path (/v3/webhook-events, …) to the base URL: a base URL that already names a
 * version, or carries a query or fragment, would answer every call with a 404 that names no setting.
 */
function checkBasePath(url: URL, baseUrl: string, setting: string, property: string | undefined): string {
  const fix = `Fix ${setting}: it is what comes before /v3, e.g. '${DEFAULT_BASE_URL}' (the emulator: its root URL)`;
  if (/\/v\d+$/i.test(url.pathname)) {
    throw new ConfigurationError(
      diagnostic(
        problem`The Linq base URL '${baseUrl}' ends in the API version '${url.pathname.replace(/.*\//, "/")}', which each call adds itself`,
        fix,
      ),
      property,
    );
  }
  // Tested on the text: the parser drops a bare "?" or "#" from url.search and url.hash.
  if (/[?#]/.test(baseUrl)) {
    throw new ConfigurationError(
      diagnostic(
        problem`The Linq base URL '${baseUrl}' has a query or fragment, which would end up before each call's path`,
        fix,
      ),
      property,
    );
  }
  return baseUrl;
}
