// How long a call takes to fail and how much memory this process (the client's) holds meanwhile: the
// resident set, sampled every 10 ms, less what it was before the call.
export interface Measured<T> {
  result: PromiseSettledResult<T>;
  ms: number;
  /** Peak growth of the resident set during the call, in MiB. */
  peakGrowthMiB: number;
}

export async function measure<T>(run: () => Promise<T>): Promise<Measured<T>> {
  global.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = Date.now();
  const [result] = await Promise.allSettled([run()]);
  const ms = Date.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { result, ms, peakGrowthMiB: Math.round(((peak - before) / 1024 / 1024) * 10) / 10 };
}

/** The error a measured call failed with (the test fails if it succeeded). */
export function failureOf<T>(measured: Measured<T>): Error {
  if (measured.result.status === "fulfilled") throw new Error("expected the call to fail, it succeeded");
  return measured.result.reason as Error;
}
