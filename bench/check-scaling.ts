// check() of WebhookSubscription on long lists, in this process, without HTTP (offline validation):
// its time and the growth of the heap, for N unknown event names, N bad phone numbers and N names of
// 1,000 characters. `npx ts-node bench/check-scaling.ts [N ...]` (default 5000 20000 100000).
import { webhookSubscription } from "../provider/webhook-subscription";
import type { ProcessState } from "../provider/process-state";

const state = (): ProcessState => ({
  settings: { validateOffline: true, adoptExisting: false },
  logWarning: () => undefined,
});

const cases: Record<string, (n: number) => Record<string, unknown>> = {
  "unknown events": (n) => ({
    targetUrl: "https://hooks.example.com/linq",
    subscribedEvents: Array.from({ length: n }, (_, i) => `e${i}`),
  }),
  "unknown events of 1,000 characters": (n) => ({
    targetUrl: "https://hooks.example.com/linq",
    subscribedEvents: Array.from({ length: n }, (_, i) => `${i}`.padEnd(1000, "x")),
  }),
  "distinct valid phone numbers": (n) => ({
    targetUrl: "https://hooks.example.com/linq",
    subscribedEvents: ["message.received"],
    phoneNumbers: Array.from({ length: n }, (_, i) => `+1415${String(i).padStart(7, "0")}`),
  }),
};

async function main() {
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length ? sizes : [5_000, 20_000, 100_000]) {
    for (const [label, inputs] of Object.entries(cases)) {
      const news = inputs(n);
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      let peak = heapBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
      const started = process.hrtime.bigint();
      const result = await webhookSubscription.check(state(), {}, news);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      const reasons = result.failures.reduce((sum, f) => sum + f.reason.length, 0);
      console.log(
        `${label}, N=${n}: ${ms.toFixed(0)} ms, heap +${((peak - heapBefore) / 2 ** 20).toFixed(1)} MiB, ` +
          `${result.failures.length} failures, ${reasons} characters of reasons`,
      );
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
