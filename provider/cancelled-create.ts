// Ctrl-C during a create whose POST got an unclear answer (a gateway's 504, a dropped connection): Linq
// may still be processing it, so the create is not simply given up. One bounded lookup decides whether it
// ends recorded (found, and ours by the same rules as any recovered create) or with the step that adopts
// what Linq may yet create.
import {
  CancelledError,
  type CreateResult,
  type LinqClient,
  type WebhookSubscriptionCreateParams,
  type WebhookSubscriptionWire,
} from "./client";
import { diagnostic, problem } from "./safe-text";

/** How long the lookup after a cancellation goes on: a gateway that gave up passes the request on within seconds. */
export const RECOVERY_AFTER_CANCEL_MS = 10_000;
/** The pause between lookups doubles from the first to the last: 7 lookups in 10 s, not 20 (a rate limit may be why). */
const FIRST_PAUSE_MS = 500;
const LAST_PAUSE_MS = 2_000;

/**
 * After `err` from a create begun at `startedAt`: the subscription Linq made, if it shows up at the URL
 * within RECOVERY_AFTER_CANCEL_MS; else an error that says it may yet exist and how to adopt it. Any
 * other error is thrown as it is. The lookups ignore the cancellation (they write nothing).
 */
export async function recoverCancelledCreate(
  api: LinqClient,
  body: WebhookSubscriptionCreateParams,
  startedAt: number,
  err: unknown,
): Promise<CreateResult> {
  if (!(err instanceof CancelledError && err.outcomeUnknown)) throw err;
  const deadline = Date.now() + RECOVERY_AFTER_CANCEL_MS;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LAST_PAUSE_MS)) {
    const found = await lookup(api, body.target_url, deadline - Date.now());
    if (found) {
      api.webhookSubscriptions.claim(found, body, startedAt, err);
      return { subscription: found, recovered: true, cause: err };
    }
    if (Date.now() + pause >= deadline) throw mayExist(body.target_url, err);
    await wait(pause);
  }
}

/** The subscription at the URL, or undefined when there is none or no answer within `withinMs`. */
async function lookup(api: LinqClient, targetUrl: string, withinMs: number) {
  const listed = api.webhookSubscriptions.list().catch(() => [] as WebhookSubscriptionWire[]);
  const late = wait(Math.max(0, withinMs)).then(() => [] as WebhookSubscriptionWire[]);
  return (await Promise.race([listed, late])).find((s) => s.target_url === targetUrl);
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function mayExist(targetUrl: string, cause: CancelledError): Error {
  return new Error(
    diagnostic(
      problem`Ctrl-C cut short the create of the subscription for ${targetUrl} after an unclear answer: Linq may still create it`,
      [
        `Nothing was at that URL ${RECOVERY_AFTER_CANCEL_MS / 1000} s later (${cause.message})`,
        `If the next 'pulumi up' says the URL is already used, adopt it: run 'LINQ_ADOPT_EXISTING=true pulumi up' ` +
          `once (or set adopt: true on this resource for one 'pulumi up')`,
      ],
      "cancelledCreate",
    ),
    { cause },
  );
}
