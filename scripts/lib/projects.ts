// Scratch Pulumi projects: a program's .ts files copied beside a generated Pulumi.yaml, below the
// repository so that they resolve its node_modules (see scratchDir).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, scratchDir } from "./local-stack";

export function projectFromDir(source: string, projectName: string): string {
  const dir = scratchDir(projectName);
  for (const file of fs.readdirSync(source).filter((f) => f.endsWith(".ts"))) {
    fs.copyFileSync(path.join(source, file), path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${projectName}\nruntime: nodejs\nmain: index.ts\n`);
  // Without a package.json of its own, the language host would take the repository's entry point.
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: projectName, main: "index.ts" }));
  return dir;
}

/**
 * A Go program (main.go, go.mod, go.sum, Pulumi.yaml) copied to a scratch directory, its `replace` of the
 * Go SDK pointed at this repository's sdk/go wherever the copy lives.
 */
export function goProjectFromDir(source: string, projectName: string): string {
  const dir = scratchDir(projectName);
  for (const file of fs.readdirSync(source).filter((f) => /\.go$|^go\.(mod|sum)$|^Pulumi\.yaml$/.test(f))) {
    fs.copyFileSync(path.join(source, file), path.join(dir, file));
  }
  const sdk = path.join(REPO_ROOT, "sdk", "go");
  const sdkModule = execFileSync("go", ["list", "-m"], { cwd: sdk, encoding: "utf8" }).trim();
  execFileSync("go", ["mod", "edit", "-replace", `${sdkModule}=${sdk}`], {
    cwd: dir,
  });
  return dir;
}
