// Where the client connects and with which key: explicit options first, then the environment
// variables the official Linq clients read.
import { ConfigurationError } from "./errors";

export const DEFAULT_BASE_URL = "https://api.linqapp.com/api/partner";
export const API_KEY_ENV = "LINQ_API_V3_API_KEY";
export const BASE_URL_ENV = "LINQ_API_V3_BASE_URL";

export interface ConnectionOptions {
  apiKey?: string;
  baseUrl?: string;
}

export interface Connection {
  apiKey: string;
  baseUrl: string;
}

export function resolveConnection(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const apiKey = options.apiKey || env[API_KEY_ENV];
  if (!apiKey) {
    throw new ConfigurationError(
      `No Linq API key: set the stack config 'linq:apiKey' (pulumi config set --secret linq:apiKey <key>) ` +
        `or the environment variable ${API_KEY_ENV}.`,
    );
  }
  const baseUrl = (options.baseUrl || env[BASE_URL_ENV] || DEFAULT_BASE_URL).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/.test(baseUrl)) {
    throw new ConfigurationError(
      `The Linq base URL '${baseUrl}' is not an http(s) URL: fix 'linq:baseUrl' or ${BASE_URL_ENV}.`,
    );
  }
  return { apiKey, baseUrl };
}
