// An HTTP server on 127.0.0.1 that behaves like the Linq API V3 webhook endpoints, with fault
// injection, a request log and per-route counters (see emulator/admin.ts for the admin endpoints,
// emulator/admin-guard.ts for who may call them, emulator/controls.ts for what a running emulator
// offers, emulator/limits.ts for what it takes).
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "../provider/constants";
import { openAccount } from "./account";
import { handleAdmin } from "./admin";
import { adminRefusal } from "./admin-guard";
import type { RunningEmulator } from "./controls";
import { createDeliverer, type DeliveryOptions } from "./delivery";
import { createFaultInjector, type FaultConfigInput, type MalformedKind } from "./faults";
import { bytesText, createDiscarder, LIMITS, readBody } from "./limits";
import { createRequestLog } from "./request-log";
import { answer, apiError, ErrorCode, routeOf, type ApiAnswer } from "./webhook-api";

export interface EmulatorOptions {
  /** The bearer token the emulator accepts. */
  apiKey: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The event types offered at start; the 27 of @linqapp/sdk 0.28.2 by default. */
  events?: readonly string[];
  faults?: FaultConfigInput;
  /** Persist the account to this JSON file (atomically) and load it from there at start. */
  statePath?: string;
  /** Send every webhook delivery here instead of the subscription's URL, signed as for that subscription. */
  forwardTo?: string;
  /** Retry policy of webhook deliveries (attempts, backoff, timeout). */
  delivery?: Omit<DeliveryOptions, "forwardTo">;
}

const HOST = "127.0.0.1";

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const account = openAccount(options.events ?? KNOWN_WEBHOOK_EVENT_TYPES, options.statePath);
  let injector = createFaultInjector(options.faults);
  const deliverer = createDeliverer(account, { ...options.delivery, forwardTo: options.forwardTo });
  const log = createRequestLog();
  const discarder = createDiscarder(LIMITS.bodiesDiscardedAtOnce);

  const emulator: Omit<RunningEmulator, "url" | "close"> = {
    apiKey: options.apiKey,
    events: () => account.events(),
    setEvents: (events) => account.setEvents([...events]),
    faults: () => injector.config(),
    setFaults: (faults) => (injector = createFaultInjector(faults)),
    requests: () => log.entries(),
    counters: () => log.counters(),
    clearRequests: () => log.clear(),
    subscriptions: () => account.list(),
    clearSubscriptions: () => account.clear(),
    trigger: (request) => deliverer.trigger(request),
    redeliver: (deliveryId, request) => deliverer.redeliver(deliveryId, request),
    deliveries: () => deliverer.deliveries(),
    clearDeliveries: () => deliverer.clearDeliveries(),
    deliveriesSettled: () => deliverer.settled(),
    forwardTo: () => deliverer.forwardTo(),
    setForwardTo: (url) => deliverer.setForwardTo(url),
  };

  async function handleAdminRequest(req: http.IncomingMessage, method: string, path: string) {
    const refusal = adminRefusal(req.headers, port);
    if (refusal) {
      req.resume();
      return refusal;
    }
    const body = await readBody(req, LIMITS.bodyBytes, discarder);
    if (!body.complete) {
      return {
        status: 400,
        body: {
          error:
            `the request body is larger than ${bytesText(LIMITS.bodyBytes)}, the emulator's ` +
            `limit for an admin request: send less (a trigger's data is merged into a payload of a few KiB)`,
        },
      };
    }
    return handleAdmin(emulator, method, path, body.text);
  }

  async function handleApiRequest(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
    path: string,
  ) {
    const withKey = authorized(req, options.apiKey);
    // Of a request without the key, only a prefix is kept (for the log): nobody may fill the memory,
    // and its 401 goes out once that prefix is in, not after megabytes more.
    const limit = withKey ? LIMITS.bodyBytes : LIMITS.unauthenticatedBodyBytes;
    const body = await readBody(req, limit, discarder);
    const plan = injector.plan(method, path, Date.now());
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    const route = routeOf(method, path);
    const early = earlyFault(plan);
    if (early) {
      log.record({ method, path, route, status: early.answer.status, fault: early.fault }, body);
      return send(res, early.answer);
    }
    const processRequest = () => {
      if (!withKey) return apiError(401, ErrorCode.unauthorized, "Missing or invalid authentication token");
      if (!body.complete) return tooLarge();
      return answer(account, { method, path, rawBody: body.text });
    };
    if (plan.processLateMs !== undefined) {
      // The client has its 504 already: a failure of the late processing has nobody to go to.
      setTimeout(
        () =>
          void Promise.resolve()
            .then(processRequest)
            .catch(() => undefined),
        plan.processLateMs,
      );
      const timeout = apiError(504, ErrorCode.networkTimeout, "Gateway timeout");
      log.record({ method, path, route, status: 504, fault: "gateway-timeout" }, body);
      return send(res, timeout);
    }
    const result = processRequest();
    if (plan.dropAfterProcessing) {
      log.record({ method, path, route, status: "dropped", fault: "drop" }, body);
      req.socket.destroy();
      return;
    }
    const malformed = plan.malformed && result.body !== undefined ? plan.malformed : undefined;
    log.record(
      { method, path, route, status: result.status, fault: malformed && `malformed:${malformed}` },
      body,
    );
    send(res, result, malformed);
  }

  const server = http.createServer((req, res) => {
    // The error boundary of every request: whatever fails answers 500 (or cuts this connection), and
    // the process goes on serving.
    const handled = async () => {
      const method = req.method ?? "GET";
      const path = new URL(req.url ?? "/", `http://${HOST}`).pathname;
      if (path.startsWith("/__admin")) return send(res, await handleAdminRequest(req, method, path));
      return handleApiRequest(req, res, method, path);
    };
    handled().catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (res.headersSent) return void res.destroy();
      send(res, apiError(500, ErrorCode.internalError, `emulator failure: ${message.slice(0, 200)}`));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...emulator,
    url: `http://${HOST}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        deliverer.close();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function earlyFault(plan: ReturnType<ReturnType<typeof createFaultInjector>["plan"]>) {
  if (plan.rejectWith429 !== undefined) {
    const a = apiError(429, ErrorCode.rateLimitExceeded, "Rate limit exceeded");
    a.headers = {
      "retry-after": String(Math.max(1, Math.ceil(plan.rejectWith429 / 1000))),
      "retry-after-ms": String(plan.rejectWith429),
    };
    return { fault: "429", answer: a };
  }
  if (plan.rejectWithStatus !== undefined) {
    const answer =
      plan.rejectWithStatus === 403
        ? apiError(403, ErrorCode.accessDenied, "You don't have permission to access this resource")
        : apiError(plan.rejectWithStatus, ErrorCode.internalError, "Internal server error");
    if (plan.shouldRetry !== undefined) answer.headers = { "x-should-retry": String(plan.shouldRetry) };
    return { fault: String(plan.rejectWithStatus), answer };
  }
  if (plan.malformed === "html") {
    const html =
      "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    return {
      fault: "malformed:html",
      answer: { status: 502, body: html, headers: { "content-type": "text/html" } },
    };
  }
  return undefined;
}

function authorized(req: http.IncomingMessage, apiKey: string): boolean {
  return req.headers.authorization === `Bearer ${apiKey}`;
}

function send(res: http.ServerResponse, a: ApiAnswer, malformed?: MalformedKind): void {
  if (a.body === undefined) {
    res.writeHead(a.status, a.headers);
    return endAfterRequestBody(res);
  }
  const text =
    typeof a.body === "string" ? a.body : JSON.stringify(malformed ? corrupt(a.body, malformed) : a.body);
  const body = malformed === "not-json" ? text.slice(0, Math.ceil(text.length / 2)) : text;
  res.writeHead(a.status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    ...a.headers,
  });
  endAfterRequestBody(res, body);
}

/**
 * Sends the answer now, and ends the response once the request's body is read to its end (readBody
 * answers before, past a limit, and discards the rest): Node closes a connection when its response ends
 * (on `Connection: close`), and a close with unread bytes is a reset, which can destroy the answer at a
 * client still sending before it reads it.
 */
function endAfterRequestBody(res: http.ServerResponse, body?: string): void {
  if (res.req.readableEnded) return void res.end(body);
  if (body === undefined) res.flushHeaders();
  else res.write(body);
  res.req.once("end", () => res.end());
}

/** The answer with its first field removed or given the wrong type: what a schema change looks like. */
function corrupt(body: unknown, kind: MalformedKind): unknown {
  if (typeof body !== "object" || body === null) return body;
  const copy: Record<string, unknown> = { ...body };
  const [first] = Object.keys(copy);
  if (first === undefined) return copy;
  if (kind === "missing-fields") delete copy[first];
  if (kind === "wrong-types") copy[first] = 42;
  return copy;
}

const tooLarge = () =>
  apiError(
    413,
    ErrorCode.invalidRequestBody,
    `Request body is larger than the emulator's limit of ${bytesText(LIMITS.bodyBytes)}`,
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
