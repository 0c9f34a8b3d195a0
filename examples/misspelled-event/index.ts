// `pulumi preview` fails here, before anything is created: "message.recieved" is not an event type,
// and the error suggests "message.received".
import * as linq from "pulumi-linq";

export const subscriptionId = new linq.WebhookSubscription("typo", {
  targetUrl: "https://hooks.example.com/linq-typo",
  subscribedEvents: ["message.recieved"],
}).id;
