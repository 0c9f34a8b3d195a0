// GET /v3/webhook-events: the event types a subscription may use right now.
import { z } from "zod";
import type { Transport } from "./transport";

export const WebhookEventListSchema = z.object({
  events: z.array(z.string()),
  // A documentation link whose text has changed over time: any string will do.
  doc_url: z.string(),
});

export type WebhookEventList = z.infer<typeof WebhookEventListSchema>;

export function webhookEvents(transport: Transport) {
  return {
    list: () => transport.send({ method: "GET", path: "/v3/webhook-events", schema: WebhookEventListSchema }),
  };
}
