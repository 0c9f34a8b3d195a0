// The Pulumi package schema of the plugin (linq:index:WebhookSubscription, linq:index:getWebhookEventTypes,
// linq:index:getWebhookSubscriptions, config), built from the zod schemas the provider checks with, so that each description has one source.
// scripts/generate-schema.ts writes it to schema.json; the plugin serves it to the engine.
import { z } from "zod";
import { GetWebhookEventTypesArgsSchema, GetWebhookEventTypesResultSchema } from "./get-webhook-event-types";
import {
  GetWebhookSubscriptionsArgsSchema,
  GetWebhookSubscriptionsResultSchema,
  InventorySubscriptionSchema,
} from "./get-webhook-subscriptions";
import { ADOPT_EXISTING_ENV, VALIDATE_OFFLINE_ENV } from "./settings";
import { InputsSchema, OutputsSchema, SECRET_OUTPUTS } from "./webhook-subscription-schema";

export const PACKAGE_NAME = "linq";
export const WEBHOOK_SUBSCRIPTION_TOKEN = "linq:index:WebhookSubscription";
export const GET_WEBHOOK_EVENT_TYPES_TOKEN = "linq:index:getWebhookEventTypes";
export const GET_WEBHOOK_SUBSCRIPTIONS_TOKEN = "linq:index:getWebhookSubscriptions";
/** The object type of getWebhookSubscriptions' list. */
const INVENTORY_SUBSCRIPTION_TOKEN = "linq:index:InventorySubscription";
/**
 * Where the engine downloads the plugin when it is not installed: the GitHub releases of this repository
 * (pulumi-resource-linq-v<version>-<os>-<arch>.tar.gz, as npm run build:plugin names them, on tag v<version>).
 */
export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/pulumi-linq/pulumi-linq";
/** The Go SDK's import path (sdk/go/linq of this repository). */
export const GO_IMPORT_BASE_PATH = "github.com/pulumi-linq/pulumi-linq/sdk/go/linq";

/** The provider's configuration (`linq:*` stack config, or the inputs of an explicit provider). */
export const ConfigSchema = z.object({
  apiKey: z
    .string()
    .optional()
    .describe("The Linq API V3 key (a secret). Default: the environment variable LINQ_API_V3_API_KEY."),
  baseUrl: z
    .string()
    .optional()
    .describe(
      "The Linq API base URL. Default: LINQ_API_V3_BASE_URL, else https://api.linqapp.com/api/partner.",
    ),
  validateOffline: z
    .boolean()
    .optional()
    .describe(
      `Validate event names against the list bundled with pulumi-linq instead of Linq's live list (explicit opt-in; also ${VALIDATE_OFFLINE_ENV}=true).`,
    ),
  adoptExisting: z
    .boolean()
    .optional()
    .describe(
      `Every new subscription adopts the one that already uses its targetUrl, as adopt: true does (also ${ADOPT_EXISTING_ENV}=true).`,
    ),
});
const SECRET_CONFIG = ["apiKey"];

type Property = Record<string, unknown>;

/** A Pulumi schema property from zod's JSON Schema of one field: type, items, oneOf, description. */
function property(json: Record<string, unknown>, secret: boolean): Property {
  const type = (schema: Record<string, unknown>): Property =>
    schema.anyOf
      ? { oneOf: (schema.anyOf as Record<string, unknown>[]).map(type) }
      : schema.type === "array"
        ? { type: "array", items: type(schema.items as Record<string, unknown>) }
        : { type: schema.type };
  return {
    ...type(json),
    ...(json.description ? { description: json.description } : {}),
    ...(secret ? { secret: true } : {}),
  };
}

function objectOf(schema: z.ZodObject, secrets: readonly string[] = []) {
  const json = z.toJSONSchema(schema, { io: "input" }) as {
    properties: Record<string, Record<string, unknown>>;
    required?: string[];
    description?: string;
  };
  const properties = Object.fromEntries(
    Object.entries(json.properties).map(([name, field]) => [name, property(field, secrets.includes(name))]),
  );
  return { properties, required: json.required ?? [], description: json.description };
}

export function packageSchema(version: string) {
  const config = objectOf(ConfigSchema, SECRET_CONFIG);
  const inputs = objectOf(InputsSchema);
  const outputs = objectOf(OutputsSchema, SECRET_OUTPUTS);
  const args = objectOf(GetWebhookEventTypesArgsSchema, ["apiKey"]);
  const result = objectOf(GetWebhookEventTypesResultSchema);
  const inventoryArgs = objectOf(GetWebhookSubscriptionsArgsSchema, ["apiKey"]);
  const inventoryItem = objectOf(InventorySubscriptionSchema);
  return {
    name: PACKAGE_NAME,
    displayName: "Linq",
    version,
    description: "Linq messaging webhooks: declare subscriptions, validate event names at preview.",
    keywords: ["pulumi", "linq", "webhooks", "category/utility"],
    license: "Apache-2.0",
    publisher: "pulumi-linq",
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    config: { variables: config.properties },
    provider: {
      description: "The Linq provider: its settings, as in the `linq:*` stack config.",
      inputProperties: config.properties,
    },
    resources: {
      [WEBHOOK_SUBSCRIPTION_TOKEN]: {
        description: outputs.description,
        properties: outputs.properties,
        required: outputs.required,
        inputProperties: inputs.properties,
        requiredInputs: inputs.required,
      },
    },
    types: {
      [INVENTORY_SUBSCRIPTION_TOKEN]: {
        type: "object",
        description: inventoryItem.description,
        properties: inventoryItem.properties,
        required: inventoryItem.required,
      },
    },
    functions: {
      [GET_WEBHOOK_EVENT_TYPES_TOKEN]: {
        description: args.description,
        inputs: { type: "object", properties: args.properties },
        outputs: { type: "object", properties: result.properties, required: result.required },
      },
      [GET_WEBHOOK_SUBSCRIPTIONS_TOKEN]: {
        description: inventoryArgs.description,
        inputs: { type: "object", properties: inventoryArgs.properties },
        outputs: {
          type: "object",
          properties: {
            subscriptions: {
              type: "array",
              items: { $ref: `#/types/${INVENTORY_SUBSCRIPTION_TOKEN}` },
              description: GetWebhookSubscriptionsResultSchema.shape.subscriptions.description,
            },
          },
          required: ["subscriptions"],
        },
      },
    },
    language: {
      go: { importBasePath: GO_IMPORT_BASE_PATH },
      // The module the native SDK is imported from, also in the code `pulumi import` writes.
      nodejs: { packageName: "pulumi-linq/native" },
    },
  };
}
