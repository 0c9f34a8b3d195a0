// TypeScript projects on the native SDK (pulumi-linq/native): scratch projects whose Pulumi.yaml points
// the engine at the plugin's launcher in bin/ (plugins.providers[].path), as a user's project points at
// node_modules/pulumi-linq/bin. No plugin is installed: the launcher runs the dist/ the tests built.
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, scratchDir } from "../../scripts/lib/local-stack";
import { projectFromDir } from "./projects";

export const PLUGIN_PATH_YAML = `plugins:\n  providers:\n    - name: linq\n      path: ${path.join(REPO_ROOT, "bin")}\n`;

function withPluginPath(dir: string): string {
  fs.appendFileSync(path.join(dir, "Pulumi.yaml"), PLUGIN_PATH_YAML);
  return dir;
}

/** A project of the .ts files in source (e.g. an example). */
export const nativeProjectFromDir = (source: string, label: string) =>
  withPluginPath(projectFromDir(source, label));

/** A project whose index.ts is program; write() replaces it. */
export function nativeProject(label: string, program: string) {
  const source = scratchDir(`${label}-source`);
  fs.writeFileSync(path.join(source, "index.ts"), program);
  const dir = nativeProjectFromDir(source, label);
  return { dir, write: (next: string) => fs.writeFileSync(path.join(dir, "index.ts"), next) };
}
