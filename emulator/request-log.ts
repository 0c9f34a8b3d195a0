// The request log and per-route counters of the /v3 API. The log keeps each body as the text received
// (decoded only when read) and drops its oldest entries past LIMITS.requestLogBytes; counters count all.
import type { Counters, RequestLogEntry } from "./controls";
import { LIMITS, nestsDeeperThan, type ReadBody } from "./limits";

type Recorded = Omit<RequestLogEntry, "seq" | "at" | "body" | "body_bytes">;

interface Stored extends Recorded {
  seq: number;
  at: string;
  body: ReadBody;
}

/** Bytes an entry holds besides its body (method, path, route, time): an estimate for the budget. */
const ENTRY_OVERHEAD_BYTES = 256;

export interface RequestLog {
  record(entry: Recorded, body: ReadBody): void;
  entries(): RequestLogEntry[];
  counters(): Counters;
  clear(): void;
}

export function createRequestLog(): RequestLog {
  let log: Stored[] = [];
  let bytes = 0;
  let counters: Counters = { total: 0, routes: {}, faults: {} };
  const sizeOf = (e: Stored) => e.body.text.length + ENTRY_OVERHEAD_BYTES;

  return {
    record(entry, body) {
      const stored = { seq: counters.total, at: new Date().toISOString(), ...entry, body };
      log.push(stored);
      bytes += sizeOf(stored);
      while (bytes > LIMITS.requestLogBytes && log.length > 1) bytes -= sizeOf(log.shift()!);
      counters.total += 1;
      counters.routes[entry.route] = (counters.routes[entry.route] ?? 0) + 1;
      if (entry.fault) counters.faults[entry.fault] = (counters.faults[entry.fault] ?? 0) + 1;
    },
    entries: () => log.map(view),
    counters: () => structuredClone(counters),
    clear() {
      log = [];
      bytes = 0;
      counters = { total: 0, routes: {}, faults: {} };
    },
  };
}

function view({ body, ...entry }: Stored): RequestLogEntry {
  if (body.bytes === 0) return entry;
  const shown = decoded(body);
  return body.complete ? { ...entry, body: shown } : { ...entry, body: shown, body_bytes: body.bytes };
}

/** The body as JSON when it is whole JSON of a bounded depth, else the start of its text. */
function decoded(body: ReadBody): unknown {
  if (body.complete) {
    try {
      const value: unknown = JSON.parse(body.text);
      if (!nestsDeeperThan(value, LIMITS.loggedBodyDepth)) return value;
    } catch {
      // not JSON: shown as text
    }
  }
  return body.text.slice(0, LIMITS.loggedTextChars);
}
