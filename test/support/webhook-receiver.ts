// A webhook receiver on 127.0.0.1 for tests: records each request's raw body and headers as received,
// and answers as told (a status per request, or no answer at all).
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A status; "hang": never answer; a promise: answer with its status once the test resolves it. */
export type Answer = number | "hang" | Promise<number>;

export interface TestReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Answers for the next requests, in order; afterwards every request gets 200. */
  answerNext(...answers: Answer[]): void;
  /** Forgets what was received and the answers still queued. */
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<TestReceiver> {
  const received: ReceivedRequest[] = [];
  let queue: Answer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
      );
      received.push({ path: req.url ?? "/", headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = queue.shift() ?? 200;
      if (answer === "hang") return;
      void Promise.resolve(answer).then((status) => res.writeHead(status).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/linq`,
    received,
    answerNext: (...answers) => (queue = [...queue, ...answers]),
    reset: () => {
      received.length = 0;
      queue = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
