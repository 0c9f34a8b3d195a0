// Webhook delivery as Linq does it: a signed POST of the event's payload to every subscription the
// event routes to (or to `forwardTo`, keeping each subscription's headers and signature), retried with
// backoff when the receiver fails, and recorded in a delivery log. Deliveries run in the background:
// a slow receiver never holds up the API.
import { randomUUID } from "node:crypto";
import { suggestEvent } from "../provider/suggest";
import type { Account, StoredSubscription } from "./account";
import { routeEvent, type NotRouted, type Routed } from "./delivery-routing";
import { hasKnownShape, newEventFacts, renderPayload, type EventFacts } from "./event-payloads";
import { bytesText, LIMITS, nestsDeeperThan } from "./limits";
import { signedHeaders } from "./webhook-signing";

export interface DeliveryOptions {
  /** Send every delivery here instead of the subscription's URL (e.g. http://127.0.0.1:3000/linq). */
  forwardTo?: string;
  /** Attempts per delivery, the first included. Default 6, as Linq documents. */
  maxAttempts?: number;
  /** Wait before the first retry, doubled for each next one. Default 2000 ms (Linq: 2 s, 4 s, 8 s, ...). */
  firstRetryMs?: number;
  /** Upper bound of the wait between attempts. Default 30000 ms. */
  maxRetryMs?: number;
  /** How long a receiver may take to answer an attempt. Default 10000 ms, as Linq documents. */
  timeoutMs?: number;
  /**
   * Called after each attempt with the delivery as it then stands: "pending" with next_attempt_at when
   * a retry is due, else its end (delivered, failed, cancelled). The command line prints it.
   */
  onAttempt?: (record: DeliveryRecord, maxAttempts: number) => void;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  /** The receiver's HTTP status, or undefined when there was no answer (see error). */
  status?: number;
  error?: string;
  duration_ms: number;
}

export interface DeliveryRecord {
  delivery_id: string;
  event_id: string;
  event_type: string;
  phone_number: string;
  subscription_id: string;
  target_url: string;
  /** Where the last attempt was POSTed: the subscription's URL, or the forwarding URL of that moment. */
  url: string;
  webhook_version: string;
  status: "pending" | "delivered" | "failed" | "cancelled";
  attempts: DeliveryAttempt[];
  next_attempt_at: string | null;
  payload: unknown;
  /** Set on a redelivery: the delivery it sends again. */
  redelivery_of?: string;
}

export interface TriggerRequest {
  event: string;
  /** The account's line the event belongs to, E.164. */
  phone_number?: string;
  /** Merged (deeply) into the payload's `data`. */
  data?: Record<string, unknown>;
  /** Answer after each delivery's first attempt (default) or after its last one. */
  wait?: "first-attempt" | "final";
}

export interface TriggerResult {
  event_id: string;
  event_type: string;
  phone_number: string;
  /** "generic" for a listed type the emulator has no payload shape for. */
  shape: "known" | "generic";
  deliveries: Array<{
    delivery_id: string;
    subscription_id: string;
    target_url: string;
    url: string;
    webhook_version: string;
    status: DeliveryRecord["status"];
    attempts: number;
    last_status: number | null;
    last_error: string | null;
  }>;
  not_delivered: NotRouted[];
}

export interface RedeliverRequest {
  /** Answer after the first attempt (default) or after the last one. */
  wait?: TriggerRequest["wait"];
}

/** A trigger the emulator refuses (answered with 400 and this message). */
export class TriggerRejected extends Error {}

/** A redelivery of a delivery that is not (or no longer) in the delivery log (answered with 404). */
export class UnknownDelivery extends Error {}

export interface Deliverer {
  trigger(request: TriggerRequest): Promise<TriggerResult>;
  redeliver(deliveryId: string, request?: RedeliverRequest): Promise<TriggerResult>;
  deliveries(): DeliveryRecord[];
  clearDeliveries(): void;
  /** Resolves when no delivery is pending any more. */
  settled(): Promise<void>;
  forwardTo(): string | undefined;
  setForwardTo(url: string | undefined): void;
  /** Cancels waiting retries and attempts in flight. */
  close(): void;
}

/** The line an event belongs to when the trigger names none (the one in Linq's own examples). */
export const DEFAULT_PHONE_NUMBER = "+12025551234";
const E164 = /^\+[1-9]\d{1,14}$/;

/** A delivery as the log keeps it: the payload as the bytes sent, parsed again only when read. */
interface Logged {
  record: Omit<DeliveryRecord, "payload">;
  body: string;
}

export function createDeliverer(account: Account, options: DeliveryOptions = {}): Deliverer {
  const policy = {
    maxAttempts: options.maxAttempts ?? 6,
    firstRetryMs: options.firstRetryMs ?? 2000,
    maxRetryMs: options.maxRetryMs ?? 30000,
    timeoutMs: options.timeoutMs ?? 10000,
  };
  let forwardTo = checkedForwardUrl(options.forwardTo);
  let log: Logged[] = [];
  let logBytes = 0;
  const running = new Set<Promise<void>>();
  const waits = new Map<NodeJS.Timeout, () => void>();
  const inFlight = new Set<AbortController>();
  let closed = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });

  async function attempt({ record, body }: Logged): Promise<boolean> {
    const sub = account.get(record.subscription_id);
    const stopped = whyStopped(sub);
    if (!sub || stopped) {
      record.status = "cancelled";
      record.attempts.push({
        attempt: record.attempts.length + 1,
        at: now(),
        error: stopped,
        duration_ms: 0,
      });
      return false;
    }
    // Chosen at each attempt: a retry follows a change of forwarding (a receiver restarted elsewhere).
    record.url = forwardTo ?? sub.target_url;
    const started = Date.now();
    const headers = signedHeaders(sub.signing_secret, {
      id: record.event_id,
      timestamp: Math.floor(started / 1000),
      body,
      eventType: record.event_type,
      subscriptionId: sub.id,
    });
    const controller = new AbortController();
    inFlight.add(controller);
    const timer = setTimeout(
      () => controller.abort(new Error(`no answer within ${policy.timeoutMs} ms`)),
      policy.timeoutMs,
    );
    const entry: DeliveryAttempt = {
      attempt: record.attempts.length + 1,
      at: new Date(started).toISOString(),
      duration_ms: 0,
    };
    try {
      const res = await fetch(record.url, {
        method: "POST",
        headers,
        body,
        redirect: "manual",
        signal: controller.signal,
      });
      entry.status = res.status;
      await readSome(res.body, LIMITS.receiverAnswerBytes);
    } catch (err) {
      entry.error = describe(err);
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
    entry.duration_ms = Date.now() - started;
    record.attempts.push(entry);
    if (entry.status !== undefined && entry.status >= 200 && entry.status < 300) {
      record.status = "delivered";
      return false;
    }
    return retryable(entry);
  }

  async function deliver(logged: Logged, firstDone: () => void): Promise<void> {
    const { record } = logged;
    let again = await attempt(logged);
    firstDone();
    while (again && record.attempts.length < policy.maxAttempts && !closed) {
      const delay = Math.min(policy.firstRetryMs * 2 ** (record.attempts.length - 1), policy.maxRetryMs);
      record.next_attempt_at = new Date(Date.now() + delay).toISOString();
      options.onAttempt?.(view(logged), policy.maxAttempts);
      await wait(delay);
      record.next_attempt_at = null;
      if (closed) break;
      again = await attempt(logged);
    }
    record.next_attempt_at = null;
    if (record.status === "pending") record.status = closed ? "cancelled" : "failed";
    options.onAttempt?.(view(logged), policy.maxAttempts);
  }

  /** Logs a delivery (dropping the oldest past the log's limits) and makes its attempts in the background. */
  function start(record: Omit<DeliveryRecord, "payload">, body: string) {
    const logged: Logged = { record, body };
    log.push(logged);
    logBytes += sizeOf(logged);
    while (log.length > 1 && (logBytes > LIMITS.deliveryLogBytes || log.length > LIMITS.deliveryLogEntries)) {
      logBytes -= sizeOf(log.shift()!);
    }
    let firstDone!: () => void;
    const first = new Promise<void>((resolve) => (firstDone = resolve));
    // The error boundary of a delivery running in the background, where nobody awaits it.
    const final = deliver(logged, firstDone)
      .catch((err: unknown) => {
        record.status = "failed";
        record.attempts.push({
          attempt: record.attempts.length + 1,
          at: now(),
          error: `emulator failure: ${describe(err)}`,
          duration_ms: 0,
        });
        firstDone();
      })
      .finally(() => running.delete(final));
    running.add(final);
    return { record, first, final };
  }

  function startEvent(
    facts: EventFacts,
    { subscription, version }: Routed,
    overrides: Record<string, unknown>,
  ) {
    const record = {
      delivery_id: randomUUID(),
      event_id: facts.eventId,
      event_type: facts.type,
      phone_number: facts.phoneNumber,
      subscription_id: subscription.id,
      target_url: subscription.target_url,
      url: forwardTo ?? subscription.target_url,
      webhook_version: version,
      status: "pending" as const,
      attempts: [],
      next_attempt_at: null,
    };
    return start(record, wireBody(renderPayload(facts, version, overrides)));
  }

  const awaited = async (started: Array<ReturnType<typeof start>>, wait: TriggerRequest["wait"]) =>
    Promise.all(started.map((s) => (wait === "final" ? s.final : s.first)));

  return {
    async trigger(request) {
      const phoneNumber = request.phone_number ?? DEFAULT_PHONE_NUMBER;
      const events = account.events();
      if (!events.includes(request.event)) {
        const guess = suggestEvent(request.event, events);
        throw new TriggerRejected(
          `unknown event type "${request.event}": it is not among the ${events.length} types this emulator offers (GET /v3/webhook-events)` +
            (guess ? `; did you mean "${guess}"?` : ""),
        );
      }
      if (!E164.test(phoneNumber)) {
        throw new TriggerRejected(`phone_number "${phoneNumber}" is not in E.164 format (e.g. +14155551234)`);
      }
      if (nestsDeeperThan(request.data, LIMITS.triggerDataDepth)) {
        throw new TriggerRejected(
          `data nests objects and arrays more than ${LIMITS.triggerDataDepth} levels deep, the emulator's limit ` +
            `for a trigger (a message's data is 3 deep): flatten it`,
        );
      }
      const facts = newEventFacts(request.event, phoneNumber);
      const { routed, notRouted } = routeEvent(account.list(), request.event, phoneNumber);
      const started = routed.map((r) => startEvent(facts, r, request.data ?? {}));
      await awaited(started, request.wait);
      return {
        event_id: facts.eventId,
        event_type: facts.type,
        phone_number: phoneNumber,
        shape: hasKnownShape(facts.type) ? "known" : "generic",
        deliveries: started.map(({ record }) => summary(record)),
        not_delivered: notRouted,
      };
    },
    async redeliver(deliveryId, request = {}) {
      const original = log.find((l) => l.record.delivery_id === deliveryId);
      if (!original) {
        throw new UnknownDelivery(
          `no delivery ${deliveryId} in the delivery log, which keeps the last ${LIMITS.deliveryLogEntries} ` +
            `(${bytesText(LIMITS.deliveryLogBytes)} of payloads): take an id from GET /__admin/deliveries`,
        );
      }
      const { record: was, body } = original;
      const sub = account.get(was.subscription_id);
      const target = sub?.target_url ?? was.target_url;
      const started = start(
        {
          ...structuredClone(was),
          delivery_id: randomUUID(),
          target_url: target,
          url: forwardTo ?? target,
          status: "pending",
          attempts: [],
          next_attempt_at: null,
          redelivery_of: was.delivery_id,
        },
        body,
      );
      await awaited([started], request.wait);
      return {
        event_id: was.event_id,
        event_type: was.event_type,
        phone_number: was.phone_number,
        shape: hasKnownShape(was.event_type) ? "known" : "generic",
        deliveries: [summary(started.record)],
        not_delivered: [],
      };
    },
    deliveries: () => log.map(view),
    clearDeliveries: () => {
      log = [];
      logBytes = 0;
    },
    settled: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
    forwardTo: () => forwardTo,
    setForwardTo: (url) => (forwardTo = checkedForwardUrl(url)),
    close() {
      closed = true;
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve();
      }
      waits.clear();
      for (const c of inFlight) c.abort(new Error("emulator stopped"));
    },
  };
}

/** Bytes a logged delivery holds: its payload, and an estimate of its record and attempts. */
const sizeOf = (l: Logged) => l.body.length + 1024;

/** A logged delivery as callers see it: a copy, with its payload. */
function view({ record, body }: Logged): DeliveryRecord {
  return { ...structuredClone(record), payload: JSON.parse(body) as unknown };
}

/** Reads up to `limit` bytes of an answer, then drops the connection: its content is never used. */
async function readSome(body: ReadableStream<Uint8Array> | null, limit: number): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (let read = 0; read < limit;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
  } catch {
    // a receiver that stops midway: judged by its status all the same
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function summary(record: Omit<DeliveryRecord, "payload">): TriggerResult["deliveries"][number] {
  const last = record.attempts.at(-1);
  return {
    delivery_id: record.delivery_id,
    subscription_id: record.subscription_id,
    target_url: record.target_url,
    url: record.url,
    webhook_version: record.webhook_version,
    status: record.status,
    attempts: record.attempts.length,
    last_status: last?.status ?? null,
    last_error: last?.error ?? null,
  };
}

/**
 * The JSON as sent, ending with a newline as a JSON encoder writing to a stream does: a receiver that
 * verifies its parsed body serialized again (JSON.stringify(req.body)), the mistake Linq's docs warn of,
 * then fails here as it would with Linq, instead of passing because the bytes happen to be the same.
 */
const wireBody = (payload: unknown) => `${JSON.stringify(payload)}\n`;

/** Why an attempt is not made: is_active says whether Linq delivers to a subscription, retries included. */
function whyStopped(sub: StoredSubscription | undefined): string | undefined {
  if (!sub) return "subscription deleted";
  if (!sub.is_active) return "subscription deactivated (is_active: false)";
  return undefined;
}

/** Linq retries 5xx, 429, timeouts and network errors; any other 4xx is a permanent failure. */
function retryable({ status }: DeliveryAttempt): boolean {
  if (status === undefined) return true;
  return !(status >= 400 && status < 500 && status !== 429);
}

/** The forwarding URL, or why not, naming it as the caller gave it (`--forward-to` on the command line). */
export function checkedForwardUrl(url: string | undefined, name = "forwardTo"): string | undefined {
  if (url === undefined) return undefined;
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed && (parsed.username || parsed.password)) {
    // Not repeated: it may hold a password. fetch refuses such a URL, so every attempt would fail.
    throw new Error(
      `${name} contains a user name or password ("user:password@"), which deliveries cannot carry: remove ` +
        `it; your receiver authenticates deliveries by their signature (the subscription's signingSecret)`,
    );
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    throw new Error(
      `${name} ${JSON.stringify(url)} is not an absolute http(s) URL: give your receiver's URL, e.g. ` +
        `${name} http://127.0.0.1:3000/linq`,
    );
  }
  return url;
}

/** "connection refused (ECONNREFUSED)", "no answer within 200 ms": what a person needs, no stack. */
function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
  if (cause?.code) return `${cause.message ?? "network error"} (${cause.code})`;
  return err instanceof Error ? err.message : String(err);
}

const now = () => new Date().toISOString();
