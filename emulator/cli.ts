#!/usr/bin/env node
// `npm run emulator -- --port 4010 --api-key KEY [--state-file FILE] [--events a,b] [--faults JSON]
//    [--forward-to URL] [--delivery-attempts N] [--delivery-first-retry-ms MS] [--delivery-timeout-ms MS]`
// `npm run emulator -- trigger <event> [--phone-number +E164] [--data JSON] [--wait] [--emulator URL] [--json]`
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import type { TriggerResult } from "./delivery";
import type { FaultConfigInput } from "./faults";
import { startEmulator } from "./server";

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "4010" },
      "api-key": { type: "string" },
      "state-file": { type: "string" },
      events: { type: "string" },
      faults: { type: "string" },
      "forward-to": { type: "string" },
      "delivery-attempts": { type: "string" },
      "delivery-first-retry-ms": { type: "string" },
      "delivery-timeout-ms": { type: "string" },
    },
  });
  const chosenKey = values["api-key"] ?? process.env.LINQ_API_V3_API_KEY;
  const apiKey = chosenKey ?? randomBytes(16).toString("hex");
  const emulator = await startEmulator({
    apiKey,
    port: Number(values.port),
    statePath: values["state-file"],
    events: values.events?.split(",").map((e) => e.trim()),
    faults: values.faults ? (JSON.parse(values.faults) as FaultConfigInput) : undefined, // the emulator validates it
    forwardTo: values["forward-to"],
    delivery: {
      maxAttempts: optionalNumber(values["delivery-attempts"]),
      firstRetryMs: optionalNumber(values["delivery-first-retry-ms"]),
      timeoutMs: optionalNumber(values["delivery-timeout-ms"]),
    },
  });
  console.log(`Linq API emulator listening on ${emulator.url}`);
  console.log(`  export LINQ_API_V3_BASE_URL=${emulator.url}`);
  // A key the user did not choose has to be shown once to be usable; a chosen one never is.
  if (!chosenKey) console.log(`  export LINQ_API_V3_API_KEY=${apiKey}`);
  if (values["forward-to"]) console.log(`  forwarding every webhook delivery to ${values["forward-to"]}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** `trigger <event>`: asks a running emulator to deliver one event, and prints what it routed where. */
async function trigger(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "phone-number": { type: "string" },
      data: { type: "string" },
      wait: { type: "boolean", default: false },
      emulator: { type: "string", default: process.env.LINQ_API_V3_BASE_URL ?? "http://127.0.0.1:4010" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1)
    throw new Error("usage: linq-emulator trigger <event> [--phone-number +E164]");
  const body = {
    event: positionals[0],
    phone_number: values["phone-number"],
    data: values.data ? (JSON.parse(values.data) as Record<string, unknown>) : undefined,
    wait: values.wait ? "final" : undefined,
  };
  const res = await fetch(new URL("/__admin/trigger", values.emulator), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as TriggerResult & { error?: string };
  if (!res.ok) throw new Error(`the emulator refused the trigger: ${answer.error}`);
  console.log(values.json ? JSON.stringify(answer, null, 2) : describeTrigger(answer));
}

function describeTrigger(r: TriggerResult): string {
  const lines = [`${r.event_type} (event ${r.event_id}) on ${r.phone_number}`];
  if (r.deliveries.length + r.not_delivered.length === 0) lines.push("  no subscriptions");
  for (const d of r.deliveries) {
    const via = d.url === d.target_url ? "" : ` -> ${d.url}`;
    const outcome = d.last_status ?? d.last_error ?? "no answer yet";
    const status = d.status === "pending" ? "retrying" : d.status;
    lines.push(
      `  ${status.padEnd(9)} ${d.subscription_id} ${d.target_url}${via} [${d.webhook_version}] ` +
        `(${outcome}, ${d.attempts} attempt${d.attempts === 1 ? "" : "s"})`,
    );
  }
  for (const n of r.not_delivered)
    lines.push(`  skipped   ${n.subscription_id} ${n.target_url}: ${n.reason}`);
  return lines.join("\n");
}

function optionalNumber(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`expected a non-negative number, got "${v}"`);
  return n;
}

const [command, ...rest] = process.argv.slice(2);
(command === "trigger" ? trigger(rest) : serve(process.argv.slice(2))).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
