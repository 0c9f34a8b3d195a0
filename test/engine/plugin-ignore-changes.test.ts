// The resource option ignoreChanges on the plugin (YAML): a field changed outside Pulumi and found by
// `pulumi refresh` is left as Linq has it when the program ignores that field, the way users keep a
// field managed elsewhere (another team's phone filter, events toggled from a dashboard).
import { call, uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";

const emulator = useEmulator();

describe("ignoreChanges after drift found by refresh (plugin, YAML)", () => {
  it("keeps the ignored fields as changed outside Pulumi, and still updates the others", async () => {
    const project = yamlProject("plugin-ignore-changes");
    const url = uniqueUrl("ignored");
    const write = (isActive: boolean) =>
      project.write(
        `resources:\n  inbound:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n` +
          `    properties: ${JSON.stringify({ targetUrl: url, subscribedEvents: ["message.received"], isActive })}\n` +
          `    options:\n      ignoreChanges: [subscribedEvents, phoneNumbers]\n` +
          `outputs:\n  id: \${inbound.id}\n`,
      );
    write(true);
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const { id } = await stack.outputs();

    // Changed outside Pulumi: one declared field, one the program leaves out.
    const outside = {
      subscribed_events: ["message.sent", "message.received"],
      phone_numbers: ["+14155551234"],
    };
    const changed = await call(emulator(), "PUT", `/v3/webhook-subscriptions/${String(id)}`, {
      body: outside,
    });
    expect(changed.status).toBe(200);
    await stack.pulumiOk(["refresh", "--yes"]);

    await stack.pulumiOk(["preview", "--expect-no-changes"]);
    write(false);
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toMatch(/inbound\s+updated .*\[diff: ~isActive\]/);
    expect(
      emulator()
        .subscriptions()
        .find((s) => s.id === id),
    ).toMatchObject({ ...outside, is_active: false });
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});
