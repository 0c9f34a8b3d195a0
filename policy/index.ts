// pulumi-linq/policy: CrossGuard policies for Linq webhook subscriptions, to put into a policy pack of one's own
// (policy-pack/ is the ready one). The policies are plain objects: this module needs @pulumi/policy only for its
// types, so the pack that uses them brings its own copy.
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { WEBHOOK_SUBSCRIPTION_TOKEN } from "../provider/package-schema";
import { diagnostic, problem } from "../provider/safe-text";
import { didYouMean } from "../provider/suggest";
import { RULES, type Rule, type SubscriptionInputs } from "./rules";

export { RULES, hostAllowed, type Rule } from "./rules";

/** The Node SDK's WebhookSubscription: a dynamic resource of module "linq", typed so in its URN and the engine's. */
export const DYNAMIC_SUBSCRIPTION_TYPE = "pulumi-nodejs:dynamic/linq:WebhookSubscription";
export const PLUGIN_SUBSCRIPTION_TYPE = WEBHOOK_SUBSCRIPTION_TOKEN;
const SUBSCRIPTION_TYPES = [DYNAMIC_SUBSCRIPTION_TYPE, PLUGIN_SUBSCRIPTION_TYPE];

/** A URN's resource type: the last of its parent-qualified types (`urn:pulumi:stack::project::parent$type::name`). */
const urnType = (urn: string) => urn.split("::")[2]?.split("$").pop() ?? "";

/** Whether the resource is a WebhookSubscription, of the Node SDK or of the provider plugin (by type or URN). */
export function isWebhookSubscription(args: Pick<ResourceValidationArgs, "type" | "urn">): boolean {
  return SUBSCRIPTION_TYPES.includes(args.type) || SUBSCRIPTION_TYPES.includes(urnType(args.urn));
}

/**
 * A config key the rule does not have: the engine checks a pack's config against each rule's schema but lets
 * unknown keys through, and a misspelled list (`host` for `hosts`) would leave the rule checking nothing.
 */
function unknownConfigKeys(rule: Rule, config: Record<string, unknown>): string | undefined {
  const unknown = Object.keys(config).filter((key) => !Object.hasOwn(rule.config, key));
  if (unknown.length === 0) return undefined;
  const keys = Object.keys(rule.config);
  const shown = unknown.slice(0, 5);
  return diagnostic(problem`the config of the policy ${rule.name} has no key ${shown.join(", ")}`, [
    ...didYouMean(shown, [...keys, "enforcementLevel"]),
    keys.length > 0 ? `Use ${keys.join(", ")} or enforcementLevel` : "It takes only enforcementLevel",
  ]);
}

function policyOf(rule: Rule): ResourceValidationPolicy {
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel,
    configSchema: { properties: rule.config },
    validateResource: (args, reportViolation) => {
      if (!isWebhookSubscription(args)) return;
      const config = args.getConfig<Record<string, unknown>>() ?? {};
      const misspelled = unknownConfigKeys(rule, config);
      if (misspelled) reportViolation(misspelled);
      for (const message of rule.violations(args.props as SubscriptionInputs, config))
        reportViolation(message);
    },
  };
}

/**
 * The Linq policies, each at its default enforcement level; the pack's config (`--policy-pack-config`, or the
 * PolicyPack's initial config) sets levels and lists. Rules: see RULES and the README.
 */
export function linqPolicies(): ResourceValidationPolicy[] {
  return RULES.map(policyOf);
}
