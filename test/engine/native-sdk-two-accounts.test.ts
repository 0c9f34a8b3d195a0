// A TypeScript program on pulumi-linq/native uses two Linq accounts: explicit providers, passed directly
// or inherited from a component's `providers`, each subscription and data-source call going to its own.
import { useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { nativeProject } from "../support/native-project";
import { stackLeaks } from "../support/scan";

const stackAccount = useEmulator();
const otherAccount = useEmulator();

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as linq from "pulumi-linq/native";

const config = new pulumi.Config();
const other = new linq.Provider("other", {
  apiKey: config.requireSecret("otherApiKey"),
  baseUrl: config.require("otherBaseUrl"),
});

class Team extends pulumi.ComponentResource {
  constructor(name: string, opts: pulumi.ComponentResourceOptions) {
    super("test:index:Team", name, {}, opts);
    new linq.WebhookSubscription(\`\${name}-hook\`, {
      targetUrl: "https://hooks.example.com/team",
      subscribedEvents: ["message.received"],
    }, { parent: this });
    this.registerOutputs({});
  }
}

new linq.WebhookSubscription("mine", {
  targetUrl: "https://hooks.example.com/mine",
  subscribedEvents: ["message.received"],
});
new linq.WebhookSubscription("theirs", {
  targetUrl: "https://hooks.example.com/theirs",
  subscribedEvents: ["message.read"],
}, { provider: other });
new Team("team", { providers: { linq: other } });

export const otherEvents = linq.getWebhookEventTypesOutput({}, { provider: other }).events;
`;

const urls = (account: typeof stackAccount) =>
  account()
    .subscriptions()
    .map((s) => s.target_url)
    .sort();

describe("two Linq accounts in one TypeScript program (pulumi-linq/native)", () => {
  it("creates each subscription in the account of its provider, explicit or inherited, and destroys them there", async () => {
    const stack = await linqStack(stackAccount(), {
      projectDir: nativeProject("native-accounts", PROGRAM).dir,
    });
    await stack.pulumiOk(["config", "set", "--secret", "otherApiKey", otherAccount().apiKey]);
    await stack.pulumiOk(["config", "set", "otherBaseUrl", otherAccount().url]);

    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(urls(stackAccount)).toEqual(["https://hooks.example.com/mine"]);
    expect(urls(otherAccount)).toEqual([
      "https://hooks.example.com/team",
      "https://hooks.example.com/theirs",
    ]);
    // The data source asked the other account, with the other key.
    expect(otherAccount.count("GET /v3/webhook-events")).toBeGreaterThan(0);
    expect((await stack.outputs()).otherEvents).toEqual(otherAccount().events());

    const preview = await stack.pulumiOk(["preview", "--expect-no-changes"]);
    expect(stackLeaks(stack, stackAccount(), [up.output, preview.output])).toEqual([]);
    expect(stackLeaks(stack, otherAccount(), [up.output, preview.output])).toEqual([]);

    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(urls(stackAccount)).toEqual([]);
    expect(urls(otherAccount)).toEqual([]);
  });
});
