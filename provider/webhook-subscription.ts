// WebhookSubscription: the dynamic provider's input schema, check, diff, create, read, update, delete
// and adoption. Wire names (subscribed_events) meet Pulumi names (subscribedEvents) only in this file.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import {
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  type LinqClient,
  type WebhookSubscriptionWire,
  type WebhookSubscriptionUpdateParams,
} from "./client";
import {
  accountSubscriptions,
  clientFor,
  liveEventTypes,
  settingsOf,
  type ProcessState,
} from "./live-account";
import { CONFIG_KEYS, resolveSettings, VALIDATE_OFFLINE_ENV } from "./settings";
import {
  capFailures,
  describe,
  isUnknown,
  retiredEvents,
  validatePhoneNumbers,
  validateSubscribedEvents,
  validateTargetUrl,
  type CheckFailure,
  type EventCatalog,
  type EventHistory,
} from "./validators";
import { DUPLICATE_URL_KEY, KNOWN_WEBHOOK_EVENT_TYPES } from "./constants";
import { InputsSchema, type Inputs, type Outputs } from "./webhook-subscription-schema";

export type { Inputs, Outputs } from "./webhook-subscription-schema";
type InputName = keyof Inputs;

const INPUT_NAMES = Object.keys(InputsSchema.shape) as InputName[];
const REQUIRED: InputName[] = ["targetUrl", "subscribedEvents"];
const EXPECTED: Record<InputName, string> = {
  targetUrl: 'a URL string such as "https://hooks.example.com/linq"',
  subscribedEvents: 'a list of event type names such as ["message.received"]',
  phoneNumbers: 'a list of E.164 numbers such as ["+14155551234"]',
  isActive: "true or false",
  rotationTrigger: "a string (change it to replace the subscription and get a new signing secret)",
  adopt: "true (adopt the subscription that uses targetUrl) or the id of a subscription",
};
const OFFLINE_HINT =
  `To validate against the list bundled with pulumi-linq instead, opt in with ` +
  `'pulumi config set ${CONFIG_KEYS.validateOffline} true' or ${VALIDATE_OFFLINE_ENV}=true.`;

type UpdatableField = "targetUrl" | "subscribedEvents" | "phoneNumbers" | "isActive";

export const webhookSubscription = {
  /** Synchronous on purpose: the engine may send the next call before a returned promise settles. */
  configure(state: ProcessState, req: dynamic.ConfigureRequest): Promise<void> {
    state.settings = resolveSettings((key) => req.config.get(key));
    return Promise.resolve();
  },

  async check(state: ProcessState, olds: Record<string, unknown>, raw: Record<string, unknown>) {
    const { [DUPLICATE_URL_KEY]: firstDeclarer, ...news } = raw;
    const failures = [...shapeFailures(news), ...duplicateUrlFailures(news.targetUrl, firstDeclarer)];
    const typed = (name: InputName) => !failures.some((f) => f.property === name) && isKnown(news[name]);
    if (typed("targetUrl"))
      failures.push(...reasons("targetUrl", validateTargetUrl(news.targetUrl as string)));
    if (typed("phoneNumbers")) {
      failures.push(...reasons("phoneNumbers", validatePhoneNumbers(news.phoneNumbers as unknown[])));
    }
    const [events, url] = await Promise.all([
      typed("subscribedEvents") ? eventFailures(state, olds, news) : [],
      typed("targetUrl") && !failures.some((f) => f.property === "targetUrl")
        ? urlFailures(state, olds, news)
        : [],
    ]);
    failures.push(...events, ...url);
    return { inputs: news, failures: capFailures(failures) };
  },

  async diff(state: ProcessState, id: string, olds: Partial<Outputs>, news: Record<string, unknown>) {
    const replace = olds.rotationTrigger !== news.rotationTrigger;
    const changed = changedFields(olds, news);
    // The engine also replaces on any change that replaceOnChanges names, unknown to this diff.
    if ((replace || changed.length > 0) && typeof news.targetUrl === "string")
      (state.replacing ??= {})[news.targetUrl] = id;
    return {
      changes: replace || changed.length > 0,
      replaces: replace ? ["rotationTrigger"] : [],
      /** The inputs that change, for an entry point that reports a detailed diff (the plugin). */
      diffs: replace ? [...changed, "rotationTrigger"] : changed,
      // Linq allows one subscription per URL: the old one has to go before its successor is created.
      deleteBeforeReplace: true,
    };
  },

  async create(state: ProcessState, raw: Record<string, unknown>) {
    const inputs = parseInputs(raw);
    return createOrAdopt(state, inputs).catch((err: unknown) => {
      throw explained(err, { targetUrl: inputs.targetUrl });
    });
  },

  async read(state: ProcessState, id: string, props: Partial<Outputs>) {
    try {
      const live = await clientFor(state).webhookSubscriptions.retrieve(id);
      return { id, props: outputsOf(live, props, props.signingSecret) };
    } catch (err) {
      // Deleted outside Pulumi: a blank id tells the engine to drop it from the state.
      if (err instanceof NotFoundError) return { id: "" };
      throw explained(err, { id });
    }
  },

  async update(state: ProcessState, id: string, olds: Partial<Outputs>, news: Record<string, unknown>) {
    const inputs = parseInputs(news);
    const api = clientFor(state);
    const body = updateBody(changedFields(olds, inputs), inputs);
    const live = await (
      Object.keys(body).length > 0
        ? api.webhookSubscriptions.update(id, body)
        : api.webhookSubscriptions.retrieve(id)
    ).catch((err: unknown) => {
      if (err instanceof NotFoundError) {
        throw new Error(
          `webhook subscription ${id} no longer exists in Linq: run 'pulumi refresh' to drop it from the ` +
            `state, then 'pulumi up' to create it again`,
        );
      }
      throw explained(err, { id, targetUrl: inputs.targetUrl });
    });
    return { outs: outputsOf(live, inputs, olds.signingSecret) };
  },

  async delete(state: ProcessState, id: string, props: Partial<Outputs> = {}) {
    if (adoptedInThisProcess()[id]) {
      warn(
        state,
        `kept:${id}`,
        `did not delete webhook subscription ${id} (${props.targetUrl ?? "its targetUrl"}): another resource ` +
          `of this update adopted it (a rename without aliases), so deleting this resource only drops it ` +
          `from the state. Next time, rename with the resource option aliases.`,
      );
      return;
    }
    try {
      await clientFor(state).webhookSubscriptions.delete(id);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw explained(err, { id }); // gone is what delete wants
    }
  },
};

const isKnown = (value: unknown) => value !== undefined && !isUnknown(value);
const reasons = (property: InputName, list: string[]): CheckFailure[] =>
  list.map((reason) => ({ property, reason }));

function shapeFailures(news: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(news)) {
    if (key !== "__provider" && !INPUT_NAMES.includes(key as InputName)) {
      failures.push({
        property: key,
        reason: `${key} is not an input of WebhookSubscription: use ${INPUT_NAMES.join(", ")}`,
      });
    }
  }
  for (const name of INPUT_NAMES) {
    const value = news[name];
    if (value === undefined) {
      if (REQUIRED.includes(name))
        failures.push({ property: name, reason: `${name} is required: set it to ${EXPECTED[name]}` });
      continue;
    }
    if (isUnknown(value)) continue;
    const known = Array.isArray(value) ? value.filter((v) => !isUnknown(v)) : value;
    if (!InputsSchema.shape[name].safeParse(known).success) {
      failures.push({ property: name, reason: `${name} must be ${EXPECTED[name]}, got ${describe(value)}` });
    }
  }
  return failures;
}

async function eventFailures(
  state: ProcessState,
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
  const settings = settingsOf(state);
  if (settings.validateOffline) {
    warn(
      state,
      "offline",
      `validating subscribedEvents offline against the ${KNOWN_WEBHOOK_EVENT_TYPES.length} event types bundled with pulumi-linq, not Linq's live list`,
    );
    catalog = { events: KNOWN_WEBHOOK_EVENT_TYPES, source: "bundled" };
  } else {
    try {
      const live = await liveEventTypes(state);
      catalog = { events: live.events, source: "live", docUrl: live.doc_url };
    } catch (err) {
      const why = `could not fetch Linq's list of webhook event types to check subscribedEvents: ${explainUnavailable(err)}`;
      if (!history.unchanged) return reasons("subscribedEvents", [`${why} ${OFFLINE_HINT}`]);
      warn(
        state,
        "unchecked-events",
        `${why.replace(/\.?$/, ".")} Subscriptions whose subscribedEvents are unchanged were not checked ` +
          `again; new or changed ones fail until Linq answers.`,
      );
      return [];
    }
  }
  warnRetired(state, news.targetUrl, retiredEvents(events, catalog, history), catalog);
  return reasons("subscribedEvents", validateSubscribedEvents(events, catalog, history));
}

function warnRetired(state: ProcessState, targetUrl: unknown, retired: string[], catalog: EventCatalog) {
  if (retired.length === 0) return;
  const names = retired.map((e) => JSON.stringify(e)).join(", ");
  const where = isKnown(targetUrl) ? ` of the subscription for ${String(targetUrl)}` : "";
  const them = retired.length > 1 ? "them" : "it";
  const gone =
    catalog.source === "live"
      ? `which Linq has retired (no longer in its list of webhook event types): Linq sends no more such events`
      : `which the ${catalog.events.length} types bundled with pulumi-linq lack (offline validation; Linq may have retired ${them})`;
  warn(
    state,
    `retired:${String(targetUrl)}:${names}`,
    `subscribedEvents${where} lists ${names}, ${gone}. Remove ${them} from subscribedEvents; until then ` +
      `this stays a warning, but changing subscribedEvents while keeping ${them} fails, since Linq refuses ` +
      `to subscribe to a retired type.`,
  );
}

/**
 * The SDK's marker is unknown at preview when the URL comes from an output not known yet: unknown is
 * never a duplicate. The engine checks again with the known value before anything is created.
 */
function duplicateUrlFailures(targetUrl: unknown, firstDeclarer: unknown): CheckFailure[] {
  if (typeof firstDeclarer !== "string" || isUnknown(firstDeclarer)) return [];
  return reasons("targetUrl", [
    `targetUrl ${JSON.stringify(targetUrl)} is also the targetUrl of WebhookSubscription "${firstDeclarer}" ` +
      `in this program, and Linq allows one subscription per URL: give each resource its own URL (a query ` +
      `parameter such as ?line=2 makes it distinct).`,
  ]);
}

/** A targetUrl that another subscription of the account uses cannot be created (one URL, one subscription). */
async function urlFailures(
  state: ProcessState,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
) {
  const settings = settingsOf(state);
  if (news.adopt || settings.adoptExisting || olds.targetUrl === news.targetUrl || settings.validateOffline)
    return [];
  try {
    const holder = (await accountSubscriptions(state)).find((s) => s.target_url === news.targetUrl);
    if (!holder || holder.id === state.replacing?.[holder.target_url]) return [];
    // A new resource may be one of this stack renamed: adopting would let the old one's delete follow.
    const renamed =
      olds.targetUrl === undefined
        ? `If a resource of this stack holds it and you renamed that resource, give the new one the option ` +
          `aliases: [{ name: "<old name>" }] (Pulumi's rename: nothing is deleted or created). Otherwise set `
        : "Set ";
    return reasons("targetUrl", [
      `targetUrl ${JSON.stringify(news.targetUrl)} is already used by webhook subscription ${holder.id} of this ` +
        `Linq account, and Linq allows one subscription per URL. ${renamed}adopt: true (or adopt: ` +
        `"${holder.id}") to take that subscription over, or pick another URL (a query parameter such as ` +
        `?line=2 makes it distinct).`,
    ]);
  } catch (err) {
    return reasons("targetUrl", [`could not check that targetUrl is not taken: ${explainUnavailable(err)}`]);
  }
}

function explainUnavailable(err: unknown): string {
  if (err instanceof ConfigurationError) return err.message;
  const why = explained(err, {});
  return `${why instanceof Error ? why.message : String(why)}.`;
}

const KEY_FIX = `check '${CONFIG_KEYS.apiKey}' (or LINQ_API_V3_API_KEY)`;

/** A refusal by Linq in the words of what to do about it; any other error passes unchanged. */
function explained(err: unknown, about: { id?: string; targetUrl?: string }): unknown {
  const what = about.id ? `webhook subscription ${about.id}` : "this Linq account";
  if (err instanceof AuthenticationError) {
    return new Error(
      `Linq refused the API key (${err.message}): ${KEY_FIX}. 'pulumi refresh' and 'pulumi destroy' use ` +
        `the key recorded at the last 'pulumi up': after changing the key, add --run-program to use the new one`,
      { cause: err },
    );
  }
  if (err instanceof PermissionDeniedError) {
    return new Error(
      `Linq denied this API key access to ${what} (${err.message}): it belongs to another Linq account or ` +
        `the key lacks the permission; ${KEY_FIX} and use the key of the account that owns it`,
      { cause: err },
    );
  }
  if (err instanceof ConflictError && about.targetUrl) {
    return new Error(
      `${err.message}. Linq allows one subscription per targetUrl (${about.targetUrl}): set adopt: true to ` +
        `take the existing subscription over, or pick another URL.`,
      { cause: err },
    );
  }
  return err;
}

function parseInputs(raw: Record<string, unknown>): Inputs {
  const { __provider: _serialized, ...inputs } = raw;
  return InputsSchema.parse(inputs);
}

const sameSet = (a: readonly unknown[] = [], b: readonly unknown[] = []) =>
  new Set(a).size === new Set(b).size && a.every((v) => b.includes(v));
const hasUnknown = (value: unknown) => isUnknown(value) || (Array.isArray(value) && value.some(isUnknown));

/** The fields whose declared value differs from Linq's; list order and an absent phone filter are no change. */
function changedFields(current: Partial<Outputs>, wanted: Record<string, unknown>): UpdatableField[] {
  const changed: UpdatableField[] = [];
  if (hasUnknown(wanted.targetUrl) || current.targetUrl !== wanted.targetUrl) changed.push("targetUrl");
  for (const field of ["subscribedEvents", "phoneNumbers"] as const) {
    const value = wanted[field] as unknown[] | undefined;
    if (hasUnknown(value) || !sameSet(current[field], value)) changed.push(field);
  }
  if (hasUnknown(wanted.isActive) || (current.isActive ?? true) !== (wanted.isActive ?? true))
    changed.push("isActive");
  return changed;
}

function updateBody(fields: UpdatableField[], inputs: Inputs): WebhookSubscriptionUpdateParams {
  const body: WebhookSubscriptionUpdateParams = {};
  if (fields.includes("targetUrl")) body.target_url = inputs.targetUrl;
  if (fields.includes("subscribedEvents")) body.subscribed_events = inputs.subscribedEvents;
  if (fields.includes("phoneNumbers")) body.phone_numbers = inputs.phoneNumbers ?? null;
  if (fields.includes("isActive")) body.is_active = inputs.isActive ?? true;
  return body;
}

/** Linq's view of a subscription, in Pulumi's names, with what only the state knows carried over. */
function outputsOf(
  live: WebhookSubscriptionWire,
  carried: Partial<Inputs>,
  signingSecret: string | undefined,
): Outputs {
  const outputs: Outputs = {
    targetUrl: live.target_url,
    subscribedEvents: live.subscribed_events,
    phoneNumbers: live.phone_numbers ?? undefined,
    isActive: live.is_active,
    createdAt: live.created_at,
    updatedAt: live.updated_at,
    signingSecret,
    rotationTrigger: carried.rotationTrigger,
    adopt: carried.adopt,
  };
  // The engine's struct encoding has no room for undefined.
  return Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined)) as Outputs;
}

async function createOrAdopt(state: ProcessState, inputs: Inputs) {
  const api = clientFor(state);
  if (inputs.adopt || settingsOf(state).adoptExisting) {
    const existing = await findAdoptable(api, inputs);
    if (existing) return adopt(state, api, existing, inputs);
  }
  const result = await api.webhookSubscriptions.create({
    target_url: inputs.targetUrl,
    subscribed_events: inputs.subscribedEvents,
    phone_numbers: inputs.phoneNumbers,
  });
  if (!result.recovered)
    return converge(api, result.subscription, inputs, result.subscription.signing_secret);
  warn(
    state,
    `recovered:${result.subscription.id}`,
    `creating the subscription for ${inputs.targetUrl} got no clear answer (${result.cause.message}); ` +
      `Linq had created it (id ${result.subscription.id}), so it was recorded instead of created twice. ` +
      `Its signing secret was lost: change rotationTrigger to replace it with one whose secret Pulumi records.`,
  );
  return converge(api, result.subscription, inputs, undefined);
}

async function findAdoptable(api: LinqClient, inputs: Inputs): Promise<WebhookSubscriptionWire | undefined> {
  if (typeof inputs.adopt !== "string") {
    return (await api.webhookSubscriptions.list()).find((s) => s.target_url === inputs.targetUrl);
  }
  try {
    return await api.webhookSubscriptions.retrieve(inputs.adopt);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    throw new Error(
      `adopt: this Linq account has no webhook subscription with id "${inputs.adopt}": check the id`,
      {
        cause: err,
      },
    );
  }
}

/**
 * Ids adopted by this provider process, that is in this update. A delete in the same update runs with the
 * provider serialized in the old resource's state, a copy with process state of its own: hence process-wide.
 */
function adoptedInThisProcess(): Record<string, true> {
  const host = globalThis as { [ADOPTED]?: Record<string, true> };
  return (host[ADOPTED] ??= {});
}
const ADOPTED = Symbol.for("pulumi-linq.adopted-subscriptions");

function adopt(state: ProcessState, api: LinqClient, existing: WebhookSubscriptionWire, inputs: Inputs) {
  adoptedInThisProcess()[existing.id] = true;
  warn(
    state,
    `adopted:${existing.id}`,
    `adopted webhook subscription ${existing.id} (${existing.target_url}); its signing secret is unknown to ` +
      `Pulumi, since Linq shows it only at creation: change rotationTrigger to get one that Pulumi records.`,
  );
  return converge(api, existing, inputs, undefined);
}

/**
 * Brings a subscription that now exists in Linq to the declared state. If that fails, the error still
 * carries its id, so the engine records it and nothing is orphaned; the next `up` finishes the job.
 */
async function converge(
  api: LinqClient,
  sub: WebhookSubscriptionWire,
  inputs: Inputs,
  signingSecret?: string,
) {
  const body = updateBody(changedFields(outputsOf(sub, inputs, undefined), inputs), inputs);
  try {
    const live = Object.keys(body).length > 0 ? await api.webhookSubscriptions.update(sub.id, body) : sub;
    return { id: live.id, outs: outputsOf(live, inputs, signingSecret) };
  } catch (err) {
    const partial = new Error(
      `webhook subscription ${sub.id} exists but could not be brought to the declared state: ` +
        `${err instanceof Error ? err.message : String(err)}. Run 'pulumi up' again.`,
      { cause: err },
    ) as Error & { id: string; properties: Outputs; reasons: string[] };
    partial.id = sub.id;
    partial.properties = outputsOf(sub, inputs, signingSecret);
    partial.reasons = [partial.message];
    throw partial;
  }
}

function warn(state: ProcessState, key: string, message: string): void {
  state.warned ??= {};
  if (state.warned[key]) return;
  state.warned[key] = true;
  if (state.logWarning) state.logWarning(message);
  else console.error(`warning: linq: ${message}`); // the engine shows the dynamic provider's stderr beside the resource
}
