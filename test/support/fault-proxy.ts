// A hostile network between the client and the emulator, on 127.0.0.1: what a broken proxy or gateway
// does and the emulator does not model (trickled, oversized, endless or compressed-bomb answers,
// redirects, a gateway that answers for Linq). Requests no rule matches are forwarded as they are.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import * as zlib from "node:zlib";

export type HostileAnswer =
  /** The real answer, its body sent `bytesPerTick` bytes every `tickMs`. */
  | { kind: "trickle"; tickMs: number; bytesPerTick?: number }
  /** 200, gzip-encoded, `decodedBytes` of JSON-looking text that compresses about 400:1. */
  | { kind: "gzip-bomb"; decodedBytes: number }
  /** 200 with `bytes` of body and a Content-Length saying so. */
  | { kind: "huge"; bytes: number }
  /** 200 that never ends: `chunkBytes` every `everyMs`. */
  | { kind: "endless"; chunkBytes: number; everyMs: number }
  /** Any status, headers and body, without asking the emulator. */
  | { kind: "answer"; status: number; headers?: Record<string, string>; body?: string };

export interface Rule {
  answer: HostileAnswer;
  method?: string;
  /** How many matching requests get it; default every one. */
  count?: number;
  /** Runs before the answer, e.g. to make another program act meanwhile. */
  before?: () => Promise<void>;
}

export interface FaultProxy {
  url: string;
  /** Replaces the rules. */
  setRules(rules: Rule[]): void;
  /** Requests answered by a rule, and forwarded ones. */
  counts(): { hostile: number; forwarded: number };
  close(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let rules: Rule[] = [];
  const counts = { hostile: 0, forwarded: 0 };
  const timers = new Set<NodeJS.Timeout>();

  const forward = (req: http.IncomingMessage, body: Buffer): Promise<ForwardedAnswer> =>
    new Promise((resolve, reject) => {
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      upstream.on("error", reject);
      upstream.end(body);
    });

  const every = (ms: number, tick: () => boolean) => {
    const timer = setInterval(() => {
      if (!tick()) {
        clearInterval(timer);
        timers.delete(timer);
      }
    }, ms);
    timers.add(timer);
  };

  // The handler is async; `void` marks that its promise is not awaited by http.
  const server = http.createServer((req, res) => void handle(req, res));
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const rule = rules.find((r) => (!r.method || r.method === req.method) && (r.count ?? 1) > 0);
    try {
      if (!rule) {
        counts.forwarded += 1;
        const answer = await forward(req, body);
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      }
      if (rule.count !== undefined) rule.count -= 1;
      counts.hostile += 1;
      await rule.before?.();
      await answerWith(rule.answer, req, res, body);
    } catch {
      res.destroy();
    }
  }

  const answerWith = async (
    answer: HostileAnswer,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
  ) => {
    switch (answer.kind) {
      case "trickle": {
        const real = await forward(req, body);
        const { "transfer-encoding": _chunked, ...headers } = real.headers;
        res.writeHead(real.status, { ...headers, "content-length": String(real.body.length) });
        let sent = 0;
        const step = answer.bytesPerTick ?? 1;
        every(answer.tickMs, () => {
          if (res.destroyed) return false;
          res.write(real.body.subarray(sent, sent + step));
          sent += step;
          if (sent < real.body.length) return true;
          res.end();
          return false;
        });
        return;
      }
      case "gzip-bomb": {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        const gzip = zlib.createGzip();
        gzip.pipe(res);
        const filler = Buffer.alloc(64 * 1024, '{"events":["message.sent"]} ');
        for (let written = 0; written < answer.decodedBytes && !res.destroyed; written += filler.length) {
          if (!gzip.write(filler)) await new Promise((r) => gzip.once("drain", r));
        }
        gzip.end();
        return;
      }
      case "huge": {
        res.writeHead(200, { "content-type": "application/json", "content-length": String(answer.bytes) });
        const chunk = Buffer.alloc(64 * 1024, "x");
        const stream = new PassThrough();
        stream.pipe(res);
        for (let left = answer.bytes; left > 0 && !res.destroyed; left -= chunk.length) {
          if (!stream.write(chunk.subarray(0, Math.min(left, chunk.length))))
            await new Promise((r) => stream.once("drain", r));
        }
        stream.end();
        return;
      }
      case "endless": {
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(answer.chunkBytes, " ");
        every(answer.everyMs, () => !res.destroyed && (res.write(chunk), true));
        return;
      }
      case "answer":
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body ?? "");
    }
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setRules: (next) => {
      rules = next.map((r) => ({ ...r }));
    },
    counts: () => ({ ...counts }),
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface ForwardedAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
