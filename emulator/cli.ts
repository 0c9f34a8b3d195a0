#!/usr/bin/env node
// The emulator's command line: serve (the default), trigger and redeliver; USAGE says how, and --help
// prints it.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { checkedForwardUrl, type DeliveryRecord, type TriggerResult } from "./delivery";
import { FaultConfigSchema } from "./faults";
import { LIMITS, nestsDeeperThan } from "./limits";
import { startEmulator } from "./server";

const USAGE = {
  serve:
    "usage: linq-emulator [--port 4010] [--api-key KEY] [--state-file FILE] [--events a,b] [--faults JSON]\n" +
    "         [--forward-to URL] [--delivery-attempts N] [--delivery-first-retry-ms MS] [--delivery-timeout-ms MS]\n" +
    "       linq-emulator trigger <event> [--phone-number +E164] [--data JSON] [--wait] [--emulator URL] [--json]\n" +
    "       linq-emulator redeliver <delivery id> [--wait] [--emulator URL] [--json]\n" +
    "Serves the Linq API (webhook endpoints) on 127.0.0.1, or asks a running emulator to deliver one event.\n" +
    "The key defaults to $LINQ_API_V3_API_KEY, else a random one that is printed; see the README, " +
    '"The Linq API emulator".',
  trigger:
    "usage: linq-emulator trigger <event> [--phone-number +E164] [--data JSON] [--wait] [--emulator URL] [--json]\n" +
    "Asks a running emulator (--emulator, default $LINQ_API_V3_BASE_URL or http://127.0.0.1:4010) to deliver\n" +
    "one event to the subscriptions that route it, and prints what went where. Exits 2 if a delivery failed.",
  redeliver:
    "usage: linq-emulator redeliver <delivery id> [--wait] [--emulator URL] [--json]\n" +
    "Asks a running emulator (--emulator, default $LINQ_API_V3_BASE_URL or http://127.0.0.1:4010) to send a\n" +
    "logged delivery (an id from GET /__admin/deliveries) again: same webhook-id and payload, new timestamp\n" +
    "and signature, retried as usual. Prints the outcome as trigger does; exits 2 if the delivery failed.",
};

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
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return console.log(USAGE.serve);
  const chosenKey = values["api-key"] ?? process.env.LINQ_API_V3_API_KEY;
  const apiKey = chosenKey ?? randomBytes(16).toString("hex");
  const emulator = await startEmulator({
    apiKey,
    port: portOption(values.port),
    statePath: values["state-file"],
    events: values.events === undefined ? undefined : eventNames(values.events),
    faults: values.faults === undefined ? undefined : faultsOption(values.faults),
    forwardTo: checkedForwardUrl(values["forward-to"], "--forward-to"),
    delivery: {
      maxAttempts: attemptsOption(values["delivery-attempts"]),
      firstRetryMs: optionalNumber("--delivery-first-retry-ms", values["delivery-first-retry-ms"]),
      // 0 would not mean "no timeout" but give up every attempt at once.
      timeoutMs: optionalNumber("--delivery-timeout-ms", values["delivery-timeout-ms"], "3000 (Linq: 10000)"),
      onAttempt: (record, maxAttempts) => console.log(describeAttempt(record, maxAttempts)),
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
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return console.log(USAGE.trigger);
  if (positionals.length !== 1) throw new Error(USAGE.trigger);
  const body = {
    event: positionals[0],
    phone_number: values["phone-number"],
    data: values.data === undefined ? undefined : dataOption(values.data),
    wait: values.wait ? "final" : undefined,
  };
  report(await askEmulator(values.emulator, "/__admin/trigger", body, "trigger"), values.json);
}

/** `redeliver <delivery id>`: asks a running emulator to send a logged delivery again. */
async function redeliver(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      wait: { type: "boolean", default: false },
      emulator: { type: "string", default: process.env.LINQ_API_V3_BASE_URL ?? "http://127.0.0.1:4010" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return console.log(USAGE.redeliver);
  const [id] = positionals;
  if (positionals.length !== 1 || !id) throw new Error(USAGE.redeliver);
  const path = `/__admin/deliveries/${encodeURIComponent(id)}/redeliver`;
  const body = { wait: values.wait ? "final" : undefined };
  report(await askEmulator(values.emulator, path, body, "redelivery"), values.json);
}

/** POSTs to a running emulator's admin endpoint; its answer, or an error naming the fix. */
async function askEmulator(emulator: string, path: string, body: unknown, what: string) {
  const res = await fetch(adminUrl(emulator, path), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch((err: unknown) => {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new Error(
      `could not reach the emulator at ${emulator} (${cause}): start it ('npm run emulator') or ` +
        `point --emulator (or LINQ_API_V3_BASE_URL) at the one that runs`,
    );
  });
  const answer = (await res.json()) as TriggerResult & { error?: string };
  if (!res.ok) throw new Error(`the emulator refused the ${what}: ${answer.error}`);
  return answer;
}

function report(answer: TriggerResult, json: boolean): void {
  console.log(json ? JSON.stringify(answer, null, 2) : describeTrigger(answer));
  // A receiver that refused a delivery (or never took it) fails the command, for scripts that check it.
  if (answer.deliveries.some((d) => d.status === "failed" || d.status === "cancelled")) process.exitCode = 2;
}

/** One line per attempt where the emulator serves, as `stripe listen` prints: what a receiver answered. */
function describeAttempt(r: DeliveryRecord, maxAttempts: number): string {
  const last = r.attempts.at(-1);
  return (
    `${last?.at} ${r.event_id} ${r.event_type} ${r.subscription_id} -> ${r.url}: ` +
    `${last?.status ?? last?.error}, attempt ${r.attempts.length} of ${maxAttempts}: ${whatNext(r, maxAttempts)}`
  );
}

function whatNext(r: DeliveryRecord, maxAttempts: number): string {
  if (r.status === "pending")
    return `retry in ${Math.max(0, Date.parse(r.next_attempt_at ?? "") - Date.now())} ms`;
  // Failed before its last attempt: an answer Linq does not retry (a 4xx other than 429).
  if (r.status === "failed" && r.attempts.length < maxAttempts) return "failed (not retried)";
  return r.status;
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

// Each option's value is checked here, so that a mistake names the option and the fix.

function jsonOption(option: string, value: string, expected: string): unknown {
  try {
    return JSON.parse(value);
  } catch (err) {
    throw new Error(`${option} is not valid JSON (${(err as Error).message}): give ${expected}`, {
      cause: err,
    });
  }
}

/** What is merged into the payload's data: an object, such as the parts of a message. */
function dataOption(value: string): unknown {
  const example = `a JSON object, e.g. --data '{"parts":[{"type":"text","value":"hello"}]}'`;
  const data = jsonOption("--data", value, example);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    const kind = Array.isArray(data) ? "an array" : data === null ? "null" : `a ${typeof data}`;
    throw new Error(`--data is not a JSON object (${kind}): give ${example}`);
  }
  // Checked here too: the request's JSON.stringify would recurse as deep as the value does.
  if (nestsDeeperThan(data, LIMITS.triggerDataDepth)) {
    throw new Error(
      `--data nests objects and arrays more than ${LIMITS.triggerDataDepth} levels deep, the emulator's ` +
        `limit: give ${example}`,
    );
  }
  return data;
}

function faultsOption(value: string) {
  const example = `a JSON object of faults, e.g. --faults '{"errors":{"count":1}}' (see emulator/faults.ts)`;
  const parsed = FaultConfigSchema.safeParse(jsonOption("--faults", value, example));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(the whole value)"}: ${i.message}`);
  throw new Error(`--faults is not a fault configuration (${issues.join("; ")}): give ${example}`);
}

function eventNames(value: string): string[] {
  const names = value.split(",").map((e) => e.trim());
  if (names.some((name) => name === "")) {
    throw new Error(
      `--events ${JSON.stringify(value)} has a blank event type name: give comma-separated names, e.g. ` +
        `--events message.received,message.read`,
    );
  }
  return names;
}

function adminUrl(emulator: string, path: string): URL {
  if (!URL.canParse(emulator)) {
    throw new Error(
      `--emulator ${JSON.stringify(emulator)} is not an absolute URL: give the emulator's URL, e.g. ` +
        `--emulator http://127.0.0.1:4010`,
    );
  }
  return new URL(path, emulator);
}

/** A number of milliseconds; with `positive`'s example, 0 is refused too. */
function optionalNumber(option: string, v: string | undefined, positive?: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n < 0 || (positive && n === 0))
    throw new Error(
      `${option} ${JSON.stringify(v)} is not a ${positive ? "positive" : "non-negative"} number: give one, ` +
        `e.g. ${option} ${positive ?? "3"}`,
    );
  return n;
}

/** Attempts per delivery: a whole number from 1 (no retries); 0 would deliver nothing yet say "failed". */
function attemptsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1) {
    throw new Error(
      `--delivery-attempts ${JSON.stringify(value)} is not a number of attempts: give a whole number from 1 ` +
        `(no retries) up, e.g. --delivery-attempts 3 (Linq makes 6)`,
    );
  }
  return Number(value);
}

function portOption(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new Error(
      `--port ${JSON.stringify(value)} is not a port number: give one from 1 to 65535, or 0 for any free ` +
        `port, e.g. --port 4010`,
    );
  }
  return port;
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { trigger, redeliver };
const [command = "", ...rest] = process.argv.slice(2);
const chosen = COMMANDS[command];
(chosen ? chosen(rest) : serve(process.argv.slice(2))).catch((err: unknown) => {
  // node:util parseArgs names the unknown or incomplete option; --help lists the right ones.
  const usage = String((err as { code?: string }).code).startsWith("ERR_PARSE_ARGS")
    ? ` (see linq-emulator ${chosen ? `${command} ` : ""}--help)`
    : "";
  console.error(`${err instanceof Error ? err.message : String(err)}${usage}`);
  process.exit(1);
});
