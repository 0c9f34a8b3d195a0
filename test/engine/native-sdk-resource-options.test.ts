// Resource options on pulumi-linq/native reach the engine, which applies them to the plugin's resources:
// replaceOnChanges turns a change of the named input into a replacement (a new subscription, a new
// signing secret), and customTimeouts are recorded for the engine to send with each operation.
import { useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { nativeProject } from "../support/native-project";
import { PLUGIN_SUBSCRIPTION_TYPE } from "../support/plugin";

const emulator = useEmulator();

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as linq from "pulumi-linq/native";

const hook = new linq.WebhookSubscription("hook", {
  targetUrl: "https://hooks.example.com/options",
  subscribedEvents: ["message.received"],
  phoneNumbers: [new pulumi.Config().require("line")],
}, {
  replaceOnChanges: ["phoneNumbers"],
  customTimeouts: { create: "3m", update: "4m", delete: "5m" },
});
export const id = hook.id;
`;

describe("resource options on pulumi-linq/native", () => {
  it("replaces the subscription when an input named by replaceOnChanges changes, and records customTimeouts", async () => {
    const stack = await linqStack(emulator(), { projectDir: nativeProject("native-options", PROGRAM).dir });
    await stack.pulumiOk(["config", "set", "line", "+14155550101"]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const [before] = emulator().subscriptions();
    const resource = () =>
      stack.readState().checkpoint.latest?.resources?.find((r) => r.type === PLUGIN_SUBSCRIPTION_TYPE) as
        { customTimeouts?: unknown } | undefined;
    expect(resource()?.customTimeouts).toEqual({ create: 180, update: 240, delete: 300 });

    await stack.pulumiOk(["config", "set", "line", "+14155550102"]);
    const preview = await stack.pulumiOk(["preview", "--diff"]);
    expect(preview.output).toMatch(/\+-\s*linq:index:WebhookSubscription/);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const after = emulator().subscriptions();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(before!.id);
    expect(after[0]!.phone_numbers).toEqual(["+14155550102"]);
    expect(after[0]!.signing_secret).not.toBe(before!.signing_secret);
    expect((await stack.outputs()).id).toBe(after[0]!.id);
  });
});
