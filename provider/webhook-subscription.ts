// WebhookSubscription: the resource's check, diff, create, read, update, delete and adoption, in
// Pulumi's names. Its inputs and outputs are webhook-subscription-schema.ts, its checks
// webhook-subscription-checks.ts, Linq's refusals in words refusals.ts, Linq's names wire.ts.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ConflictError, NotFoundError, type LinqClient, type WebhookSubscriptionWire } from "./client";
import { recoverCancelledCreate } from "./cancelled-create";
import { DUPLICATE_URL_KEY, SECRET_INPUTS_KEY } from "./constants";
import { clientFor } from "./live-account";
import { settingsOf, warn, type ProcessState } from "./process-state";
import { redact, redactError, rememberSecrets } from "./redaction";
import { diagnostic, problem, whole } from "./safe-text";
import { explained, keptPredecessorRefusal } from "./refusals";
import { resolveSettings } from "./settings";
import { hasUnknown, sameSet, type CheckFailure } from "./validators";
import { inputFailures, normalizeInputs } from "./webhook-subscription-checks";
import { InputsSchema, type Inputs, type Outputs } from "./webhook-subscription-schema";
import { createBody, fromWire, outputsOf, updateBody, type UpdatableField } from "./wire";

export type { Inputs, Outputs } from "./webhook-subscription-schema";

/**
 * What every entry point calls (the dynamic provider of sdk/, the plugin of provider/plugin/), each with
 * its process state: TypeScript's version of terraform-plugin-framework's `var _ resource.Resource = &X{}`.
 * Inputs arrive as the engine sends them, unchecked, unknowns included: hence Record<string, unknown>.
 */
export interface WebhookSubscriptionResource {
  configure(state: ProcessState, req: dynamic.ConfigureRequest): Promise<void>;
  /** `inputs` are the ones to record, valid once `failures` is empty (the engine goes no further otherwise). */
  check(
    state: ProcessState,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<{ inputs: Inputs; failures: CheckFailure[] }>;
  diff(
    state: ProcessState,
    id: string,
    olds: Partial<Outputs>,
    news: Record<string, unknown>,
  ): Promise<{ changes: boolean; replaces: string[]; diffs: string[]; deleteBeforeReplace: boolean }>;
  create(state: ProcessState, inputs: Record<string, unknown>): Promise<{ id: string; outs: Outputs }>;
  /**
   * A blank id: the subscription is gone from Linq. `inputs`, when some field changed outside Pulumi: the
   * ones to record instead of the last (`last`, or the last outputs where an entry point lacks them).
   */
  read(
    state: ProcessState,
    id: string,
    props?: Partial<Outputs>,
    last?: Record<string, unknown>,
  ): Promise<{ id: string; props?: Outputs; inputs?: Record<string, unknown> }>;
  update(
    state: ProcessState,
    id: string,
    olds: Partial<Outputs>,
    news: Record<string, unknown>,
  ): Promise<{ outs: Outputs }>;
  delete(state: ProcessState, id: string): Promise<void>;
}

export const webhookSubscription = {
  /** Synchronous on purpose: the engine may send the next call before a returned promise settles. */
  configure(state: ProcessState, req: dynamic.ConfigureRequest): Promise<void> {
    state.settings = resolveSettings((key) => req.config.get(key));
    return Promise.resolve();
  },

  async check(state: ProcessState, olds: Record<string, unknown>, raw: Record<string, unknown>) {
    const { [DUPLICATE_URL_KEY]: duplicateClaim, [SECRET_INPUTS_KEY]: secretNames, ...given } = raw;
    const news = normalizeInputs(given);
    const secret = Array.isArray(secretNames) ? secretNames.filter((n) => typeof n === "string") : [];
    rememberSecrets((state.secrets ??= {}), news, secret);
    const failures = (await inputFailures(state, olds, news, duplicateClaim, secret)).map((f) => ({
      ...f,
      reason: redact(f.reason, state.secrets),
    }));
    return { inputs: news as Inputs, failures };
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
    return createOrAdopt(state, inputs).catch(async (err: unknown) => {
      const why =
        (await keptPredecessor(state, inputs.targetUrl, err)) ??
        explained(err, { targetUrl: inputs.targetUrl });
      throw redactError(why, state.secrets);
    });
  },

  async read(state: ProcessState, id: string, props: Partial<Outputs> = {}, last?: Record<string, unknown>) {
    try {
      const live = outputsOf(
        await clientFor(state).webhookSubscriptions.retrieve(id),
        props,
        props.signingSecret,
      );
      return { id, props: live, inputs: refreshedInputs(last ?? lastInputsOf(props), live) };
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
          diagnostic(
            problem`webhook subscription ${whole(id)} no longer exists in Linq`,
            "Run 'pulumi refresh' to drop it from the state, then 'pulumi up' to create it again",
          ),
        );
      }
      throw redactError(explained(err, { id, targetUrl: inputs.targetUrl }), state.secrets);
    });
    return { outs: outputsOf(live, inputs, olds.signingSecret) };
  },

  async delete(state: ProcessState, id: string) {
    if (adoptedInThisProcess()[id]) {
      // The id, not the URL: this delete may run with a provider copy whose state saw no check, so it
      // would not know a secret URL to redact (see adoptedInThisProcess).
      warn(
        state,
        `kept:${id}`,
        diagnostic(
          problem`did not delete webhook subscription ${whole(id)}: another resource of this update adopted it (a rename without aliases)`,
          "Deleting this resource only drops it from the state. Next time, rename with the resource option aliases",
          "renaming",
        ),
      );
      return;
    }
    try {
      await clientFor(state).webhookSubscriptions.delete(id);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw explained(err, { id }); // gone is what delete wants
    }
  },
} satisfies WebhookSubscriptionResource;

/**
 * A replacement's create refused (409) because the subscription it replaces still holds the URL: the
 * engine skipped its delete (retainOnDelete) or has not run it yet (deleteBeforeReplace: false). "Set
 * adopt: true" would take back the old subscription, defeating a rotation, so this says what happened instead.
 */
async function keptPredecessor(state: ProcessState, targetUrl: string, err: unknown) {
  const replaced = state.replacing?.[targetUrl];
  if (!(err instanceof ConflictError) || !replaced) return undefined;
  const holder = await clientFor(state)
    .webhookSubscriptions.retrieve(replaced)
    .catch(() => undefined);
  return holder?.target_url === targetUrl
    ? new Error(keptPredecessorRefusal(replaced, targetUrl))
    : undefined;
}

function parseInputs(raw: Record<string, unknown>): Inputs {
  const { __provider: _serialized, ...inputs } = raw;
  return InputsSchema.parse(inputs);
}

/** The inputs that reproduce a subscription as Linq has it, without its defaults (active, every number). */
export function declaredInputsOf(props: Partial<Outputs>): Partial<Inputs> {
  const { targetUrl, subscribedEvents, phoneNumbers, isActive } = props;
  return {
    targetUrl,
    subscribedEvents,
    ...(phoneNumbers && phoneNumbers.length > 0 ? { phoneNumbers } : {}),
    ...(isActive === false ? { isActive } : {}),
  };
}

/** The last inputs as the last outputs (which carry every input) tell them. */
function lastInputsOf(props: Partial<Outputs>): Record<string, unknown> {
  const { rotationTrigger, adopt } = props;
  return {
    ...declaredInputsOf(props),
    ...(rotationTrigger ? { rotationTrigger } : {}),
    ...(adopt ? { adopt } : {}),
  };
}

/**
 * After a refresh, the last inputs with Linq's values of the fields changed outside Pulumi; undefined if
 * none changed. Recorded, they are what the resource option ignoreChanges keeps, so that an ignored field
 * stays as Linq has it (as Terraform-bridged providers do); a field the program does not ignore still
 * differs from the program's, and the next `up` puts it back.
 */
function refreshedInputs(last: Record<string, unknown>, live: Outputs): Record<string, unknown> | undefined {
  const drifted = changedFields(live, last);
  if (drifted.length === 0) return undefined;
  const declared = declaredInputsOf(live);
  const refreshed = { ...last };
  for (const field of drifted) {
    if (declared[field] === undefined) delete refreshed[field];
    else refreshed[field] = declared[field];
  }
  return refreshed;
}

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

async function createOrAdopt(state: ProcessState, inputs: Inputs) {
  const api = clientFor(state);
  if (inputs.adopt || settingsOf(state).adoptExisting) {
    const existing = await findAdoptable(api, inputs);
    if (existing) return adopt(state, api, existing, inputs);
  }
  const body = createBody(inputs);
  const startedAt = Date.now();
  const result = await api.webhookSubscriptions
    .create(body)
    .catch((err: unknown) => recoverCancelledCreate(api, body, startedAt, err));
  if (!result.recovered)
    return converge(api, result.subscription, inputs, fromWire(result.subscription).signingSecret);
  warn(
    state,
    `recovered:${result.subscription.id}`,
    diagnostic(
      problem`creating the subscription for ${inputs.targetUrl} got no clear answer; Linq had created it (id ${whole(result.subscription.id)})`,
      [
        `It was recorded instead of created twice (${result.cause.message})`,
        `Its signing secret was lost: change rotationTrigger to replace it with one whose secret Pulumi records`,
      ],
    ),
  );
  return converge(api, result.subscription, inputs, undefined);
}

async function findAdoptable(api: LinqClient, inputs: Inputs): Promise<WebhookSubscriptionWire | undefined> {
  if (typeof inputs.adopt !== "string") {
    return (await api.webhookSubscriptions.list()).find((s) => fromWire(s).targetUrl === inputs.targetUrl);
  }
  try {
    return await api.webhookSubscriptions.retrieve(inputs.adopt);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    throw new Error(
      diagnostic(
        problem`adopt: this Linq account has no webhook subscription with id "${inputs.adopt}"`,
        "Check the id, or set adopt: true to adopt the one that uses targetUrl",
      ),
      { cause: err },
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
    diagnostic(
      problem`adopted webhook subscription ${whole(existing.id)} (${fromWire(existing).targetUrl}); its signing secret is unknown to Pulumi`,
      "Change rotationTrigger to get one that Pulumi records: Linq shows it only at creation",
    ),
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
      diagnostic(
        problem`webhook subscription ${whole(sub.id)} exists but could not be brought to the declared state`,
        [err instanceof Error ? err.message : String(err), "Run 'pulumi up' again"],
      ),
      { cause: err },
    ) as Error & { id: string; properties: Outputs; reasons: string[] };
    partial.id = sub.id;
    partial.properties = outputsOf(sub, inputs, signingSecret);
    partial.reasons = [partial.message];
    throw partial;
  }
}
