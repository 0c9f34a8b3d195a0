// Compiles dist/ (what engine tests load as an installed pulumi-linq, and what the plugin's launcher
// runs), once per jest run even when both projects ask for it.
import { execFileSync } from "node:child_process";
import { REPO_ROOT } from "../../scripts/lib/local-stack";

const BUILT = "PULUMI_LINQ_TEST_DIST_BUILT";

export default function buildDist(): void {
  if (process.env[BUILT]) return;
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: REPO_ROOT, stdio: "inherit" });
  process.env[BUILT] = "1";
}
