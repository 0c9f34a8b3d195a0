// check() of WebhookSubscription on long lists, in this process, without HTTP (offline validation):
// its time and the growth of the heap, for N unknown event names, N names of 1,000 characters and N
// phone numbers; then the list validators alone on the same lists (what check() runs within the size
// limits, here past them). `node --expose-gc -r ts-node/register/transpile-only bench/check-scaling.ts
// [N ...]` (default 5000 20000 100000).
import { KNOWN_WEBHOOK_EVENT_TYPES } from "../provider/constants";
import { callContext, type CallContext } from "../provider/call-context";
import { newProcessState } from "../provider/process-state";
import { validatePhoneNumbers, validateSubscribedEvents } from "../provider/validators";
import { webhookSubscription } from "../provider/webhook-subscription";

const state = (): CallContext =>
  callContext(newProcessState({ validateOffline: true, adoptExisting: false }), {
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

const bundled = { events: KNOWN_WEBHOOK_EVENT_TYPES, source: "bundled" as const };
const validators: Record<string, (news: Record<string, unknown>) => string[]> = {
  subscribedEvents: (news) => validateSubscribedEvents(news.subscribedEvents as unknown[], bundled),
  phoneNumbers: (news) => validatePhoneNumbers((news.phoneNumbers as unknown[] | undefined) ?? []),
};

async function measured(run: () => Promise<{ failures: number; characters: number }>) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const started = process.hrtime.bigint();
  const { failures, characters } = await run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return `${ms.toFixed(0)} ms, heap +${((peak - heapBefore) / 2 ** 20).toFixed(1)} MiB, ${failures} failures, ${characters} characters of reasons`;
}

async function main() {
  const sizes = process.argv
    .slice(2)
    .filter((arg) => !arg.startsWith("--"))
    .map(Number);
  for (const n of sizes.length ? sizes : [5_000, 20_000, 100_000]) {
    for (const [label, inputs] of Object.entries(cases)) {
      const news = inputs(n);
      const checked = await measured(async () => {
        const { failures } = await webhookSubscription.check(state(), {}, news);
        return {
          failures: failures.length,
          characters: failures.reduce((sum, f) => sum + f.reason.length, 0),
        };
      });
      console.log(`check(), ${label}, N=${n}: ${checked}`);
      const property = "phoneNumbers" in news ? "phoneNumbers" : "subscribedEvents";
      if (process.argv.includes("--check-only")) continue;
      const validated = await measured(() => {
        const reasons = validators[property]!(news);
        return Promise.resolve({ failures: reasons.length, characters: reasons.join("").length });
      });
      console.log(`validate ${property} alone, ${label}, N=${n}: ${validated}`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
