// An HTTP server on 127.0.0.1 that behaves like the Linq API V3 webhook endpoints, with fault
// injection, a request log and per-route counters (see emulator/admin.ts for the admin endpoints,
// emulator/controls.ts for what a running emulator offers).
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "../provider/constants";
import { openAccount } from "./account";
import { handleAdmin } from "./admin";
import type { Counters, RequestLogEntry, RunningEmulator } from "./controls";
import { createDeliverer, type DeliveryOptions } from "./delivery";
import { createFaultInjector, type FaultConfigInput, type MalformedKind } from "./faults";
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
  let log: RequestLogEntry[] = [];
  let counters: Counters = { total: 0, routes: {}, faults: {} };

  const record = (entry: Omit<RequestLogEntry, "seq" | "at">) => {
    log.push({ seq: counters.total, at: new Date().toISOString(), ...entry });
    counters.total += 1;
    counters.routes[entry.route] = (counters.routes[entry.route] ?? 0) + 1;
    if (entry.fault) counters.faults[entry.fault] = (counters.faults[entry.fault] ?? 0) + 1;
  };

  const emulator: Omit<RunningEmulator, "url" | "close"> = {
    apiKey: options.apiKey,
    events: () => account.events(),
    setEvents: (events) => account.setEvents([...events]),
    faults: () => injector.config(),
    setFaults: (faults) => (injector = createFaultInjector(faults)),
    requests: () => structuredClone(log),
    counters: () => structuredClone(counters),
    clearRequests: () => {
      log = [];
      counters = { total: 0, routes: {}, faults: {} };
    },
    subscriptions: () => account.list(),
    clearSubscriptions: () => account.clear(),
    trigger: (request) => deliverer.trigger(request),
    deliveries: () => deliverer.deliveries(),
    clearDeliveries: () => deliverer.clearDeliveries(),
    deliveriesSettled: () => deliverer.settled(),
    forwardTo: () => deliverer.forwardTo(),
    setForwardTo: (url) => deliverer.setForwardTo(url),
  };

  const server = http.createServer((req, res) => {
    readBody(req)
      .then(async (rawBody) => {
        const method = req.method ?? "GET";
        const path = new URL(req.url ?? "/", `http://${HOST}`).pathname;
        if (path.startsWith("/__admin")) return send(res, await handleAdmin(emulator, method, path, rawBody));
        const plan = injector.plan(method, path, Date.now());
        if (plan.latencyMs > 0) await sleep(plan.latencyMs);
        const route = routeOf(method, path);
        const body = decodeBody(rawBody);
        const early = earlyFault(plan);
        if (early) {
          record({ method, path, route, status: early.answer.status, fault: early.fault, body });
          return send(res, early.answer);
        }
        const processRequest = () =>
          authorized(req, options.apiKey)
            ? answer(account, { method, path, rawBody })
            : apiError(401, ErrorCode.unauthorized, "Missing or invalid authentication token");
        if (plan.processLateMs !== undefined) {
          setTimeout(processRequest, plan.processLateMs);
          const timeout = apiError(504, ErrorCode.networkTimeout, "Gateway timeout");
          record({ method, path, route, status: 504, fault: "gateway-timeout", body });
          return send(res, timeout);
        }
        const result = processRequest();
        if (plan.dropAfterProcessing) {
          record({ method, path, route, status: "dropped", fault: "drop", body });
          req.socket.destroy();
          return;
        }
        const malformed = plan.malformed && result.body !== undefined ? plan.malformed : undefined;
        record({
          method,
          path,
          route,
          status: result.status,
          fault: malformed && `malformed:${malformed}`,
          body,
        });
        send(res, result, malformed);
      })
      .catch((err: unknown) => {
        send(res, apiError(500, ErrorCode.internalError, `emulator failure: ${String(err)}`));
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
    res.writeHead(a.status, a.headers).end();
    return;
  }
  const text =
    typeof a.body === "string" ? a.body : JSON.stringify(malformed ? corrupt(a.body, malformed) : a.body);
  const body = malformed === "not-json" ? text.slice(0, Math.ceil(text.length / 2)) : text;
  res.writeHead(a.status, { "content-type": "application/json", ...a.headers }).end(body);
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

function decodeBody(rawBody: string): unknown {
  if (rawBody === "") return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody.slice(0, 2048);
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
