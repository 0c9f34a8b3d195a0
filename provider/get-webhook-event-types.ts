// The getWebhookEventTypes data source: the event types a subscription may use right now, from
// GET /v3/webhook-events. One implementation for both entry points: the Node SDK calls it in the
// program (stack config from the program), the plugin in its invoke (stack config from configure).
import { createHash } from "node:crypto";
import { z } from "zod";
import { createLinqClient, resolveConnection } from "./client";
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

/** Explicit arguments win over the stack config (readConfig), which wins over the environment. */
export function fetchWebhookEventTypes(
  readConfig: (key: string) => string | undefined,
  args: GetWebhookEventTypesArgs,
  fetched: FetchedLists,
): Promise<GetWebhookEventTypesResult> {
  try {
    const options = clientOptions(resolveSettings(readConfig, args));
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

/** Throws now, as fetchWebhookEventTypes would reject, when the settings cannot make a connection (no key). */
export function assertConnectable(
  readConfig: (key: string) => string | undefined,
  args: GetWebhookEventTypesArgs = {},
): void {
  try {
    resolveConnection(clientOptions(resolveSettings(readConfig, args)));
  } catch (err) {
    throw prefixed(err);
  }
}

function prefixed(err: unknown): Error {
  const error = err instanceof Error ? err : new Error(String(err));
  const refused = keyRefusal(err);
  error.message = `getWebhookEventTypes: ${refused ? `${refused}, or the apiKey argument` : error.message}`;
  return error;
}
