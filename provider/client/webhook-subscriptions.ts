// /v3/webhook-subscriptions: create, list, retrieve, update, delete.
import { z } from "zod";
import {
  BadResponseError,
  CancelledError,
  ConflictError,
  LinqError,
  UnclaimedSubscriptionError,
} from "./errors";
import { diagnostic, problem, untrusted, whole } from "../safe-text";
import { newBudget, nextRetryDelay, waitToRetry } from "./retry-policy";
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

export type WebhookSubscriptionWire = z.infer<typeof WebhookSubscriptionSchema>;
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
  | { subscription: WebhookSubscriptionWire; recovered: true; cause: LinqError };

const PATH = "/v3/webhook-subscriptions";
/**
 * How far Linq's clock may run behind ours: a subscription created more than this before our first POST
 * was sent cannot be ours. Clocks kept by NTP differ by far less; a wrong refusal only costs an `adopt`.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 60_000;
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
    /** Whether a subscription found at the URL after an unclear create can be its (see claim); throws if not. */
    claim: (
      found: WebhookSubscriptionWire,
      body: WebhookSubscriptionCreateParams,
      startedAt: number,
      cause: LinqError,
    ) => claim(transport.msg, found, body, startedAt, cause),

    /**
     * POST, made safe to repeat by Linq's one-subscription-per-URL rule. After an answer that leaves the
     * outcome unknown, the subscription is looked up by URL: found, it is reported (recovered) if it can be
     * ours (see claim); not found, the POST had no effect and is sent again. A 409 after such an answer is
     * taken as our own earlier POST, under the same conditions. When no attempt can have reached Linq
     * (refused, DNS, TLS), nothing is looked up. The POSTs sent again and the transport's own retries of
     * them draw on one retry budget, the caller's (maxRetries, maxRetryTimeMs).
     */
    async create(body: WebhookSubscriptionCreateParams): Promise<CreateResult> {
      const budget = newBudget();
      const startedAt = budget.startedAt;
      let unknownOutcome: LinqError | undefined;
      for (;;) {
        try {
          const subscription = await transport.send(
            { method: "POST", path: PATH, body, schema: CreatedWebhookSubscriptionSchema },
            budget,
          );
          return { subscription, recovered: false };
        } catch (err) {
          // The transport only retries a POST that surely was not processed: nothing to look up.
          if (err instanceof CancelledError) throw err;
          const ours = err instanceof ConflictError && unknownOutcome !== undefined;
          if (!ours && !outcomeUnknown(err)) throw err;
          const unsent = err.unsent === true;
          if (unsent && unknownOutcome === undefined) throw err;
          unknownOutcome ??= err;
          const found = (await list().catch(cancelledUnknown(unknownOutcome))).find(
            (s) => s.target_url === body.target_url,
          );
          if (found) {
            claim(transport.msg, found, body, startedAt, unknownOutcome);
            return { subscription: found, recovered: true, cause: unknownOutcome };
          }
          const delayMs = unsent
            ? undefined
            : nextRetryDelay(transport.policy, budget, { rateLimited: false });
          if (delayMs === undefined) throw err;
          // Cancelled, the POST is not sent again; the lookup above found nothing, but a POST whose answer
          // was unclear may still be processed (a gateway gave up while Linq goes on): the caller looks again.
          if (!(await waitToRetry(transport.policy, delayMs)))
            throw new CancelledError(err, { outcomeUnknown: true });
        }
      }
    },
  };
}

/** A lookup cut short by the cancellation after an unclear POST: the create's outcome stays unknown. */
const cancelledUnknown = (cause: LinqError) => (err: unknown) => {
  throw err instanceof CancelledError ? new CancelledError(cause, { outcomeUnknown: true }) : err;
};

/**
 * Linq has no idempotency key for POST, so a subscription found at our URL after an unclear answer may
 * be another program's, made meanwhile. It is taken as ours only if it was created after our first POST
 * was sent (less the clock-skew allowance) and has exactly the declared events and phone numbers. What
 * remains: another program that posts the same URL with the same events within that window.
 */
function claim(
  msg: Transport["msg"],
  found: WebhookSubscriptionWire,
  body: WebhookSubscriptionCreateParams,
  startedAt: number,
  cause: LinqError,
): void {
  const createdAt = Date.parse(found.created_at);
  const earliest = startedAt - CLOCK_SKEW_ALLOWANCE_MS;
  const list = (items: readonly string[] | null | undefined) => untrusted(JSON.stringify(items ?? []), 300);
  const why = !(createdAt >= earliest)
    ? msg`it was created at ${untrusted(found.created_at)}, before this create started at ` +
      msg`${new Date(startedAt).toISOString()} (allowing ${CLOCK_SKEW_ALLOWANCE_MS / 1000} s of clock skew)`
    : !sameSet(found.subscribed_events, body.subscribed_events)
      ? msg`its events ${list(found.subscribed_events)} are not the declared ${list(body.subscribed_events)}`
      : !sameSet(found.phone_numbers ?? [], body.phone_numbers ?? [])
        ? msg`its phone numbers ${list(found.phone_numbers)} are not the declared ${list(body.phone_numbers)}`
        : undefined;
  if (why === undefined) return;
  const id = untrusted(found.id);
  throw new UnclaimedSubscriptionError(
    diagnostic(
      problem`Linq has a subscription at ${msg`${untrusted(body.target_url, 300)}`}, id ${whole(msg`${id}`)}, that cannot be the one this create made`,
      [
        `The create got no clear answer (${cause.message}), and ${why}`,
        "Another program or stack may own it, so it was not recorded",
        msg`If it is yours, set adopt: "${id}" on the resource and run again; if not, delete it in Linq or use another targetUrl`,
      ],
    ),
    { call: `POST ${PATH}`, status: cause.status, attempts: cause.attempts, foundId: found.id },
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
};

/**
 * A clean 4xx means Linq refused the POST. A 5xx or no answer may hide a processed request, and a
 * garbled 2xx surely was one.
 */
function outcomeUnknown(err: unknown): err is LinqError {
  if (!(err instanceof LinqError)) return false;
  return err instanceof BadResponseError || err.status === undefined || err.status >= 500;
}
