// Renaming a subscription of a YAML program (plugin): the taken-URL failure gives the aliases form YAML
// accepts (a list of URNs; `aliases: [{ name: … }]` is refused by the YAML language host), and
// following it renames without a write to Linq.
import { uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";

const emulator = useEmulator();

describe("renaming a subscription in a YAML program", () => {
  it("names the YAML form of aliases, which renames it with nothing written to Linq", async () => {
    const project = yamlProject("plugin-rename");
    const url = uniqueUrl("renamed");
    const write = (name: string, options = "") =>
      project.write(
        `resources:\n  ${name}:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n` +
          `    properties: ${JSON.stringify({ targetUrl: url, subscribedEvents: ["message.read"] })}\n${options}`,
      );
    write("inbound");
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const [old] = (stack.readState().checkpoint.latest?.resources ?? []).filter(
      (r) => r.type === PLUGIN_SUBSCRIPTION_TYPE,
    );

    write("inbound-v2");
    const refused = await stack.pulumi(["preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(`give it the option aliases: ["<the old resource's URN>"]`);

    write("inbound-v2", `    options:\n      aliases: [${JSON.stringify(old!.urn)}]\n`);
    emulator().clearRequests();
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    expect(writeRequests(emulator())).toEqual([]);
    const [renamed] = (stack.readState().checkpoint.latest?.resources ?? []).filter(
      (r) => r.type === PLUGIN_SUBSCRIPTION_TYPE,
    );
    expect(renamed).toMatchObject({ id: old!.id, urn: old!.urn.replace(/inbound$/, "inbound-v2") });
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});
