// `npm run demo`: the main example (root Pulumi.yaml -> examples/basic) against the built-in Linq
// emulator, on a local file backend: a real `pulumi preview` and `pulumi up`, then the stack outputs.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { createLocalStack, REPO_ROOT, scratchDir } from "./lib/local-stack";

const STACK = "demo";

async function main(): Promise<void> {
  // The program loads pulumi-linq as an installed package would be: the compiled one.
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: REPO_ROOT, stdio: "inherit" });
  const emulator = await startEmulator({ apiKey: randomBytes(16).toString("hex") });
  const stackConfig = path.join(REPO_ROOT, `Pulumi.${STACK}.yaml`);
  fs.rmSync(stackConfig, { force: true });
  try {
    console.log(`Linq API emulator: ${emulator.url}`);
    const stack = await createLocalStack({
      projectDir: REPO_ROOT,
      workDir: scratchDir("demo"),
      stackName: STACK,
    });
    await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", emulator.apiKey]);
    await stack.pulumiOk(["config", "set", "linq:baseUrl", emulator.url]);
    for (const args of [["preview"], ["up", "--yes"], ["stack", "output"]]) {
      console.log(`\n$ pulumi ${args.join(" ")}`);
      console.log((await stack.pulumiOk(args)).stdout);
    }
    const counts = emulator.counters().routes;
    console.log(`Requests the emulator answered: ${JSON.stringify(counts)}`);
  } finally {
    fs.rmSync(stackConfig, { force: true });
    await emulator.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
