// The dynamic WebhookSubscription always acts in the stack config's account: given another account's
// provider (the option, or a linq provider inherited from a component), it is refused when the program
// runs, pointing at pulumi-linq/native, and neither account gets a subscription.
import { expect } from "@jest/globals";
import { useEmulator, writeRequests } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { installPlugin } from "../support/plugin";
import { projectFromFixture } from "../support/projects";

const stackAccount = useEmulator();
const accountB = useEmulator();

describe("WebhookSubscription (dynamic) given another account's provider", () => {
  beforeEach(() => [stackAccount(), accountB()].forEach((account) => account.clearRequests()));

  it.each(["provider", "parent-providers-map", "parent-providers-list"])(
    "refuses it (%s) and creates nothing in either account",
    async (accountBy) => {
      const stack = await linqStack(stackAccount(), { projectDir: projectFromFixture("linq-accounts") });
      // acct-b is a real provider of package linq: the plugin, pointed at the second account.
      await installPlugin(stack);
      await stack.pulumiOk(["config", "set", "--secret", "acctBKey", accountB().apiKey]);
      await stack.pulumiOk(["config", "set", "acctBUrl", accountB().url]);
      await stack.pulumiOk(["config", "set", "accountBy", accountBy]);
      const up = await stack.pulumi(["up", "--yes"]);
      expect(up.code).not.toBe(0);
      expect(up.output).toMatch(/WebhookSubscription "[a-z-]+" cannot use .*pulumi-linq\/native/s);
      expect(writeRequests(stackAccount())).toEqual([]);
      expect(writeRequests(accountB())).toEqual([]);
      expect(stack.subscriptionsInState()).toEqual([]);
    },
  );

  it.each([
    ["invoke-provider", "getWebhookSubscriptions"],
    ["invoke-parent-providers", "getWebhookEventTypes"],
  ])("refuses it for a data source (%s) and reads neither account", async (accountBy, call) => {
    const stack = await linqStack(stackAccount(), { projectDir: projectFromFixture("linq-accounts") });
    await installPlugin(stack);
    await stack.pulumiOk(["config", "set", "--secret", "acctBKey", accountB().apiKey]);
    await stack.pulumiOk(["config", "set", "acctBUrl", accountB().url]);
    await stack.pulumiOk(["config", "set", "accountBy", accountBy]);
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toMatch(new RegExp(`${call} cannot use .*pulumi-linq/native`, "s"));
    expect(preview.output).not.toMatch(/\n\s+at /);
    for (const account of [stackAccount(), accountB()])
      expect(account.requests().filter((r) => r.path.startsWith("/v3/webhook-"))).toEqual([]);
  });
});
