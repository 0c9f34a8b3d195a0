// The rules of the Linq policy pack, each in one place: its name, what it checks, its default enforcement level,
// its config and the check itself. policy/index.ts turns them into CrossGuard policies; scripts/generate-schema.ts
// writes the README's table of them. A check reads only the inputs it needs, and only once it has something to check:
// reading an input unknown at preview makes @pulumi/policy skip the rule (with an advisory note) until `pulumi up`.
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import { diagnostic, problem } from "../provider/safe-text";
import { isCalendarDate } from "../provider/validators";

type PolicyConfigJSONSchema = PolicyConfigSchema["properties"][string];

/** The inputs of a WebhookSubscription, as the engine hands them to a policy (either entry point). */
export interface SubscriptionInputs {
  targetUrl?: unknown;
  subscribedEvents?: unknown;
  phoneNumbers?: unknown;
  isActive?: unknown;
}

export interface Rule {
  name: string;
  /** One sentence: what a subscription must do, and why. */
  description: string;
  enforcementLevel: EnforcementLevel;
  /** The rule's config keys (besides enforcementLevel), as JSON schema: the engine checks a config file with it. */
  config: Record<string, PolicyConfigJSONSchema>;
  /** The violations of one subscription, each a message: the problem first, then the fix. */
  violations(inputs: SubscriptionInputs, config: Record<string, unknown>): string[];
}

const HOST_PATTERN = "^(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$";
const EVENT_PATTERN = "^[a-z0-9_]+(\\.[a-z0-9_]+)*$";
/** At most this many entries in a config list: more is a mistake, and every message lists some of them. */
const MAX_CONFIG_ITEMS = 500;

const stringList = (description: string, pattern: string): PolicyConfigJSONSchema => ({
  type: "array",
  items: { type: "string", pattern, maxLength: 253 },
  maxItems: MAX_CONFIG_ITEMS,
  uniqueItems: true,
  description,
});

/** A few of a config list's entries, for a message. */
const some = (items: readonly string[]) =>
  items.length > 5 ? `${items.slice(0, 5).join(", ")} and ${items.length - 5} more` : items.join(", ");

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/**
 * The parsed targetUrl, or undefined when it is not a URL (the provider's check rejects it with the reason).
 * Messages show only its host and never the URL: @pulumi/policy hands policies secret values unwrapped, so a
 * policy cannot tell a secret targetUrl (whose path or query carries a token) from a plain one.
 */
function parsedUrl(value: unknown): URL | undefined {
  if (typeof value !== "string") return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** The host as the URL parser gives it (lower case, ASCII: a Unicode name in punycode), without a final dot. */
const hostOf = (url: URL) => url.hostname.replace(/\.$/, "");

/** `*.example.net` matches every name below example.net (at any depth), not example.net itself. */
export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith("*.") ? host.endsWith(p.slice(1)) : host === p;
  });
}

/** A host cut to the longest a DNS name can be: the URL parser itself sets no limit. */
const shown = (host: string) => (host.length > 253 ? `${host.slice(0, 253)}…` : host);

export const RULES: readonly Rule[] = [
  {
    name: "allowed-target-hosts",
    description:
      "The targetUrl's host is in the configured list (exact names, or `*.example.net` for every name below " +
      "example.net): Linq sends message contents there. Checks nothing until a list is configured.",
    enforcementLevel: "mandatory",
    config: {
      hosts: stringList(
        "Host names that may receive webhooks, lower case, such as `hooks.example.com` or `*.example.net`.",
        HOST_PATTERN,
      ),
    },
    violations(inputs, config) {
      const hosts = strings(config.hosts);
      if (hosts.length === 0) return [];
      const url = parsedUrl(inputs.targetUrl);
      if (url && hostAllowed(hostOf(url), hosts)) return [];
      const host = url ? `host "${shown(hostOf(url))}"` : "host (it is not a URL)";
      return [
        diagnostic(
          problem`targetUrl's ${host} is not in "hosts" of the policy allowed-target-hosts`,
          `Deliver to an allowed host (${some(hosts)}), or add this host to allowed-target-hosts.hosts in ` +
            `the policy pack config (--policy-pack-config)`,
        ),
      ];
    },
  },
  {
    name: "forbidden-events",
    description:
      "subscribedEvents includes none of the configured event types (say `message.received` outside " +
      "production). Checks nothing until a list is configured.",
    enforcementLevel: "mandatory",
    config: {
      events: stringList(
        "Event type names no subscription may subscribe to, such as `message.received`.",
        EVENT_PATTERN,
      ),
    },
    violations(inputs, config) {
      const events = strings(config.events);
      if (events.length === 0) return [];
      const subscribed = strings(inputs.subscribedEvents);
      // Shown from the config, not from the program: a config entry matched, so the text is the team's own.
      const forbidden = events.filter((event) => subscribed.includes(event));
      if (forbidden.length === 0) return [];
      return [
        diagnostic(
          problem`subscribedEvents includes ${some(forbidden)}, which the policy forbidden-events forbids`,
          `Remove ${forbidden.length > 1 ? "them" : "it"} from subscribedEvents, or from forbidden-events.events ` +
            `in the policy pack config (--policy-pack-config)`,
        ),
      ];
    },
  },
  {
    name: "phone-filter-required",
    description:
      "phoneNumbers names at least one number: without it Linq delivers the events of every number in the account.",
    enforcementLevel: "advisory",
    config: {},
    violations({ phoneNumbers }) {
      if (strings(phoneNumbers).length > 0) return [];
      return [
        "phoneNumbers is empty, so Linq delivers the events of every phone number in the account (policy " +
          "phone-filter-required). Set phoneNumbers to the numbers this endpoint serves.",
      ];
    },
  },
  {
    name: "payload-version-pinned",
    description:
      "The targetUrl carries `?version=YYYY-MM-DD`: Linq changes the payload format it delivers to unpinned URLs.",
    enforcementLevel: "advisory",
    config: {},
    violations({ targetUrl }) {
      const url = parsedUrl(targetUrl);
      const version = url?.searchParams.get("version");
      if (version != null && isCalendarDate(version)) return [];
      const problem =
        version == null ? "has no ?version=YYYY-MM-DD" : "has a ?version= that is not a date YYYY-MM-DD";
      return [
        `targetUrl ${problem}, so Linq may change the payload format it delivers there (policy ` +
          `payload-version-pinned). Add ?version= with the payload version your receiver parses.`,
      ];
    },
  },
  {
    name: "inactive-subscription",
    description: "isActive is not false: an inactive subscription receives nothing and is easily forgotten.",
    enforcementLevel: "advisory",
    config: {},
    violations({ isActive }) {
      if (isActive !== false) return [];
      return [
        "isActive is false, so Linq delivers nothing to this subscription (policy inactive-subscription). " +
          "Delete it if it is no longer needed, or set isActive: true.",
      ];
    },
  },
];
