// Type-level pins, checked by the compiler (`npm run typecheck`, which `npm test` runs first): each
// `const _: Equal<…> = true` stops compiling when the two sides drift apart.
import type {
  WebhookEventType as LinqWebhookEventType,
  WebhookSubscription as LinqSubscription,
} from "@linqapp/sdk/resources";
import type { KnownWebhookEventType, WebhookSubscriptionArgs } from "../../sdk";
import type { WebhookSubscriptionWire } from "../../provider/client";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "../../provider/constants";
import { InputsSchema, type Inputs } from "../../provider/webhook-subscription-schema";

/** true when X and Y are the same type (not merely assignable one way). */
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type Assignable<From, To> = [From] extends [To] ? true : false;

// The program's arguments and the schema the provider checks name the same inputs.
const argsMatchSchema: Equal<keyof WebhookSubscriptionArgs, keyof Inputs> = true;
// The bundled list is @linqapp/sdk's: a Linq release that adds or drops a type is noticed here.
const bundledMatchesLinq: Equal<KnownWebhookEventType, LinqWebhookEventType> = true;
// Whatever @linqapp/sdk says a subscription looks like, the client's zod schema accepts.
const linqSubscriptionFitsWire: Assignable<LinqSubscription, WebhookSubscriptionWire> = true;

describe("types shared with the schema and @linqapp/sdk", () => {
  it("compile (the assertions above are checked by the compiler)", () => {
    expect([argsMatchSchema, bundledMatchesLinq, linqSubscriptionFitsWire]).toEqual([true, true, true]);
  });

  it("the runtime lists match the types: schema keys and bundled event types", () => {
    const args: Record<keyof WebhookSubscriptionArgs, true> = {
      targetUrl: true,
      subscribedEvents: true,
      phoneNumbers: true,
      isActive: true,
      rotationTrigger: true,
      adopt: true,
    };
    expect(Object.keys(InputsSchema.shape).sort()).toEqual(Object.keys(args).sort());
    expect(new Set(KNOWN_WEBHOOK_EVENT_TYPES).size).toBe(KNOWN_WEBHOOK_EVENT_TYPES.length);
  });
});
