#!/usr/bin/env node
// `npm run emulator -- --port 4010 --api-key KEY [--state-file FILE] [--events a,b] [--faults JSON]`
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { startEmulator } from "./server";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      "api-key": { type: "string" },
      "state-file": { type: "string" },
      events: { type: "string" },
      faults: { type: "string" },
    },
  });
  const chosenKey = values["api-key"] ?? process.env.LINQ_API_V3_API_KEY;
  const apiKey = chosenKey ?? randomBytes(16).toString("hex");
  const emulator = await startEmulator({
    apiKey,
    port: Number(values.port),
    statePath: values["state-file"],
    events: values.events?.split(",").map((e) => e.trim()),
    faults: values.faults ? JSON.parse(values.faults) : undefined,
  });
  console.log(`Linq API emulator listening on ${emulator.url}`);
  console.log(`  export LINQ_API_V3_BASE_URL=${emulator.url}`);
  // A key the user did not choose has to be shown once to be usable; a chosen one never is.
  if (!chosenKey) console.log(`  export LINQ_API_V3_API_KEY=${apiKey}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
