// WebhookSubscription: the resource's check, diff, create, read, update, delete and adoption, in
// Pulumi's names. Its inputs and outputs are webhook-subscription-schema.ts, its checks
// webhook-subscription-checks.ts, Linq's refusals in words refusals.ts, Linq's names wire.ts.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ConflictError, NotFoundError, type LinqClient, type WebhookSubscriptionWire } from "./client";
import { recoverCancelledCreate } from "./cancelled-create";
import { warn, type CallContext } from "./call-context";
import { clientFor } from "./live-account";
import { settingsOf } from "./process-state";
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
 * What every entry point calls (the dynamic provider's adapter, dynamic/context.ts, and the plugin's,
 * plugin/context.ts), each with the CallContext it builds: TypeScript's version of
 * terraform-plugin-framework's `var _ resource.Resource = &X{}`. Inputs arrive as the engine sends
 * them, unchecked, unknowns included: hence Record<string, unknown>.
 */
export interface WebhookSubscriptionResource {
  configure(ctx: CallContext, req: dynamic.ConfigureRequest): Promise<void>;
  /** `inputs` are the ones to record, valid once `failures` is empty (the engine goes no further otherwise). */
  check(
    ctx: CallContext,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<{ inputs: Inputs; failures: CheckFailure[] }>;
  diff(
    ctx: CallContext,
    olds: Partial<Outputs>,
    news: Record<string, unknown>,
  ): Promise<{ changes: boolean; replaces: string[]; diffs: string[]; deleteBeforeReplace: boolean }>;
  create(ctx: CallContext, inputs: Record<string, unknown>): Promise<{ id: string; outs: Outputs }>;
  /**
   * A blank id: the subscription is gone from Linq. `inputs`, when some field changed outside Pulumi: the
   * ones to record instead of the last (ctx.lastInputs, or the last outputs where an entry point lacks them).
   */
  read(
    ctx: CallContext,
    id: string,
    props?: Partial<Outputs>,
  ): Promise<{ id: string; props?: Outputs; inputs?: Record<string, unknown> }>;
  update(
    ctx: CallContext,
    id: string,
    olds: Partial<Outputs>,
    news: Record<string, unknown>,
  ): Promise<{ outs: Outputs }>;
  delete(ctx: CallContext, id: string): Promise<void>;
}

export const webhookSubscription = {
  /** Synchronous on purpose: the engine may send the next call before a returned promise settles. */
  configure(ctx: CallContext, req: dynamic.ConfigureRequest): Promise<void> {
    ctx.process.settings = resolveSettings((key) => req.config.get(key));
    return Promise.resolve();
  },

  async check(ctx: CallContext, olds: Record<string, unknown>, given: Record<string, unknown>) {
    const news = normalizeInputs(given);
    rememberSecrets(ctx.process.secrets, news, ctx.secretInputs);
    const failures = (await inputFailures(ctx, olds, news)).map((f) => ({
      ...f,
      reason: redact(f.reason, ctx.process.secrets),
    }));
    return { inputs: news as Inputs, failures };
  },

  /**
   * `changes` with `replaces` empty may still become a replacement: the engine also replaces on any
   * change that replaceOnChanges names, unknown to this diff. A host remembers the id of a changed
   * resource for that case (CallContext.replacing).
   */
  async diff(_ctx: CallContext, olds: Partial<Outputs>, news: Record<string, unknown>) {
    const replace = olds.rotationTrigger !== news.rotationTrigger;
    const changed = changedFields(olds, news);
    return {
      changes: replace || changed.length > 0,
      replaces: replace ? ["rotationTrigger"] : [],
      /** The inputs that change, for an entry point that reports a detailed diff (the plugin). */
      diffs: replace ? [...changed, "rotationTrigger"] : changed,
      // Linq allows one subscription per URL: the old one has to go before its successor is created.
      deleteBeforeReplace: true,
    };
  },

  async create(ctx: CallContext, raw: Record<string, unknown>) {
    rememberSecrets(ctx.process.secrets, raw, ctx.secretInputs);
    const inputs = InputsSchema.parse(raw);
    return createOrAdopt(ctx, inputs).catch(async (err: unknown) => {
      const why =
        (await keptPredecessor(ctx, inputs.targetUrl, err)) ??
        explained(err, { targetUrl: inputs.targetUrl });
      throw redactError(why, ctx.process.secrets);
    });
  },

  async read(ctx: CallContext, id: string, props: Partial<Outputs> = {}) {
    try {
      const live = outputsOf(
        await clientFor(ctx).webhookSubscriptions.retrieve(id),
        props,
        props.signingSecret,
      );
      return { id, props: live, inputs: refreshedInputs(ctx.lastInputs ?? lastInputsOf(props), live) };
    } catch (err) {
      // Deleted outside Pulumi: a blank id tells the engine to drop it from the state.
      if (err instanceof NotFoundError) return { id: "" };
      throw explained(err, { id });
    }
  },

  async update(ctx: CallContext, id: string, olds: Partial<Outputs>, news: Record<string, unknown>) {
    rememberSecrets(ctx.process.secrets, news, ctx.secretInputs);
    const inputs = InputsSchema.parse(news);
    const api = clientFor(ctx);
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
      throw redactError(explained(err, { id, targetUrl: inputs.targetUrl }), ctx.process.secrets);
    });
    return { outs: outputsOf(live, inputs, olds.signingSecret) };
  },

  async delete(ctx: CallContext, id: string) {
    if (ctx.process.adopted[id]) {
      // The id, not the URL: in the dynamic provider, this delete runs with the provider serialized in
      // the old resource's state, which may have seen no check of a secret URL to redact.
      warn(
        ctx,
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
      await clientFor(ctx).webhookSubscriptions.delete(id);
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
async function keptPredecessor(ctx: CallContext, targetUrl: string, err: unknown) {
  const replaced = ctx.replacing?.id;
  if (!(err instanceof ConflictError) || !replaced) return undefined;
  const holder = await clientFor(ctx)
    .webhookSubscriptions.retrieve(replaced)
    .catch(() => undefined);
  return holder?.target_url === targetUrl
    ? new Error(keptPredecessorRefusal(replaced, targetUrl))
    : undefined;
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

async function createOrAdopt(ctx: CallContext, inputs: Inputs) {
  const api = clientFor(ctx);
  if (inputs.adopt || settingsOf(ctx.process).adoptExisting) {
    const existing = await findAdoptable(api, inputs);
    if (existing) return adopt(ctx, api, existing, inputs);
  }
  const body = createBody(inputs);
  const startedAt = Date.now();
  const result = await api.webhookSubscriptions
    .create(body)
    .catch((err: unknown) => recoverCancelledCreate(api, body, startedAt, err));
  if (!result.recovered)
    return converge(api, result.subscription, inputs, fromWire(result.subscription).signingSecret);
  warn(
    ctx,
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

function adopt(ctx: CallContext, api: LinqClient, existing: WebhookSubscriptionWire, inputs: Inputs) {
  ctx.process.adopted[existing.id] = true;
  warn(
    ctx,
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
