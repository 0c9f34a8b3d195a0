// Small named validators for WebhookSubscription inputs. Each returns the reasons a value is wrong,
// naming the property, the value and the fix; values the engine does not know yet (during preview)
// are skipped, never rejected.
// The dynamic-provider host has loaded runtime/rpc already; the package index would cost ~200 ms more.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { suggestEvent } from "./suggest";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "./constants";

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

/** Types the resource had before this change: one missing from the catalog now was retired, not misspelled. */
export interface EventHistory {
  had: readonly unknown[];
  /** The list is the one the resource has: a retired type in it is only warned about (see retiredEvents). */
  unchanged: boolean;
}

const E164 = /^\+[1-9]\d{1,14}$/;

export const isUnknown = (value: unknown): boolean => value === unknownValue;
export const hasUnknown = (value: unknown): boolean =>
  isUnknown(value) || (Array.isArray(value) && value.some(isUnknown));
/** The same members, in any order: Linq keeps lists as sets. */
export const sameSet = (a: readonly unknown[] = [], b: readonly unknown[] = []): boolean =>
  new Set(a).size === new Set(b).size && a.every((v) => b.includes(v));

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `${JSON.stringify(value)} (a list)`;
  const type = typeof value === "object" ? "an object" : `a ${typeof value}`;
  return `${JSON.stringify(value)} (${type})`;
}

/** Longer than any webhook endpoint needs, and than many servers and proxies accept. */
export const MAX_TARGET_URL_LENGTH = 2048;

/**
 * Linq stores and calls the string as written, and one-subscription-per-URL compares strings: a URL that
 * a parser would repair (spaces, control characters, a Unicode host, an upper-case host, a default port,
 * a missing "/" path, characters to percent-encode) is refused, with the form the WHATWG parser gives.
 */
export function validateTargetUrl(value: string, secret = false): string[] {
  // A secret URL is named, never shown (nor its canonical form, which would show it as well).
  const named = secret ? "the secret targetUrl" : `targetUrl ${quoteValue(value)}`;
  if (value.length > MAX_TARGET_URL_LENGTH) {
    return [
      `${named} is ${value.length} characters long, over the ${MAX_TARGET_URL_LENGTH} that webhook endpoints may use: shorten it`,
    ];
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [`${named} is not an absolute URL: write it in full, e.g. "https://hooks.example.com/linq"`];
  }
  if (url.username || url.password) {
    // Not repeated: it may hold a password.
    return [
      `targetUrl contains a user name or password ("user:password@"), which Linq would store and show with the subscription: remove it, and authenticate deliveries by their signature (signingSecret)`,
    ];
  }
  if (url.protocol !== "https:") {
    return [`${named} must use https: Linq delivers webhooks over HTTPS only`];
  }
  if (url.href !== value) {
    return [
      secret
        ? `the secret targetUrl is not in canonical form, and Linq receives it exactly as written: write it as the WHATWG URL parser prints it (new URL(value).href): scheme and host in lower case, no default port (:443), at least "/" as path, spaces and special characters percent-encoded`
        : `${named} is not in canonical form, and Linq receives it exactly as written: did you mean ${quoteValue(url.href)}? (write the URL as the WHATWG URL parser prints it)`,
    ];
  }
  if (url.hash) {
    return [
      `${named} has a fragment${secret ? "" : ` ("${url.hash}")`}, which is never sent over HTTP: remove it`,
    ];
  }
  return [];
}

/** JSON-quoted, ASCII only (control and bidi characters escaped), cut short past 200 characters. */
function quoteValue(value: string): string {
  const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return JSON.stringify(shown).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * At most `perProperty` failures of each property, then one "… and N more": the engine prints every
 * failure with the property's whole value, so 10,000 bad items would make gigabytes of output.
 */
export function capFailures(failures: readonly CheckFailure[], perProperty = 5): CheckFailure[] {
  const byProperty: Record<string, CheckFailure[]> = {};
  for (const failure of failures) (byProperty[failure.property] ??= []).push(failure);
  return Object.entries(byProperty).flatMap(([property, list]) =>
    list.length <= perProperty
      ? list
      : [
          ...list.slice(0, perProperty),
          { property, reason: `… and ${list.length - perProperty} more problems with ${property}` },
        ],
  );
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

/**
 * adopt: "true" (quoted in YAML, pulumi.String in Go) would be taken for the id of a subscription, and
 * fail as one that does not exist, while the user meant the boolean. A secret one is named, not spelled.
 */
export function validateAdopt(value: string, secret = false): string[] {
  const spelled = value.trim().toLowerCase();
  if (spelled !== "true" && spelled !== "false") return [];
  const taken = "and a string is taken for the id of a subscription to adopt";
  if (secret) {
    // Spelled out, the boolean would be the secret's value: redaction would garble the message.
    return [`the secret adopt is a string that spells a boolean, ${taken}: write the boolean without quotes`];
  }
  const fix =
    spelled === "true"
      ? "write true without quotes (YAML adopt: true, Go pulumi.Bool(true)) to adopt the subscription that uses targetUrl"
      : "remove adopt, or write false without quotes";
  return [`adopt is the string ${JSON.stringify(value)}, not the boolean ${spelled}, ${taken}: ${fix}`];
}

/** Types of an unchanged list that the catalog no longer offers: Linq retired them since they were set. */
export function retiredEvents(values: readonly unknown[], catalog: EventCatalog, history: EventHistory) {
  if (!history.unchanged) return [];
  return values.filter((v): v is string => typeof v === "string" && !catalog.events.includes(v));
}

export function validateSubscribedEvents(
  values: readonly unknown[],
  catalog: EventCatalog,
  history: EventHistory = { had: [], unchanged: false },
): string[] {
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
    } else if (!offered.has(value) && !retiredEvents([value], catalog, history).length) {
      reasons.push(unknownEventReason(i, value, values, catalog, history));
    }
  });
  return reasons;
}

function unknownEventReason(
  index: number,
  name: string,
  values: readonly unknown[],
  catalog: EventCatalog,
  history: EventHistory,
): string {
  const which =
    catalog.source === "live"
      ? `the ${catalog.events.length} types Linq offers now`
      : `the ${catalog.events.length} types bundled with pulumi-linq (offline validation)`;
  const listThem = ` (list them with getWebhookEventTypes()${catalog.docUrl ? ` or see ${catalog.docUrl}` : ""}).`;
  if (history.had.includes(name) || (catalog.source === "live" && isBundled(name))) {
    // No "did you mean": another type is not what a retired one meant.
    return (
      `subscribedEvents[${index}] ${JSON.stringify(name)} is no longer a Linq webhook event type: Linq ` +
      `retired it, so it is not among ${which} and Linq refuses to subscribe to it: remove it from ` +
      `subscribedEvents${listThem}`
    );
  }
  // An event already in the list is not what a misspelled one meant either.
  const suggestion = suggestEvent(
    name,
    catalog.events.filter((e) => !values.includes(e)),
  );
  return [
    `subscribedEvents[${index}] ${JSON.stringify(name)} is not a Linq webhook event type.`,
    suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : "",
    ` It is not among ${which}`,
    listThem,
  ].join("");
}

const isBundled = (name: string) => (KNOWN_WEBHOOK_EVENT_TYPES as readonly string[]).includes(name);
