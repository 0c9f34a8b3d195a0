// Small named validators for WebhookSubscription inputs. Each returns the reasons a value is wrong,
// naming the property, the value and the fix; values the engine does not know yet (during preview)
// are skipped, never rejected.
// The dynamic-provider host has loaded runtime/rpc already; the package index would cost ~200 ms more.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { suggestEvent } from "./suggest";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** The list that event names are checked against, and where it came from. */
export interface EventCatalog {
  events: readonly string[];
  source: "live" | "bundled";
  docUrl?: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;

export const isUnknown = (value: unknown): boolean => value === unknownValue;

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `${JSON.stringify(value)} (a list)`;
  return `${JSON.stringify(value)} (a ${typeof value})`;
}

export function validateTargetUrl(value: string): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [
      `targetUrl ${JSON.stringify(value)} is not an absolute URL: write it in full, e.g. "https://hooks.example.com/linq"`,
    ];
  }
  if (url.protocol !== "https:") {
    return [`targetUrl ${JSON.stringify(value)} must use https: Linq delivers webhooks over HTTPS only`];
  }
  return [];
}

export function validatePhoneNumbers(values: readonly unknown[]): string[] {
  const reasons: string[] = [];
  values.forEach((value, i) => {
    if (isUnknown(value)) return;
    if (typeof value !== "string" || !E164.test(value)) {
      reasons.push(
        `phoneNumbers[${i}] ${JSON.stringify(value)} is not an E.164 number: write "+", the country code and the number, e.g. "+14155551234"`,
      );
    } else if (values.indexOf(value) !== i) {
      reasons.push(`phoneNumbers[${i}] ${JSON.stringify(value)} is listed twice: remove the duplicate`);
    }
  });
  return reasons;
}

export function validateSubscribedEvents(values: readonly unknown[], catalog: EventCatalog): string[] {
  if (values.length === 0) {
    return [`subscribedEvents is empty: list at least one event type, e.g. ["message.received"]`];
  }
  const offered = new Set(catalog.events);
  const reasons: string[] = [];
  values.forEach((value, i) => {
    if (isUnknown(value)) return;
    if (typeof value !== "string") {
      reasons.push(`subscribedEvents[${i}] must be an event type name, got ${describe(value)}`);
    } else if (values.indexOf(value) !== i) {
      reasons.push(`subscribedEvents[${i}] ${JSON.stringify(value)} is listed twice: remove the duplicate`);
    } else if (!offered.has(value)) {
      reasons.push(unknownEventReason(i, value, catalog));
    }
  });
  return reasons;
}

function unknownEventReason(index: number, name: string, catalog: EventCatalog): string {
  const suggestion = suggestEvent(name, catalog.events);
  const which =
    catalog.source === "live"
      ? `the ${catalog.events.length} types Linq offers now`
      : `the ${catalog.events.length} types bundled with pulumi-linq (offline validation)`;
  return [
    `subscribedEvents[${index}] ${JSON.stringify(name)} is not a Linq webhook event type.`,
    suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : "",
    ` It is not among ${which}`,
    ` (list them with getWebhookEventTypes()${catalog.docUrl ? ` or see ${catalog.docUrl}` : ""}).`,
  ].join("");
}
