// A webhook receiver that trusts only what Linq signed: each request is verified with @linqapp/sdk's
// webhooks.unwrap (Standard Webhooks: HMAC over "id.timestamp.body", timestamps older than 5 minutes
// refused) against the subscription's signing secret, before its JSON is looked at.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import LinqAPIV3 from "@linqapp/sdk";
import type { UnwrapWebhookEvent } from "@linqapp/sdk/resources/webhooks";

export interface ReceiverOptions {
  /** Signing secrets (`whsec_…`) of the subscriptions that deliver here: one per subscription. */
  secrets: string[];
  port?: number;
  host?: string;
  /** Called once per verified event (a redelivery of the same webhook-id is acknowledged, not repeated). */
  onEvent?: (event: UnwrapWebhookEvent) => void;
  /** Called for each refused request, with the reason. */
  onRejected?: (reason: string) => void;
}

export interface RunningReceiver {
  url: string;
  close(): Promise<void>;
}

// Verifying needs no API key: unwrap makes no request.
const linq = new LinqAPIV3({ apiKey: process.env.LINQ_API_V3_API_KEY ?? "not-used-for-verification" });

export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  if (options.secrets.length === 0) throw new Error("no signing secret: set LINQ_WEBHOOK_SECRET");
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8"); // the raw body: never re-serialize before verifying
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const event = verified(body, headers, options.secrets);
      if (!event) {
        options.onRejected?.("signature or timestamp did not verify");
        res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid signature"}');
        return;
      }
      const id = headers["webhook-id"] ?? ""; // verified() refuses a delivery without one
      if (!seen.has(id)) {
        seen.add(id);
        options.onEvent?.(event);
      }
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/linq`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function verified(
  body: string,
  headers: Record<string, string>,
  secrets: string[],
): UnwrapWebhookEvent | undefined {
  for (const key of secrets) {
    try {
      return linq.webhooks.unwrap(body, { headers, key });
    } catch {
      // not signed with this secret (or too old): try the next one
    }
  }
  return undefined;
}
