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
  /**
   * Called once per verified event and subscription (a redelivery of the same webhook-id is acknowledged,
   * not repeated).
   * A promise it returns is awaited; if it throws or rejects, the delivery (and a redelivery that came
   * meanwhile) is answered 500, so that Linq delivers it again.
   */
  onEvent?: (event: UnwrapWebhookEvent) => unknown;
  /** Called for each refused request, with the reason. */
  onRejected?: (reason: string) => void;
  /** Called when onEvent failed, with its error. */
  onEventFailed?: (event: UnwrapWebhookEvent, err: unknown) => void;
}

export interface RunningReceiver {
  url: string;
  close(): Promise<void>;
}

// Verifying needs no API key: unwrap makes no request.
const linq = new LinqAPIV3({ apiKey: process.env.LINQ_API_V3_API_KEY ?? "not-used-for-verification" });

export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  checkSecrets(options.secrets);
  // By subscription and webhook-id, the handling of each delivery: kept once it succeeded (a redelivery
  // is acknowledged, not handled twice), dropped when it failed (the redelivery is handled). A redelivery
  // that comes while the first is still handled (Linq's 10 s timeout passed) waits for its outcome: a 200
  // before that would lose the event if the handling then failed.
  const handlings = new Map<string, Promise<void>>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8"); // the raw body: never re-serialize before verifying
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const result = verify(body, headers, options.secrets);
      if ("rejected" in result) {
        options.onRejected?.(result.rejected);
        res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid signature"}');
        return;
      }
      const { event, secretIndex } = result;
      // The subscription is the secret that verified it: several subscriptions deliver an event under
      // the same webhook-id, each in its own payload version, and each delivery is to be handled.
      const id = `${secretIndex}:${headers["webhook-id"]}`;
      let handling = handlings.get(id);
      if (!handling) {
        handling = (async () => void (await options.onEvent?.(event)))();
        handlings.set(id, handling);
        // A handler that fails must neither crash the server nor mark the event handled: answered 500,
        // it is delivered again (Linq retries 5xx) and handled then.
        handling.catch((err: unknown) => {
          handlings.delete(id);
          options.onEventFailed?.(event, err);
        });
      }
      handling.then(
        () => res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}'),
        () => res.writeHead(500, { "content-type": "application/json" }).end('{"error":"handler failed"}'),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    // A port in use (EADDRINUSE) rejects here, rather than crashing the process with an 'error' event.
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/linq`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Linq's signing secrets are "whsec_" and base64; anything else would make every delivery fail to verify. */
const SIGNING_SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

// Refused at start, not at each delivery: `pulumi stack output signingSecret --show-secrets` prints "null"
// for a subscription whose secret Pulumi never saw, and a receiver started with it rejects everything.
function checkSecrets(secrets: string[]): void {
  if (secrets.length === 0) throw new Error("no signing secret: set LINQ_WEBHOOK_SECRET");
  secrets.forEach((secret, i) => {
    if (SIGNING_SECRET.test(secret)) return;
    const which = secrets.length > 1 ? `signing secret ${i + 1} of ${secrets.length}` : "the signing secret";
    const why =
      secret === "null" || secret === "undefined"
        ? `is "${secret}": the stack does not know this subscription's signing secret (Linq shows it only ` +
          "at creation, so an adopted or imported subscription has none); change its rotationTrigger and " +
          "run pulumi up to get one"
        : "is not a Linq signing secret (whsec_ followed by base64): give the subscription's signingSecret";
    throw new Error(`${which} (LINQ_WEBHOOK_SECRET) ${why}`);
  });
}

/** The event and the index of the secret that verified it, or why none did. */
type Verified = { event: UnwrapWebhookEvent; secretIndex: number } | { rejected: string };
/** standardwebhooks' message for a signature that no secret reproduces. */
const NO_MATCH = "No matching signature found";

function verify(body: string, headers: Record<string, string>, secrets: string[]): Verified {
  const failures: unknown[] = [];
  for (const [secretIndex, key] of secrets.entries()) {
    try {
      return { event: linq.webhooks.unwrap(body, { headers, key }), secretIndex };
    } catch (err) {
      failures.push(err); // not signed with this secret (or too old): try the next one
    }
  }
  // Another secret's mismatch says less than what the one that signed it found (e.g. a body that is not JSON).
  const telling = failures.find((err) => !(err instanceof Error && err.message === NO_MATCH));
  return { rejected: rejectionReason(telling ?? failures[0], headers, secrets.length) };
}

/** Why a request did not verify, in terms a user can act on (the library's messages are terse). */
function rejectionReason(err: unknown, headers: Record<string, string>, secrets: number): string {
  const message = err instanceof Error ? err.message : String(err);
  const timestamp = headers["webhook-timestamp"];
  switch (message) {
    case "Missing required headers":
      return "no webhook-id, webhook-timestamp or webhook-signature header: not a signed Linq delivery";
    case "Invalid Signature Headers":
      return `webhook-timestamp ${JSON.stringify(timestamp)} is not a Unix time in seconds`;
    case "Message timestamp too old":
    case "Message timestamp too new": {
      const skew = Math.round(Number(timestamp) - Date.now() / 1000);
      return (
        `webhook-timestamp is ${Math.abs(skew)} s ${skew < 0 ? "behind" : "ahead of"} this machine's clock, ` +
        "more than the 5 minutes allowed: a replay of an old delivery, or a clock that is off (sync it)"
      );
    }
    case NO_MATCH:
      return (
        `the signature matches none of the ${secrets} signing secret(s): the body was changed on the way ` +
        "(verify the raw bytes, before any JSON parsing), or another subscription signed it (add its secret)"
      );
    default:
      return `signature verified, but the body is not a webhook event: ${message}`;
  }
}
