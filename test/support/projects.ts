// Scratch Pulumi projects for engine tests: a fixture program copied beside a generated Pulumi.yaml.
import * as fs from "node:fs";
import * as path from "node:path";
import { scratchDir } from "../../scripts/lib/local-stack";

export const FIXTURES = path.join(__dirname, "..", "fixtures");

export function projectFromFixture(fixture: string, projectName = fixture): string {
  const dir = scratchDir(projectName);
  fs.cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${projectName}\nruntime: nodejs\n`);
  // Without a package.json of its own, the language host would take the repository's "main".
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: projectName, main: "index.ts" }));
  return dir;
}
