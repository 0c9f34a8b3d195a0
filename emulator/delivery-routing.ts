// Which subscriptions an event goes to, and in which payload version: Linq's routing rules, implemented
// here independently of provider/ (the emulator is what the provider is tested against).
import type { StoredSubscription } from "./account";
import { deliverableInVersion, PAYLOAD_VERSIONS, type PayloadVersion } from "./event-payloads";

export interface Routed {
  subscription: StoredSubscription;
  version: PayloadVersion;
}

export interface NotRouted {
  subscription_id: string;
  target_url: string;
  reason: string;
}

export function routeEvent(
  subscriptions: readonly StoredSubscription[],
  eventType: string,
  phoneNumber: string,
): { routed: Routed[]; notRouted: NotRouted[] } {
  const routed: Routed[] = [];
  const notRouted: NotRouted[] = [];
  for (const subscription of subscriptions) {
    const version = payloadVersion(subscription);
    const reason = whyNot(subscription, eventType, phoneNumber, version);
    if (reason)
      notRouted.push({ subscription_id: subscription.id, target_url: subscription.target_url, reason });
    else routed.push({ subscription, version });
  }
  return { routed, notRouted };
}

function whyNot(
  sub: StoredSubscription,
  eventType: string,
  phoneNumber: string,
  version: PayloadVersion,
): string | undefined {
  if (!sub.is_active) return "inactive (is_active: false)";
  if (!sub.subscribed_events.includes(eventType)) return `${eventType} is not in subscribed_events`;
  const filter = sub.phone_numbers ?? [];
  if (filter.length > 0 && !filter.includes(phoneNumber)) {
    return `${phoneNumber} is not in phone_numbers (${filter.join(", ")})`;
  }
  if (!deliverableInVersion(eventType, version)) {
    return `${eventType} is only delivered in payload version 2026-02-03; this URL gets ${version}`;
  }
  return undefined;
}

/**
 * The payload version of a subscription: the URL's `?version=YYYY-MM-DD` picks the newest version not
 * later than that date (the oldest one for an earlier date); without a valid one, the version that was
 * current when the subscription was created.
 */
export function payloadVersion(sub: Pick<StoredSubscription, "target_url" | "created_at">): PayloadVersion {
  const asked = new URL(sub.target_url).searchParams.get("version");
  const date = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : sub.created_at.slice(0, 10);
  const notLater = PAYLOAD_VERSIONS.filter((v) => v <= date);
  return notLater.at(-1) ?? PAYLOAD_VERSIONS[0];
}
