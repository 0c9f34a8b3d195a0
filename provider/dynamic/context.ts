// The dynamic provider's adapter. The engine's dynamic-provider host calls the serialized provider of
// sdk/webhook-subscription.ts, which requires this module in the provider process and calls
// dynamicWebhookSubscription: here what that host passes, and what the SDK side adds to the inputs (the
// hidden keys of constants.ts, and the host's own __provider), become the resource's CallContext.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { callContext, type CallContext } from "../call-context";
import { DUPLICATE_ADOPT_KEY, DUPLICATE_URL_KEY, SECRET_INPUTS_KEY } from "../constants";
import { DuplicateAdoptClaimSchema, DuplicateUrlClaimSchema } from "../duplicate-url-claim";
import { newProcessState } from "../process-state";
import { scrubbingErrors } from "../redaction";
import { webhookSubscription as implementation, type Inputs, type Outputs } from "../webhook-subscription";

/** Every error it throws redacted and neutralised (redaction.ts), as the plugin's. */
const webhookSubscription = scrubbingErrors(implementation);

/**
 * The process state of the dynamic-provider host. Module-scoped, not captured by the serialized
 * provider: the host deserializes a copy of the provider per serialized text (a resource whose state
 * holds an older text gets a copy of its own), and every copy requires this module, which Node loads
 * once. So a delete run by an old resource's copy sees the ids that a create of this update adopted.
 */
const processState = newProcessState();

/**
 * targetUrl -> id of the subscription whose diff found changes, which the engine may replace
 * (rotationTrigger). The engine then checks the replacement again, with no old inputs and no id
 * (pulumi's step_generator.go), and creates it while the URL is still held (by that subscription, or
 * kept by retainOnDelete). This host passes no URN: the key is the URL, which the SDK side's
 * duplicate-URL claim makes unique within the program.
 */
const changedByUrl: Record<string, string> = Object.create(null) as Record<string, string>;

/** What the SDK side and the host add to the inputs, taken out: the inputs, and what they told. */
function fromSdk(raw: Record<string, unknown>) {
  const {
    [DUPLICATE_URL_KEY]: claim,
    [DUPLICATE_ADOPT_KEY]: adoptClaim,
    [SECRET_INPUTS_KEY]: secret,
    __provider: _code,
    ...inputs
  } = raw;
  return {
    inputs,
    // Unknown at preview when the URL comes from an output not known yet: never a duplicate then (the
    // engine checks again with the known value before anything is created).
    duplicateUrl: DuplicateUrlClaimSchema.safeParse(claim).data,
    duplicateAdopt: DuplicateAdoptClaimSchema.safeParse(adoptClaim).data,
    secretInputs: Array.isArray(secret) ? secret.filter((n): n is string => typeof n === "string") : [],
  };
}

function context(targetUrl?: unknown, known: Partial<CallContext> = {}): CallContext {
  const replaced = typeof targetUrl === "string" ? changedByUrl[targetUrl] : undefined;
  return callContext(processState, { ...(replaced ? { replacing: { id: replaced } } : {}), ...known });
}

export const dynamicWebhookSubscription = {
  configure: (req: dynamic.ConfigureRequest) => webhookSubscription.configure(context(), req),

  check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    const { inputs, duplicateUrl, duplicateAdopt, secretInputs } = fromSdk(news);
    const ctx = context(inputs.targetUrl, { duplicateUrl, duplicateAdopt, secretInputs });
    return webhookSubscription.check(ctx, fromSdk(olds).inputs, inputs);
  },

  async diff(id: string, olds: Partial<Outputs>, news: Record<string, unknown>) {
    const result = await webhookSubscription.diff(context(), olds, fromSdk(news).inputs);
    if (result.changes && typeof news.targetUrl === "string") changedByUrl[news.targetUrl] = id;
    return result;
  },

  create(raw: Record<string, unknown>) {
    const { inputs } = fromSdk(raw);
    return webhookSubscription.create(context(inputs.targetUrl), inputs);
  },

  // The host passes no last inputs: the resource takes them from the last outputs. @pulumi/pulumi types
  // ReadResult.inputs as the outputs' type; the host records them as the resource's inputs.
  read: (id: string, props?: Partial<Outputs>) =>
    webhookSubscription.read(context(), id, props && fromSdk(props).inputs) as Promise<
      dynamic.ReadResult<Outputs>
    >,

  update: (id: string, olds: Partial<Outputs>, news: Record<string, unknown>) =>
    webhookSubscription.update(context(), id, olds, fromSdk(news).inputs),

  delete: (id: string) => webhookSubscription.delete(context(), id),
} satisfies dynamic.ResourceProvider<Inputs, Outputs>;
