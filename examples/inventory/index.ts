// The account inventory: the account's webhook subscriptions that this stack does not manage. Those were made
// by hand, by another stack, or left behind (retainOnDelete, a destroyed stack). `managed` names this stack's
// own by URL; see the README, "Which stack owns this URL?".
import * as pulumi from "@pulumi/pulumi";
import * as linq from "pulumi-linq";

const inbound = new linq.WebhookSubscription("inbound", {
  targetUrl: "https://hooks.example.com/linq/inventory?version=2026-02-03",
  subscribedEvents: ["message.received"],
});
const mine = [inbound];

const mineIds = pulumi.all(mine.map((s) => s.id));
const notMine = (list: pulumi.Output<linq.InventorySubscription[]>) =>
  pulumi
    .all([list, mineIds])
    .apply(([subscriptions, ids]) => subscriptions.filter((s) => !ids.includes(s.id)));

export const managed = pulumi
  .all(mine.map((s) => pulumi.all([s.targetUrl, s.urn])))
  .apply((pairs) => Object.fromEntries(pairs));

export const unmanaged = notMine(linq.getWebhookSubscriptionsOutput().subscriptions);

// Who else receives the contents of messages. Filters cost no request: Linq is asked once per run.
export const unmanagedReceivingMessages = notMine(
  linq.getWebhookSubscriptionsOutput({ event: "message.received" }).subscriptions,
).apply((subscriptions) => subscriptions.map((s) => s.targetUrl));
