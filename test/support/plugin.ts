// The provider plugin as users get it: built into a tarball (scripts/build-plugin.ts) and installed
// with `pulumi plugin install` into a stack's own PULUMI_HOME, where the engine finds it.
import * as fs from "node:fs";
import * as path from "node:path";
import { buildPlugin, packageVersion } from "../../scripts/build-plugin";
import { scratchDir, type LocalStack } from "../../scripts/lib/local-stack";

export const PLUGIN_SUBSCRIPTION_TYPE = "linq:index:WebhookSubscription";

/** Built once per test file from dist/ (compiled by the global setup) into a scratch directory. */
let built: { tarball: string; version: string } | undefined;
export function pluginTarball(): { tarball: string; version: string } {
  built ??= {
    tarball: buildPlugin({ outDir: scratchDir("plugin-tarball"), compile: false })[0]!,
    version: packageVersion(),
  };
  return built;
}

export async function installPlugin(stack: LocalStack): Promise<void> {
  const { tarball, version } = pluginTarball();
  await stack.pulumiOk(["plugin", "install", "resource", "linq", version, "--file", tarball]);
}

/** A YAML project in a scratch directory; write() replaces its Pulumi.yaml. */
export function yamlProject(label: string) {
  const dir = scratchDir(label);
  return {
    dir,
    write(body: string) {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${label}\nruntime: yaml\n${body}`);
    },
  };
}
