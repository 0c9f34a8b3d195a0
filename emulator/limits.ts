// Every size and depth the emulator takes from outside, bounded: whatever a client sends or a receiver
// answers, the process keeps a bounded amount of it (each log 8 MiB at most) and never recurses into it
// without a bound.
// The README ("The Linq API emulator") lists these limits.
import type { IncomingMessage } from "node:http";
import { finished } from "node:stream";

const KiB = 1024;
const MiB = 1024 * KiB;

export const LIMITS = {
  /** The body of a request with the API key, or of an admin request (a trigger's --data included). */
  bodyBytes: 1 * MiB,
  /** What is kept of the body of a /v3 request without the API key: the request log's prefix. */
  unauthenticatedBodyBytes: 256,
  /** How deeply a trigger's data may nest objects and arrays (a message's data is 3 deep). */
  triggerDataDepth: 32,
  /** How deeply a logged request body may nest and still be shown decoded (else as text). */
  loggedBodyDepth: 32,
  /** The text shown of a logged body that is not JSON, or nests too deeply. */
  loggedTextChars: 2048,
  /** The request log: the oldest entries go first past this many bytes of bodies. */
  requestLogBytes: 8 * MiB,
  /** The delivery log: the oldest deliveries go first past this many bytes of payloads, or this many. */
  deliveryLogBytes: 8 * MiB,
  deliveryLogEntries: 1000,
  /** What is read of a receiver's answer; the rest is discarded (a delivery is judged by its status). */
  receiverAnswerBytes: 64 * KiB,
  /**
   * How many answered requests have the rest of their bodies read and discarded at a time, the others
   * waiting: 300 clients sending megabytes at once then cost the API a few reads per turn, not 300.
   */
  bodiesDiscardedAtOnce: 16,
} as const;

/** "1 MiB", "256 bytes": a limit as a message names it. */
export function bytesText(n: number): string {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= KiB && n % KiB === 0) return `${n / KiB} KiB`;
  return `${n} bytes`;
}

export interface ReadBody {
  /** The first `limit` bytes, as UTF-8. */
  text: string;
  /** How many bytes the body has in all (its Content-Length, else those read so far). */
  bytes: number;
  complete: boolean;
}

/**
 * Reads a request body, keeping its first `limit` bytes. It resolves as soon as the answer can be
 * decided: at the end of the body, or once the body is known to be longer than `limit` (its first
 * `limit` bytes are in and more came or are declared). The rest is then read and discarded by
 * `discarder`, never kept: the connection must not close on unread bytes (see server.ts, send).
 */
export function readBody(req: IncomingMessage, limit: number, discarder: Discarder): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    const chunks: Buffer[] = [];
    const body: ReadBody = { text: "", bytes: 0, complete: false };
    let kept = 0;
    let read = 0;
    let decided = false;
    const decide = (complete: boolean) => {
      decided = true;
      body.text = Buffer.concat(chunks).toString("utf8");
      body.complete = complete;
      resolve(body);
    };
    req.on("data", (chunk: Buffer) => {
      read += chunk.length;
      body.bytes = Number.isSafeInteger(declared) ? declared : read;
      if (kept < limit) {
        const part = chunk.subarray(0, limit - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (!decided && kept >= limit && body.bytes > limit) {
        decide(false);
        discarder.discard(req);
      }
    });
    req.on("end", () => decided || decide(read <= limit));
    req.on("error", reject);
  });
}

export interface Discarder {
  /** Reads the rest of an answered request's body, in turn with the others, discarding it. */
  discard(req: IncomingMessage): void;
}

/**
 * Discards the rest of answered bodies, `atOnce` at a time: the API's requests wait for fewer reads per
 * turn of the event loop while many clients send megabytes (issue #19: 300 POSTs of 1 MB at once).
 */
export function createDiscarder(atOnce: number): Discarder {
  const waiting: IncomingMessage[] = [];
  let reading = 0;
  const next = () => {
    while (reading < atOnce && waiting.length > 0) {
      const req = waiting.shift()!;
      reading += 1;
      // At the body's end, or when the client goes away before.
      finished(req, () => {
        reading -= 1;
        next();
      });
      req.resume();
    }
  };
  return {
    discard(req) {
      req.pause();
      waiting.push(req);
      next();
    },
  };
}

/**
 * Whether a JSON value nests objects and arrays more than `limit` deep (a top-level object is 1 deep).
 * Walks with its own stack, not by recursion, and stops at the first branch past the limit.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== "object" || item === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
