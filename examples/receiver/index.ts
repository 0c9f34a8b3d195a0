// A local receiver for Linq webhooks. With the stack's secret and the emulator forwarding to it:
//   LINQ_WEBHOOK_SECRET="$(pulumi stack output signingSecret --show-secrets)" npx ts-node examples/receiver --port 3000
//   npm run emulator -- --api-key KEY --forward-to http://127.0.0.1:3000/linq
//   npm run emulator -- trigger message.received --phone-number +14155551234
// Several subscriptions deliver here? Separate their secrets with commas.
import { parseArgs } from "node:util";
import { startReceiver } from "./receiver";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string", default: "3000" } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port ${JSON.stringify(values.port)} is not a port number (0 to 65535)`);
  }
  const secrets = (process.env.LINQ_WEBHOOK_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const receiver = await startReceiver({
    secrets,
    port,
    onEvent: (e) => console.log(`verified ${e.event_type} ${e.event_id} (payload ${e.webhook_version})`),
    onRejected: (reason) => console.log(`rejected a request: ${reason}`),
    onEventFailed: (e, err) =>
      console.log(`handling ${e.event_id} failed (answered 500, so Linq delivers it again): ${String(err)}`),
  });
  console.log(`Receiving Linq webhooks on ${receiver.url}`);
}

main().catch((err: unknown) => {
  const inUse = err instanceof Error && "code" in err && err.code === "EADDRINUSE";
  console.error(
    inUse
      ? `${err.message}: another program listens there; start the receiver with another --port, and give the emulator the same port in --forward-to`
      : err instanceof Error
        ? err.message
        : err,
  );
  process.exit(1);
});
