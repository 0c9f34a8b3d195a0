// A local receiver for Linq webhooks. With the stack's secret and the emulator forwarding to it:
//   LINQ_WEBHOOK_SECRET="$(pulumi stack output signingSecret --show-secrets)" npx ts-node examples/receiver --port 3000
//   npm run emulator -- --api-key KEY --forward-to http://127.0.0.1:3000/linq
//   npm run emulator -- trigger message.received --phone-number +14155551234
// Several subscriptions deliver here? Separate their secrets with commas.
import { parseArgs } from "node:util";
import { startReceiver } from "./receiver";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string", default: "3000" } } });
  const secrets = (process.env.LINQ_WEBHOOK_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const receiver = await startReceiver({
    secrets,
    port: Number(values.port),
    onEvent: (e) => console.log(`verified ${e.event_type} ${e.event_id} (payload ${e.webhook_version})`),
    onRejected: (reason) => console.log(`rejected a request: ${reason}`),
  });
  console.log(`Receiving Linq webhooks on ${receiver.url}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
