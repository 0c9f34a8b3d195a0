// `npm run bench`: what `pulumi preview` and a rate-limited `pulumi up` cost as programs grow, with the
// real engine against the emulator. Writes bench/RESULTS.md and bench/preview.svg.
// Options: --sizes 1,10,100,500  --reps 3  --rate-limited 100  --rate 10  --out bench  (--smoke: a quick run)
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator, type RunningEmulator } from "../emulator";
import { createLocalStack, REPO_ROOT, type LocalStack } from "../scripts/lib/local-stack";
import { projectFromDir } from "../scripts/lib/projects";
import { measure, median } from "./measure";
import { previewPlot } from "./plot";

interface PreviewRow {
  n: number;
  ours: number[];
  baseline: number[];
  eventListRequests: number[];
  totalRequests: number[];
  oursPeakMiB?: number;
  baselinePeakMiB?: number;
}

interface RateLimitedRow {
  n: number;
  rate: number;
  seconds: number;
  failed: number;
  created: number;
  answered: number;
  retriedRequests: number;
  lowerBound: number;
}

async function stackFor(program: string, n: number, emulator: RunningEmulator): Promise<LocalStack> {
  const stack = await createLocalStack({
    projectDir: projectFromDir(path.join(__dirname, "programs", program), `bench-${program}-${n}`),
  });
  await stack.pulumiOk(["config", "set", "count", String(n)]);
  await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", emulator.apiKey]);
  await stack.pulumiOk(["config", "set", "linq:baseUrl", emulator.url]);
  return stack;
}

async function okOrThrow<T extends { result: { code: number | null; output: string } }>(
  m: Promise<T>,
): Promise<T> {
  const measured = await m;
  if (measured.result.code !== 0) throw new Error(`pulumi failed:\n${measured.result.output}`);
  return measured;
}

async function previewRow(n: number, reps: number, emulator: RunningEmulator): Promise<PreviewRow> {
  const ours = await stackFor("subscriptions", n, emulator);
  const baseline = await stackFor("baseline", n, emulator);
  const row: PreviewRow = { n, ours: [], baseline: [], eventListRequests: [], totalRequests: [] };
  for (let rep = 0; rep < reps; rep++) {
    emulator.clearRequests();
    const o = await okOrThrow(measure(ours, ["preview"]));
    const counters = emulator.counters();
    row.ours.push(o.seconds);
    row.eventListRequests.push(counters.routes["GET /v3/webhook-events"] ?? 0);
    row.totalRequests.push(counters.total);
    row.oursPeakMiB = Math.max(row.oursPeakMiB ?? 0, o.providerPeakMiB ?? 0) || undefined;
    const b = await okOrThrow(measure(baseline, ["preview"]));
    row.baseline.push(b.seconds);
    row.baselinePeakMiB = Math.max(row.baselinePeakMiB ?? 0, b.providerPeakMiB ?? 0) || undefined;
    console.log(`N=${n} rep ${rep + 1}: ours ${o.seconds.toFixed(2)} s, baseline ${b.seconds.toFixed(2)} s`);
  }
  return row;
}

async function rateLimitedRow(n: number, rate: number, emulator: RunningEmulator): Promise<RateLimitedRow> {
  const stack = await stackFor("subscriptions", n, emulator);
  emulator.clearSubscriptions();
  emulator.clearRequests();
  emulator.setFaults({ rateLimit: { perSecond: rate } });
  try {
    const up = await measure(stack, ["up", "--yes"]);
    const counters = emulator.counters();
    const rejected = counters.faults["429"] ?? 0;
    const answered = counters.total - rejected;
    const created = emulator.subscriptions().length;
    console.log(
      `rate-limited up N=${n}: ${up.seconds.toFixed(2)} s, ${created} created, ${rejected} answers 429`,
    );
    return {
      n,
      rate,
      seconds: up.seconds,
      created,
      failed: n - created,
      answered,
      retriedRequests: rejected,
      lowerBound: answered / rate,
    };
  } finally {
    emulator.setFaults({});
  }
}

function versions() {
  const engine = execFileSync(path.join(REPO_ROOT, "scripts", "ensure-pulumi"), { encoding: "utf8" }).trim();
  const pkg = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")).version;
  return {
    date: new Date().toISOString(),
    machine: `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
    node: process.version,
    pulumi: execFileSync(path.join(engine, "pulumi"), ["version"], { encoding: "utf8" }).trim(),
    pulumiSdk: pkg("@pulumi/pulumi"),
    pulumiLinq: JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version,
  };
}

function report(rows: PreviewRow[], limited: RateLimitedRow | undefined, reps: number): string {
  const v = versions();
  const fmt = (x: number) => x.toFixed(2);
  const mib = (x?: number) => (x === undefined ? "n/a" : x.toFixed(0));
  const big = rows[rows.length - 1];
  const ratio = (r: PreviewRow) => median(r.ours) / median(r.baseline);
  const lines = [
    "# Benchmark results",
    "",
    `Made by \`npm run bench\` on ${v.date}.`,
    "",
    `- Machine: ${v.machine}`,
    `- Node ${v.node}, Pulumi CLI ${v.pulumi}, @pulumi/pulumi ${v.pulumiSdk}, pulumi-linq ${v.pulumiLinq}`,
    `- Each program was previewed ${reps} times, ours and the baseline alternately; times are medians.`,
    "- Requests are counted by the emulator. The programs do not call getWebhookEventTypes (that adds one",
    "  request per program run); every request here comes from the provider's check().",
    "",
    "## pulumi preview",
    "",
    "| N | ours (s) | baseline (s) | ours / baseline | event-list requests | all requests | provider peak MiB (ours / baseline) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.n} | ${fmt(median(r.ours))} | ${fmt(median(r.baseline))} | ${fmt(ratio(r))} | ` +
        `${[...new Set(r.eventListRequests)].join(", ")} | ${[...new Set(r.totalRequests)].join(", ")} | ` +
        `${mib(r.oursPeakMiB)} / ${mib(r.baselinePeakMiB)} |`,
    ),
    "",
    "![preview time against N](preview.svg)",
    "",
  ];
  if (limited) {
    lines.push(
      `## pulumi up of N = ${limited.n} against ${limited.rate} requests per second`,
      "",
      "| total (s) | created | failed | requests answered | 429 answers (retried) | lower bound (s) | total / lower bound |",
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      `| ${fmt(limited.seconds)} | ${limited.created} | ${limited.failed} | ${limited.answered} | ` +
        `${limited.retriedRequests} | ${fmt(limited.lowerBound)} | ${fmt(limited.seconds / limited.lowerBound)} |`,
      "",
      "The lower bound is the answered requests divided by the rate.",
      "",
    );
  }
  const check = (ok: boolean) => (ok ? "met" : "**missed**");
  lines.push(
    "## Targets",
    "",
    `- Exactly 1 event-list request per preview, whatever N: ${check(rows.every((r) => r.eventListRequests.every((c) => c === 1)))}.`,
    `- ours / baseline at N = ${big.n} no more than 1.15: ${fmt(ratio(big))}, ${check(ratio(big) <= 1.15)}.`,
  );
  if (limited) {
    const factor = limited.seconds / limited.lowerBound;
    lines.push(
      `- Under rate limiting, zero failed resources (${limited.failed}) and total time no more than 1.3 x the lower bound (${fmt(factor)}): ${check(limited.failed === 0 && factor <= 1.3)}.`,
    );
  }
  return lines.join("\n") + "\n";
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1,10,100,500" },
      reps: { type: "string", default: "3" },
      "rate-limited": { type: "string", default: "100" },
      rate: { type: "string", default: "10" },
      out: { type: "string", default: __dirname },
      smoke: { type: "boolean", default: false },
    },
  });
  const smoke = values.smoke;
  const sizes = (smoke ? "10" : values.sizes).split(",").map(Number);
  const reps = smoke ? 1 : Number(values.reps);
  const limitedN = smoke ? 10 : Number(values["rate-limited"]);
  const out = smoke ? fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-linq-bench-")) : values.out;

  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: REPO_ROOT, stdio: "inherit" });
  const emulator = await startEmulator({ apiKey: randomBytes(16).toString("hex") });
  try {
    const rows: PreviewRow[] = [];
    for (const n of sizes) rows.push(await previewRow(n, reps, emulator));
    const limited = limitedN > 0 ? await rateLimitedRow(limitedN, Number(values.rate), emulator) : undefined;
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "RESULTS.md"), report(rows, limited, reps));
    fs.writeFileSync(
      path.join(out, "preview.svg"),
      previewPlot("pulumi preview as programs grow", [
        {
          label: "pulumi-linq",
          color: "#d9480f",
          points: rows.map((r) => ({ n: r.n, seconds: median(r.ours) })),
        },
        {
          label: "baseline",
          color: "#1c7ed6",
          points: rows.map((r) => ({ n: r.n, seconds: median(r.baseline) })),
        },
      ]),
    );
    console.log(fs.readFileSync(path.join(out, "RESULTS.md"), "utf8"));
  } finally {
    await emulator.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
