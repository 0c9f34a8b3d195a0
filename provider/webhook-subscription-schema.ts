// WebhookSubscription's inputs and outputs: their types and their descriptions, in one place. The
// provider checks inputs against InputsSchema; scripts/generate-schema.ts turns both into schema.json.
// The rules that need context (live event list, URL syntax) are in validators.ts.
import { z } from "zod";

export const InputsSchema = z.object({
  targetUrl: z
    .string()
    .describe(
      "Where Linq delivers events: an absolute https URL, unique within the account (`?version=YYYY-MM-DD` picks a payload version).",
    ),
  subscribedEvents: z
    .array(z.string())
    .describe(
      "At least one webhook event type, no duplicates, each in Linq's live list (checked at preview). Order does not matter.",
    ),
  phoneNumbers: z
    .array(z.string())
    .optional()
    .describe(
      "Only events of these E.164 numbers (`+14155551234`) are delivered; omitted or empty, events of all numbers.",
    ),
  isActive: z
    .boolean()
    .optional()
    .describe("Whether Linq delivers events to this subscription. Default true."),
  rotationTrigger: z
    .string()
    .optional()
    .describe(
      "Any string; changing it replaces the subscription (delete, then create) to get a new signing secret.",
    ),
  adopt: z
    .union([z.boolean(), z.string().min(1)])
    .optional()
    .describe(
      "Take over an existing subscription on create instead of failing on Linq's one-URL-one-subscription rule: " +
        "true adopts the one using targetUrl (and creates one if there is none), a string adopts the subscription " +
        "with that id. An adopted subscription's signing secret is unknown to Pulumi.",
    ),
});

export const OutputsSchema = InputsSchema.extend({
  isActive: z.boolean().describe("Whether Linq delivers events to this subscription."),
  signingSecret: z
    .string()
    .optional()
    .describe(
      "The secret (`whsec_…`) that signs deliveries, a Pulumi secret. Known only for subscriptions this stack " +
        "created: Linq shows it once, so it is undefined for adopted, imported or recovered subscriptions.",
    ),
  createdAt: z.string().describe("When Linq created the subscription (ISO 8601)."),
  updatedAt: z.string().describe("When Linq last changed the subscription (ISO 8601)."),
}).describe(
  "A Linq webhook subscription: where Linq delivers which events. Its id is Linq's subscription id.",
);

export type Inputs = z.infer<typeof InputsSchema>;
export type Outputs = z.infer<typeof OutputsSchema>;

/** Outputs that Pulumi must keep as secrets, in the state and in stack outputs. */
export const SECRET_OUTPUTS = ["signingSecret"] as const satisfies readonly (keyof Outputs)[];
