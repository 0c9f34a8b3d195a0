// One HTTP call to the Linq API with timeouts, retries with backoff and jitter, and answers parsed by a
// zod schema. Every failure leaves here as a LinqError that carries no headers and no token.
import axios, { type AxiosResponse } from "axios";
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { safeMessage, untrusted, type MessageTag, type Scrub } from "../safe-text";
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
  waitRefusal,
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
  /**
   * Removes the caller's own secrets (secret input values) from a server's text, as a whole, before any of
   * it is cut short into a message: a server may echo them back. The API key is removed in any case.
   */
  scrub?: Scrub;
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
  /** This client's message tag: server text in it is shown without the key or the caller's secrets. */
  readonly msg: MessageTag;
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
  /** The message tag of this client: every value it interpolates is shown safely (safe-text.ts). */
  msg: MessageTag;
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
  const callerScrub = options.scrub ?? ((text: string) => text);
  const msg = safeMessage((text) => callerScrub(text.split(apiKey).join("[redacted]")));

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
    msg,
    async send<T>(call: Call<T>, budget = newBudget()): Promise<T> {
      const name = `${call.method} ${call.path}`;
      for (let attempts = 1; ; attempts++) {
        const context: AttemptContext = { call, name, attempts, limits, msg };
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
        if (delayMs === undefined) throw withWaitRefusal(verdict, policy, budget);
        options.onRetry?.({ call: name, attempt: attempts, delayMs, reason: verdict.reason });
        if (!(await waitToRetry(policy, delayMs))) throw new CancelledError(verdict.error);
      }
    },
  };
}

/** The error, saying so when it is not retried because the server asked for a wait longer than the budget. */
function withWaitRefusal(verdict: Verdict, policy: RetryPolicy, budget: RetryBudget): LinqError {
  const refusal = verdict.retry ? waitRefusal(policy, budget, verdict.retryAfterMs) : undefined;
  if (refusal) verdict.error.message += refusal;
  return verdict.error;
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

function failureError({ name, attempts, limits, msg }: AttemptContext, failure: Failure): LinqError {
  const { code, kind } = failure;
  const details: LinqErrorDetails = {
    call: name,
    attempts,
    unsent: ["certificate", "tls", "unsent"].includes(kind),
  };
  const from = msg`from ${limits.baseUrl} after ${attempts} attempt(s)`;
  switch (kind) {
    case "timeout":
      return new APIConnectionTimeoutError(
        msg`Linq API ${name} got no complete answer in time (${limits.timeoutMs / 1000} s per attempt) ${from}`,
        details,
      );
    case "too-large":
      return new BadResponseError(
        msg`Linq API ${name} answered with a body larger than ${formatBytes(limits.maxResponseBytes)} ` +
          msg`(decoded), the limit${failure.detail ?? ""}: no real answer comes near it, so it was not read ` +
          msg`further ${from}`,
        details,
      );
    case "certificate":
      return new APIConnectionError(
        msg`Linq API ${name} was not sent: the TLS certificate of ${limits.baseUrl} did not verify ` +
          msg`(${code}: ${untrusted(failure.detail, 300)}). Not retried, since that will not change: check ` +
          `'linq:baseUrl' (or LINQ_API_V3_BASE_URL), or trust a private CA with NODE_EXTRA_CA_CERTS`,
        details,
      );
    case "tls":
      return new APIConnectionError(
        msg`Linq API ${name} was not sent: the TLS handshake with ${limits.baseUrl} failed (${code}). ` +
          `'linq:baseUrl' (or LINQ_API_V3_BASE_URL) may name with https a port that speaks plain http`,
        details,
      );
    default:
      return new APIConnectionError(msg`Linq API ${name} got no answer (${code}) ${from}`, details);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** Linq's own message is shown longer than other text: it may list the names it refused. */
const LINQ_MESSAGE_LIMIT = 1000;

function apiError({ name, attempts, msg }: AttemptContext, response: AxiosResponse<string>): LinqError {
  const details: LinqErrorDetails = { call: name, status: response.status, attempts };
  const envelope = ErrorEnvelopeSchema.safeParse(safeJson(response.data));
  let message: string;
  if (envelope.success) {
    details.code = envelope.data.error.code;
    details.traceId = envelope.data.trace_id;
    message = msg`${untrusted(envelope.data.error.message, LINQ_MESSAGE_LIMIT)}`;
    details.reason = message;
  } else if (response.status >= 300 && response.status < 400) {
    message = redirectMessage(msg, response);
  } else {
    message = msg`unexpected ${untrusted(contentType(response))} body: ${untrusted(response.data)}`;
  }
  const codePart = details.code === undefined ? "" : msg` (code ${details.code})`;
  const tracePart = details.traceId ? msg` [trace ${untrusted(details.traceId)}]` : "";
  // Said in the message, as for a connection failure: a user who reads only "failed with 504" would retry
  // by hand what the client already retried.
  const attemptsPart = attempts > 1 ? msg` after ${attempts} attempt(s)` : "";
  const ErrorClass = errorClassForStatus(response.status);
  return new ErrorClass(
    `${msg`Linq API ${name} failed with ${response.status}`}${codePart}: ${message}${tracePart}${attemptsPart}`,
    details,
  );
}

/** Redirects are not followed: the bearer key would go along to wherever they point. */
function redirectMessage(msg: MessageTag, response: AxiosResponse<string>): string {
  const location: unknown = response.headers.location;
  const where =
    typeof location === "string" && location
      ? msg`to ${untrusted(JSON.stringify(withoutUserinfo(location)))}`
      : "(no Location)";
  return (
    `a redirect ${where}, which the client does not follow on purpose (the API key would go ` +
    `along): set 'linq:baseUrl' (or LINQ_API_V3_BASE_URL) to the address the API answers at`
  );
}

function withoutUserinfo(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1");
}

/** The parsed answer, or why it is unusable. */
function parseSuccess(
  { call, name, attempts, msg }: AttemptContext,
  response: AxiosResponse<string>,
): { value: unknown } | Verdict {
  if (!call.schema) return { value: undefined };
  const bad = (why: string) =>
    new BadResponseError(`${msg`Linq API ${name} answered ${response.status}`} with ${why}`, {
      call: name,
      status: response.status,
      attempts,
    });
  const reason = `garbled ${response.status}`;
  const json = safeJson(response.data);
  if (json === undefined) {
    const type = untrusted(contentType(response));
    const error = bad(msg`a body that is not JSON (${type}): ${untrusted(response.data)}`);
    return { error, retry: mayRetryGarbled(call.method, false), reason };
  }
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    // The paths name the server's keys: untrusted, and as many as it sent.
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    const error = bad(msg`an unexpected body: ${untrusted(problems.join("; "), LINQ_MESSAGE_LIMIT)}`);
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
