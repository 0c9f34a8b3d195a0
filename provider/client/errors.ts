// The client's errors: one small hierarchy by status, named as in @linqapp/sdk. Each carries only
// what is safe to print (the call, status, Linq code, message, trace id): never the token, the request
// headers or the axios error they came from.
import { z } from "zod";

/** Linq's error envelope: `{"error": {status, code, message}, "success": false, "trace_id"?}`. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({ status: z.number(), code: z.number(), message: z.string() }),
  success: z.literal(false).optional(),
  trace_id: z.string().optional(),
});

export interface LinqErrorDetails {
  /** The call that failed, e.g. "POST /v3/webhook-subscriptions". */
  call: string;
  status?: number;
  /** Linq's numeric error code from the error envelope (e.g. 2004). */
  code?: number;
  /** Linq's own message from the error envelope, secrets removed and controls neutralised. */
  reason?: string;
  traceId?: string;
  /** How many attempts were made, retries included. */
  attempts?: number;
  /** True when no attempt can have reached the server (refused, DNS, TLS): nothing was processed. */
  unsent?: boolean;
}

export class LinqError extends Error {
  readonly call: string;
  readonly status?: number;
  readonly code?: number;
  readonly reason?: string;
  readonly traceId?: string;
  readonly attempts?: number;
  readonly unsent?: boolean;

  constructor(message: string, details: LinqErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.call = details.call;
    this.status = details.status;
    this.code = details.code;
    this.reason = details.reason;
    this.traceId = details.traceId;
    this.attempts = details.attempts;
    this.unsent = details.unsent;
  }

  toJSON(): Record<string, unknown> {
    const { name, message, call, status, code, reason, traceId, attempts, unsent } = this;
    return { name, message, call, status, code, reason, traceId, attempts, unsent };
  }
}

/** 400: the request was rejected as invalid. */
export class BadRequestError extends LinqError {}
/** 401: missing or invalid API key. */
export class AuthenticationError extends LinqError {}
/** 403 */
export class PermissionDeniedError extends LinqError {}
/** 404 */
export class NotFoundError extends LinqError {}
/** 409: e.g. another subscription already uses the target URL. */
export class ConflictError extends LinqError {}
/** 429, after the retries ran out. */
export class RateLimitError extends LinqError {}
/** 5xx, after the retries ran out. */
export class InternalServerError extends LinqError {}
/** No answer: connection refused or reset, DNS failure. */
export class APIConnectionError extends LinqError {}
/** No answer within the timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {}
/** An answer that is not the JSON the contract promises. */
export class BadResponseError extends LinqError {}
/**
 * A create got no clear answer, and the subscription found at its URL cannot be shown to be the one it
 * made (created before it, or with other events or numbers): another program may own it.
 */
export class UnclaimedSubscriptionError extends LinqError {
  readonly foundId: string;
  constructor(message: string, details: LinqErrorDetails & { foundId: string }) {
    super(message, details);
    this.foundId = details.foundId;
  }
}
/** A failed call not tried again because the operation was cancelled (Ctrl-C): the last failure's details. */
export class CancelledError extends LinqError {
  /** A create cut short after an answer that left its outcome unknown: Linq may still create it. */
  readonly outcomeUnknown: boolean;
  constructor(last: LinqError, options: { outcomeUnknown?: boolean } = {}) {
    super(`${last.message}; not tried again: the operation was cancelled (Ctrl-C)`, last);
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}
/** Missing API key or an unusable base URL: nothing was sent. */
export class ConfigurationError extends Error {
  /**
   * @param property The provider setting refused (baseUrl), for a check failure to name: unset when the
   * value came from the environment, or must not be shown (a URL with a password), as the engine shows a
   * named property's value beside the failure.
   */
  constructor(
    message: string,
    readonly property?: string,
  ) {
    super(message);
    this.name = "ConfigurationError";
  }
}

const BY_STATUS: Record<number, typeof LinqError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: BadRequestError,
  429: RateLimitError,
};

export function errorClassForStatus(status: number): typeof LinqError {
  return BY_STATUS[status] ?? (status >= 500 ? InternalServerError : LinqError);
}
