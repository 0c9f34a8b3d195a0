// The provider plugin as users install it: the tarball of `npm run build:plugin`, installed with
// `pulumi plugin install resource linq <version> --file …` into a stack's scratch PULUMI_HOME.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pluginTarball } from "../../scripts/build-plugin";
import { REPO_ROOT, type LocalStack } from "../../scripts/lib/local-stack";

export const PLUGIN_VERSION: string = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"),
).version;

/**
 * The tarball, built from the current sources once per jest run (global-setup names the run): test files
 * run in parallel workers, so the build runs under a lock and the others wait for it.
 */
export function builtPluginTarball(): string {
  const tmp = path.join(REPO_ROOT, ".tmp");
  fs.mkdirSync(tmp, { recursive: true });
  const marker = path.join(tmp, `plugin-built-${process.env.PULUMI_LINQ_TEST_RUN ?? process.pid}`);
  execFileSync(
    "flock",
    [
      path.join(tmp, "plugin-build.lock"),
      "sh",
      "-c",
      '[ -e "$1" ] || { npm run -s build:plugin && touch "$1"; }',
      "sh",
      marker,
    ],
    { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] },
  );
  return pluginTarball(PLUGIN_VERSION);
}

/** Installs the plugin into the stack's PULUMI_HOME, as a user of any Pulumi language would. */
export async function installPlugin(stack: LocalStack): Promise<void> {
  await stack.pulumiOk([
    "plugin",
    "install",
    "resource",
    "linq",
    PLUGIN_VERSION,
    "--file",
    builtPluginTarball(),
  ]);
}
