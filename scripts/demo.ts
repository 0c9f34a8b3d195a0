// `npm run demo`: the main example (root Pulumi.yaml -> examples/basic) against the built-in Linq
// emulator, on a local file backend: a real `pulumi preview` and `pulumi up`, then the stack outputs;
// then examples/receiver, given the stack's signing secret, gets the events the emulator delivers.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { UnwrapWebhookEvent } from "@linqapp/sdk/resources/webhooks";
import { startEmulator, type RunningEmulator } from "../emulator";
import { startReceiver } from "../examples/receiver/receiver";
import { createLocalStack, REPO_ROOT, scratchDir, type LocalStack } from "./lib/local-stack";

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
    await deliverToReceiver(emulator, stack);
  } finally {
    fs.rmSync(stackConfig, { force: true });
    await emulator.close();
  }
}

/** One event the subscription routes (message.received on its line) and one it does not (reaction.added). */
async function deliverToReceiver(emulator: RunningEmulator, stack: LocalStack): Promise<void> {
  console.log(
    "\n$ pulumi stack output signingSecret --show-secrets   (given to examples/receiver, not printed)",
  );
  const secret = (await stack.pulumiOk(["stack", "output", "signingSecret", "--show-secrets"])).stdout.trim();
  const got: UnwrapWebhookEvent[] = [];
  const receiver = await startReceiver({ secrets: [secret], onEvent: (e) => got.push(e) });
  emulator.setForwardTo(receiver.url);
  try {
    console.log(`examples/receiver listening on ${receiver.url}; the emulator forwards deliveries there`);
    for (const event of ["message.received", "reaction.added"]) {
      console.log(`\nTrigger ${event} on +14155551234 (as \`linq-emulator trigger\` does):`);
      const result = await emulator.trigger({ event, phone_number: "+14155551234", wait: "final" });
      for (const d of result.deliveries) {
        console.log(
          `  ${d.status} to ${d.target_url} (via ${d.url}): HTTP ${d.last_status}, ${d.attempts} attempt(s)`,
        );
      }
      for (const n of result.not_delivered) console.log(`  not delivered to ${n.target_url}: ${n.reason}`);
    }
    console.log(`\nThe receiver verified ${got.length} event(s) with the stack's signing secret:`);
    for (const e of got)
      console.log(`  ${e.event_type} ${e.event_id} (payload version ${e.webhook_version})`);
  } finally {
    await receiver.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
