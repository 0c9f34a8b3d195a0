// The getWebhookEventTypes data source: the event types a subscription may use right now, from
// GET /v3/webhook-events. One implementation for both entry points: the Node SDK calls it in the
// program (stack config from the program), the plugin in its invoke (stack config from configure).
import { createHash } from "node:crypto";
import { z } from "zod";
import { createLinqClient, resolveConnection } from "./client";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "./constants";
import { parseDataSourceArgs } from "./data-source-args";
import { keyRefusal } from "./refusals";
import { clientOptions, resolveSettings } from "./settings";
import { eventTypesOf } from "./wire";

export const GetWebhookEventTypesArgsSchema = z
  .object({
    apiKey: z
      .string()
      .optional()
      .describe("Overrides the stack config `linq:apiKey` and LINQ_API_V3_API_KEY."),
    baseUrl: z
      .string()
      .optional()
      .describe("Overrides the stack config `linq:baseUrl` and LINQ_API_V3_BASE_URL."),
  })
  .describe("The webhook event types a subscription may use right now (GET /v3/webhook-events).");

export const GetWebhookEventTypesResultSchema = z.object({
  events: z.array(z.string()).describe("The event type names Linq offers now."),
  docUrl: z.string().describe("Where Linq documents them."),
});

export type GetWebhookEventTypesArgs = z.infer<typeof GetWebhookEventTypesArgsSchema>;
export type GetWebhookEventTypesResult = z.infer<typeof GetWebhookEventTypesResultSchema>;

/**
 * The lists fetched, by connection: one request per connection, however often the data source is called.
 * Each caller keeps its own, for as long as the list may be reused (a program run, a plugin process).
 */
export type FetchedLists = Record<string, Promise<GetWebhookEventTypesResult>>;

/** Where Linq documents its event types: the `doc_url` that @linqapp/sdk's types give the live list. */
const BUNDLED_DOC_URL = "https://docs.linqapp.com/guides/webhooks/events";

/**
 * Explicit arguments win over the stack config (readConfig), which wins over the environment. With
 * linq:validateOffline, the bundled list, with a warning (once per `fetched`), and no request: the
 * preview the resource's error sends the user to make must not fail here instead.
 */
export function fetchWebhookEventTypes(
  readConfig: (key: string) => string | undefined,
  args: GetWebhookEventTypesArgs,
  fetched: FetchedLists,
  warn: (message: string) => void,
): Promise<GetWebhookEventTypesResult> {
  try {
    const settings = resolveSettings(readConfig, parsedArgs(args));
    if (settings.validateOffline) return (fetched.offline ??= bundledList(warn));
    const options = clientOptions(settings);
    const { baseUrl, apiKey } = resolveConnection(options);
    const key = `${baseUrl} ${createHash("sha256").update(apiKey).digest("hex")}`;
    return (fetched[key] ??= createLinqClient(options)
      .webhookEvents.list()
      .then(eventTypesOf)
      .catch((err: unknown) => {
        delete fetched[key];
        throw prefixed(err);
      }));
  } catch (err) {
    return Promise.reject(prefixed(err));
  }
}

function bundledList(warn: (message: string) => void): Promise<GetWebhookEventTypesResult> {
  warn(
    `getWebhookEventTypes: linq:validateOffline is set, so this is the list of the ` +
      `${KNOWN_WEBHOOK_EVENT_TYPES.length} event types bundled with pulumi-linq, not Linq's live list`,
  );
  return Promise.resolve({ events: [...KNOWN_WEBHOOK_EVENT_TYPES], docUrl: BUNDLED_DOC_URL });
}

/** Throws now, as fetchWebhookEventTypes would reject, when the settings cannot make a connection (no key). */
export function assertConnectable(
  readConfig: (key: string) => string | undefined,
  args: GetWebhookEventTypesArgs = {},
): void {
  try {
    const settings = resolveSettings(readConfig, parsedArgs(args));
    if (!settings.validateOffline) resolveConnection(clientOptions(settings));
  } catch (err) {
    throw prefixed(err);
  }
}

const parsedArgs = (args: unknown) =>
  parseDataSourceArgs("getWebhookEventTypes", GetWebhookEventTypesArgsSchema, args);

function prefixed(err: unknown): Error {
  const error = err instanceof Error ? err : new Error(String(err));
  if (error.message.startsWith("getWebhookEventTypes")) return error;
  const refused = keyRefusal(err);
  error.message = `getWebhookEventTypes: ${refused ? `${refused.replace(/\.$/, "")}, or the apiKey argument.` : error.message}`;
  return error;
}
