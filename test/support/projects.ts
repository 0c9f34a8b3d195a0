// Scratch Pulumi projects for engine tests: a program's .ts files copied beside a generated Pulumi.yaml.
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, scratchDir } from "../../scripts/lib/local-stack";

export const FIXTURES = path.join(__dirname, "..", "fixtures");
export const EXAMPLES = path.join(REPO_ROOT, "examples");

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

export const projectFromFixture = (fixture: string) => projectFromDir(path.join(FIXTURES, fixture), fixture);
