// The provider's handlers called as the engine calls them, in this process, against the emulator: the Node
// analogue of pulumi-go-provider's integration.LifeCycleTest, on both entry points. `dynamic provider`:
// sdk/webhook-subscription.ts's dynamicProvider as @pulumi/pulumi's dynamic-provider host
// (cmd/dynamic-provider/index.js) calls it; `plugin`: provider/plugin/server.ts's service on a gRPC
// server on 127.0.0.1, spoken to as the engine speaks to it. Each up, refresh and destroy is one engine
// operation with a provider process of its own (fresh caches, warnings shown once), and between them the
// resource is recorded as the engine records it: id, checked inputs, outputs, init errors.
import { promisify } from "node:util";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { Config } from "@pulumi/pulumi/cmd/dynamic-provider/config";
import { ResourceProviderClient, ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { packageSchema } from "../../provider/package-schema";
import { providerService } from "../../provider/plugin/server";
import type { EmulatorAddress } from "./emulator";

export type Props = Record<string, unknown>;
export const HOSTS = ["dynamic provider", "plugin"] as const;
export type Host = (typeof HOSTS)[number];

/** What the engine keeps of the resource between operations (as the provider returned it: secrets wrapped). */
export interface Recorded {
  id: string;
  inputs: Props;
  outputs: Props;
  /** Set by a create that made the subscription but failed after (ErrorResourceInitFailed). */
  initErrors?: string[];
  /** The resource option as of the last up: the engine then drops the resource instead of deleting it. */
  retainOnDelete?: boolean;
}

/** Resource options that change what the engine does; customTimeouts as the seconds it sends. */
export interface Options {
  deleteBeforeReplace?: boolean;
  retainOnDelete?: boolean;
  timeout?: number;
}

export interface Step {
  /** What the engine did with the resource. */
  op: "preview" | "create" | "update" | "replace" | "same" | "refresh" | "delete";
  /** The provider's calls, in order. */
  calls: string[];
  /** Warnings the provider gave the engine (the plugin's log; the dynamic provider's stderr). */
  warnings: string[];
}

/** A create that Linq carried out but that failed after: the engine records the id and these outputs. */
export class InitFailed extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: Props,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

/** One provider process, in the engine's terms: `olds` of a recorded resource are its outputs. */
interface ProviderProcess {
  check(
    olds: Props,
    news: Props,
  ): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  diff(
    old: Recorded,
    news: Props,
  ): Promise<{ changes: boolean; replace: boolean; deleteBeforeReplace: boolean }>;
  create(inputs: Props, timeout: number): Promise<{ id: string; outputs: Props }>;
  read(old: Recorded): Promise<{ id: string; outputs: Props; inputs?: Props }>;
  update(old: Recorded, news: Props, timeout: number): Promise<Props>;
  delete(old: Recorded, timeout: number): Promise<void>;
}

interface Session {
  provider: ProviderProcess;
  warnings: string[];
  close(): void;
}

const PROJECT = "lifecycle";
const PROVIDER_KEY = "__provider"; // where a dynamic resource carries its serialized provider
/** Stands for the serialized provider text: the host only finds the provider by it and carries it over. */
const SERIALIZED_PROVIDER = "exports.handler = /* sdk/webhook-subscription.ts dynamicProvider */ undefined;";
/** One trip through google.protobuf.Struct, as every value between the engine and a provider takes. */
const wire = (value: Props): Props => Struct.fromJavaScript(value as never).toJavaScript();
const isSecret = (v: unknown): v is { value: unknown } =>
  typeof v === "object" && v !== null && (v as Props)[specialSigKey] === specialSecretSig;

/** Values without secret wrappers or the dynamic provider's own key: what a program would see. */
export function plain(props: Props): Props {
  const { [PROVIDER_KEY]: _provider, ...rest } = props;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, isSecret(v) ? v.value : v]));
}

/** The names of the properties recorded as secrets. */
export const secretNames = (props: Props): string[] => Object.keys(props).filter((k) => isSecret(props[k]));

/** Packages that the SDK's modules load: shared by every fresh copy, which only they would slow down. */
const SHARED_PACKAGES = ["@pulumi/pulumi", "@pulumi/pulumi/runtime/rpc", "zod", "axios"];

/**
 * Runs one operation with module instances of its own, as a new provider process has: the dynamic host's
 * process state lives in a module (provider/dynamic/context.ts) that the serialized provider requires when
 * the engine calls it, so the isolation lasts for the whole operation, not only while dynamicProvider loads.
 */
async function inFreshModules<T>(body: () => Promise<T>): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the instances already loaded
  const shared = SHARED_PACKAGES.map((name) => [name, require(name) as unknown] as const);
  let result: { value: T } | undefined;
  await jest.isolateModulesAsync(async () => {
    for (const [name, instance] of shared) jest.doMock(name, () => instance);
    result = { value: await body() };
  });
  return result!.value;
}

/** dynamicProvider as the host gets it by deserializing it: loaded in the operation's own modules. */
const freshDynamicProvider = (): pulumi.dynamic.ResourceProvider =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance, on purpose
  (require("../../sdk/webhook-subscription") as typeof import("../../sdk/webhook-subscription"))
    .dynamicProvider;

/** An error as the dynamic host sends it to the engine: its message, and an id when the resource exists. */
function fromDynamicError(err: unknown): Error {
  const e = err as Error & { id?: string; properties?: Props; reasons?: string[] };
  if (e.id) return new InitFailed(e.message, e.id, wire(e.properties ?? {}), e.reasons ?? []);
  return new Error(e.message);
}

/**
 * The provider's settings without their namespace: the emulator's key and URL, with `overrides` (a key set
 * to undefined is not set at all).
 */
function settingsOf(emulator: EmulatorAddress, overrides: Props): Record<string, string> {
  const all: Props = { apiKey: emulator.apiKey, baseUrl: emulator.url, ...overrides };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

async function dynamicProcess(emulator: EmulatorAddress, overrides: Props): Promise<Session> {
  const provider = freshDynamicProvider();
  const warnings: string[] = [];
  const stderr = console.error;
  // The engine shows the process's stderr; the provider writes its warnings there.
  jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    const line = args.map(String).join(" ");
    if (line.startsWith("warning: linq: ")) warnings.push(line.slice("warning: linq: ".length));
    else stderr(...args);
  });
  // The engine hands a dynamic provider the whole stack config, namespaced (deploy/target.go).
  const config = Object.fromEntries(
    Object.entries(settingsOf(emulator, overrides)).map(([key, value]) => [`linq:${key}`, value]),
  );
  await provider.configure!({ config: new Config(config, PROJECT) });
  const withProvider = (props: Props): Props => ({ ...props, [PROVIDER_KEY]: SERIALIZED_PROVIDER });
  const outputsOf = (outs: unknown) => wire(withProvider((outs ?? {}) as Props));
  const process: ProviderProcess = {
    async check(olds, news) {
      const result = await provider.check!(wire(olds), wire(withProvider(news)));
      return { inputs: wire(withProvider(result.inputs as Props)), failures: result.failures ?? [] };
    },
    async diff(old, news) {
      const result = await provider.diff!(old.id, wire(old.outputs), wire(news));
      return {
        changes: result.changes !== false,
        replace: (result.replaces ?? []).length > 0,
        deleteBeforeReplace: result.deleteBeforeReplace ?? false,
      };
    },
    async create(inputs) {
      const result = await provider.create(wire(inputs)).catch((err: unknown) => {
        throw fromDynamicError(err);
      });
      return { id: result.id, outputs: outputsOf(result.outs) };
    },
    async read(old) {
      const result = await provider.read!(old.id, wire(old.outputs));
      return {
        id: result.id ?? "",
        outputs: outputsOf(result.props),
        ...(result.inputs ? { inputs: outputsOf(result.inputs) } : {}),
      };
    },
    async update(old, news) {
      const result = await provider.update!(old.id, wire(old.outputs), wire(news)).catch((err: unknown) => {
        throw fromDynamicError(err);
      });
      return outputsOf(result.outs);
    },
    async delete(old) {
      await provider.delete!(old.id, wire(old.outputs));
    },
  };
  return {
    provider: process,
    warnings,
    close: () => jest.mocked(console.error).mockRestore(),
  };
}

/** A unary call of the plugin's service; a gRPC error becomes the error the engine would report. */
function rpc<Res>(client: ResourceProviderClient, method: string, request: unknown): Promise<Res> {
  const fn = (
    client as unknown as Record<string, (r: unknown, cb: (e: Error | null, r: Res) => void) => void>
  )[method]!.bind(client);
  return promisify(fn)(request).catch((err: grpc.ServiceError) => {
    throw fromGrpcError(err);
  });
}

function fromGrpcError(err: grpc.ServiceError): Error {
  const [details] = err.metadata?.get("grpc-status-details-bin") ?? [];
  const [any] = details ? Status.deserializeBinary(details as Buffer).getDetailsList() : [];
  if (!any) return new Error(err.details);
  const failed = proto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
  return new InitFailed(
    err.details,
    failed.getId(),
    failed.getProperties()?.toJavaScript() ?? {},
    failed.getReasonsList(),
  );
}

const struct = (props: Props) => Struct.fromJavaScript(props as never);
const fromStruct = (s: Struct | undefined): Props => s?.toJavaScript() ?? {};

async function pluginProcess(emulator: EmulatorAddress, urn: string, overrides: Props): Promise<Session> {
  const warnings: string[] = [];
  const version = "0.0.0-lifecycle";
  const server = new grpc.Server();
  server.addService(
    ResourceProviderService,
    providerService({
      version,
      schema: JSON.stringify(packageSchema(version)),
      logWarning: (message) => warnings.push(message),
    }),
  );
  const port = await promisify(server.bindAsync.bind(server))(
    "127.0.0.1:0",
    grpc.ServerCredentials.createInsecure(),
  );
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = <Res>(method: string, request: unknown) => rpc<Res>(client, method, request);

  // The default provider: its config checked, then configured with what check returned (registry.go).
  const providerUrn = `urn:pulumi:test::${PROJECT}::pulumi:providers:linq::default`;
  const checked = await call<proto.CheckResponse>(
    "checkConfig",
    new proto.CheckRequest()
      .setUrn(providerUrn)
      .setOlds(struct({}))
      .setNews(struct(settingsOf(emulator, overrides))),
  );
  const refused = checked.getFailuresList().map((f) => f.getReason());
  if (refused.length > 0) {
    client.close();
    server.forceShutdown();
    throw new Error(`provider config refused: ${refused.join("; ")}`);
  }
  const configure = new proto.ConfigureRequest().setArgs(checked.getInputs());
  const variables = configure.getVariablesMap();
  for (const [key, value] of Object.entries(plain(fromStruct(checked.getInputs()))))
    variables.set(`linq:config:${key}`, String(value));
  await call("configure", configure);

  const process: ProviderProcess = {
    async check(olds, news) {
      const response = await call<proto.CheckResponse>(
        "check",
        new proto.CheckRequest().setUrn(urn).setOlds(struct(olds)).setNews(struct(news)),
      );
      const failures = response
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
      return { inputs: fromStruct(response.getInputs()), failures };
    },
    async diff(old, news) {
      const response = await call<proto.DiffResponse>(
        "diff",
        new proto.DiffRequest()
          .setUrn(urn)
          .setId(old.id)
          .setOlds(struct(old.outputs))
          .setOldInputs(struct(old.inputs))
          .setNews(struct(news)),
      );
      return {
        changes: response.getChanges() !== proto.DiffResponse.DiffChanges.DIFF_NONE,
        replace: response.getReplacesList().length > 0,
        deleteBeforeReplace: response.getDeletebeforereplace(),
      };
    },
    async create(inputs, timeout) {
      const response = await call<proto.CreateResponse>(
        "create",
        new proto.CreateRequest().setUrn(urn).setProperties(struct(inputs)).setTimeout(timeout),
      );
      return { id: response.getId(), outputs: fromStruct(response.getProperties()) };
    },
    async read(old) {
      const response = await call<proto.ReadResponse>(
        "read",
        new proto.ReadRequest()
          .setUrn(urn)
          .setId(old.id)
          .setProperties(struct(old.outputs))
          .setInputs(struct(old.inputs)),
      );
      const inputs = response.getInputs();
      return {
        id: response.getId(),
        outputs: fromStruct(response.getProperties()),
        ...(inputs ? { inputs: fromStruct(inputs) } : {}),
      };
    },
    async update(old, news, timeout) {
      const response = await call<proto.UpdateResponse>(
        "update",
        new proto.UpdateRequest()
          .setUrn(urn)
          .setId(old.id)
          .setOlds(struct(old.outputs))
          .setOldInputs(struct(old.inputs))
          .setNews(struct(news))
          .setTimeout(timeout),
      );
      return fromStruct(response.getProperties());
    },
    async delete(old, timeout) {
      await call(
        "delete",
        new proto.DeleteRequest()
          .setUrn(urn)
          .setId(old.id)
          .setProperties(struct(old.outputs))
          .setOldInputs(struct(old.inputs))
          .setTimeout(timeout),
      );
    },
  };
  return {
    provider: process,
    warnings,
    close: () => {
      client.close();
      server.forceShutdown();
    },
  };
}

/** The provider's methods, each call's name appended to `calls` first. */
function recording(provider: ProviderProcess, calls: string[]): ProviderProcess {
  const named = Object.entries(provider).map(([name, fn]: [string, (...args: unknown[]) => unknown]) => [
    name,
    (...args: unknown[]) => {
      calls.push(name);
      return fn(...args);
    },
  ]);
  return Object.fromEntries(named) as ProviderProcess;
}

/**
 * One resource of a stack, taken through the engine's operations on one entry point; the provider's
 * settings are the emulator's, with `settings` (see settingsOf).
 */
export function lifecycle(host: Host, emulator: EmulatorAddress, name = "hook", settings: Props = {}) {
  const urn = `urn:pulumi:test::${PROJECT}::linq:index:WebhookSubscription::${name}`;
  let recorded: Recorded | undefined;

  /** One engine operation, with a provider process of its own. */
  async function operation(run: (provider: ProviderProcess) => Promise<Step["op"]>): Promise<Step> {
    const inProcess = async () => {
      const session =
        host === "plugin"
          ? await pluginProcess(emulator, urn, settings)
          : await dynamicProcess(emulator, settings);
      const calls: string[] = [];
      try {
        const op = await run(recording(session.provider, calls));
        return { op, calls, warnings: session.warnings };
      } finally {
        session.close();
      }
    };
    return host === "plugin" ? inProcess() : inFreshModules(inProcess);
  }

  async function checked(provider: ProviderProcess, olds: Props, inputs: Props): Promise<Props> {
    const result = await provider.check(olds, inputs);
    if (result.failures.length === 0) return result.inputs;
    throw new Error(result.failures.map((f) => `${f.property}: ${f.reason}`).join("\n"));
  }

  async function create(provider: ProviderProcess, inputs: Props, options: Options): Promise<void> {
    const { retainOnDelete, timeout = 0 } = options;
    try {
      const { id, outputs } = await provider.create(inputs, timeout);
      recorded = { id, inputs, outputs, retainOnDelete };
    } catch (err) {
      if (err instanceof InitFailed)
        recorded = { id: err.id, inputs, outputs: err.outputs, initErrors: err.reasons, retainOnDelete };
      throw err;
    }
  }

  /** The engine skips the provider's delete of a resource recorded with retainOnDelete. */
  async function remove(provider: ProviderProcess, old: Recorded, timeout: number): Promise<void> {
    if (!old.retainOnDelete) await provider.delete(old, timeout);
  }

  return {
    /** The resource as the engine records it, or undefined when the stack has none. */
    get recorded(): Recorded | undefined {
      return recorded;
    },
    get id(): string | undefined {
      return recorded?.id;
    },
    /** Its outputs as a program would read them. */
    get outputs(): Props {
      if (!recorded) throw new Error(`${name} is not in the state`);
      return plain(recorded.outputs);
    },

    /** `pulumi preview` with these inputs: check, and diff a recorded resource; nothing changes. */
    preview(declared: Props): Promise<Step> {
      const inputs = Object.fromEntries(Object.entries(declared).filter(([, v]) => v !== undefined));
      return operation(async (provider) => {
        const news = await checked(provider, recorded?.inputs ?? {}, inputs);
        if (recorded) await provider.diff(recorded, news);
        return "preview";
      });
    },

    /**
     * `pulumi up` with these inputs: check; then create, or diff and update or replace. A replacement is
     * checked again as a new resource's (no olds) before anything is deleted or created, as the engine
     * does (pkg/resource/deploy/step_generator.go). Rejects as the operation fails.
     */
    up(declared: Props, options: Options = {}): Promise<Step> {
      const { timeout = 0 } = options;
      // A program's undefined inputs are not registered (@pulumi/pulumi's serializeProperties).
      const inputs = Object.fromEntries(Object.entries(declared).filter(([, v]) => v !== undefined));
      return operation(async (provider) => {
        const old = recorded;
        const news = await checked(provider, old?.inputs ?? {}, inputs);
        if (!old) {
          await create(provider, news, options);
          return "create";
        }
        const diff = await provider.diff(old, news);
        if (diff.replace) {
          const replacement = await checked(provider, {}, inputs);
          // The option, when set, overrides the provider's answer.
          if (options.deleteBeforeReplace ?? diff.deleteBeforeReplace) {
            await remove(provider, old, timeout);
            recorded = undefined;
            await create(provider, replacement, options);
          } else {
            await create(provider, replacement, options);
            await remove(provider, old, timeout);
          }
          return "replace";
        }
        // A resource recorded with init errors is updated even without changes, to finish the job.
        const { retainOnDelete } = options;
        if (!diff.changes && !old.initErrors) {
          recorded = { ...old, inputs: news, retainOnDelete };
          return "same";
        }
        const outputs = await provider.update(old, news, timeout);
        recorded = { id: old.id, inputs: news, outputs, retainOnDelete };
        return "update";
      });
    },

    /** `pulumi refresh`: read, and record what Linq has; a blank id drops the resource from the state. */
    refresh(): Promise<Step> {
      return operation(async (provider) => {
        if (!recorded) throw new Error(`${name} is not in the state`);
        const old = recorded;
        const read = await provider.read(old);
        // A clean read clears init errors (the engine records the read's own).
        const { retainOnDelete, inputs } = old;
        recorded = read.id
          ? { id: read.id, inputs: read.inputs ?? inputs, outputs: read.outputs, retainOnDelete }
          : undefined;
        return "refresh";
      });
    },

    /** `pulumi destroy`. */
    destroy({ timeout = 0 } = {}): Promise<Step> {
      return operation(async (provider) => {
        if (!recorded) throw new Error(`${name} is not in the state`);
        await remove(provider, recorded, timeout);
        recorded = undefined;
        return "delete";
      });
    },
  };
}

/**
 * `pulumi preview` of a new stack of several resources on one entry point, in one provider process: the
 * resources of a wave are checked at once, as the engine checks those the program registers together, and
 * each wave after the one before (as a resource that waits on another's outputs). Each resource's check
 * failures, in the order declared, and the process's warnings.
 */
export async function previewStack(
  host: Host,
  emulator: EmulatorAddress,
  waves: Props[][],
  settings: Props = {},
): Promise<{ failures: { property: string; reason: string }[][]; warnings: string[] }> {
  const urn = `urn:pulumi:test::${PROJECT}::linq:index:WebhookSubscription::stack`;
  const inProcess = async () => {
    const session =
      host === "plugin"
        ? await pluginProcess(emulator, urn, settings)
        : await dynamicProcess(emulator, settings);
    try {
      const failures: { property: string; reason: string }[][] = [];
      for (const wave of waves) {
        const checks = await Promise.all(wave.map((news) => session.provider.check({}, news)));
        failures.push(...checks.map((c) => c.failures));
      }
      return { failures, warnings: session.warnings };
    } finally {
      session.close();
    }
  };
  return host === "plugin" ? inProcess() : inFreshModules(inProcess);
}
