// The subscriptions program on the plugin's Node SDK (pulumi-linq/native): the same N subscriptions
// (stack config `count`), each with its own URL and a few events.
import * as pulumi from "@pulumi/pulumi";
import * as linq from "pulumi-linq/native";

const count = new pulumi.Config().requireNumber("count");
const events = ["message.received", "message.read", "message.delivered"];

for (let i = 0; i < count; i++) {
  new linq.WebhookSubscription(`sub-${i}`, {
    targetUrl: `https://hooks.example.com/bench?n=${i}`,
    subscribedEvents: events,
    phoneNumbers: [`+1415555${String(i).padStart(4, "0")}`],
  });
}
