// The plugin's configuration as users type it: a misspelled `linq:*` key (linq:apikey, linq:baseURL) or a
// switch that is neither true nor false fails the preview, naming the key and the fix, before anything
// is sent; silently ignored, a misspelled linq:baseURL would send the key to Linq's production API.
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
    await stack.pulumiOk(["config", "set", "linq:baseURL", "https://typo.example.com"]);
    await stack.pulumiOk(["config", "set", "linq:validateOffline", "yes"]);
    emulator().clearRequests();

    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      "linq:baseURL is not a setting of the linq provider: did you mean linq:baseUrl?",
    );
    expect(preview.output).toContain('linq:validateOffline is "yes": set it to true or false');
    expect(emulator().requests()).toEqual([]);

    await stack.pulumiOk(["config", "rm", "linq:baseURL"]);
    await stack.pulumiOk(["config", "set", "linq:validateOffline", "false"]);
    await stack.pulumiOk(["preview"]);
  });
});
