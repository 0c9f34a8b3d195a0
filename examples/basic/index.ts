// The main example (the root Pulumi.yaml runs it): the event types Linq offers, as a stack output,
// and one subscription whose signing secret is a Pulumi secret.
import * as linq from "pulumi-linq";

export const availableEvents = linq.getWebhookEventTypesOutput().events;

const inbound = new linq.WebhookSubscription("inbound", {
  targetUrl: "https://hooks.example.com/linq",
  subscribedEvents: ["message.received", "message.read"],
  phoneNumbers: ["+14155551234"], // optional filter
  isActive: true, // optional
});

export const inboundId = inbound.id;
export const signingSecret = inbound.signingSecret; // a Pulumi secret
