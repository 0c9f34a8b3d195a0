// How Linq signs a delivery: Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature
// = v1,<base64 HMAC-SHA256 of "id.timestamp.body" keyed by the base64-decoded secret after `whsec_`>), and
// the deprecated X-Webhook-* headers (hex HMAC-SHA256 of "timestamp.body"). The emulator signs with
// node:crypto on purpose: the tests verify with @linqapp/sdk's verifier, an independent implementation.
import { createHmac } from "node:crypto";

export interface SignedDelivery {
  /** The event id: stable across retries, so a receiver can deduplicate. */
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  body: string;
  eventType: string;
  subscriptionId: string;
}

export function signedHeaders(secret: string, d: SignedDelivery): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const ts = String(d.timestamp);
  const standard = createHmac("sha256", key).update(`${d.id}.${ts}.${d.body}`).digest("base64");
  // The OpenAPI spec's examples key the legacy HMAC with the secret string as it is, UTF-8 encoded.
  const legacy = createHmac("sha256", secret).update(`${ts}.${d.body}`).digest("hex");
  return {
    "content-type": "application/json",
    "user-agent": "Linq-Webhooks/emulator",
    "webhook-id": d.id,
    "webhook-timestamp": ts,
    "webhook-signature": `v1,${standard}`,
    "x-webhook-event": d.eventType,
    "x-webhook-subscription-id": d.subscriptionId,
    "x-webhook-timestamp": ts,
    "x-webhook-signature": legacy,
  };
}
