// /v3/webhook-subscriptions: create, list, retrieve, update, delete.
import { z } from "zod";
import { BadResponseError, ConflictError, LinqError } from "./errors";
import { backoffMs, sleep, type Transport } from "./transport";

export const WebhookSubscriptionSchema = z.object({
  id: z.string().min(1),
  target_url: z.string(),
  subscribed_events: z.array(z.string()),
  is_active: z.boolean(),
  phone_numbers: z.array(z.string()).nullish(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const CreatedWebhookSubscriptionSchema = WebhookSubscriptionSchema.extend({
  signing_secret: z.string().min(1),
});

export const WebhookSubscriptionListSchema = z.object({ subscriptions: z.array(WebhookSubscriptionSchema) });

export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;
export type CreatedWebhookSubscription = z.infer<typeof CreatedWebhookSubscriptionSchema>;

export interface WebhookSubscriptionCreateParams {
  target_url: string;
  subscribed_events: string[];
  phone_numbers?: string[];
}

export interface WebhookSubscriptionUpdateParams {
  target_url?: string;
  subscribed_events?: string[];
  is_active?: boolean;
  /** null or [] clears the filter. */
  phone_numbers?: string[] | null;
}

/**
 * What create returns: the new subscription with its secret, or, after a POST whose outcome was unknown
 * (the connection dropped, a 5xx, a garbled answer), the subscription found under the same target URL.
 * A recovered subscription's signing secret is lost: the API never shows it again.
 */
export type CreateResult =
  | { subscription: CreatedWebhookSubscription; recovered: false }
  | { subscription: WebhookSubscription; recovered: true; cause: LinqError };

const PATH = "/v3/webhook-subscriptions";
/** POSTs of one create, as many as the transport's attempts for an idempotent call. */
const CREATE_ATTEMPTS = 7;
const itemPath = (id: string) => `${PATH}/${encodeURIComponent(id)}`;

export function webhookSubscriptions(transport: Transport) {
  const list = async () =>
    (await transport.send({ method: "GET", path: PATH, schema: WebhookSubscriptionListSchema }))
      .subscriptions;

  return {
    list,
    retrieve: (id: string) =>
      transport.send({ method: "GET", path: itemPath(id), schema: WebhookSubscriptionSchema }),
    update: (id: string, body: WebhookSubscriptionUpdateParams) =>
      transport.send({ method: "PUT", path: itemPath(id), body, schema: WebhookSubscriptionSchema }),
    delete: (id: string) => transport.send<void>({ method: "DELETE", path: itemPath(id) }),

    /**
     * POST, made safe to repeat by Linq's one-subscription-per-URL rule. After an answer that leaves the
     * outcome unknown, the subscription is looked up by URL: found, it is reported (recovered); not found,
     * the POST had no effect and is sent again. A 409 after such an answer is our own earlier POST.
     */
    async create(body: WebhookSubscriptionCreateParams): Promise<CreateResult> {
      let unknownOutcome: LinqError | undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          const subscription = await transport.send({
            method: "POST",
            path: PATH,
            body,
            schema: CreatedWebhookSubscriptionSchema,
          });
          return { subscription, recovered: false };
        } catch (err) {
          const ours = err instanceof ConflictError && unknownOutcome !== undefined;
          if (!ours && !outcomeUnknown(err)) throw err;
          unknownOutcome ??= err as LinqError;
          const found = (await list()).find((s) => s.target_url === body.target_url);
          if (found) return { subscription: found, recovered: true, cause: unknownOutcome };
          if (attempt >= CREATE_ATTEMPTS) throw err;
          await sleep(backoffMs(attempt));
        }
      }
    },
  };
}

/**
 * A clean 4xx means Linq refused the POST. A 5xx or no answer may hide a processed request, and a
 * garbled 2xx surely was one.
 */
function outcomeUnknown(err: unknown): err is LinqError {
  if (!(err instanceof LinqError)) return false;
  return err instanceof BadResponseError || err.status === undefined || err.status >= 500;
}
