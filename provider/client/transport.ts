// One HTTP call to the Linq API with timeouts, retries with backoff and jitter, and answers parsed by a
// zod schema. Every failure leaves here as a LinqError that carries no headers and no token.
import axios, { type AxiosResponse } from "axios";
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { resolveConnection, type ConnectionOptions } from "./connection";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  BadResponseError,
  CancelledError,
  ErrorEnvelopeSchema,
  errorClassForStatus,
  LinqError,
  type LinqErrorDetails,
} from "./errors";
import {
  mayRetryFailure,
  mayRetryGarbled,
  mayRetryStatus,
  newBudget,
  nextRetryDelay,
  retryAfterMs,
  retryPolicy,
  waitToRetry,
  type RetryBudget,
  type RetryOptions,
  type RetryPolicy,
} from "./retry-policy";

export interface RetryEvent {
  call: string;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface ClientOptions extends ConnectionOptions, RetryOptions {
  /**
   * The whole of one attempt, connection to the last byte of the answer. Default 30 s. A deadline, not an
   * idle timeout: an answer trickled a byte at a time must not hold a command for ever.
   */
  timeoutMs?: number;
  /** The largest answer read, decoded (after gzip/brotli). Default 8 MiB, far above any real answer. */
  maxResponseBytes?: number;
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
  /** With a budget, the call's retries are charged to it (a create shares one with its recovery). */
  send<T>(call: Call<T>, budget?: RetryBudget): Promise<T>;
  readonly policy: RetryPolicy;
}

/**
 * Why an attempt got no usable answer. "unsent": surely nothing reached the server (refused, DNS, TLS
 * handshake, certificate), so even a POST may be sent again.
 */
type FailureKind = "timeout" | "too-large" | "certificate" | "tls" | "unsent" | "connection";
type Failure = { code: string; kind: FailureKind; detail?: string };
type Outcome = { response: AxiosResponse<string> } | { failure: Failure };

/** What the functions judging one attempt need to know about it. */
interface AttemptContext {
  call: Call<unknown>;
  /** "POST /v3/webhook-subscriptions" */
  name: string;
  /** Attempts made so far, this one included. */
  attempts: number;
  limits: { baseUrl: string; timeoutMs: number; maxResponseBytes: number };
  redact: (text: string) => string;
}

interface Verdict {
  error: LinqError;
  retry: boolean;
  /** For onRetry: the status or error code. */
  reason: string;
  /** What the server asked for (Retry-After), if anything. */
  retryAfterMs?: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Node's codes for a certificate that does not verify: retrying will not change it. */
const CERTIFICATE_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);
const UNSENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/** Only the code and Node's own reason are kept: the axios error holds the request, token included. */
function classify(err: unknown, deadline: AbortSignal): Failure {
  if (deadline.aborted) return { code: "ETIMEDOUT", kind: "timeout" };
  if (!axios.isAxiosError(err)) return { code: "ERR_UNKNOWN", kind: "connection" };
  const code = err.code ?? "ERR_NETWORK";
  if (err.message.startsWith("maxContentLength")) {
    const announced = Number(
      (err.request as { res?: IncomingMessage } | undefined)?.res?.headers["content-length"],
    );
    return { code, kind: "too-large", detail: announced > 0 ? ` (it announced ${announced} bytes)` : "" };
  }
  if (code === "ECONNABORTED" || code === "ETIMEDOUT") return { code, kind: "timeout" };
  if (CERTIFICATE_CODES.has(code)) return { code, kind: "certificate", detail: err.message };
  if (code === "EPROTO" || code.startsWith("ERR_SSL_")) return { code, kind: "tls" };
  return { code, kind: UNSENT_CODES.has(code) ? "unsent" : "connection" };
}

export function createTransport(options: ClientOptions = {}): Transport {
  const { apiKey, baseUrl } = resolveConnection(options);
  const policy = retryPolicy(options);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const http = axios.create({
    baseURL: baseUrl,
    maxContentLength: maxResponseBytes,
    responseType: "text",
    transformResponse: [(data: string) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    headers: { Accept: "application/json" },
  });
  const redact = (text: string) => text.split(apiKey).join("[redacted]");

  const attempt = async (call: Call<unknown>): Promise<Outcome> => {
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      const response = await http.request<string>({
        method: call.method,
        url: call.path,
        data: call.body === undefined ? undefined : JSON.stringify(call.body),
        headers: {
          Authorization: `Bearer ${apiKey}`,
          ...(call.body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        signal: deadline,
      });
      return { response };
    } catch (err) {
      return { failure: classify(err, deadline) };
    }
  };
  const limits = { baseUrl, timeoutMs, maxResponseBytes };

  return {
    policy,
    async send<T>(call: Call<T>, budget = newBudget()): Promise<T> {
      const name = `${call.method} ${call.path}`;
      for (let attempts = 1; ; attempts++) {
        const context: AttemptContext = { call, name, attempts, limits, redact };
        const outcome = await attempt(call);
        let verdict: Verdict;
        if ("response" in outcome && outcome.response.status < 300) {
          const parsed = parseSuccess(context, outcome.response);
          if (!("error" in parsed)) return parsed.value as T;
          verdict = parsed;
        } else {
          verdict = judge(context, outcome);
        }
        const rateLimited = "response" in outcome && outcome.response.status === 429;
        const delayMs = verdict.retry
          ? nextRetryDelay(policy, budget, { rateLimited, retryAfterMs: verdict.retryAfterMs })
          : undefined;
        if (delayMs === undefined) throw verdict.error;
        options.onRetry?.({ call: name, attempt: attempts, delayMs, reason: verdict.reason });
        if (!(await waitToRetry(policy, delayMs))) throw new CancelledError(verdict.error);
      }
    },
  };
}

/** The error of a failed attempt, and whether the retry policy lets it be tried again. */
function judge(context: AttemptContext, outcome: Outcome): Verdict {
  const { method } = context.call;
  if ("failure" in outcome) {
    const { code, kind } = outcome.failure;
    const error = failureError(context, outcome.failure);
    return { error, retry: mayRetryFailure(method, kind), reason: code };
  }
  const { status, headers } = outcome.response;
  const error = apiError(context, outcome.response);
  const shouldRetry = headers["x-should-retry"] as string | undefined;
  return {
    error,
    retry: mayRetryStatus(method, status, shouldRetry),
    reason: String(status),
    retryAfterMs: retryAfterMs(headers),
  };
}

function failureError({ name, attempts, limits }: AttemptContext, failure: Failure): LinqError {
  const { code, kind } = failure;
  const details: LinqErrorDetails = {
    call: name,
    attempts,
    unsent: ["certificate", "tls", "unsent"].includes(kind),
  };
  const from = `from ${limits.baseUrl} after ${attempts} attempt(s)`;
  switch (kind) {
    case "timeout":
      return new APIConnectionTimeoutError(
        `Linq API ${name} got no complete answer in time (${limits.timeoutMs / 1000} s per attempt) ${from}`,
        details,
      );
    case "too-large":
      return new BadResponseError(
        `Linq API ${name} answered with a body larger than ${formatBytes(limits.maxResponseBytes)} ` +
          `(decoded), the limit${failure.detail}: no real answer comes near it, so it was not read ` +
          `further ${from}`,
        details,
      );
    case "certificate":
      return new APIConnectionError(
        `Linq API ${name} was not sent: the TLS certificate of ${limits.baseUrl} did not verify ` +
          `(${code}: ${failure.detail}). Not retried, since that will not change: check 'linq:baseUrl' ` +
          `(or LINQ_API_V3_BASE_URL), or trust a private CA with NODE_EXTRA_CA_CERTS`,
        details,
      );
    case "tls":
      return new APIConnectionError(
        `Linq API ${name} was not sent: the TLS handshake with ${limits.baseUrl} failed (${code}). ` +
          `'linq:baseUrl' (or LINQ_API_V3_BASE_URL) may name with https a port that speaks plain http`,
        details,
      );
    default:
      return new APIConnectionError(`Linq API ${name} got no answer (${code}) ${from}`, details);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`;
}

function apiError({ name, attempts, redact }: AttemptContext, response: AxiosResponse<string>): LinqError {
  const details: LinqErrorDetails = { call: name, status: response.status, attempts };
  const envelope = ErrorEnvelopeSchema.safeParse(safeJson(response.data));
  let message: string;
  if (envelope.success) {
    details.code = envelope.data.error.code;
    details.traceId = envelope.data.trace_id;
    message = envelope.data.error.message;
  } else if (response.status >= 300 && response.status < 400) {
    message = redirectMessage(response);
  } else {
    message = `unexpected ${contentType(response)} body: ${snippet(response.data)}`;
  }
  const codePart = details.code === undefined ? "" : ` (code ${details.code})`;
  const tracePart = details.traceId ? ` [trace ${details.traceId}]` : "";
  // Said in the message, as for a connection failure: a user who reads only "failed with 504" would retry
  // by hand what the client already retried.
  const attemptsPart = attempts > 1 ? ` after ${attempts} attempt(s)` : "";
  const ErrorClass = errorClassForStatus(response.status);
  return new ErrorClass(
    redact(
      `Linq API ${name} failed with ${response.status}${codePart}: ${message}${tracePart}${attemptsPart}`,
    ),
    details,
  );
}

/** Redirects are not followed: the bearer key would go along to wherever they point. */
function redirectMessage(response: AxiosResponse<string>): string {
  const location: unknown = response.headers.location;
  const where =
    typeof location === "string" && location
      ? `to ${JSON.stringify(withoutUserinfo(location))}`
      : "(no Location)";
  return (
    `a redirect ${snippet(where)}, which the client does not follow on purpose (the API key would go ` +
    `along): set 'linq:baseUrl' (or LINQ_API_V3_BASE_URL) to the address the API answers at`
  );
}

function withoutUserinfo(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1");
}

/** The parsed answer, or why it is unusable. */
function parseSuccess(
  { call, name, attempts, redact }: AttemptContext,
  response: AxiosResponse<string>,
): { value: unknown } | Verdict {
  if (!call.schema) return { value: undefined };
  const bad = (why: string) =>
    new BadResponseError(redact(`Linq API ${name} answered ${response.status} with ${why}`), {
      call: name,
      status: response.status,
      attempts,
    });
  const reason = `garbled ${response.status}`;
  const json = safeJson(response.data);
  if (json === undefined) {
    const error = bad(`a body that is not JSON (${contentType(response)}): ${snippet(response.data)}`);
    return { error, retry: mayRetryGarbled(call.method, false), reason };
  }
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    const error = bad(`an unexpected body: ${problems.join("; ")}`);
    return { error, retry: mayRetryGarbled(call.method, true), reason };
  }
  return { value: parsed.data };
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
