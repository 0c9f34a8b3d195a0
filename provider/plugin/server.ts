// The provider plugin's gRPC service (pulumirpc.ResourceProvider): the protocol around the same
// webhookSubscription implementation and data source the dynamic provider and the Node SDK use.
// Served here rather than by @pulumi/pulumi's provider.main, whose configure drops the stack config
// and whose diff has no detailed diff.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { configFailures } from "../config-checks";
import { checkDataSourceArgs } from "../data-source-args";
import type { CheckFailure } from "../validators";
import {
  fetchWebhookEventTypes,
  GetWebhookEventTypesArgsSchema,
  type FetchedLists,
} from "../get-webhook-event-types";
import { toStderr, warn } from "../call-context";
import { newProcessState, type ProcessState } from "../process-state";
import {
  GET_WEBHOOK_EVENT_TYPES_TOKEN,
  GET_WEBHOOK_SUBSCRIPTIONS_TOKEN,
  WEBHOOK_SUBSCRIPTION_TOKEN,
} from "../package-schema";
import {
  fetchWebhookSubscriptions,
  type FetchedInventories,
  GetWebhookSubscriptionsArgsSchema,
} from "../get-webhook-subscriptions";
import { scrubbingErrors } from "../redaction";
import { resolveSettings } from "../settings";
import {
  declaredInputsOf,
  webhookSubscription as implementation,
  type WebhookSubscriptionResource,
} from "../webhook-subscription";
import { SECRET_OUTPUTS } from "../webhook-subscription-schema";
import { checkContext, contextFor, pluginHost, rememberDiff } from "./context";
import { withCustomTimeout } from "./custom-timeouts";
import { withUrn } from "./engine-log";
import { unwrapSecrets, wrapSecrets, type Properties } from "./properties";

/** The resource's logic, as the dynamic provider calls it too. */
const webhookSubscription: WebhookSubscriptionResource = scrubbingErrors(implementation);

export interface PluginOptions {
  version: string;
  schema: string;
  /** Process state shared by every call; a new one if not given. */
  state?: ProcessState;
  /** Where warnings go (engine-log.ts); stderr if not given. */
  logWarning?: (message: string) => void;
}

type Call<Req> = grpc.ServerUnaryCall<Req, unknown>;
type Done = grpc.sendUnaryData<unknown>;

/** Runs one call with its resource's URN in scope (for warnings), answering with its result or error. */
function unary<Req>(urnOf: (req: Req) => string, handle: (req: Req) => Promise<unknown>) {
  return (call: Call<Req>, done: Done) => {
    withUrn(urnOf(call.request), () => handle(call.request)).then(
      (response) => done(null, response),
      (err: unknown) => done(grpcError(err)),
    );
  };
}

const noUrn = () => "";
const toStruct = (value: Properties) => Struct.fromJavaScript(value as never);
const fromStruct = (struct: Struct | undefined): Properties => struct?.toJavaScript() ?? {};
const typeOf = (urn: string) => (urn.split("::")[2] ?? "").split("$").pop() ?? "";
const projectOf = (urn: string) => urn.split("::")[1] ?? "";

function subscriptionOnly(urn: string): void {
  if (typeOf(urn) !== WEBHOOK_SUBSCRIPTION_TOKEN) {
    throw new Error(
      `the linq provider has no resource type ${typeOf(urn)} (it has ${WEBHOOK_SUBSCRIPTION_TOKEN})`,
    );
  }
}

/** Stack config as the engine sends it ("linq:config:apiKey") in the names settings.ts reads ("linq:apiKey"). */
function configReader(variables: Map<string, string>): (key: string) => string | undefined {
  const config: Record<string, string> = {};
  variables.forEach((value, key) => {
    // Unknown during a preview (an output of another resource in an explicit provider): not set yet.
    if (value !== unknownValue) config[key.replace(/:config:/, ":")] = value;
  });
  return (key) => config[key];
}

export function providerService(options: PluginOptions): grpc.UntypedServiceImplementation {
  // The engine sends Cancel on Ctrl-C.
  const cancellation = new AbortController();
  const host = pluginHost(
    options.state ?? newProcessState(),
    options.logWarning ?? toStderr,
    cancellation.signal,
  );
  const { process: state } = host;
  let readConfig: (key: string) => string | undefined = () => undefined;
  /** Linq's event lists fetched by the data source: a plugin process serves one Pulumi operation. */
  const fetchedLists: FetchedLists = {};
  const fetchedInventories: FetchedInventories = {};

  return {
    getPluginInfo: unary(noUrn, async () => new PluginInfo().setVersion(options.version)),
    getSchema: unary(noUrn, async (req: proto.GetSchemaRequest) => {
      if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
      return new proto.GetSchemaResponse().setSchema(options.schema);
    }),
    checkConfig: unary(
      (req: proto.CheckRequest) => req.getUrn(),
      async (req) => {
        const news = fromStruct(req.getNews());
        return new proto.CheckResponse()
          .setInputs(toStruct(secretApiKey(news)))
          .setFailuresList(
            configFailures(unwrapSecrets(news).plain, projectOf(req.getUrn())).map((f) =>
              new proto.CheckFailure().setProperty(f.property).setReason(f.reason),
            ),
          );
      },
    ),
    diffConfig: unary(noUrn, async (req: proto.DiffRequest) => {
      // Compared unwrapped: a key stored as a secret (see secretApiKey) and sent plain is no change.
      const olds = unwrapSecrets(fromStruct(req.getOlds())).plain;
      const news = unwrapSecrets(fromStruct(req.getNews())).plain;
      const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
        (key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]),
      );
      return new proto.DiffResponse()
        .setChanges(
          changed.length > 0
            ? proto.DiffResponse.DiffChanges.DIFF_SOME
            : proto.DiffResponse.DiffChanges.DIFF_NONE,
        )
        .setDiffsList(changed);
    }),
    configure: unary(noUrn, async (req: proto.ConfigureRequest) => {
      readConfig = configReader(req.getVariablesMap() as unknown as Map<string, string>);
      state.settings = resolveSettings(readConfig);
      return new proto.ConfigureResponse().setAcceptsecrets(true).setAcceptresources(false);
    }),

    check: unary(
      (req: proto.CheckRequest) => req.getUrn(),
      async (req) => {
        subscriptionOnly(req.getUrn());
        const news = unwrapSecrets(fromStruct(req.getNews()));
        const result = await webhookSubscription.check(
          checkContext(host, req.getUrn(), news),
          unwrapSecrets(fromStruct(req.getOlds())).plain,
          news.plain,
        );
        return new proto.CheckResponse()
          .setInputs(toStruct(wrapSecrets(result.inputs, news.secret)))
          .setFailuresList(
            result.failures.map((f) => new proto.CheckFailure().setProperty(f.property).setReason(f.reason)),
          );
      },
    ),

    diff: unary(
      (req: proto.DiffRequest) => req.getUrn(),
      async (req) => {
        subscriptionOnly(req.getUrn());
        const olds = unwrapSecrets(fromStruct(req.getOlds())).plain;
        const news = unwrapSecrets(fromStruct(req.getNews())).plain;
        const result = await webhookSubscription.diff(contextFor(host, req.getUrn()), olds, news);
        rememberDiff(host, req.getUrn(), req.getId(), result.changes);
        const response = new proto.DiffResponse()
          .setChanges(
            result.changes
              ? proto.DiffResponse.DiffChanges.DIFF_SOME
              : proto.DiffResponse.DiffChanges.DIFF_NONE,
          )
          .setReplacesList(result.replaces)
          .setDeletebeforereplace(result.deleteBeforeReplace)
          .setDiffsList(result.diffs)
          .setHasdetaileddiff(true);
        const detailed = response.getDetaileddiffMap();
        for (const field of result.diffs) {
          detailed.set(
            field,
            new proto.PropertyDiff()
              .setKind(diffKind(olds[field], result.replaces.includes(field)))
              // Against Linq's view (the outputs), not the last inputs: drift found by refresh shows.
              .setInputdiff(false),
          );
        }
        return response;
      },
    ),

    create: unary(
      (req: proto.CreateRequest) => req.getUrn(),
      async (req) => {
        subscriptionOnly(req.getUrn());
        const inputs = unwrapSecrets(fromStruct(req.getProperties()));
        const ctx = contextFor(host, req.getUrn(), { secretInputs: inputs.secret });
        const secret = [...inputs.secret, ...SECRET_OUTPUTS];
        try {
          const result = await withCustomTimeout(ctx, "create", req.getTimeout(), (scoped) =>
            webhookSubscription.create(scoped, inputs.plain),
          );
          return new proto.CreateResponse()
            .setId(result.id)
            .setProperties(toStruct(wrapSecrets(result.outs, secret)));
        } catch (err) {
          throw withSecretProperties(err, secret);
        }
      },
    ),

    read: unary(
      (req: proto.ReadRequest) => req.getUrn(),
      async (req) => {
        subscriptionOnly(req.getUrn());
        const props = unwrapSecrets(fromStruct(req.getProperties()));
        const inputs = unwrapSecrets(fromStruct(req.getInputs()));
        // An import reads an id the state does not know yet: nothing to carry over, inputs to produce.
        const importing = Object.keys(props.plain).length === 0;
        const ctx = contextFor(host, req.getUrn(), { lastInputs: inputs.plain });
        const result = await webhookSubscription.read(ctx, req.getId(), props.plain);
        const response = new proto.ReadResponse().setId(result.id);
        if (!result.id || !result.props) return response;
        const secret = [...props.secret, ...inputs.secret, ...SECRET_OUTPUTS];
        response.setProperties(toStruct(wrapSecrets(result.props, secret)));
        if (importing) return response.setInputs(toStruct(declaredInputsOf(result.props)));
        return result.inputs
          ? response.setInputs(toStruct(wrapSecrets(result.inputs, inputs.secret)))
          : response;
      },
    ),

    update: unary(
      (req: proto.UpdateRequest) => req.getUrn(),
      async (req) => {
        subscriptionOnly(req.getUrn());
        const olds = unwrapSecrets(fromStruct(req.getOlds()));
        const news = unwrapSecrets(fromStruct(req.getNews()));
        const ctx = contextFor(host, req.getUrn(), { secretInputs: news.secret });
        const result = await withCustomTimeout(ctx, "update", req.getTimeout(), (scoped) =>
          webhookSubscription.update(scoped, req.getId(), olds.plain, news.plain),
        );
        const secret = [...news.secret, ...SECRET_OUTPUTS];
        return new proto.UpdateResponse().setProperties(toStruct(wrapSecrets(result.outs, secret)));
      },
    ),

    delete: unary(
      (req: proto.DeleteRequest) => req.getUrn(),
      async (req) => {
        subscriptionOnly(req.getUrn());
        await withCustomTimeout(contextFor(host, req.getUrn()), "delete", req.getTimeout(), (scoped) =>
          webhookSubscription.delete(scoped, req.getId()),
        );
        return new Empty();
      },
    ),

    invoke: unary(noUrn, async (req: proto.InvokeRequest) => {
      const args = unwrapSecrets(fromStruct(req.getArgs())).plain;
      if (req.getTok() === GET_WEBHOOK_SUBSCRIPTIONS_TOKEN) {
        const checked = checkDataSourceArgs(
          "getWebhookSubscriptions",
          GetWebhookSubscriptionsArgsSchema,
          args,
        );
        if (!("args" in checked)) return invokeFailures(checked.failures);
        const result = await fetchWebhookSubscriptions(readConfig, checked.args, fetchedInventories);
        return new proto.InvokeResponse().setReturn(toStruct(result));
      }
      if (req.getTok() !== GET_WEBHOOK_EVENT_TYPES_TOKEN) {
        throw new Error(
          `the linq provider has no function ${req.getTok()} (it has ${GET_WEBHOOK_EVENT_TYPES_TOKEN} and ` +
            `${GET_WEBHOOK_SUBSCRIPTIONS_TOKEN})`,
        );
      }
      const checked = checkDataSourceArgs("getWebhookEventTypes", GetWebhookEventTypesArgsSchema, args);
      if (!("args" in checked)) return invokeFailures(checked.failures);
      const result = await fetchWebhookEventTypes(readConfig, checked.args, fetchedLists, (message) =>
        warn(contextFor(host, ""), "offline:getWebhookEventTypes", message),
      );
      return new proto.InvokeResponse().setReturn(toStruct(result));
    }),

    cancel: unary(noUrn, async () => {
      cancellation.abort();
      return new Empty();
    }),
  };
}

/**
 * The API key as a secret, whether or not it was set with --secret: the engine stores the provider's
 * checked config in the state, encrypted only where it is a secret. No warning about a key set without
 * --secret: the engine strips secret marks from CheckConfig's inputs (and Configure then gets this
 * wrapped key), so the provider cannot tell, and a warning would be false for every key set as a secret.
 */
function secretApiKey(config: Properties): Properties {
  const { apiKey } = config;
  if (typeof apiKey !== "string" || apiKey === unknownValue) return config;
  return wrapSecrets(config, ["apiKey"]);
}

/** Wrong arguments, as the engine shows an invoke's failures: one line each, naming the argument. */
const invokeFailures = (failures: readonly CheckFailure[]) =>
  new proto.InvokeResponse().setFailuresList(
    failures.map((f) => new proto.CheckFailure().setProperty(f.property).setReason(f.reason)),
  );

/** A field that goes back to its default (no phone filter, active) is an update, not a deletion. */
function diffKind(old: unknown, replace: boolean): proto.PropertyDiff.Kind {
  const { Kind } = proto.PropertyDiff;
  if (old === undefined) return replace ? Kind.ADD_REPLACE : Kind.ADD;
  return replace ? Kind.UPDATE_REPLACE : Kind.UPDATE;
}

/** A create that failed after Linq created the subscription still names it, so the engine records it. */
function withSecretProperties(err: unknown, secret: readonly string[]): unknown {
  const partial = err as { properties?: Properties };
  if (partial && typeof partial === "object" && partial.properties) {
    partial.properties = wrapSecrets(partial.properties, secret);
  }
  return err;
}

/** An error as gRPC status; one carrying an id becomes ErrorResourceInitFailed (created, not converged). */
function grpcError(err: unknown): Partial<grpc.StatusObject> {
  const error = err instanceof Error ? err : new Error(String(err));
  const partial = error as Error & { id?: string; properties?: Properties; reasons?: string[] };
  const metadata = new grpc.Metadata();
  if (partial.id) {
    const detail = new proto.ErrorResourceInitFailed()
      .setId(partial.id)
      .setProperties(toStruct(partial.properties ?? {}))
      .setReasonsList(partial.reasons ?? []);
    const any = new Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new Status().setCode(grpc.status.UNKNOWN).setMessage(error.message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: error.message, metadata };
}
