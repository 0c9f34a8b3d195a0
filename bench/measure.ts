// Timing a pulumi command and reading the peak memory of the provider processes it starts (the dynamic
// provider's, or the linq plugin's).
import * as fs from "node:fs";
import type { CommandResult, LocalStack } from "../scripts/lib/local-stack";

export interface Measured {
  result: CommandResult;
  seconds: number;
  /** Peak resident memory (VmHWM) of the largest provider process seen, in MiB; undefined where /proc is not readable. */
  providerPeakMiB?: number;
}

export async function measure(stack: LocalStack, args: string[]): Promise<Measured> {
  const peaks: Record<string, number> = {};
  const poll = setInterval(() => sampleProviders(peaks), 50);
  const started = process.hrtime.bigint();
  const result = await stack.pulumi(args);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(poll);
  const values = Object.values(peaks);
  return { result, seconds, providerPeakMiB: values.length ? Math.max(...values) / 1024 : undefined };
}

/** Node processes running @pulumi/pulumi's dynamic-provider script or the linq plugin. */
const PROVIDER = /dynamic-provider|provider\/plugin\/main\.js/;

/** VmHWM (kB) of every provider process. */
function sampleProviders(peaks: Record<string, number>): void {
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      if (!PROVIDER.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"))) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (hwm) peaks[pid] = Math.max(peaks[pid] ?? 0, Number(hwm[1]));
    } catch {
      // the process ended between listing and reading
    }
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number): number => {
    const value = sorted[i];
    if (value === undefined) throw new Error("median of no values");
    return value;
  };
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}
