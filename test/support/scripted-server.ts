// An HTTP server on 127.0.0.1 that gives every request the answer a test scripted (any status, headers
// and bytes, e.g. a hostile body), and records what it received. Also serves as an HTTP proxy
// (`http_proxy`): a request for another host arrives here with its absolute URL and its headers.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface ReceivedRequest {
  method: string;
  /** As sent on the request line: a path, or an absolute URL when this server is used as a proxy. */
  url: string;
  authorization?: string;
}

export interface ScriptedServer {
  url: string;
  /** The answer to every request from now on. */
  answer(answer: ScriptedAnswer): void;
  received(): ReceivedRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(
  first: ScriptedAnswer = { status: 502, body: "no answer scripted" },
): Promise<ScriptedServer> {
  let scripted = first;
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    received.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
    req.resume();
    req.on("end", () => {
      res.writeHead(scripted.status, scripted.headers);
      res.end(scripted.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answer: (answer) => (scripted = answer),
    received: () => [...received],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
