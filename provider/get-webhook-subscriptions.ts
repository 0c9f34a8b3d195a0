// The getWebhookSubscriptions data source: the account's webhook subscriptions as Linq lists them
// (GET /v3/webhook-subscriptions), never with a signing secret, optionally filtered. An inventory: which of
// them does a stack manage, and who owns a URL? One implementation for both entry points, as
// getWebhookEventTypes: the Node SDK calls it in the program, the plugin in its invoke.
import { createHash } from "node:crypto";
import { z } from "zod";
import { createLinqClient, resolveConnection, type LinqClient } from "./client";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "./constants";
import { parseDataSourceArgs } from "./data-source-args";
import { GetWebhookEventTypesArgsSchema } from "./get-webhook-event-types";
import { keyRefusal } from "./refusals";
import { diagnostic, problem } from "./safe-text";
import { clientOptions, resolveSettings, type Settings } from "./settings";
import { suggestEvent } from "./suggest";
import { eventTypesOf, fromWire } from "./wire";
import { MAX_TARGET_URL_LENGTH } from "./validators";

export const GetWebhookSubscriptionsArgsSchema = GetWebhookEventTypesArgsSchema.extend({
  targetUrlPrefix: z
    .string()
    .max(MAX_TARGET_URL_LENGTH)
    .optional()
    .describe(
      'Only the subscriptions whose targetUrl starts with this string, such as "https://hooks.example.com/".',
    ),
  event: z
    .string()
    .max(200)
    .optional()
    .describe('Only the subscriptions to this event type, such as "message.received".'),
}).describe(
  "The account's webhook subscriptions (GET /v3/webhook-subscriptions), without signing secrets: read once " +
    "per program run, whatever the filters.",
);

export const InventorySubscriptionSchema = z
  .object({
    id: z.string().describe("Linq's subscription id."),
    targetUrl: z.string().describe("Where Linq delivers events."),
    subscribedEvents: z.array(z.string()).describe("The event types delivered."),
    phoneNumbers: z.array(z.string()).describe("The phone numbers whose events are delivered; empty: all."),
    isActive: z.boolean().describe("Whether Linq delivers events to it."),
    createdAt: z.string().describe("When Linq created it (ISO 8601)."),
    updatedAt: z.string().describe("When Linq last changed it (ISO 8601)."),
  })
  .describe("A webhook subscription of the account, as Linq lists it (its signing secret is never shown).");

export const GetWebhookSubscriptionsResultSchema = z.object({
  subscriptions: z
    .array(InventorySubscriptionSchema)
    .describe("The account's subscriptions that pass the filters, oldest first."),
});

export type GetWebhookSubscriptionsArgs = z.infer<typeof GetWebhookSubscriptionsArgsSchema>;
export type InventorySubscription = z.infer<typeof InventorySubscriptionSchema>;
export type GetWebhookSubscriptionsResult = z.infer<typeof GetWebhookSubscriptionsResultSchema>;

/** The account's list, by connection: one request per connection and caller lifetime (a program run, a plugin process). */
export type FetchedInventories = Record<string, Promise<InventorySubscription[]>>;

/** Explicit arguments win over the stack config (readConfig), which wins over the environment. */
export async function fetchWebhookSubscriptions(
  readConfig: (key: string) => string | undefined,
  args: GetWebhookSubscriptionsArgs,
  fetched: FetchedInventories,
): Promise<GetWebhookSubscriptionsResult> {
  try {
    const { targetUrlPrefix, event, ...connection } = parseDataSourceArgs(
      "getWebhookSubscriptions",
      GetWebhookSubscriptionsArgsSchema,
      args,
    );
    const settings = resolveSettings(readConfig, connection);
    const options = clientOptions(settings);
    const { baseUrl, apiKey } = resolveConnection(options);
    const key = `${baseUrl} ${createHash("sha256").update(apiKey).digest("hex")}`;
    const client = createLinqClient(options);
    const all = await (fetched[key] ??= client.webhookSubscriptions
      .list()
      .then((list) => list.map(inventoryOf).sort(byCreation))
      .catch((err: unknown) => {
        delete fetched[key];
        throw err;
      }));
    const subscriptions = all.filter(
      (s) =>
        (targetUrlPrefix === undefined || s.targetUrl.startsWith(targetUrlPrefix)) &&
        (event === undefined || s.subscribedEvents.includes(event)),
    );
    if (event !== undefined && subscriptions.length === 0) await assertEventType(event, client, settings);
    return { subscriptions };
  } catch (err) {
    throw prefixed(err);
  }
}

/** Throws now, as fetchWebhookSubscriptions would reject, on a wrong argument or settings that make no connection. */
export function assertInventoryCallable(
  readConfig: (key: string) => string | undefined,
  args: unknown,
): void {
  try {
    const {
      targetUrlPrefix: _prefix,
      event: _event,
      ...connection
    } = parseDataSourceArgs("getWebhookSubscriptions", GetWebhookSubscriptionsArgsSchema, args);
    resolveConnection(clientOptions(resolveSettings(readConfig, connection)));
  } catch (err) {
    throw prefixed(err);
  }
}

/**
 * A filter on an event type that no subscription has may be a typo, which would read as "none": it is
 * checked against Linq's list (the bundled one under linq:validateOffline) only then, so that a filter on a
 * type that Linq has retired still finds the subscriptions that keep it, and the common read costs nothing.
 */
async function assertEventType(event: string, client: LinqClient, settings: Settings): Promise<void> {
  const known = settings.validateOffline
    ? [...KNOWN_WEBHOOK_EVENT_TYPES]
    : eventTypesOf(await client.webhookEvents.list()).events;
  if (known.includes(event)) return;
  const suggestion = suggestEvent(event, known);
  const list = settings.validateOffline ? "pulumi-linq's bundled list" : "Linq's list";
  throw new Error(
    diagnostic(
      problem`getWebhookSubscriptions: the argument event, ${JSON.stringify(event)}, is no webhook event type of ${list}`,
      [
        ...(suggestion ? [`Did you mean ${JSON.stringify(suggestion)}?`] : []),
        "Use a name that getWebhookEventTypes() lists",
      ],
    ),
  );
}

/** Only the listed fields: whatever else Linq may send (a secret one day) stays out. */
function inventoryOf(wire: Parameters<typeof fromWire>[0]): InventorySubscription {
  const { id, targetUrl, subscribedEvents, phoneNumbers, isActive, createdAt, updatedAt } = fromWire(wire);
  return {
    id,
    targetUrl,
    subscribedEvents,
    phoneNumbers: phoneNumbers ?? [],
    isActive,
    createdAt,
    updatedAt,
  };
}

const byCreation = (a: InventorySubscription, b: InventorySubscription) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

function prefixed(err: unknown): Error {
  const error = err instanceof Error ? err : new Error(String(err));
  if (error.message.startsWith("getWebhookSubscriptions")) return error;
  const refused = keyRefusal(err);
  error.message = `getWebhookSubscriptions: ${refused ? `${refused.replace(/\.$/, "")}, or the apiKey argument.` : error.message}`;
  return error;
}
