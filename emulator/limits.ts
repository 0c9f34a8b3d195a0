// Every size and depth the emulator takes from outside, bounded: whatever a client sends or a receiver
// answers, the process keeps a bounded amount of it (each log 8 MiB at most) and never recurses into it
// without a bound.
// The README ("The Linq API emulator") lists these limits.
import type { IncomingMessage } from "node:http";

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
  /** How many bytes the body had in all. */
  bytes: number;
  complete: boolean;
}

/**
 * Reads a request body, keeping its first `limit` bytes and discarding the rest as it arrives: the
 * client gets its answer once it has sent everything, instead of a reset while it still sends.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (kept >= limit) return;
      const part = chunk.subarray(0, limit - kept);
      chunks.push(part);
      kept += part.length;
    });
    req.on("end", () =>
      resolve({ text: Buffer.concat(chunks).toString("utf8"), bytes, complete: bytes <= limit }),
    );
    req.on("error", reject);
  });
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
