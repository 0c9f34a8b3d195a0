// WebhookSubscription's inputs and outputs: their types and their descriptions, in one place. The
// provider checks inputs against InputsSchema; scripts/generate-schema.ts turns both into schema.json.
// The rules that need context (live event list, URL syntax) are in validators.ts.
import { z } from "zod";

/**
 * The most each input may hold, refused by check() before anything else is looked at, so that a hostile
 * or mistaken value costs no more than its size. Linq states none: its own list of event types has 27,
 * an account has a handful of numbers, and a webhook URL longer than 2048 characters is refused by many
 * servers and proxies. In the descriptions below, hence in the README's table and schema.json.
 */
export const INPUT_LIMITS = {
  targetUrl: { characters: 2048 },
  subscribedEvents: { items: 100 },
  phoneNumbers: { items: 1000 },
  rotationTrigger: { characters: 256 },
  adopt: { characters: 256 },
} as const satisfies Record<string, { items?: number; characters?: number }>;
const { targetUrl, subscribedEvents, phoneNumbers, rotationTrigger, adopt } = INPUT_LIMITS;

/**
 * Each input's one description, written "<what it must be>: <what it does>": the README's table and
 * schema.json show it whole, and check() names the part before ": " when a value has the wrong shape
 * ("isActive must be true or false, got …").
 */
export const InputsSchema = z.object({
  targetUrl: z
    .string()
    .describe(
      'A URL string such as "https://hooks.example.com/linq": where Linq delivers events. Absolute, https, in ' +
        `canonical form, at most ${targetUrl.characters} characters, and unique within the account ` +
        "(`?version=YYYY-MM-DD`, a real date, picks a payload version).",
    ),
  subscribedEvents: z
    .array(z.string())
    .describe(
      'A list of event type names such as ["message.received"]: the events Linq delivers. At least one, no ' +
        `duplicates, at most ${subscribedEvents.items}, each in Linq's live list (checked at preview); ` +
        "order does not matter.",
    ),
  phoneNumbers: z
    .array(z.string())
    .optional()
    .describe(
      'A list of E.164 numbers such as ["+14155551234"]: only events of these numbers are delivered; omitted ' +
        `or empty, events of all numbers. At most ${phoneNumbers.items}, no duplicates.`,
    ),
  isActive: z
    .boolean()
    .optional()
    .describe("True or false: whether Linq delivers events to this subscription. Default true."),
  rotationTrigger: z
    .string()
    .optional()
    .describe(
      "A string: changing it replaces the subscription (delete, then create) to get a new signing secret. " +
        `At most ${rotationTrigger.characters} characters; a number (YAML rotationTrigger: 2) is taken as ` +
        "its string.",
    ),
  adopt: z
    .union([z.boolean(), z.string().min(1)])
    .optional()
    .describe(
      "True or the id of a subscription: take over an existing subscription on create instead of failing on " +
        "Linq's one-URL-one-subscription rule. true adopts the one using targetUrl (and creates one if there " +
        "is none), an id (at most " +
        `${adopt.characters} characters) adopts that subscription. An adopted subscription's signing secret ` +
        "is unknown to Pulumi.",
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
export type InputName = keyof Inputs;

/** What an input must be, as check() words it: its description up to the first ": ", lower-cased. */
export function expectedOf(name: InputName): string {
  const description = InputsSchema.shape[name].description ?? "";
  const end = description.indexOf(": ");
  if (end < 0) throw new Error(`the description of ${name} lacks "<what it must be>: …"`);
  return description[0]!.toLowerCase() + description.slice(1, end);
}
export type Outputs = z.infer<typeof OutputsSchema>;

/** Outputs that Pulumi must keep as secrets, in the state and in stack outputs. */
export const SECRET_OUTPUTS = ["signingSecret"] as const satisfies readonly (keyof Outputs)[];
