// Measures an emulator in a child process under load: its peak resident set (the kernel's high-water
// mark, so no sample can miss the peak), the CPU time it spends, and the latency of its API meanwhile,
// seen by a client process that calls GET /v3/webhook-events every 5 ms.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { z } from "zod";
import type { EmulatorAddress } from "./emulator";

/** The peak resident set of a process since it started, in MiB (Linux: VmHWM in /proc/<pid>/status). */
export function peakResidentMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kB = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kB === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Math.round((Number(kB) / 1024) * 10) / 10;
}

/**
 * The CPU time a process has used since it started (user and system), in ms (Linux: /proc/<pid>/stat):
 * the emulator's own work, which contention on a shared machine does not inflate as it does latency.
 */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`no CPU times in /proc/${pid}/stat`);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ, 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface LatencyProbe {
  /** Stops calling; the latencies of the calls made, in ms. */
  stop(): Promise<number[]>;
}

/**
 * The client that measures, in a process of its own: the test process that makes the load (and answers
 * as a receiver) would otherwise count its own busy moments as the emulator's latency. Its first call
 * (connection, compilation) is not counted; it prints "ready" after it, calls until its stdin ends, then
 * prints the latencies as JSON.
 */
const PROBE = `
const [url, key, every] = process.argv.slice(1);
const latencies = [];
let stopped = false;
let warm = false;
process.stdin.on("end", () => (stopped = true)).resume();
(async () => {
  while (!stopped) {
    const started = performance.now();
    const res = await fetch(url + "/v3/webhook-events", { headers: { authorization: "Bearer " + key } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error("GET /v3/webhook-events answered " + res.status + " under load");
    if (warm) latencies.push(performance.now() - started);
    else process.stdout.write("ready\\n");
    warm = true;
    await new Promise((r) => setTimeout(r, Number(every)));
  }
  process.stdout.write(JSON.stringify(latencies) + "\\n");
})();
`;

/** Starts a probe; resolves once its first call is answered. */
export async function probeLatency(emulator: EmulatorAddress, everyMs = 5): Promise<LatencyProbe> {
  // The key goes by argv to a child of this test only, never to its output.
  const child = spawn(process.execPath, ["-e", PROBE, emulator.url, emulator.apiKey, String(everyMs)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += String(c)));
  child.stderr.on("data", (c: Buffer) => (stderr += String(c)));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => stdout.startsWith("ready\n") && resolve());
    void exited.then((code) =>
      reject(new Error(`the latency probe failed (${code}): ${stderr.slice(0, 500)}`)),
    );
  });
  return {
    stop: async () => {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the latency probe failed (${code}): ${stderr.slice(0, 500)}`);
      return z.array(z.number()).parse(JSON.parse(stdout.slice("ready\n".length)));
    },
  };
}

/** The 95th percentile, rounded to 0.1 ms. */
export function p95(values: readonly number[]): number {
  if (values.length === 0) throw new Error("no latency measured");
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
  return Math.round(value * 10) / 10;
}
