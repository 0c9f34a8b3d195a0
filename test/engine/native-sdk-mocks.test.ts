// A TypeScript program on pulumi-linq/native is unit-testable with pulumi.runtime.setMocks: its data source
// goes to the mocks' `call` (linq:index:getWebhookEventTypes, with its args), its provider and
// subscriptions to `newResource`, and nothing opens a connection, though every URL the program names is
// a listener here that counts them.
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { scratchDir } from "../../scripts/lib/local-stack";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as linq from "pulumi-linq/native";

const config = new pulumi.Config();
const baseUrl = config.require("baseUrl");
const other = new linq.Provider("other", { apiKey: config.requireSecret("otherApiKey"), baseUrl });

export const offered = linq.getWebhookEventTypes({ baseUrl }).then((r) => r.events);
const live = linq.getWebhookEventTypesOutput({}, { provider: other });
const hook = new linq.WebhookSubscription("hook", {
  targetUrl: "https://hooks.example.com/mocked",
  subscribedEvents: live.events.apply((events) => events.filter((e) => e.startsWith("message."))),
}, { provider: other });
export const hookId = hook.id;
export const signingSecret = hook.signingSecret;
`;

const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("a program on pulumi-linq/native under pulumi.runtime.setMocks", () => {
  const accepted: net.Socket[] = [];
  let connects: jest.SpiedFunction<typeof net.Socket.prototype.connect>;
  let listener: net.Server;
  let url: string;

  beforeAll(async () => {
    listener = net.createServer((socket) => accepted.push(socket.destroy()));
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(listener.address() as net.AddressInfo).port}`;
    // Every outgoing TCP connection of this process, whatever the client, passes here (and goes on).
    connects = jest.spyOn(net.Socket.prototype, "connect");
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await new Promise((resolve) => listener.close(resolve));
  });

  it("counts a connection, as the listener and the spy see one", async () => {
    // http, as axios (the provider's client) uses it; the listener hangs up at once.
    await new Promise((resolve) => http.get(url, resolve).on("error", resolve));
    expect(accepted.length).toBe(1);
    expect(connects).toHaveBeenCalledTimes(1);
  });

  it("sends the data source to call, the resources to newResource, and opens no connection", async () => {
    accepted.length = 0;
    connects.mockClear();
    const calls: pulumi.runtime.MockCallArgs[] = [];
    const resources: pulumi.runtime.MockResourceArgs[] = [];
    await pulumi.runtime.setMocks(
      {
        call: (args) => {
          calls.push(args);
          return { events: ["message.received", "reaction.added"], docUrl: "https://docs.example.com" };
        },
        newResource: (args) => {
          resources.push(args);
          return {
            id: `${args.name}-id`,
            state: { ...(args.inputs as object), signingSecret: "whsec_mocked" },
          };
        },
      },
      "project",
      "stack",
      false,
    );
    process.env.LINQ_API_V3_BASE_URL = url;
    pulumi.runtime.setAllConfig(
      { "linq:baseUrl": url, "project:baseUrl": url, "project:otherApiKey": "mock-key" },
      ["project:otherApiKey"],
    );
    const dir = scratchDir("native-mocks");
    fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
    const program = (await import(path.join(dir, "index.ts"))) as {
      offered: Promise<string[]>;
      hookId: pulumi.Output<string>;
      signingSecret: pulumi.Output<string>;
    };

    expect(await program.offered).toEqual(["message.received", "reaction.added"]);
    expect(await valueOf(program.hookId)).toBe("hook-id");
    expect(await valueOf(program.signingSecret)).toBe("whsec_mocked");
    expect(calls.map((c) => [c.token, c.inputs as unknown])).toEqual([
      ["linq:index:getWebhookEventTypes", { baseUrl: url }],
      ["linq:index:getWebhookEventTypes", {}],
    ]);
    expect(calls[1]!.provider).toMatch(/pulumi:providers:linq::other::other-id$/);
    expect(resources.map((r) => [r.type, r.name])).toEqual([
      ["pulumi:providers:linq", "other"],
      ["linq:index:WebhookSubscription", "hook"],
    ]);
    expect(resources[1]!.inputs).toEqual({
      targetUrl: "https://hooks.example.com/mocked",
      subscribedEvents: ["message.received"],
    });
    expect(resources[1]!.provider).toMatch(/pulumi:providers:linq::other::other-id$/);
    expect(accepted.length).toBe(0);
    expect(connects).not.toHaveBeenCalled();
  });
});
