// One endpoint per line: Linq allows one subscription per URL, so each line gets its own query
// parameter, and its own phone-number filter.
import * as linq from "pulumi-linq";

const lines = {
  sales: "+14155550101",
  support: "+14155550102",
  billing: "+442071838750",
};

export const subscriptionIds = Object.fromEntries(
  Object.entries(lines).map(([line, phoneNumber]) => {
    const sub = new linq.WebhookSubscription(line, {
      targetUrl: `https://hooks.example.com/linq?line=${line}`,
      subscribedEvents: ["message.received", "message.delivered", "message.failed"],
      phoneNumbers: [phoneNumber],
    });
    return [line, sub.id];
  }),
);

// Everything else (numbers without a line of their own) goes to a catch-all endpoint.
export const catchAllId = new linq.WebhookSubscription("catch-all", {
  targetUrl: "https://hooks.example.com/linq?line=other",
  subscribedEvents: ["message.received"],
}).id;
