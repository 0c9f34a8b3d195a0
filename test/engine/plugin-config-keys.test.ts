// The plugin's configuration as users type it: a misspelled `linq:*` key (linq:apikey, linq:baseURL) or a
// switch that is neither true nor false fails the preview, naming the key and the fix, before anything
// is sent; silently ignored, a misspelled linq:baseURL would send the key to Linq's production API.
import * as fs from "node:fs";
import * as path from "node:path";
import { expectConfigKeysChecked } from "../support/config-keys";
import { uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, pluginTarball, yamlProject } from "../support/plugin";

const emulator = useEmulator();

describe("the plugin's stack configuration", () => {
  it("fails on a misspelled linq:* key and a switch that is not true or false, sending nothing", async () => {
    const project = yamlProject("plugin-config-keys");
    project.write(
      `resources:\n  inbound:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n` +
        `    properties: ${JSON.stringify({ targetUrl: uniqueUrl("config"), subscribedEvents: ["message.read"] })}\n` +
        // The engine adds its own key, version, to the provider's configuration: not the user's typo.
        `    options:\n      version: ${pluginTarball().version}\n`,
    );
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    await expectConfigKeysChecked(stack, emulator());
  });
});

describe("a project named linq", () => {
  it("keeps its own config keys (which the engine hands the provider too), and still fails on a near miss", async () => {
    const project = yamlProject("project-named-linq");
    // Its own config (linq:team) shares the provider's namespace.
    fs.writeFileSync(
      path.join(project.dir, "Pulumi.yaml"),
      `name: linq\nruntime: yaml\nconfig:\n  team:\n    type: string\n` +
        `resources:\n  inbound:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n` +
        `    properties: ${JSON.stringify({ targetUrl: uniqueUrl("named-linq"), subscribedEvents: ["message.read"] })}\n` +
        `    options:\n      version: ${pluginTarball().version}\n` +
        `outputs:\n  team: \${team}\n`,
    );
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    await stack.pulumiOk(["config", "set", "team", "payments"]);
    await stack.pulumiOk(["config", "set", "linq:baseURL", "https://typo.example.com"]);

    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain("Did you mean linq:baseUrl?");
    expect(preview.output).not.toContain("linq:team is not a setting");

    await stack.pulumiOk(["config", "rm", "linq:baseURL"]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(await stack.outputs()).toMatchObject({ team: "payments" });
  });
});
