// Ctrl-C during `pulumi up` of a YAML program on the plugin, on the real engine: the engine sends the
// plugin Cancel, and a create that Linq keeps refusing (503) is not tried again. Without Cancel it would
// go on to its seventh POST over about 20 s; the engine would wait for it.
import { subscriptionsAt, uniqueUrl, useEmulator } from "../support/emulator";
import { upInterrupted } from "../support/interrupt";
import { linqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";

const emulator = useEmulator();
const POSTS = "POST /v3/webhook-subscriptions";

describe("the plugin on Ctrl-C", () => {
  it("stops retrying a refused create, says why, and leaves nothing in Linq or in the state", async () => {
    const project = yamlProject("plugin-ctrl-c");
    const targetUrl = uniqueUrl("ctrl-c");
    project.write(
      `resources:\n  hook:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n` +
        `    properties: ${JSON.stringify({ targetUrl, subscribedEvents: ["message.read"] })}\n`,
    );
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    emulator().clearRequests();
    emulator().setFaults({ errors: { rate: 1, statuses: [503], match: { method: "POST" } } });

    const up = await upInterrupted(stack, () => emulator.count(POSTS) > 0);

    expect(up.code).not.toBe(0);
    expect(up.output).toContain("not tried again: the operation was cancelled (Ctrl-C)");
    expect(emulator.count(POSTS)).toBeLessThanOrEqual(2);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([]);
    const resources = stack.readState().checkpoint.latest?.resources ?? [];
    expect(resources.filter((r) => r.type === PLUGIN_SUBSCRIPTION_TYPE)).toEqual([]);

    // The next up, with Linq answering again, creates it once.
    emulator().setFaults({});
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(subscriptionsAt(emulator(), targetUrl)).toHaveLength(1);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});
