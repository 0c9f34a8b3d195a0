// The Linq API V3 webhook endpoints as the emulator answers them: routing, the server-side rules of
// the contract, and the error envelope.
import { randomBytes } from "node:crypto";
import { publicView, type Account, type SubscriptionChanges } from "./account";

export interface ApiAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiRequest {
  method: string;
  path: string;
  rawBody: string;
}

const DOC_URL = "https://docs.linqapp.com/guides/webhooks/events";
const E164 = /^\+[1-9]\d{1,14}$/;

export const ErrorCode = {
  missingRequiredField: 1001,
  invalidPhoneFormat: 1002,
  invalidRequestBody: 1003,
  invalidParameter: 1005,
  rateLimitExceeded: 1007,
  notFound: 2001,
  unauthorized: 2004,
  accessDenied: 2005,
  networkTimeout: 3005,
  internalError: 3006,
} as const;

export function apiError(status: number, code: number, message: string): ApiAnswer {
  const trace_id = `trace_${randomBytes(8).toString("hex")}`;
  return { status, body: { error: { status, code, message }, success: false, trace_id } };
}

class Rejection extends Error {
  constructor(readonly answer: ApiAnswer) {
    super(String((answer.body as { error: { message: string } }).error.message));
  }
}

const invalid = (message: string, code: number = ErrorCode.invalidParameter) =>
  new Rejection(apiError(400, code, message));

/** The route key used by the request log and the counters, e.g. "PUT /v3/webhook-subscriptions/:id". */
export function routeOf(method: string, path: string): string {
  if (path === "/v3/webhook-events") return `${method} /v3/webhook-events`;
  if (path === "/v3/webhook-subscriptions") return `${method} /v3/webhook-subscriptions`;
  if (/^\/v3\/webhook-subscriptions\/[^/]+$/.test(path)) return `${method} /v3/webhook-subscriptions/:id`;
  return `${method} (unknown)`;
}

export function answer(account: Account, req: ApiRequest): ApiAnswer {
  try {
    return route(account, req);
  } catch (err) {
    if (err instanceof Rejection) return err.answer;
    throw err;
  }
}

function route(account: Account, { method, path, rawBody }: ApiRequest): ApiAnswer {
  const id = decodeURIComponent(path.split("/")[3] ?? "");
  switch (routeOf(method, path)) {
    case "GET /v3/webhook-events":
      return { status: 200, body: { events: account.events(), doc_url: DOC_URL } };
    case "GET /v3/webhook-subscriptions":
      return { status: 200, body: { subscriptions: account.list().map(publicView) } };
    case "POST /v3/webhook-subscriptions":
      return create(account, parseObject(rawBody));
    case "GET /v3/webhook-subscriptions/:id":
      return { status: 200, body: publicView(existing(account, id)) };
    case "PUT /v3/webhook-subscriptions/:id":
      return update(account, existing(account, id).id, parseObject(rawBody));
    case "DELETE /v3/webhook-subscriptions/:id":
      account.delete(existing(account, id).id);
      return { status: 204 };
    default:
      return apiError(404, ErrorCode.notFound, `No route for ${method} ${path}`);
  }
}

function create(account: Account, body: Record<string, unknown>): ApiAnswer {
  for (const field of ["target_url", "subscribed_events"]) {
    if (body[field] === undefined) throw invalid(`${field} is required`, ErrorCode.missingRequiredField);
  }
  const target_url = targetUrl(account, body.target_url);
  const subscribed_events = subscribedEvents(account, body.subscribed_events);
  const phone_numbers = phoneNumbers(body.phone_numbers);
  const created = account.create({ target_url, subscribed_events, phone_numbers });
  return { status: 201, body: created };
}

function update(account: Account, id: string, body: Record<string, unknown>): ApiAnswer {
  const changes: SubscriptionChanges = {};
  if (body.target_url !== undefined) changes.target_url = targetUrl(account, body.target_url, id);
  if (body.subscribed_events !== undefined) {
    changes.subscribed_events = subscribedEvents(account, body.subscribed_events);
  }
  if (body.is_active !== undefined) {
    if (typeof body.is_active !== "boolean") throw invalid("is_active must be a boolean");
    changes.is_active = body.is_active;
  }
  if (body.phone_numbers !== undefined) changes.phone_numbers = phoneNumbers(body.phone_numbers);
  return { status: 200, body: publicView(account.update(id, changes)) };
}

function parseObject(rawBody: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    throw invalid("Request body is malformed or contains invalid JSON", ErrorCode.invalidRequestBody);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalid("Request body must be a JSON object", ErrorCode.invalidRequestBody);
  }
  return parsed as Record<string, unknown>;
}

function existing(account: Account, id: string) {
  const sub = account.get(id);
  if (!sub) throw new Rejection(apiError(404, ErrorCode.notFound, `Webhook subscription ${id} not found`));
  return sub;
}

function targetUrl(account: Account, value: unknown, ownId?: string): string {
  if (typeof value !== "string") throw invalid("target_url must be a string");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`target_url is not a valid URL: ${value}`);
  }
  if (url.protocol !== "https:") throw invalid("target_url must use HTTPS");
  const holder = account.findByTargetUrl(value);
  if (holder && holder.id !== ownId) {
    throw new Rejection(
      apiError(
        409,
        ErrorCode.invalidParameter,
        `target_url ${value} is already used by subscription ${holder.id}`,
      ),
    );
  }
  return value;
}

function subscribedEvents(account: Account, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((e) => typeof e !== "string")) {
    throw invalid("subscribed_events must be an array of strings");
  }
  if (value.length === 0) throw invalid("subscribed_events must contain at least one event type");
  const known = new Set(account.events());
  const unknown = value.filter((e: string) => !known.has(e));
  if (unknown.length > 0) throw invalid(`Invalid event type(s): ${unknown.join(", ")}`);
  return value as string[];
}

function phoneNumbers(value: unknown): string[] | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value) || value.some((p) => typeof p !== "string")) {
    throw invalid("phone_numbers must be an array of strings or null");
  }
  const bad = value.filter((p: string) => !E164.test(p));
  if (bad.length > 0) {
    throw invalid(
      `Phone number must be in E.164 format (e.g. +14155551234): ${bad.join(", ")}`,
      ErrorCode.invalidPhoneFormat,
    );
  }
  return value.length === 0 ? null : (value as string[]);
}
