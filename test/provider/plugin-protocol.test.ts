// The plugin as the engine starts it (bin/pulumi-resource-linq, compiled dist/), spoken to over its
// gRPC protocol without an engine: the launcher's refusal without Node.js, schema and version,
// config from configure, secrets and unknowns in inputs, and invoke, against the emulator.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { expect } from "@jest/globals";
import * as grpc from "@grpc/grpc-js";
import { z } from "zod";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct, Value } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { REPO_ROOT } from "../../scripts/lib/local-stack";
import { call, subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";

const LAUNCHER = path.join(REPO_ROOT, "bin", "pulumi-resource-linq");
const URN = "urn:pulumi:dev::p::linq:index:WebhookSubscription::hook";
const emulator = useEmulator();
const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

/** Calls one unary method of the plugin. */
function rpc<Req, Res>(client: ResourceProviderClient, method: string, request: Req): Promise<Res> {
  const fn = (client as unknown as Record<string, (r: Req, cb: (e: Error | null, r: Res) => void) => void>)[
    method
  ]!.bind(client);
  return promisify(fn)(request);
}

/** A plugin process as the engine starts it, and a client of its gRPC server, for the tests of one block. */
function usePlugin(): () => ResourceProviderClient {
  let plugin: ChildProcess | undefined;
  let client: ResourceProviderClient | undefined;
  beforeAll(async () => {
    const started = spawn(LAUNCHER, [], { stdio: ["ignore", "pipe", "inherit"] });
    plugin = started;
    const port = await new Promise<string>((resolve, reject) => {
      started.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
      started.once("exit", (code) => reject(new Error(`the plugin exited ${code} before printing its port`)));
    });
    client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  afterAll(() => {
    client?.close();
    plugin?.kill();
  });
  return () => {
    if (!client) throw new Error("the plugin is not running yet");
    return client;
  };
}

async function configure(client: ResourceProviderClient) {
  const request = new proto.ConfigureRequest();
  request.getVariablesMap().set("linq:config:apiKey", emulator().apiKey);
  request.getVariablesMap().set("linq:config:baseUrl", emulator().url);
  await rpc(client, "configure", request);
}

/** The create RPC as the engine sends it (no check before it): its answer, or the error it failed with. */
const create = (client: ResourceProviderClient, properties: Record<string, unknown>) =>
  rpc<proto.CreateRequest, proto.CreateResponse>(
    client,
    "create",
    new proto.CreateRequest().setUrn(URN).setProperties(Struct.fromJavaScript(properties as never)),
  ).catch((err: Error) => err);

describe("the plugin's launcher and protocol", () => {
  const plugin = usePlugin();
  let client: ResourceProviderClient;
  beforeAll(() => {
    client = plugin();
  });

  it("refuses to start without Node.js on PATH, and says so", () => {
    const run = spawnSync("/bin/sh", [LAUNCHER], { env: { PATH: "/nonexistent" }, encoding: "utf8" });
    expect(run.status).toBe(127);
    expect(run.stderr).toContain("Node.js is not on PATH");
  });

  it("serves the committed schema.json and the package version", async () => {
    const schema = await rpc<proto.GetSchemaRequest, proto.GetSchemaResponse>(
      client,
      "getSchema",
      new proto.GetSchemaRequest(),
    );
    const committed = fs.readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8");
    expect(JSON.parse(schema.getSchema())).toEqual(JSON.parse(committed));
    const info = await rpc<Empty, { getVersion(): string }>(client, "getPluginInfo", new Empty());
    expect(info.getVersion()).toBe(z.object({ version: z.string() }).parse(JSON.parse(committed)).version);
  });

  it("takes the stack config from configure, unwraps secret inputs and skips unknowns in check", async () => {
    await configure(client);

    const url = uniqueUrl("protocol");
    const news = {
      targetUrl: secret(url),
      subscribedEvents: ["message.read", unknownValue, "message.recieved"],
      phoneNumbers: [unknownValue],
    };
    const checked = await rpc<proto.CheckRequest, proto.CheckResponse>(
      client,
      "check",
      new proto.CheckRequest()
        .setUrn(URN)
        .setOlds(Struct.fromJavaScript({}))
        .setNews(Struct.fromJavaScript(news)),
    );
    const failures = checked.getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
    expect(failures).toEqual([
      ["subscribedEvents", expect.stringContaining('Did you mean "message.received"?')],
    ]);
    // What arrived secret goes back secret; the unknowns stay for the engine to fill in.
    expect(checked.getInputs()?.toJavaScript()).toEqual(news);
  });

  it("reports inputs named like Object's own members as no inputs, whatever the name", async () => {
    await configure(client);
    const news = Struct.fromJavaScript({
      targetUrl: uniqueUrl("object-members"),
      subscribedEvents: ["message.read"],
    });
    // ("__proto__" cannot reach the plugin: google-protobuf's Map keeps its entries in a plain object.)
    const names = ["constructor", "hasOwnProperty", "toString"];
    for (const name of names) news.getFieldsMap().set(name, Value.fromJavaScript("x"));
    const checked = await rpc<proto.CheckRequest, proto.CheckResponse>(
      client,
      "check",
      new proto.CheckRequest().setUrn(URN).setOlds(Struct.fromJavaScript({})).setNews(news),
    );
    expect(checked.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual(
      names.map((name) => [
        name,
        expect.stringMatching(new RegExp(`^${name} is not an input of WebhookSubscription`)),
      ]),
    );
  });

  it("checks a targetUrl spelled like one of Object's members as any other value", async () => {
    await configure(client);
    const checked = await rpc<proto.CheckRequest, proto.CheckResponse>(
      client,
      "check",
      new proto.CheckRequest()
        .setUrn(URN)
        .setOlds(Struct.fromJavaScript({}))
        .setNews(Struct.fromJavaScript({ targetUrl: "constructor", subscribedEvents: ["message.read"] })),
    );
    expect(checked.getFailuresList().map((f) => f.getReason())).toEqual([
      expect.stringMatching(/^targetUrl "constructor" is not an absolute URL/),
    ]);
  });

  it("takes a number for rotationTrigger as its string, and names a number in a string list", async () => {
    await configure(client);
    const check = (news: Record<string, unknown>) =>
      rpc<proto.CheckRequest, proto.CheckResponse>(
        client,
        "check",
        new proto.CheckRequest()
          .setUrn(URN)
          .setOlds(Struct.fromJavaScript({}))
          .setNews(Struct.fromJavaScript(news as never)),
      );
    const inputs = { targetUrl: uniqueUrl("numbers"), subscribedEvents: ["message.read"] };
    const counted = await check({ ...inputs, rotationTrigger: 2 });
    expect(counted.getFailuresList()).toEqual([]);
    expect(counted.getInputs()?.toJavaScript()).toEqual({ ...inputs, rotationTrigger: "2" });

    // YAML reads phoneNumbers: [+14155551234] as a list of one number.
    const unquoted = await check({ ...inputs, phoneNumbers: ["+14155550000", 14155551234] });
    expect(unquoted.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([
      ["phoneNumbers", expect.stringMatching(/^phoneNumbers\[1\] is a number, 14155551234\. Quote it: /)],
    ]);
  });

  it("refuses a request over 4 MiB unread, and names an oversized input in a smaller one", async () => {
    await configure(client);
    const check = (targetUrl: string) =>
      rpc<proto.CheckRequest, proto.CheckResponse>(
        client,
        "check",
        new proto.CheckRequest()
          .setUrn(URN)
          .setOlds(Struct.fromJavaScript({}))
          .setNews(Struct.fromJavaScript({ targetUrl, subscribedEvents: ["message.read"] })),
      ).catch((err: Error) => err);
    const huge = await check(`https://hooks.example.com/${"a".repeat(5 * 1024 * 1024)}`);
    expect(String(huge)).toMatch(/RESOURCE_EXHAUSTED: Received message larger than max \(\d+ vs 4194304\)/);
    const long = await check(`https://hooks.example.com/${"a".repeat(100_000)}`);
    expect(long).toBeInstanceOf(proto.CheckResponse);
    expect((long as proto.CheckResponse).getFailuresList().map((f) => f.getReason())).toEqual([
      expect.stringMatching(/^targetUrl is 100026 characters long, over the limit of 2048\. Shorten it/),
    ]);
  });

  it("refuses a linq:* key that is no setting, but in a project named linq only a near miss of one", async () => {
    const checkConfig = async (project: string) => {
      const checked = await rpc<proto.CheckRequest, proto.CheckResponse>(
        client,
        "checkConfig",
        new proto.CheckRequest()
          .setUrn(`urn:pulumi:dev::${project}::pulumi:providers:linq::default`)
          .setOlds(Struct.fromJavaScript({}))
          .setNews(
            Struct.fromJavaScript({
              baseURL: "https://typo.example.com",
              team: "payments",
              adoptExisting: "yes",
            }),
          ),
      );
      // The key each failure names; an unknown key's failure names no property, whose value the engine
      // would print (it may be a misplaced API key).
      return checked.getFailuresList().map((f) => [f.getProperty(), f.getReason().split(" ", 1)[0]]);
    };
    expect(await checkConfig("webhooks")).toEqual([
      ["adoptExisting", "linq:adoptExisting"],
      ["", "linq:baseURL"],
      ["", "linq:team"],
    ]);
    // In a project named linq, `pulumi config set team …` is the program's own linq:team.
    expect(await checkConfig("linq")).toEqual([
      ["adoptExisting", "linq:adoptExisting"],
      ["", "linq:baseURL"],
    ]);
  });

  it("answers getWebhookEventTypes from the configured account, and reports bad arguments", async () => {
    const invoke = (args: Record<string, unknown>) =>
      rpc<proto.InvokeRequest, proto.InvokeResponse>(
        client,
        "invoke",
        new proto.InvokeRequest()
          .setTok("linq:index:getWebhookEventTypes")
          .setArgs(Struct.fromJavaScript(args as never)),
      );
    const result = await invoke({});
    expect(result.getReturn()?.toJavaScript()).toEqual({
      events: emulator().events(),
      docUrl: expect.stringMatching(/^https:/),
    });
    const bad = await invoke({ baseUrl: 42 });
    expect(bad.getFailuresList().map((f) => f.getProperty())).toEqual(["baseUrl"]);
    // Misspelled, refused and named, with the argument it is near: dropped, it would read the configured
    // account instead.
    const misspelled = await invoke({ baseURL: emulator().url });
    expect(misspelled.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([
      ["baseURL", "getWebhookEventTypes has no argument baseURL. Did you mean baseUrl? Use apiKey, baseUrl."],
    ]);
    // (A Struct's fields arrive in the order of their names.)
    const twice = await invoke({ base_url: emulator().url, apikey: "k" });
    expect(twice.getFailuresList().map((f) => f.getReason())).toEqual([
      "getWebhookEventTypes has no argument apikey, base_url. Did you mean apiKey for apikey, baseUrl for " +
        "base_url? Use apiKey, baseUrl.",
    ]);
    // getWebhookSubscriptions answers a wrong argument the same way (it was a raw gRPC error).
    const inventory = await rpc<proto.InvokeRequest, proto.InvokeResponse>(
      client,
      "invoke",
      new proto.InvokeRequest()
        .setTok("linq:index:getWebhookSubscriptions")
        .setArgs(Struct.fromJavaScript({ targetUrlPrefx: "https://hooks" })),
    );
    expect(inventory.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([
      [
        "targetUrlPrefx",
        "getWebhookSubscriptions has no argument targetUrlPrefx. Did you mean targetUrlPrefix? Use apiKey, " +
          "baseUrl, targetUrlPrefix, event.",
      ],
    ]);
    const refused = await invoke({ apiKey: secret("wrong-key-3f9a") }).catch((err: Error) => err);
    expect(String(refused)).toMatch(/getWebhookEventTypes: .*401|getWebhookEventTypes: .*key/i);
    expect(String(refused)).not.toContain("wrong-key-3f9a");
  });
});

describe("the plugin's create when Linq refuses the URL (409)", () => {
  const plugin = usePlugin();

  it("says another subscription took it since the preview, and when adopt is the fix", async () => {
    await configure(plugin());
    const targetUrl = uniqueUrl("taken-at-create");
    const taken = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
      body: { target_url: targetUrl, subscribed_events: ["message.read"] },
    });
    const holder = CreatedWebhookSubscriptionSchema.parse(taken.body);
    const refused = await create(plugin(), { targetUrl, subscribedEvents: ["message.sent"] });
    expect(String(refused)).toContain("another one took it since the preview");
    expect(String(refused)).toContain(
      "If no other resource manages that one (in this or another stack, perhaps under another provider), " +
        "set adopt: true to take it over; otherwise give this resource another URL",
    );
    expect(subscriptionsAt(emulator(), targetUrl).map((s) => s.id)).toEqual([holder.id]);
  });
});

describe("the plugin on Cancel (the engine's answer to Ctrl-C)", () => {
  const plugin = usePlugin();
  const POSTS = "POST /v3/webhook-subscriptions";

  it("stops retrying a create at once, cutting the wait short, and leaves nothing in Linq", async () => {
    await configure(plugin());
    emulator().clearRequests();
    emulator().setFaults({ errors: { rate: 1, statuses: [503], match: { method: "POST" } } });
    const targetUrl = uniqueUrl("cancelled");
    const created = create(plugin(), { targetUrl, subscribedEvents: ["message.read"] });
    while (emulator.count(POSTS) === 0) await new Promise((resolve) => setTimeout(resolve, 20));

    await rpc(plugin(), "cancel", new Empty());
    const refused = await created;

    // Without Cancel the create would go on to its seventh POST (maxRetries 6), over about 20 s.
    expect(String(refused)).toContain("not tried again: the operation was cancelled (Ctrl-C)");
    expect(String(refused)).toContain("503");
    expect(emulator.count(POSTS)).toBeLessThanOrEqual(2);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([]);
  });
});
