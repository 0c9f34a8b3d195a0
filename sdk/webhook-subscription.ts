// The WebhookSubscription resource as Pulumi programs use it. Its provider is a plain object of
// functions that load the dynamic provider's adapter (provider/dynamic/context.ts) when the engine calls
// them; it captures only that module's name, never the API key. The SDK side of that adapter: it adds
// to the inputs what only the program knows (hidden keys of provider/constants.ts), which the adapter
// takes out again.
import * as pulumi from "@pulumi/pulumi";
import {
  DUPLICATE_ADOPT_KEY,
  DUPLICATE_URL_KEY,
  SECRET_INPUTS_KEY,
  type KnownWebhookEventType,
} from "../provider/constants";
import { claimAdoptedId, claimTargetUrl, newUrlClaims } from "../provider/duplicate-url-claim";
// Types only, erased at run time: the provider's code is required in the provider process (see impl).
import type { WebhookSubscriptionInputs, WebhookSubscriptionOutputs } from "../provider";
import { WEBHOOK_SUBSCRIPTION_TOKEN } from "../provider/package-schema";
import { diagnostic, problem } from "../provider/safe-text";
import { refuseChosenProvider } from "./chosen-provider";
import { assertLinqConnection } from "./config-keys";
import { perRun } from "./per-run";
import { providerModule } from "./provider-module";

/** A Linq webhook event type: the known ones autocomplete, any other string is checked against Linq's live list. */
export type WebhookEventType = KnownWebhookEventType | (string & Record<never, never>);

export interface WebhookSubscriptionArgs {
  /** Where Linq delivers events: an absolute https URL, unique within the account. */
  targetUrl: pulumi.Input<string>;
  /** At least one event type; validated against Linq's live list at preview. Order does not matter. */
  subscribedEvents: pulumi.Input<pulumi.Input<WebhookEventType>[]>;
  /** Only events of these E.164 numbers are delivered; omitted or empty, events of all numbers. */
  phoneNumbers?: pulumi.Input<pulumi.Input<string>[]>;
  /** Default true. */
  isActive?: pulumi.Input<boolean>;
  /** Any string; changing it replaces the subscription (delete, then create) to get a new signing secret. */
  rotationTrigger?: pulumi.Input<string>;
  /**
   * Take over an existing subscription on create instead of failing on Linq's one-URL-one-subscription
   * rule: `true` adopts the one using `targetUrl` (and creates one if there is none), a string adopts the
   * subscription with that id. An adopted subscription's signing secret is unknown to Pulumi.
   */
  adopt?: pulumi.Input<boolean | string>;
}

/** Found when the first subscription is declared, so that importing the SDK never fails. */
let providerPath: string | undefined;
/**
 * The adapter, required when the engine calls: the serialized provider carries this function, not the
 * modules. Typed with a type-only import, so that a renamed method or a swapped argument fails to
 * compile instead of failing in the engine. providerPath is unset only when dynamicProvider is called with
 * no resource declared (the in-process lifecycle tests): then the module beside this one.
 */
const impl = () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded in the provider process, by design
  (require(providerPath ?? "../provider") as typeof import("../provider")).dynamicWebhookSubscription;

const provider: pulumi.dynamic.ResourceProvider<WebhookSubscriptionInputs, WebhookSubscriptionOutputs> = {
  configure: (req) => impl().configure(req),
  check: (olds, news) => impl().check(olds, news),
  diff: (id, olds, news) => impl().diff(id, olds, news),
  create: (inputs) => impl().create(inputs),
  read: (id, props) => impl().read(id, props),
  update: (id, olds, news) => impl().update(id, olds, news),
  delete: (id) => impl().delete(id),
};

/**
 * The dynamic provider that the engine's dynamic-provider host calls, exported for the in-process lifecycle
 * tests, which call it as that host does (sdk/index.ts omits it). Declared without its input and output
 * types, so that the package's public declarations do not reach the provider's zod schemas (see index.ts).
 */
export const dynamicProvider: pulumi.dynamic.ResourceProvider = provider;

export class WebhookSubscription extends pulumi.dynamic.Resource {
  declare readonly targetUrl: pulumi.Output<string>;
  declare readonly subscribedEvents: pulumi.Output<string[]>;
  declare readonly phoneNumbers: pulumi.Output<string[] | undefined>;
  declare readonly isActive: pulumi.Output<boolean>;
  declare readonly rotationTrigger: pulumi.Output<string | undefined>;
  /** A Pulumi secret; undefined for an adopted or recovered subscription (Linq shows it only at creation). */
  declare readonly signingSecret: pulumi.Output<string | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: WebhookSubscriptionArgs, opts?: pulumi.CustomResourceOptions) {
    // An empty id is no import for @pulumi/pulumi either (import: config.get("id") ?? "").
    if (opts?.import) throw new pulumi.RunError(importRefused(name, opts.import));
    // Before super(), which starts the registration: a refused resource must never reach the engine.
    refuseChosenProvider(
      opts,
      WEBHOOK_SUBSCRIPTION_TOKEN,
      `WebhookSubscription "${name}"`,
      "WebhookSubscription",
    );
    assertLinqConnection();
    providerPath ??= providerModule();
    const { claimUrl, claimAdopt } = claimerOf({ name });
    // A plain string, the common case, is claimed at once: no Output per resource for it.
    const firstDeclarer =
      typeof args.targetUrl === "string"
        ? claimUrl(args.targetUrl)
        : pulumi.output(args.targetUrl).apply(claimUrl);
    const firstAdopter =
      args.adopt === undefined || typeof args.adopt === "boolean"
        ? undefined
        : pulumi.output(args.adopt).apply(claimAdopt);
    super(
      dynamicProvider,
      name,
      {
        ...args,
        [DUPLICATE_URL_KEY]: firstDeclarer,
        [DUPLICATE_ADOPT_KEY]: firstAdopter,
        [SECRET_INPUTS_KEY]: secretInputs(args),
        signingSecret: undefined,
        createdAt: undefined,
        updatedAt: undefined,
      },
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "signingSecret"] },
      "linq",
      "WebhookSubscription",
    );
    for (const option of ignoredOptions(opts)) void pulumi.log.warn(optionIgnored(name, option), this);
  }
}

/** The resource options set that a dynamic resource cannot honour, each said once beside the resource. */
function ignoredOptions(opts: pulumi.CustomResourceOptions | undefined): (keyof typeof IGNORED_OPTIONS)[] {
  const timeouts = opts?.customTimeouts;
  return [
    // A changed rotationTrigger replaces the subscription without the option.
    ...(opts?.replaceOnChanges?.some((field) => field !== "rotationTrigger")
      ? ["replaceOnChanges" as const]
      : []),
    ...(timeouts?.create || timeouts?.update || timeouts?.delete ? ["customTimeouts" as const] : []),
  ];
}

/** What each option does on a dynamic resource instead, and what honours it. */
const IGNORED_OPTIONS = {
  // The engine honours replaceOnChanges with a per-field diff, which a dynamic provider cannot give it.
  replaceOnChanges: [
    "A change to those inputs updates the subscription in place and keeps its signing secret",
    "To replace it, change rotationTrigger in the same update; or use the provider plugin " +
      "(linq:index:WebhookSubscription), which honours replaceOnChanges",
  ],
  // The engine sends customTimeouts to a provider plugin with each operation, never to a dynamic provider.
  customTimeouts: [
    "Each create, update and delete is bounded by the client's own limits instead (per attempt and for retries)",
    "To bound them with customTimeouts, use the native provider (pulumi-linq/native, or the provider plugin " +
      "linq:index:WebhookSubscription), which honours it",
  ],
};

function optionIgnored(name: string, option: keyof typeof IGNORED_OPTIONS): string {
  return diagnostic(
    problem`WebhookSubscription "${name}": the resource option ${option} has no effect on a dynamic resource`,
    IGNORED_OPTIONS[option],
    "dynamicLimits",
  );
}

/**
 * The engine reads an imported resource before it has a dynamic provider's code (which travels in the
 * state), and fails deep inside @pulumi/pulumi ("code must be a string"): say what works instead.
 */
function importRefused(name: string, id: pulumi.Input<pulumi.ID>): string {
  const adopt = typeof id === "string" ? JSON.stringify(id) : `"<subscription id>"`;
  return diagnostic(
    problem`WebhookSubscription "${name}": the resource option import does not work with a dynamic provider`,
    [
      `Remove it and set the input adopt: ${adopt} instead: the subscription is taken over when the ` +
        `resource is created, and brought to the declared inputs`,
      "Or use the provider plugin (linq:index:WebhookSubscription), which imports",
    ],
    "dynamicLimits",
  );
}

/**
 * The names of the inputs that are secrets. The dynamic-provider host hands check() plain values, so
 * the program tells the provider, which then names them in its messages instead of showing them.
 * Known at preview even when the value is not.
 */
async function secretInputs(args: WebhookSubscriptionArgs): Promise<string[]> {
  // Only an Output (or a promise of one, alone or in a list) can be secret: plain values, the common
  // case, get no Output of their own.
  const entries = Object.entries(args).filter(([, value]) => mayBeSecret(value));
  const secret = await Promise.all(entries.map(([, value]) => pulumi.isSecret(pulumi.output(value))));
  return entries.filter((_, i) => secret[i]).map(([name]) => name);
}

const mayBeSecret = (value: unknown): boolean =>
  pulumi.Output.isInstance(value) ||
  value instanceof Promise ||
  (Array.isArray(value) && value.some(mayBeSecret));

/** Per program run: targetUrl, and adopted id, -> the resource that declared it first (an object per resource). */
const declaredUrls = perRun(() => newUrlClaims<{ name: string }>());
const adoptedIds = perRun(() => newUrlClaims<{ name: string }>());

/**
 * The duplicate-URL and duplicate-adopt claims (provider/duplicate-url-claim.ts) of this resource: the
 * program is the one place that sees all its resources, and the dynamic-provider host passes no URN to
 * tell them apart.
 */
function claimerOf(resource: { name: string }) {
  const urls = declaredUrls();
  const ids = adoptedIds();
  const nameOf = (first: { name: string }) => first.name;
  return {
    claimUrl: (url: string) => claimTargetUrl(urls, resource, url, nameOf),
    claimAdopt: (adopt: string | boolean) =>
      typeof adopt === "string" && adopt !== "" ? claimAdoptedId(ids, resource, adopt, nameOf) : undefined,
  };
}
