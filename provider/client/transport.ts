// One HTTP call to the Linq API with timeouts, retries with backoff and jitter, and answers parsed by a
// zod schema. Every failure leaves here as a LinqError that carries no headers and no token.
import axios, { type AxiosResponse } from "axios";
import type { z } from "zod";
import { resolveConnection, type ConnectionOptions } from "./connection";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  BadResponseError,
  ErrorEnvelopeSchema,
  errorClassForStatus,
  LinqError,
  type LinqErrorDetails,
} from "./errors";

export interface RetryEvent {
  call: string;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  delayMs: number;
  reason: string;
}

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

export interface ClientOptions extends ConnectionOptions {
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Retries after failures other than a 429. Default 6. */
  maxRetries?: number;
  /** Retries after 429 answers, which say when to come back. Default 30. */
  maxRateLimitRetries?: number;
  /** No retry starts once this much time has passed since the first attempt. Default 120 s. */
  maxRetryTimeMs?: number;
  pacing?: Pacing;
  onRetry?: (event: RetryEvent) => void;
}

export interface Call<T> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  /** The schema of a successful answer; none for 204. */
  schema?: z.ZodType<T>;
}

export interface Transport {
  send<T>(call: Call<T>): Promise<T>;
}

type Outcome = { response: AxiosResponse<string> } | { failure: { code: string; timedOut: boolean } };

interface Verdict {
  error: LinqError;
  retry: boolean;
  /** What the server asked for (Retry-After), if anything. */
  retryAfterMs?: number;
}

export function createTransport(options: ClientOptions = {}): Transport {
  const { apiKey, baseUrl } = resolveConnection(options);
  const maxRetries = options.maxRetries ?? 6;
  const maxRateLimitRetries = options.maxRateLimitRetries ?? 30;
  const maxRetryTimeMs = options.maxRetryTimeMs ?? 120_000;
  const pacing = options.pacing ?? { retryAt: 0, intervalMs: 0 };
  const http = axios.create({
    baseURL: baseUrl,
    timeout: options.timeoutMs ?? 30_000,
    responseType: "text",
    transformResponse: [(data: string) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    headers: { Accept: "application/json" },
  });
  const redact = (text: string) => text.split(apiKey).join("[redacted]");

  const attempt = async (call: Call<unknown>): Promise<Outcome> => {
    try {
      const response = await http.request<string>({
        method: call.method,
        url: call.path,
        data: call.body === undefined ? undefined : JSON.stringify(call.body),
        headers: {
          Authorization: `Bearer ${apiKey}`,
          ...(call.body === undefined ? {} : { "Content-Type": "application/json" }),
        },
      });
      return { response };
    } catch (err) {
      // Keep only the error code: the axios error holds the request config, headers and token included.
      const code = axios.isAxiosError(err) ? (err.code ?? "ERR_NETWORK") : "ERR_UNKNOWN";
      return { failure: { code, timedOut: code === "ECONNABORTED" || code === "ETIMEDOUT" } };
    }
  };

  return {
    async send<T>(call: Call<T>): Promise<T> {
      const name = `${call.method} ${call.path}`;
      const started = Date.now();
      const retries = { failed: 0, rateLimited: 0 };
      for (let n = 1; ; n++) {
        const outcome = await attempt(call);
        if ("response" in outcome && outcome.response.status < 300) {
          return parseSuccess(call, name, outcome.response, n, redact);
        }
        const verdict = judge(call, name, outcome, n, baseUrl, redact);
        const rateLimited = "response" in outcome && outcome.response.status === 429;
        const delayMs = rateLimited
          ? queueBehind(pacing, verdict.retryAfterMs ?? backoffMs(retries.rateLimited + 1))
          : (verdict.retryAfterMs ?? backoffMs(retries.failed + 1));
        retries[rateLimited ? "rateLimited" : "failed"] += 1;
        const spent = retries.failed > maxRetries || retries.rateLimited > maxRateLimitRetries;
        const outOfTime = Date.now() - started + delayMs > maxRetryTimeMs;
        if (!verdict.retry || spent || outOfTime) throw verdict.error;
        options.onRetry?.({ call: name, attempt: n, delayMs, reason: reasonOf(outcome) });
        await sleep(delayMs);
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Queued retries are spaced by at most this: enough for a limiter of 10 requests a second or more. A
 * longer Retry-After is more often a fixed window than a slow rate, and spacing by it would starve us.
 */
const MAX_RETRY_SPACING_MS = 100;

/** The wait before this retry: at least `waitMs`, and one interval after every retry already queued. */
function queueBehind(pacing: Pacing, waitMs: number): number {
  const now = Date.now();
  pacing.intervalMs = Math.min(Math.max(pacing.intervalMs, waitMs), MAX_RETRY_SPACING_MS);
  pacing.retryAt = Math.max(now + waitMs, pacing.retryAt + pacing.intervalMs);
  return pacing.retryAt - now;
}

/** 0.5 s doubling to at most 8 s, minus up to 25 % jitter (as the official Linq client does). */
export function backoffMs(failedAttempts: number): number {
  const base = Math.min(500 * 2 ** (failedAttempts - 1), 8000);
  return Math.round(base * (1 - Math.random() * 0.25));
}

function reasonOf(outcome: Outcome): string {
  return "response" in outcome ? String(outcome.response.status) : outcome.failure.code;
}

/**
 * Whether a failed attempt may be retried. GET, PUT and DELETE are idempotent. A POST is retried only
 * where it surely was not processed: 429, 503, or a connection that was refused before anything was sent.
 */
function judge(
  call: Call<unknown>,
  name: string,
  outcome: Outcome,
  attempts: number,
  baseUrl: string,
  redact: (s: string) => string,
): Verdict {
  const idempotent = call.method !== "POST";
  if ("failure" in outcome) {
    const { code, timedOut } = outcome.failure;
    const ErrorClass = timedOut ? APIConnectionTimeoutError : APIConnectionError;
    const what = timedOut ? "no answer in time" : `no answer (${code})`;
    return {
      error: new ErrorClass(`Linq API ${name} got ${what} from ${baseUrl} after ${attempts} attempt(s)`, {
        call: name,
        attempts,
      }),
      retry: idempotent || code === "ECONNREFUSED",
    };
  }
  const { status, headers } = outcome.response;
  const error = apiError(name, outcome.response, attempts, redact);
  const shouldRetry = headers["x-should-retry"];
  const retryable = shouldRetry
    ? shouldRetry === "true"
    : idempotent
      ? status === 408 || status === 429 || status >= 500
      : status === 429 || status === 503;
  return { error, retry: retryable, retryAfterMs: retryAfterMs(headers) };
}

function apiError(
  name: string,
  response: AxiosResponse<string>,
  attempts: number,
  redact: (s: string) => string,
): LinqError {
  const details: LinqErrorDetails = { call: name, status: response.status, attempts };
  const envelope = ErrorEnvelopeSchema.safeParse(safeJson(response.data));
  let message: string;
  if (envelope.success) {
    details.code = envelope.data.error.code;
    details.traceId = envelope.data.trace_id;
    message = envelope.data.error.message;
  } else {
    message = `unexpected ${contentType(response)} body: ${snippet(response.data)}`;
  }
  const codePart = details.code === undefined ? "" : ` (code ${details.code})`;
  const tracePart = details.traceId ? ` [trace ${details.traceId}]` : "";
  const ErrorClass = errorClassForStatus(response.status);
  return new ErrorClass(
    redact(`Linq API ${name} failed with ${response.status}${codePart}: ${message}${tracePart}`),
    details,
  );
}

function parseSuccess<T>(
  call: Call<T>,
  name: string,
  response: AxiosResponse<string>,
  attempts: number,
  redact: (s: string) => string,
): T {
  if (!call.schema) return undefined as T;
  const bad = (why: string) =>
    new BadResponseError(redact(`Linq API ${name} answered ${response.status} with ${why}`), {
      call: name,
      status: response.status,
      attempts,
    });
  const json = safeJson(response.data);
  if (json === undefined)
    throw bad(`a body that is not JSON (${contentType(response)}): ${snippet(response.data)}`);
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    throw bad(`an unexpected body: ${problems.join("; ")}`);
  }
  return parsed.data;
}

function retryAfterMs(headers: AxiosResponse["headers"]): number | undefined {
  const ms = Number(headers["retry-after-ms"]);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers["retry-after"];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function contentType(response: AxiosResponse): string {
  return String(response.headers["content-type"] ?? "no content-type");
}

function snippet(text: string): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat || "(empty)";
}
