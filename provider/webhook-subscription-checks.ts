// WebhookSubscription's check(): the shape of the inputs against InputsSchema, then the rules that need
// context (the live event list, the account's URLs, the program's other resources). The single-value
// rules are the named validators of validators.ts.
import { accountSubscriptions, connectionRefusal, liveEventTypes } from "./live-account";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "./constants";
import { warn, type CallContext } from "./call-context";
import type { DuplicateAdoptClaim, DuplicateUrlClaim } from "./duplicate-url-claim";
import { settingsOf } from "./process-state";
import { isOutage } from "./outages";
import { explainUnavailable, isKeyRefusal, keyRefusal } from "./refusals";
import { diagnostic, problem, safeMessage, whole } from "./safe-text";
import { CONFIG_KEYS, VALIDATE_OFFLINE_ENV } from "./settings";
import { didYouMean } from "./suggest";
import {
  describe,
  hasUnknown,
  isUnknown,
  onePerProperty,
  retiredEvents,
  sameSet,
  validateAdopt,
  validatePhoneNumbers,
  validateSize,
  validateSubscribedEvents,
  validateTargetUrl,
  type CheckFailure,
  type EventCatalog,
  type EventHistory,
} from "./validators";
import { eventTypesOf, fromWire, type LiveSubscription } from "./wire";
import { expectedOf, INPUT_LIMITS, InputsSchema, type InputName } from "./webhook-subscription-schema";

const INPUT_NAMES = Object.keys(InputsSchema.shape) as InputName[];
/** Required: the inputs that the schema does not let be left out. */
const REQUIRED = INPUT_NAMES.filter((name) => !InputsSchema.shape[name].safeParse(undefined).success);
/** Computed once at load: a description without its "<what it must be>: " part fails every check at once. */
const EXPECTED = Object.fromEntries(INPUT_NAMES.map((name) => [name, expectedOf(name)])) as Record<
  InputName,
  string
>;
const OFFLINE_HINT =
  `Or validate against the list bundled with pulumi-linq: ` +
  `'pulumi config set ${CONFIG_KEYS.validateOffline} true' or ${VALIDATE_OFFLINE_ENV}=true`;

/** How to bring each input within its limit (INPUT_LIMITS), in the words of a size failure. */
const SIZE_FIXES: Record<keyof typeof INPUT_LIMITS, string> = {
  targetUrl: "shorten it (webhook endpoints and the proxies before them may refuse longer URLs)",
  subscribedEvents: "list each event type once (Linq offers a few dozen; see getWebhookEventTypes())",
  phoneNumbers: "list the numbers whose events you want, or leave phoneNumbers out for all of them",
  rotationTrigger: "use a short value such as a counter or a date",
  adopt: "write the id of the subscription (as Linq shows it) or true",
};

const LIMITED = Object.keys(INPUT_LIMITS) as (keyof typeof INPUT_LIMITS)[];

/**
 * The inputs as they are recorded: a number for rotationTrigger (YAML `rotationTrigger: 2`, the natural
 * counter) becomes its string, so that 2 and "2" are the same trigger in the state and in every diff.
 */
export function normalizeInputs(news: Record<string, unknown>): Record<string, unknown> {
  const { rotationTrigger } = news;
  if (typeof rotationTrigger !== "number" || !Number.isFinite(rotationTrigger)) return news;
  return { ...news, rotationTrigger: String(rotationTrigger) };
}

/**
 * Every reason to refuse these inputs, before any request that writes, one failure per property (see
 * onePerProperty): sizes first (an oversized input stops the check there), then the shape, then each
 * property whose shape is right and whose value is known. Settings that reach no account fail alone, in
 * their own words: no input is to blame, and no lookup was tried.
 */
export async function inputFailures(
  ctx: CallContext,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<CheckFailure[]> {
  const refused = connectionRefusal(ctx);
  if (refused) return [{ property: "", reason: refused.message }];
  try {
    return onePerProperty(await allFailures(ctx, olds, news), news);
  } catch (err) {
    // A key Linq refuses fails alone too, as a missing one does: no input is to blame, and no outage
    // either, so no offline switch (`up` would fail the same way). The lookups pass it up (keyRefused).
    const refusal = keyRefusal(err, "the webhook event types and subscriptions that checks read");
    if (refusal) return [{ property: "", reason: refusal }];
    throw err;
  }
}

/** A lookup's failure is the check's, unless Linq refused the key: inputFailures reports that once. */
function keyRefused(err: unknown): void {
  if (isKeyRefusal(err)) throw err;
}

async function allFailures(
  ctx: CallContext,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<CheckFailure[]> {
  /** The inputs that are secrets: named in messages, never shown (see redaction.ts). */
  const secret = ctx.secretInputs;
  const sizes = LIMITED.flatMap((name) => reasons(name, validateSize(name, news[name], SIZE_FIXES[name])));
  // Oversized: nothing else is looked at, nothing fetched (the other inputs are checked once it is fixed).
  if (sizes.length > 0) return sizes;
  const failures = [
    ...shapeFailures(news),
    ...duplicateUrlFailures(news.targetUrl, ctx.duplicateUrl),
    ...duplicateAdoptFailures(news.adopt, ctx.duplicateAdopt),
  ];
  const typed = (name: InputName) => !failures.some((f) => f.property === name) && isKnown(news[name]);
  if (typed("targetUrl")) {
    const problems = validateTargetUrl(news.targetUrl as string, secret.includes("targetUrl"));
    if (olds.targetUrl === news.targetUrl) warnUnchangedUrl(ctx, news.targetUrl as string, problems);
    else failures.push(...reasons("targetUrl", problems));
  }
  if (typed("phoneNumbers")) {
    failures.push(...reasons("phoneNumbers", validatePhoneNumbers(news.phoneNumbers as unknown[])));
  }
  if (typed("adopt") && typeof news.adopt === "string") {
    failures.push(...reasons("adopt", validateAdopt(news.adopt, secret.includes("adopt"))));
  }
  const lookups = await Promise.allSettled([
    typed("subscribedEvents") ? eventFailures(ctx, olds, news) : [],
    typed("targetUrl") && !failures.some((f) => f.property === "targetUrl")
      ? urlFailures(ctx, olds, news)
      : [],
    typed("adopt") && !failures.some((f) => f.property === "adopt") ? adoptFailures(ctx, olds, news) : [],
  ]);
  // Every lookup has settled before the check answers: none is still sending when the process ends.
  for (const lookup of lookups) if (lookup.status === "rejected") throw lookup.reason;
  return [...failures, ...lookups.flatMap((lookup) => (lookup.status === "fulfilled" ? lookup.value : []))];
}

const isKnown = (value: unknown) => value !== undefined && !isUnknown(value);
const reasons = (property: InputName, list: string[]): CheckFailure[] =>
  list.map((reason) => ({ property, reason }));

/** Inputs named as the engine sends them: a user's "constructor" or "toString" is no input either. */
const isInputName = (key: string): key is InputName => (INPUT_NAMES as readonly string[]).includes(key);

function shapeFailures(news: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(news)) {
    if (!isInputName(key)) {
      failures.push({
        property: key,
        reason: diagnostic(problem`${key} is not an input of WebhookSubscription`, [
          ...didYouMean([key], INPUT_NAMES),
          `Use ${INPUT_NAMES.join(", ")}`,
        ]),
      });
    }
  }
  for (const name of INPUT_NAMES) {
    const value = Object.hasOwn(news, name) ? news[name] : undefined;
    if (value === undefined) {
      if (REQUIRED.includes(name))
        failures.push({
          property: name,
          reason: diagnostic(problem`${name} is required`, `Set it to ${EXPECTED[name]}`),
        });
      continue;
    }
    if (isUnknown(value)) continue;
    const known = Array.isArray(value) ? value.filter((v) => !isUnknown(v)) : value;
    if (!InputsSchema.shape[name].safeParse(known).success) failures.push(wrongShape(name, value));
  }
  return failures;
}

/** A list is wrong in its first item of another type, which is named: a YAML number unquoted, most often. */
function wrongShape(name: InputName, value: unknown): CheckFailure {
  const index = Array.isArray(value)
    ? value.findIndex((item) => typeof item !== "string" && !isUnknown(item))
    : -1;
  if (index < 0) {
    return {
      property: name,
      reason: diagnostic(
        problem`${name} must be ${whole(EXPECTED[name])}, got ${describe(value)}`,
        "Change the value to that type",
      ),
    };
  }
  const item = (value as unknown[])[index];
  const others = (value as unknown[]).filter((v) => typeof v !== "string" && !isUnknown(v)).length - 1;
  const more = others > 0 ? ` (and ${others} more items that are not strings)` : "";
  return {
    property: name,
    reason:
      typeof item === "number"
        ? diagnostic(
            problem`${name}[${index}] is a number, ${String(item)}${more}`,
            `Quote it: ${name} must be ${EXPECTED[name]} (YAML reads an unquoted +14155551234 as a number)`,
          )
        : diagnostic(
            problem`${name}[${index}] must be a string, got ${describe(item)}${more}`,
            `Set ${name} to ${EXPECTED[name]}`,
          ),
  };
}

async function eventFailures(
  ctx: CallContext,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<CheckFailure[]> {
  const events = news.subscribedEvents as unknown[];
  const had = Array.isArray(olds.subscribedEvents) ? (olds.subscribedEvents as unknown[]) : [];
  // What the resource already has was checked when it was set: an outage or a retirement since then
  // must not block every deploy of the stack.
  const history: EventHistory = {
    had,
    unchanged: had.length > 0 && !hasUnknown(events) && sameSet(had, events),
  };
  let catalog: EventCatalog;
  const settings = settingsOf(ctx.process);
  if (settings.validateOffline) {
    warn(
      ctx,
      "offline",
      `validating subscribedEvents offline against the ${KNOWN_WEBHOOK_EVENT_TYPES.length} event types bundled with pulumi-linq, not Linq's live list`,
    );
    catalog = { events: KNOWN_WEBHOOK_EVENT_TYPES, source: "bundled" };
  } else {
    try {
      const live = eventTypesOf(await liveEventTypes(ctx));
      catalog = { events: live.events, source: "live", docUrl: live.docUrl };
    } catch (err) {
      keyRefused(err);
      const why = problem`could not fetch Linq's list of webhook event types to check subscribedEvents`;
      if (!history.unchanged || !isOutage(err))
        return reasons("subscribedEvents", [diagnostic(why, [explainUnavailable(err), OFFLINE_HINT])]);
      warn(
        ctx,
        "unchecked-events",
        diagnostic(why, [
          explainUnavailable(err),
          `Subscriptions whose subscribedEvents are unchanged were not checked again; new or changed ones fail until Linq answers`,
        ]),
      );
      return [];
    }
  }
  warnRetired(ctx, news.targetUrl, retiredEvents(events, catalog, history), catalog);
  return reasons("subscribedEvents", validateSubscribedEvents(events, catalog, history));
}

function warnRetired(ctx: CallContext, targetUrl: unknown, retired: string[], catalog: EventCatalog) {
  if (retired.length === 0) return;
  const names = retired.map((e) => JSON.stringify(e)).join(", ");
  const where = isKnown(targetUrl) ? String(targetUrl) : "this resource";
  const them = retired.length > 1 ? "them" : "it";
  const gone =
    catalog.source === "live"
      ? problem`subscribedEvents of ${where} lists ${names}, which Linq has retired and no longer sends`
      : problem`subscribedEvents of ${where} lists ${names}, which the ${catalog.events.length} event types bundled with pulumi-linq lack`;
  warn(
    ctx,
    `retired:${String(targetUrl)}:${names}`,
    diagnostic(
      gone,
      `Remove ${them} from subscribedEvents: this stays a warning until subscribedEvents changes, and then ` +
        `fails while ${them} stays listed`,
      "retiredEvents",
    ),
  );
}

/**
 * A claim for another URL than the one to check was made before a transformation changed it (the
 * dynamic provider's SDK side claims the URL as the program gave it): it says nothing.
 */
function duplicateUrlFailures(targetUrl: unknown, claim: DuplicateUrlClaim | undefined): CheckFailure[] {
  if (!claim || claim.targetUrl !== targetUrl) return [];
  return reasons("targetUrl", [
    diagnostic(
      problem`targetUrl "${targetUrl}" is also the targetUrl of WebhookSubscription "${claim.of}" in this program`,
      `Give each resource its own URL: Linq allows one subscription per URL (a query parameter such as ?line=2 makes one distinct)`,
    ),
  ]);
}

/**
 * Two resources that adopt one subscription would both manage it: each update would move it to its own
 * targetUrl, and the first delete would take it from the other.
 */
function duplicateAdoptFailures(adopt: unknown, claim: DuplicateAdoptClaim | undefined): CheckFailure[] {
  if (!claim || claim.adopt !== adopt) return [];
  return reasons("adopt", [
    diagnostic(
      problem`adopt "${adopt}" is also what WebhookSubscription "${claim.of}" adopts in this program`,
      `Adopt each subscription into one resource: two would both manage it, each moving it to its own targetUrl`,
    ),
  ]);
}

/** A targetUrl that another subscription of the account uses cannot be created (one URL, one subscription). */
async function urlFailures(ctx: CallContext, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const settings = settingsOf(ctx.process);
  // adopt acts only when a resource is created: an existing one's update would get a 409.
  const created = olds.targetUrl === undefined;
  if (olds.targetUrl === news.targetUrl || settings.validateOffline) return [];
  if (created && (news.adopt || settings.adoptExisting)) return [];
  try {
    const holder = (await accountSubscriptions(ctx))
      .map(fromWire)
      .find((s) => s.targetUrl === news.targetUrl);
    // A replacement's URL is still held by the subscription it replaces, deleted before it is created.
    if (!holder || holder.id === ctx.replacing?.id) return [];
    if (!created) return reasons("targetUrl", [movedUrl(news.targetUrl, holder.id)]);
    // A new resource may be one of this stack renamed: aliases first, as adopting would let the old one's delete follow.
    return reasons("targetUrl", [takenUrl(news.targetUrl, holder.id)]);
  } catch (err) {
    keyRefused(err);
    return reasons("targetUrl", [
      diagnostic(problem`could not check that targetUrl is not taken`, explainUnavailable(err)),
    ]);
  }
}

/**
 * A new resource's URL is held. The holder may be this stack's (renamed or moved, or this very resource
 * forced to be replaced: the engine gives check no old state then, pulumi/pulumi#9924) or another stack's,
 * which adopting would make two stacks own.
 */
function takenUrl(targetUrl: unknown, holderId: string): string {
  return diagnostic(
    problem`targetUrl "${targetUrl}" is already used by webhook subscription ${whole(holderId)} of this Linq account`,
    [
      `If you renamed this resource or moved it into or out of a component, give it the option ` +
        `aliases: ["<the old resource's URN>"] ('pulumi stack --show-urns' lists it)`,
      `If 'pulumi up --replace' or 'pulumi state taint' asked to replace it, change its rotationTrigger instead`,
      `If another stack holds it, give this one its own URL: adopting it would make two stacks own one subscription`,
      `Otherwise set adopt: true (or adopt: "${holderId}") to take it over, or pick another URL (?line=2 makes one distinct)`,
    ],
    "takenUrl",
  );
}

/** An existing resource cannot take over a URL: Linq refuses an update to a URL in use (409). */
function movedUrl(targetUrl: unknown, holderId: string): string {
  return diagnostic(
    problem`targetUrl "${targetUrl}" is already used by webhook subscription ${whole(holderId)}, perhaps of another resource`,
    [
      `Linq allows one subscription per URL, so move a URL between resources in two updates: first point the ` +
        `one that holds it at another URL (or remove it) and run 'pulumi up', then point this one at it`,
      `Resources named by their position in a list shift when an item is removed or inserted: name each by ` +
        `a stable key, with the option aliases: [{ name: "<its old name>" }]`,
    ],
    "movedUrl",
  );
}

/**
 * The subscription that adopt names has to exist: the account's list, fetched for the URL check
 * anyway, shows it at preview. Only for a new resource: adopt acts on create alone.
 */
async function adoptFailures(
  ctx: CallContext,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<CheckFailure[]> {
  const { adopt } = news;
  if (typeof adopt !== "string" || olds.targetUrl !== undefined || settingsOf(ctx.process).validateOffline)
    return [];
  try {
    const subscriptions = (await accountSubscriptions(ctx)).map(fromWire);
    const named = subscriptions.find((s) => s.id === adopt);
    const holder = subscriptions.find((s) => s.targetUrl === news.targetUrl && s.id !== adopt);
    if (named && holder)
      return reasons("targetUrl", [urlHeldFromAdopted(news.targetUrl, named.id, holder.id)]);
    if (named) {
      warnAdoptionMoves(ctx, named, news.targetUrl);
      return [];
    }
    return reasons("adopt", [
      diagnostic(
        problem`adopt: this Linq account has no webhook subscription with id "${adopt}"`,
        `Check the id (the account has ${subscriptions.length} subscription${subscriptions.length === 1 ? "" : "s"}), or set ` +
          `adopt: true to adopt the one that uses targetUrl`,
      ),
    ]);
  } catch (err) {
    keyRefused(err);
    return reasons("adopt", [
      diagnostic(problem`could not check that subscription "${adopt}" exists`, explainUnavailable(err)),
    ]);
  }
}

/** The adopted subscription would be moved to a URL that another one holds: Linq refuses that update (409). */
function urlHeldFromAdopted(targetUrl: unknown, adoptedId: string, holderId: string): string {
  return diagnostic(
    problem`targetUrl "${targetUrl}" is held by another subscription, so the one adopt names cannot move to it`,
    [
      `It is webhook subscription ${holderId}; adopt names ${adoptedId}, which delivers to another URL, and ` +
        `Linq allows one subscription per URL`,
      `Adopt the one at targetUrl instead (adopt: "${holderId}" or true), or give this resource another targetUrl`,
    ],
    "takenUrl",
  );
}

/**
 * adopt: "<id>" takes the subscription wherever it delivers, and the create then points it at targetUrl:
 * its receiver at the old URL stops getting events. Deliberate or a wrong id, the preview says so.
 */
function warnAdoptionMoves(ctx: CallContext, adopted: LiveSubscription, targetUrl: unknown): void {
  if (!isKnown(targetUrl) || adopted.targetUrl === targetUrl) return;
  warn(
    ctx,
    `adoption-moves:${adopted.id}:${String(targetUrl)}`,
    diagnostic(
      problem`adopting webhook subscription ${whole(adopted.id)} moves it from another URL to targetUrl`,
      [
        // The URLs after the problem, whole: cut to fit its 160 characters they would often look alike.
        // A secret targetUrl says URLs carry tokens here: the one it has now is not shown either.
        ctx.secretInputs.includes("targetUrl")
          ? `'pulumi up' will point it at the secret targetUrl, and the receiver at its old URL (not shown, as targetUrl is secret) will get no more events`
          : safeMessage()`It delivers to "${adopted.targetUrl}" now; 'pulumi up' will point it at targetUrl "${targetUrl}", and the receiver at its old URL will get no more events`,
        `If the id is wrong, or the subscription should keep its URL, correct adopt or set targetUrl to the URL it has`,
      ],
    ),
  );
}

/**
 * A targetUrl the subscription already has (imported or adopted before this check existed) is not held
 * against the stack: a warning says what to change; changing to another such URL fails.
 */
function warnUnchangedUrl(ctx: CallContext, targetUrl: string, problems: string[]): void {
  for (const reason of problems) {
    warn(
      ctx,
      `unchanged-url:${targetUrl}:${reason}`,
      `${reason} The subscription already has this targetUrl (imported, or created before this check), ` +
        `so this is a warning: correct targetUrl when convenient (an update in place).`,
    );
  }
}
