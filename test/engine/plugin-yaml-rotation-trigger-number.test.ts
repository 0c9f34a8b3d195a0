// YAML on the plugin, as a user writes it: `rotationTrigger: 2` (the natural counter) deploys and is
// recorded as "2", so that the next preview has no change; 3 then replaces the subscription. An unquoted
// phone number is refused at preview as a number to quote, with its index.
import { expect } from "@jest/globals";
import { uniqueUrl, useEmulator, subscriptionsAt, writeRequests } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";

const emulator = useEmulator();

describe("YAML numbers on the plugin", () => {
  const project = yamlProject("yaml-numbers");
  const url = uniqueUrl("yaml-numbers");
  const program = (properties: string) =>
    `resources:\n  counted:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n    properties:\n` +
    `      targetUrl: ${url}\n      subscribedEvents: [message.read]\n${properties}`;
  let stack: LinqStack;

  beforeAll(async () => {
    project.write(program("      rotationTrigger: 2\n"));
    stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
  });

  it('deploys rotationTrigger: 2 as "2" and then previews no change', async () => {
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const [resource] = (stack.readState().checkpoint.latest?.resources ?? []).filter(
      (r) => r.type === PLUGIN_SUBSCRIPTION_TYPE,
    );
    expect(resource?.inputs?.rotationTrigger).toBe("2");
    expect(resource?.outputs?.rotationTrigger).toBe("2");
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
    // The same trigger written as a string is the same trigger.
    project.write(program('      rotationTrigger: "2"\n'));
    await stack.pulumiOk(["preview", "--expect-no-changes"]);
  });

  it("replaces the subscription when the counter goes to 3", async () => {
    const [before] = subscriptionsAt(emulator(), url);
    project.write(program("      rotationTrigger: 3\n"));
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toMatch(/1 replaced/);
    const after = subscriptionsAt(emulator(), url);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(before?.id);
  });

  it("refuses an unquoted phone number at preview, naming it as a number to quote", async () => {
    project.write(program("      rotationTrigger: 3\n      phoneNumbers: [+14155550000, +14155551234]\n"));
    emulator().clearRequests();
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      "phoneNumbers[0] is a number, 14155550000 (and 1 more items that are not strings). Quote it:",
    );
    expect(writeRequests(emulator())).toEqual([]);
  });
});
