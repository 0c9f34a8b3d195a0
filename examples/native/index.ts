// The native SDK (pulumi-linq/native), on the provider plugin: two Linq accounts in one program through
// explicit providers, and resource options the engine applies (replaceOnChanges, customTimeouts).
// The plugin is found through Pulumi.yaml (plugins.providers[].path); the stack's account is the
// linq:* stack config (linq:apiKey, linq:baseUrl), the partner's is the program's partnerApiKey and
// partnerBaseUrl.
import * as pulumi from "@pulumi/pulumi";
import * as linq from "pulumi-linq/native";

const config = new pulumi.Config();

export const availableEvents = linq.getWebhookEventTypesOutput().events;

const inbound = new linq.WebhookSubscription(
  "inbound",
  {
    targetUrl: "https://hooks.example.com/linq/native",
    subscribedEvents: ["message.received", "message.read"],
    phoneNumbers: ["+14155551234"],
  },
  {
    // A changed filter makes a new subscription, with a new signing secret, instead of an update.
    replaceOnChanges: ["phoneNumbers"],
    customTimeouts: { create: "2m", update: "2m", delete: "2m" },
  },
);

// A second account, e.g. a partner's, with a key of its own.
const partner = new linq.Provider("partner", {
  apiKey: config.requireSecret("partnerApiKey"),
  baseUrl: config.get("partnerBaseUrl"),
});
const partnerInbound = new linq.WebhookSubscription(
  "partner-inbound",
  { targetUrl: "https://hooks.example.com/linq/partner", subscribedEvents: ["message.received"] },
  { provider: partner },
);

export const inboundId = inbound.id;
export const partnerInboundId = partnerInbound.id;
export const signingSecret = inbound.signingSecret; // a Pulumi secret
