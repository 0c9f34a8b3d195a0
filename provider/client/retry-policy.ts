// When a call to the Linq API is tried again, and after how long: one budget for the transport's retries
// and for the create's recovery loop. Pure functions over plain data, except `sleep`, which a caller may
// replace (tests do, to run without waiting).

/**
 * Shared by the clients of one process (a plain object, so that the dynamic provider can keep it in its
 * cache): retries after a 429 queue up instead of all waking at once and colliding again. They are
 * spaced by the longest Retry-After seen (capped): a rate limiter's wait until its next free slot is at
 * most its interval, and often much less.
 */
export interface Pacing {
  retryAt: number;
  intervalMs: number;
}

export interface RetryOptions {
  /** Retries after failures other than a 429. Default 6. */
  maxRetries?: number;
  /** Retries after 429 answers, which say when to come back. Default 30. */
  maxRateLimitRetries?: number;
  /** No retry starts once this much time has passed since the first attempt. Default 120 s. */
  maxRetryTimeMs?: number;
  pacing?: Pacing;
  /** How a retry waits its delay. Default: a timer. Tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Fires when the operations under way are cancelled (the plugin's Cancel, sent by the engine on
   * Ctrl-C): no retry starts after it, and a retry waiting its delay stops waiting. An attempt in flight
   * runs to its answer or its deadline: cutting a write short would leave its outcome unknown.
   */
  cancelled?: AbortSignal;
}

export type RetryPolicy = Required<Omit<RetryOptions, "cancelled">> & Pick<RetryOptions, "cancelled">;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxRetries: options.maxRetries ?? 6,
    maxRateLimitRetries: options.maxRateLimitRetries ?? 30,
    maxRetryTimeMs: options.maxRetryTimeMs ?? 120_000,
    pacing: options.pacing ?? { retryAt: 0, intervalMs: 0 },
    sleep: options.sleep ?? sleep,
    cancelled: options.cancelled,
  };
}

/** Waits a retry's delay, cut short by a cancellation; false when cancelled: the retry must not start. */
export async function waitToRetry(policy: RetryPolicy, delayMs: number): Promise<boolean> {
  const { cancelled } = policy;
  if (!cancelled) {
    await policy.sleep(delayMs);
    return true;
  }
  if (cancelled.aborted) return false;
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  cancelled.addEventListener("abort", stop, { once: true });
  try {
    await Promise.race([policy.sleep(delayMs), stopped]);
  } finally {
    cancelled.removeEventListener("abort", stop);
  }
  return !cancelled.aborted;
}

/** What one operation (a call with its retries, or a create with its recovery) has spent so far. */
export interface RetryBudget {
  startedAt: number;
  failed: number;
  rateLimited: number;
}

export const newBudget = (now = Date.now()): RetryBudget => ({ startedAt: now, failed: 0, rateLimited: 0 });

export interface RetryRequest {
  /** A 429: counted against maxRateLimitRetries and queued behind the other 429 retries of the process. */
  rateLimited: boolean;
  /** What the server asked for (Retry-After, retry-after-ms), if anything. */
  retryAfterMs?: number;
}

/**
 * The wait before one more attempt, charged to the budget; undefined (and nothing charged) when the
 * budget is spent or the retry would start past maxRetryTimeMs. The server may ask for a longer wait than
 * the backoff, never a shorter one: `retry-after-ms: 0` would otherwise spend every retry in a moment.
 */
export function nextRetryDelay(
  policy: RetryPolicy,
  budget: RetryBudget,
  request: RetryRequest,
  now = Date.now(),
): number | undefined {
  const kind = request.rateLimited ? "rateLimited" : "failed";
  const count = budget[kind] + 1;
  const waitMs = Math.max(request.retryAfterMs ?? 0, backoffMs(count));
  // The queue is joined only by a retry that will happen: a refused one must not delay the others.
  const queued = request.rateLimited ? queueBehind(policy.pacing, waitMs, now) : undefined;
  const delayMs = queued ? queued.retryAt - now : waitMs;
  const limit = request.rateLimited ? policy.maxRateLimitRetries : policy.maxRetries;
  if (count > limit || now - budget.startedAt + delayMs > policy.maxRetryTimeMs) return undefined;
  if (queued) Object.assign(policy.pacing, queued);
  budget[kind] = count;
  return delayMs;
}

/**
 * Why no retry follows when the server asked for a wait that the time budget cannot give (e.g.
 * `Retry-After: 3600`), as the end of a message; undefined when the wait it asked for fits.
 */
export function waitRefusal(
  policy: RetryPolicy,
  budget: RetryBudget,
  retryAfterMs: number | undefined,
  now = Date.now(),
): string | undefined {
  if (retryAfterMs === undefined) return undefined;
  const left = policy.maxRetryTimeMs - (now - budget.startedAt);
  if (retryAfterMs <= left) return undefined;
  return (
    `; not retried: the server asked to wait ${formatWait(retryAfterMs)} (Retry-After), more than the ` +
    `${formatWait(Math.max(0, left))} left of the client's ${formatWait(policy.maxRetryTimeMs)} for retries: ` +
    `run the command again later`
  );
}

const formatWait = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

/**
 * Queued retries are spaced by at most this: enough for a limiter of 10 requests a second or more. A
 * longer Retry-After is more often a fixed window than a slow rate, and spacing by it would starve us.
 */
const MAX_RETRY_SPACING_MS = 100;

/** The pacing once this retry is queued: at least `waitMs` away, and one interval after every retry already queued. */
function queueBehind(pacing: Pacing, waitMs: number, now: number): Pacing {
  const intervalMs = Math.min(Math.max(pacing.intervalMs, waitMs), MAX_RETRY_SPACING_MS);
  return { intervalMs, retryAt: Math.max(now + waitMs, pacing.retryAt + intervalMs) };
}

/** 0.5 s doubling to at most 8 s, minus up to 25 % jitter (as the official Linq client does). */
export function backoffMs(failedAttempts: number, random = Math.random()): number {
  const base = Math.min(500 * 2 ** (failedAttempts - 1), 8000);
  return Math.round(base * (1 - random * 0.25));
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

/**
 * Whether an answer with this status may be retried. GET, PUT and DELETE are idempotent. A POST is
 * retried only where it surely was not processed: 429 or 503. The server may decide with x-should-retry.
 */
export function mayRetryStatus(method: Method, status: number, shouldRetry?: string): boolean {
  if (shouldRetry) return shouldRetry === "true";
  return method !== "POST"
    ? status === 408 || status === 429 || status >= 500
    : status === 429 || status === 503;
}

/**
 * Whether an attempt that got no answer may be retried. What will not heal (a certificate, a TLS
 * mismatch, an oversized answer) is not; a POST only when nothing was sent (refused, DNS).
 */
export function mayRetryFailure(method: Method, kind: string): boolean {
  const heals = kind === "timeout" || kind === "unsent" || kind === "connection";
  return heals && (method !== "POST" || kind === "unsent");
}

/**
 * An empty or garbled body of a successful GET is retried like other unclear answers (a proxy cut it
 * short); one that parses but breaks the schema is not: it would repeat.
 */
export const mayRetryGarbled = (method: Method, parses: boolean) => method === "GET" && !parses;

/** The wait the server asked for: retry-after-ms, else Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(headers: Record<string, unknown>, now = Date.now()): number | undefined {
  const ms = Number(headers["retry-after-ms"]);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers["retry-after"];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = typeof value === "string" ? Date.parse(value) : Number.NaN; // Node keeps one Retry-After
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
