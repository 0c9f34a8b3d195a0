// Small named validators for WebhookSubscription inputs. Each returns the reasons a value is wrong,
// naming the property, the value and the fix; values the engine does not know yet (during preview)
// are skipped, never rejected.
// The dynamic-provider host has loaded runtime/rpc already; the package index would cost ~200 ms more.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { diagnostic, problem } from "./safe-text";
import { suggestEvent } from "./suggest";
import { KNOWN_WEBHOOK_EVENT_TYPES, PAYLOAD_VERSIONS } from "./constants";
import { INPUT_LIMITS } from "./webhook-subscription-schema";

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
export function sameSet(a: readonly unknown[] = [], b: readonly unknown[] = []): boolean {
  const inB = new Set(b);
  return new Set(a).size === inB.size && a.every((v) => inB.has(v));
}

/** A value in a message: JSON, ASCII only, cut short; of a long list, its first items and its length. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) {
    if (value.length <= 5) return `${quoteValue(JSON.stringify(value), false)} (a list)`;
    return `[${value.slice(0, 5).map(describeItem).join(",")},…] (a list of ${value.length} items)`;
  }
  const type = typeof value === "object" ? "an object" : `a ${typeof value}`;
  return `${describeItem(value)} (${type})`;
}

/** An item of a list in a message: JSON (the type of what JSON cannot write), ASCII only, cut short. */
const describeItem = (value: unknown) => quoteValue(JSON.stringify(value) ?? typeof value, false);

export const MAX_TARGET_URL_LENGTH = INPUT_LIMITS.targetUrl.characters;

/**
 * Linq stores and calls the string as written, and one-subscription-per-URL compares strings: a URL that
 * a parser would repair (spaces, control characters, a Unicode host, an upper-case host, a default port,
 * a missing "/" path, characters to percent-encode) is refused, with the form the WHATWG parser gives.
 */
export function validateTargetUrl(value: string, secret = false): string[] {
  // A secret URL is named, never shown (nor its canonical form, which would show it as well).
  const named = secret ? "the secret targetUrl" : `targetUrl ${quoteValue(value)}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [
      diagnostic(
        problem`${named} is not an absolute URL`,
        `Write it in full, e.g. "https://hooks.example.com/linq"`,
      ),
    ];
  }
  if (url.username || url.password) {
    // Not repeated: it may hold a password.
    return [
      diagnostic(
        problem`targetUrl contains a user name or password ("user:password@"), which Linq would store and show`,
        "Remove it, and authenticate deliveries by their signature (signingSecret)",
      ),
    ];
  }
  if (url.protocol !== "https:") {
    return [
      diagnostic(problem`${named} must use https`, "Use https: Linq delivers webhooks over HTTPS only"),
    ];
  }
  if (url.href !== value) {
    return [
      diagnostic(
        problem`${named} is not in canonical form, and Linq receives it exactly as written`,
        secret
          ? `Write it as the WHATWG URL parser prints it (new URL(value).href): scheme and host in lower case, no default port (:443), at least "/" as path, spaces and special characters percent-encoded`
          : `Did you mean ${quoteValue(url.href)}? (write the URL as the WHATWG URL parser prints it)`,
      ),
    ];
  }
  if (url.hash) {
    return [
      diagnostic(
        problem`${named} has a fragment${secret ? "" : ` ("${url.hash}")`}, which is never sent over HTTP`,
        "Remove it",
      ),
    ];
  }
  return versionFailures(named, url.searchParams.getAll("version"), secret);
}

/**
 * Linq picks the payload version from ?version=YYYY-MM-DD and silently falls back to its default for any
 * other text, so that a typo changes the payloads a receiver gets without a word.
 */
function versionFailures(named: string, versions: string[], secret: boolean): string[] {
  if (versions.length > 1) {
    return [
      diagnostic(
        problem`${named} has ?version= ${versions.length} times`,
        "Keep one, a date such as 2026-02-03",
      ),
    ];
  }
  const [version] = versions;
  if (version === undefined || isCalendarDate(version)) return [];
  const shown = secret ? "" : ` ${quoteValue(version)}`;
  // 2025-02-30 has the form but names no day: "not a date YYYY-MM-DD" would send the user looking for a typo.
  const why = /^\d{4}-\d{2}-\d{2}$/.test(version) ? "is not a calendar date" : "is not a date YYYY-MM-DD";
  return [
    diagnostic(problem`${named} has ?version=${shown}, which ${why}`, [
      `Linq's payload versions are ${PAYLOAD_VERSIONS.join(" and ")}: write one of them, e.g. ` +
        `?version=${PAYLOAD_VERSIONS.at(-1)}, or remove the parameter (Linq would silently deliver its ` +
        `default payload version instead)`,
    ]),
  ];
}

/** YYYY-MM-DD naming a day that exists (2025-02-29 does not). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** JSON-quoted (unless told not to), ASCII only (control and bidi characters escaped), cut short past 200 characters. */
export function quoteValue(value: string, quote = true): string {
  const shown = value.length > 200 ? value.slice(0, 200) : value;
  const escaped = (quote ? JSON.stringify(shown) : shown).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return shown === value ? escaped : `${escaped}…`;
}

/** Problems spelled out per property; the rest are counted (see firstProblems). */
export const SHOWN_PER_PROPERTY = 5;
/** A value the engine would print longer than this (as it prints each failure's value) is not printed. */
export const PRINTED_VALUE_LIMIT = 4096;

/**
 * The reasons of the first few bad items of a list and a count of the others, in one pass: `problem`
 * says cheaply whether an item is bad and returns how to explain it, called for the shown ones only.
 */
function firstProblems(
  property: string,
  values: readonly unknown[],
  problem: (value: unknown, index: number) => (() => string) | undefined,
): string[] {
  const shown: string[] = [];
  let more = 0;
  values.forEach((value, index) => {
    if (isUnknown(value)) return;
    const explain = problem(value, index);
    if (!explain) return;
    if (shown.length < SHOWN_PER_PROPERTY) shown.push(explain());
    else more++;
  });
  return more > 0 ? [...shown, `… and ${more} more problems with ${property}.`] : shown;
}

/** The index at which each value first appears: a later one is a duplicate. */
function firstIndexes(values: readonly unknown[]): Map<unknown, number> {
  const first = new Map<unknown, number>();
  values.forEach((value, index) => {
    if (!first.has(value)) first.set(value, index);
  });
  return first;
}

/**
 * One failure per property, its reasons joined: the engine prints every failure with the property's
 * whole value, so that 10,000 failures of a list printed it 10,000 times. A value that the engine would
 * print longer than PRINTED_VALUE_LIMIT is not printed at all: the failure names the property in its
 * text only (property ""), so that the output stays small however long the value.
 */
export function onePerProperty(
  failures: readonly CheckFailure[],
  inputs: Readonly<Record<string, unknown>>,
): CheckFailure[] {
  // A Map: property names come from the user ("constructor", "__proto__"), never an object's own keys.
  const byProperty = new Map<string, string[]>();
  for (const { property, reason } of failures) {
    const reasons = byProperty.get(property);
    if (reasons) reasons.push(reason);
    else byProperty.set(property, [reason]);
  }
  return [...byProperty].map(([property, reasons]) => {
    const value = Object.hasOwn(inputs, property) ? inputs[property] : undefined;
    return {
      property: printedLength(value) > PRINTED_VALUE_LIMIT ? "" : property,
      reason: reasons.join(" "),
    };
  });
}

/** About as long as the engine prints the value, counted only until it exceeds the limit. */
function printedLength(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (value === null || typeof value !== "object") return 8;
  let length = 2;
  for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    length += String(key).length + printedLength(item) + 3;
    if (length > PRINTED_VALUE_LIMIT) break;
  }
  return length;
}

/** A list or string longer than INPUT_LIMITS allows: refused before anything else looks at it. */
export function validateSize(name: keyof typeof INPUT_LIMITS, value: unknown, fix: string): string[] {
  const limit: { items?: number; characters?: number } = INPUT_LIMITS[name];
  if (limit.items !== undefined && Array.isArray(value) && value.length > limit.items) {
    return [diagnostic(problem`${name} has ${value.length} items, over the limit of ${limit.items}`, fix)];
  }
  if (limit.characters !== undefined && typeof value === "string" && value.length > limit.characters) {
    return [
      diagnostic(
        problem`${name} is ${value.length} characters long, over the limit of ${limit.characters}`,
        fix,
      ),
    ];
  }
  return [];
}

export function validatePhoneNumbers(values: readonly unknown[]): string[] {
  const first = firstIndexes(values);
  return firstProblems("phoneNumbers", values, (value, i) => {
    if (typeof value !== "string" || !E164.test(value)) {
      return () =>
        diagnostic(
          problem`phoneNumbers[${i}] ${describeItem(value)} is not an E.164 number`,
          `Write "+", the country code and the number, e.g. "+14155551234"`,
        );
    }
    if (first.get(value) !== i) {
      return () =>
        diagnostic(
          problem`phoneNumbers[${i}] ${describeItem(value)} is listed twice`,
          "Remove the duplicate",
        );
    }
    return undefined;
  });
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
    return [
      diagnostic(
        problem`the secret adopt is a string that spells a boolean, ${taken}`,
        "Write the boolean without quotes",
      ),
    ];
  }
  const fix =
    spelled === "true"
      ? "Write true without quotes (YAML adopt: true, Go pulumi.Bool(true)) to adopt the subscription that uses targetUrl"
      : "Remove adopt, or write false without quotes";
  return [diagnostic(problem`adopt is the string "${value}", not the boolean ${spelled}, ${taken}`, fix)];
}

/** Types of an unchanged list that the catalog no longer offers: Linq retired them since they were set. */
export function retiredEvents(values: readonly unknown[], catalog: EventCatalog, history: EventHistory) {
  if (!history.unchanged) return [];
  const offered = new Set(catalog.events);
  return values.filter((v): v is string => typeof v === "string" && !offered.has(v));
}

export function validateSubscribedEvents(
  values: readonly unknown[],
  catalog: EventCatalog,
  history: EventHistory = { had: [], unchanged: false },
): string[] {
  if (values.length === 0) {
    return [
      diagnostic(
        problem`subscribedEvents is empty`,
        `List at least one event type, e.g. ["message.received"]`,
      ),
    ];
  }
  const offered = new Set(catalog.events);
  const first = firstIndexes(values);
  // An event already in the list is not what a misspelled one meant: suggested from the others.
  const unlisted = catalog.events.filter((e) => !first.has(e));
  return firstProblems("subscribedEvents", values, (value, i) => {
    if (typeof value !== "string") {
      return () =>
        diagnostic(
          problem`subscribedEvents[${i}] must be an event type name, got ${describe(value)}`,
          `Write the name as a string, e.g. "message.received"`,
        );
    }
    if (first.get(value) !== i) {
      return () =>
        diagnostic(
          problem`subscribedEvents[${i}] ${describeItem(value)} is listed twice`,
          "Remove the duplicate",
        );
    }
    // A retired type of an unchanged list is only warned about (see retiredEvents).
    if (offered.has(value) || history.unchanged) return undefined;
    return () => unknownEventReason(i, value, unlisted, catalog, history);
  });
}

function unknownEventReason(
  index: number,
  name: string,
  unlisted: readonly string[],
  catalog: EventCatalog,
  history: EventHistory,
): string {
  const which =
    catalog.source === "live"
      ? `the ${catalog.events.length} types Linq offers now`
      : `the ${catalog.events.length} types bundled with pulumi-linq (offline validation)`;
  const listThem = `It is not among ${which} (list them with getWebhookEventTypes()${catalog.docUrl ? ` or see ${catalog.docUrl}` : ""})`;
  if (history.had.includes(name) || (catalog.source === "live" && isBundled(name))) {
    // No "did you mean": another type is not what a retired one meant.
    return diagnostic(
      problem`subscribedEvents[${index}] ${describeItem(name)} is no longer a Linq webhook event type: Linq retired it`,
      [`Remove it from subscribedEvents: Linq refuses to subscribe to it`, listThem],
      "retiredEvents",
    );
  }
  const suggestion = suggestEvent(name, unlisted);
  return diagnostic(
    problem`subscribedEvents[${index}] ${describeItem(name)} is not a Linq webhook event type`,
    [...(suggestion ? [`Did you mean ${JSON.stringify(suggestion)}?`] : []), listThem],
  );
}

const BUNDLED: ReadonlySet<string> = new Set(KNOWN_WEBHOOK_EVENT_TYPES);
const isBundled = (name: string) => BUNDLED.has(name);
