// Every size and depth the emulator takes from outside, bounded: whatever a client sends or a receiver
// answers, the process keeps a few megabytes of it at most and never recurses into it without a bound.
// The README ("The Linq API emulator") lists these limits.
import type { IncomingMessage, ServerResponse } from "node:http";

const KiB = 1024;
const MiB = 1024 * KiB;

export const LIMITS = {
  /** The body of a request with the API key, or of an admin request (a trigger's --data included). */
  bodyBytes: 1 * MiB,
  /** What is kept of the body of a /v3 request without the API key: the request log's prefix. */
  unauthenticatedBodyBytes: 256,
  /** Past this, the body of a /v3 request without the key is no longer read: answered 401 at once. */
  unauthenticatedReadBytes: 64 * KiB,
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
} as const;

/** "1 MiB", "256 bytes": a limit as a message names it. */
export function bytesText(n: number): string {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= KiB && n % KiB === 0) return `${n / KiB} KiB`;
  return `${n} bytes`;
}

export interface ReadBody {
  /** The first bytes kept, as UTF-8. */
  text: string;
  /** How many bytes were received (all of them unless `cut`). */
  bytes: number;
  complete: boolean;
  /** Reading stopped past `cutAfter`: answer, then close the connection (see answerAndClose). */
  cut: boolean;
}

/**
 * Reads a request body, keeping its first `keep` bytes. Past `cutAfter` bytes it stops reading, so that
 * a client that sends megabytes costs neither memory nor the time to read them.
 */
export function readBody(req: IncomingMessage, keep: number, cutAfter = keep): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    const done = (cut: boolean) =>
      resolve({ text: Buffer.concat(chunks).toString("utf8"), bytes, complete: bytes <= keep, cut });
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (kept < keep) {
        const part = chunk.subarray(0, keep - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (bytes > cutAfter) {
        req.off("data", onData).pause();
        done(true);
      }
    };
    req.on("data", onData);
    req.on("end", () => done(false));
    req.on("error", reject);
  });
}

/**
 * Sends the answer to a request whose body was cut, then closes the connection: the client reads the
 * answer first (it is sent before the close, and the close waits a moment), then its upload fails.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("connection", "close");
  res.on("finish", () => setTimeout(() => req.socket.destroy(), 100).unref());
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
