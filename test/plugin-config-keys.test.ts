// The plugin's configuration as users type it: a misspelled `linq:*` key (linq:apikey, linq:baseURL) or a
// switch that is neither true nor false fails the preview, naming the key and the fix, before anything
// is sent; silently ignored, a misspelled linq:baseURL would send the key to Linq's production API.
import { expectConfigKeysChecked } from "./support/config-keys";
import { uniqueUrl, useEmulator } from "./support/emulator";
import { linqStack } from "./support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, pluginTarball, yamlProject } from "./support/plugin";

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
