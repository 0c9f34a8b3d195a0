// /v3/webhook-subscriptions: create, list, retrieve, update, delete.
import { z } from "zod";
import { BadResponseError, LinqError } from "./errors";
import type { Transport } from "./transport";

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

    async create(body: WebhookSubscriptionCreateParams): Promise<CreateResult> {
      try {
        const subscription = await transport.send({
          method: "POST",
          path: PATH,
          body,
          schema: CreatedWebhookSubscriptionSchema,
        });
        return { subscription, recovered: false };
      } catch (err) {
        if (!outcomeUnknown(err)) throw err;
        const found = (await list()).find((s) => s.target_url === body.target_url);
        if (!found) throw err;
        return { subscription: found, recovered: true, cause: err };
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
