// `npm run demo`: runs a real `pulumi preview` and `pulumi up` on a local file backend and prints the
// engine's own summary.
import { createLocalStack } from "./lib/local-stack";
import { projectFromFixture } from "../test/support/projects";

async function main(): Promise<void> {
  const stack = await createLocalStack({ projectDir: projectFromFixture("smoke", "linq-demo") });
  for (const args of [["preview"], ["up", "--yes"], ["stack", "output"]]) {
    console.log(`\n$ pulumi ${args.join(" ")}`);
    console.log((await stack.pulumiOk(args)).stdout);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
