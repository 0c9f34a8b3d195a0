// Before any test file runs: find or build the engine (so no test times out waiting for it), and
// compile dist/, which engine tests load as an installed pulumi-linq would be.
import { execFileSync } from "node:child_process";
import { engineBinDir, REPO_ROOT } from "../../scripts/lib/local-stack";

export default function globalSetup(): void {
  engineBinDir();
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: REPO_ROOT, stdio: "inherit" });
}
