// `npm run bench`: what `pulumi preview` and `pulumi up` cost as programs grow, with the real engine
// against the emulator, through the dynamic provider (a TypeScript program) and the provider plugin (the
// same program in TypeScript on pulumi-linq/native, and in YAML), a rate-limited `pulumi up`, and what each
// stores in the state per subscription. Writes bench/RESULTS.md and bench/preview.svg.
// Options: --sizes 1,10,100,500  --reps 3  --rate-limited 100  --rate 10  --state-n 100  --skip-up  --out bench
// (--smoke: a quick run)
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator, type RunningEmulator } from "../emulator";
import { buildPlugin, packageVersion } from "../scripts/build-plugin";
import { createLocalStack, REPO_ROOT, scratchDir, type LocalStack } from "../scripts/lib/local-stack";
import { projectFromDir } from "../scripts/lib/projects";
import { measure, median } from "./measure";
import { previewPlot } from "./plot";

interface PreviewRow {
  n: number;
  ours: number[];
  native: number[];
  plugin: number[];
  baseline: number[];
  eventListRequests: number[];
  totalRequests: number[];
  pluginEventListRequests: number[];
  oursPeakMiB?: number;
  pluginPeakMiB?: number;
  baselinePeakMiB?: number;
}

/** `pulumi up` of N new subscriptions, through each TypeScript SDK. */
interface UpRow {
  n: number;
  dynamic: number;
  native: number;
}

/** State bytes per subscription of each program, from the state file with N of them and with none. */
interface StateRow {
  program: string;
  type: string;
  n: number;
  bytesPerSubscription: number;
}

interface RateLimitedRow {
  command: string;
  seconds: number;
  failed: number;
  created: number;
  answered: number;
  rejected: number;
  /** From the first request the emulator saw to the last one. */
  windowSeconds: number;
}

interface RateLimited {
  n: number;
  rate: number;
  rows: RateLimitedRow[];
  /** `pulumi up` of the baseline program (no HTTP): what the engine costs on its own. */
  baselineUpSeconds: number;
}

type Program = "subscriptions" | "native" | "baseline" | "plugin";
const LABEL: Record<Program, string> = {
  subscriptions: "dynamic (TypeScript)",
  native: "native (TypeScript, pulumi-linq/native)",
  plugin: "plugin (YAML)",
  baseline: "baseline (TypeScript)",
};

/** The plugin's tarball, built once per run from the current sources. */
let pluginTarball: string | undefined;

async function stackFor(program: Program, n: number, emulator: RunningEmulator): Promise<LocalStack> {
  const projectDir =
    program === "plugin"
      ? yamlProgram(n)
      : projectFromDir(path.join(__dirname, "programs", program), `bench-${program}-${n}`);
  // As a user's project runs by default: ts-node type-checks the program on every run.
  const stack = await createLocalStack({ projectDir, typeCheckProgram: true });
  // Both plugin programs run the plugin installed from its tarball, as users without a checkout do.
  if (program === "plugin" || program === "native") {
    pluginTarball ??= buildPlugin({ outDir: scratchDir("bench-plugin"), compile: false })[0];
    if (pluginTarball === undefined) throw new Error("bench: building the plugin produced no tarball");
    await stack.pulumiOk([
      "plugin",
      "install",
      "resource",
      "linq",
      packageVersion(),
      "--file",
      pluginTarball,
    ]);
  }
  await stack.pulumiOk(["config", "set", "count", String(n)]);
  await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", emulator.apiKey]);
  await stack.pulumiOk(["config", "set", "linq:baseUrl", emulator.url]);
  return stack;
}

/**
 * The subscriptions program as YAML, for the plugin: the same N subscriptions (URL, events, phone
 * number). YAML has no loops, so the program is written out for each N.
 */
function yamlProgram(n: number): string {
  const dir = scratchDir(`bench-plugin-${n}`);
  const resources = Array.from({ length: n }, (_, i) => [
    `  sub-${i}:`,
    "    type: linq:index:WebhookSubscription",
    "    properties:",
    `      targetUrl: https://hooks.example.com/bench?n=${i}`,
    "      subscribedEvents: [message.received, message.read, message.delivered]",
    `      phoneNumbers: ["+1415555${String(i).padStart(4, "0")}"]`,
  ]);
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    [`name: bench-plugin-${n}`, "runtime: yaml", "resources:", ...resources.flat(), ""].join("\n"),
  );
  return dir;
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
  const native = await stackFor("native", n, emulator);
  const plugin = await stackFor("plugin", n, emulator);
  const baseline = await stackFor("baseline", n, emulator);
  const row: PreviewRow = {
    n,
    ours: [],
    native: [],
    plugin: [],
    baseline: [],
    eventListRequests: [],
    totalRequests: [],
    pluginEventListRequests: [],
  };
  const peak = (was: number | undefined, now: number | undefined) =>
    Math.max(was ?? 0, now ?? 0) || undefined;
  for (let rep = 0; rep < reps; rep++) {
    emulator.clearRequests();
    const o = await okOrThrow(measure(ours, ["preview"]));
    const counters = emulator.counters();
    row.ours.push(o.seconds);
    row.eventListRequests.push(counters.routes["GET /v3/webhook-events"] ?? 0);
    row.totalRequests.push(counters.total);
    row.oursPeakMiB = peak(row.oursPeakMiB, o.providerPeakMiB);
    const t = await okOrThrow(measure(native, ["preview"]));
    row.native.push(t.seconds);
    emulator.clearRequests();
    const p = await okOrThrow(measure(plugin, ["preview"]));
    row.plugin.push(p.seconds);
    row.pluginEventListRequests.push(emulator.counters().routes["GET /v3/webhook-events"] ?? 0);
    row.pluginPeakMiB = peak(row.pluginPeakMiB, p.providerPeakMiB);
    const b = await okOrThrow(measure(baseline, ["preview"]));
    row.baseline.push(b.seconds);
    row.baselinePeakMiB = peak(row.baselinePeakMiB, b.providerPeakMiB);
    console.log(
      `N=${n} rep ${rep + 1}: dynamic ${o.seconds.toFixed(2)} s, native ${t.seconds.toFixed(2)} s, ` +
        `plugin ${p.seconds.toFixed(2)} s, ` +
        `baseline ${b.seconds.toFixed(2)} s`,
    );
  }
  return row;
}

/** `pulumi up` of N new subscriptions through each TypeScript SDK (then destroyed, not measured). */
async function upRow(n: number, emulator: RunningEmulator): Promise<UpRow> {
  const seconds = async (program: Program) => {
    emulator.clearSubscriptions();
    const stack = await stackFor(program, n, emulator);
    const up = await okOrThrow(measure(stack, ["up", "--yes"]));
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    return up.seconds;
  };
  const row = { n, dynamic: await seconds("subscriptions"), native: await seconds("native") };
  console.log(`up N=${n}: dynamic ${row.dynamic.toFixed(2)} s, native ${row.native.toFixed(2)} s`);
  return row;
}

/** `pulumi up` of N, then destroy: the state file's growth per subscription. */
async function stateRow(program: Program, n: number, emulator: RunningEmulator): Promise<StateRow> {
  emulator.clearSubscriptions(); // the rate-limited run left its subscriptions at the same URLs
  const stack = await stackFor(program, n, emulator);
  await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
  const state = stack.readState().checkpoint.latest?.resources ?? [];
  const withN = fs.statSync(stack.stateFile()).size;
  const type = state.find((r) => r.urn.endsWith("::sub-0"))?.type ?? "?";
  await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  emulator.clearSubscriptions();
  const withNone = fs.statSync(stack.stateFile()).size;
  return { program: LABEL[program], type, n, bytesPerSubscription: (withN - withNone) / n };
}

async function rateLimitedUp(n: number, rate: number, emulator: RunningEmulator): Promise<RateLimited> {
  const stack = await stackFor("subscriptions", n, emulator);
  const rows: RateLimitedRow[] = [];
  for (const args of [
    ["up", "--yes"],
    ["up", "--yes", "--skip-preview"],
  ]) {
    emulator.setFaults({});
    await stack.pulumiOk(["destroy", "--yes"]);
    emulator.clearSubscriptions();
    emulator.clearRequests();
    emulator.setFaults({ rateLimit: { perSecond: rate } });
    const up = await measure(stack, args);
    const log = emulator.requests();
    const rejected = emulator.counters().faults["429"] ?? 0;
    const created = emulator.subscriptions().length;
    const [firstRequest, lastRequest] = [log[0], log.at(-1)];
    const windowSeconds =
      firstRequest && lastRequest ? (Date.parse(lastRequest.at) - Date.parse(firstRequest.at)) / 1000 : 0;
    rows.push({
      command: `pulumi ${args.join(" ")}`,
      seconds: up.seconds,
      created,
      failed: n - created,
      answered: log.length - rejected,
      rejected,
      windowSeconds,
    });
    console.log(`rate-limited ${rows.at(-1)?.command}: ${up.seconds.toFixed(2)} s, ${created} created`);
  }
  emulator.setFaults({});
  const baseline = await stackFor("baseline", n, emulator);
  const baselineUp = await okOrThrow(measure(baseline, ["up", "--yes"]));
  return { n, rate, rows, baselineUpSeconds: baselineUp.seconds };
}

interface Manifest {
  version: string;
}

function versions() {
  const engine = execFileSync(path.join(REPO_ROOT, "scripts", "ensure-pulumi"), { encoding: "utf8" }).trim();
  const pkg = (name: string) =>
    (
      JSON.parse(
        fs.readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8"),
      ) as Manifest
    ).version;
  return {
    date: new Date().toISOString(),
    machine: `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
    node: process.version,
    pulumi: execFileSync(path.join(engine, "pulumi"), ["version"], { encoding: "utf8" }).trim(),
    pulumiSdk: pkg("@pulumi/pulumi"),
    pulumiLinq: packageVersion(),
  };
}

function report(
  rows: PreviewRow[],
  ups: UpRow[],
  limited: RateLimited | undefined,
  states: StateRow[],
  reps: number,
): string {
  const v = versions();
  const fmt = (x: number) => x.toFixed(2);
  const mib = (x?: number) => (x === undefined ? "n/a" : x.toFixed(0));
  const big = rows.at(-1);
  if (!big) throw new Error("bench: no preview rows to report");
  const ratio = (r: PreviewRow) => median(r.ours) / median(r.baseline);
  const pluginRatio = (r: PreviewRow) => median(r.plugin) / median(r.baseline);
  const nativeRatio = (r: PreviewRow) => median(r.native) / median(r.ours);
  const distinct = (xs: number[]) => [...new Set(xs)].join(", ");
  const lines = [
    "# Benchmark results",
    "",
    `Made by \`npm run bench\` on ${v.date}.`,
    "",
    `- Machine: ${v.machine}`,
    `- Node ${v.node}, Pulumi CLI ${v.pulumi}, @pulumi/pulumi ${v.pulumiSdk}, pulumi-linq ${v.pulumiLinq}`,
    `- Each program was previewed ${reps} times, in turn; times are medians.`,
    "- dynamic: bench/programs/subscriptions, N subscriptions of the Node SDK (the dynamic provider), in",
    "  TypeScript. native: the same program on pulumi-linq/native (bench/programs/native), the plugin's Node",
    "  SDK. plugin: the same N subscriptions as a YAML program. Both plugin programs run the plugin installed",
    "  from its tarball (the same provider code behind another protocol).",
    "- The baseline (bench/programs/baseline) declares N dynamic resources of the same shape as the",
    "  subscriptions (inputs, declared outputs, secret output) whose provider validates nothing and makes no",
    "  HTTP calls. A first baseline without the declared outputs was 1.6 ms per resource cheaper in the",
    "  program process (measured from /proc CPU times): the cost of declaring outputs, not of validation.",
    "- Requests are counted by the emulator. The programs do not call getWebhookEventTypes (that adds one",
    "  request per program run); every request here comes from the provider's check().",
    "",
    "## pulumi preview",
    "",
    "| N | dynamic (s) | native (s) | plugin (s) | baseline (s) | dynamic / baseline | native / dynamic | plugin / baseline | event-list requests (dynamic / plugin) | all requests (dynamic) | provider peak MiB (dynamic / plugin / baseline) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.n} | ${fmt(median(r.ours))} | ${fmt(median(r.native))} | ${fmt(median(r.plugin))} | ` +
        `${fmt(median(r.baseline))} | ${fmt(ratio(r))} | ${fmt(nativeRatio(r))} | ${fmt(pluginRatio(r))} | ` +
        `${distinct(r.eventListRequests)} / ${distinct(r.pluginEventListRequests)} | ${distinct(r.totalRequests)} | ` +
        `${mib(r.oursPeakMiB)} / ${mib(r.pluginPeakMiB)} / ${mib(r.baselinePeakMiB)} |`,
    ),
    "",
    "The baseline is a TypeScript program of dynamic resources: next to the YAML program it also measures",
    "the difference of language hosts, not only of providers.",
    "",
    "![preview time against N](preview.svg)",
    "",
  ];
  if (ups.length > 0) {
    lines.push(
      "## pulumi up of N new subscriptions (TypeScript)",
      "",
      "| N | dynamic (s) | native (s) | native / dynamic |",
      "| ---: | ---: | ---: | ---: |",
      ...ups.map((r) => `| ${r.n} | ${fmt(r.dynamic)} | ${fmt(r.native)} | ${fmt(r.native / r.dynamic)} |`),
      "",
      "One run each, from an empty stack and account, no rate limit; the destroy after it is not measured.",
      "",
    );
  }
  if (limited) {
    const lb = (r: RateLimitedRow) => r.answered / limited.rate;
    lines.push(
      `## pulumi up of N = ${limited.n} against ${limited.rate} requests per second`,
      "",
      "| command | total (s) | created | failed | requests answered | 429 answers (retried) | lower bound (s) | total / lower bound | first to last request (s) | that / lower bound |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...limited.rows.map(
        (r) =>
          `| \`${r.command}\` | ${fmt(r.seconds)} | ${r.created} | ${r.failed} | ${r.answered} | ${r.rejected} | ` +
          `${fmt(lb(r))} | ${fmt(r.seconds / lb(r))} | ${fmt(r.windowSeconds)} | ${fmt(r.windowSeconds / lb(r))} |`,
      ),
      "",
      "The lower bound is the answered requests divided by the rate. For comparison, `pulumi up` of the",
      `baseline program (N = ${limited.n}, no HTTP, no rate limit) takes ${fmt(limited.baselineUpSeconds)} s: the engine's`,
      "own cost, which no request can overlap (the preview phase, program runs, plugin start-up).",
      "",
    );
  }
  const [firstState] = states;
  if (firstState) {
    lines.push(
      `## State per subscription (N = ${firstState.n})`,
      "",
      "| program | resource type | state bytes per subscription |",
      "| --- | --- | ---: |",
      ...states.map((r) => `| ${r.program} | \`${r.type}\` | ${r.bytesPerSubscription.toFixed(0)} |`),
      "",
      "The growth of the state file from none to N subscriptions (after `pulumi up`, then `pulumi destroy`),",
      "divided by N. A dynamic resource stores its serialized provider (`__provider`) with its inputs and",
      "outputs; a plugin resource stores only its inputs and outputs and a reference to one provider resource.",
      "",
    );
  }
  const check = (ok: boolean) => (ok ? "met" : "**missed**");
  lines.push(
    "## Targets",
    "",
    `- Exactly 1 event-list request per preview, whatever N: ${check(rows.every((r) => r.eventListRequests.every((c) => c === 1)))} (dynamic), ${check(rows.every((r) => r.pluginEventListRequests.every((c) => c === 1)))} (plugin).`,
    `- dynamic / baseline at N = ${big.n} no more than 1.15: ${fmt(ratio(big))}, ${check(ratio(big) <= 1.15)}.`,
  );
  const at100 = rows.find((r) => r.n === 100);
  if (at100) {
    lines.push(
      `- native / dynamic preview at N = 100 no more than 0.8: ${fmt(nativeRatio(at100))}, ${check(nativeRatio(at100) <= 0.8)}.`,
    );
  }
  const up = limited?.rows[0];
  if (limited && up) {
    const factor = up.seconds / (up.answered / limited.rate);
    lines.push(
      `- Under rate limiting, zero failed resources (${limited.rows.map((r) => r.failed).join(", ")}): ${check(limited.rows.every((r) => r.failed === 0))}.`,
      `- Under rate limiting, \`pulumi up\` in no more than 1.3 x the lower bound (${fmt(factor)}): ${check(factor <= 1.3)}.`,
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
      "state-n": { type: "string", default: "100" },
      "skip-up": { type: "boolean", default: false },
      out: { type: "string", default: __dirname },
      smoke: { type: "boolean", default: false },
    },
  });
  const smoke = values.smoke;
  const sizes = (smoke ? "10" : values.sizes).split(",").map(Number);
  const reps = smoke ? 1 : Number(values.reps);
  const limitedN = smoke ? 10 : Number(values["rate-limited"]);
  const stateN = smoke ? 10 : Number(values["state-n"]);
  const out = smoke ? fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-linq-bench-")) : values.out;

  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: REPO_ROOT, stdio: "inherit" });
  const emulator = await startEmulator({ apiKey: randomBytes(16).toString("hex") });
  try {
    const rows: PreviewRow[] = [];
    for (const n of sizes) rows.push(await previewRow(n, reps, emulator));
    const ups: UpRow[] = [];
    if (!values["skip-up"]) for (const n of sizes) ups.push(await upRow(n, emulator));
    const limited = limitedN > 0 ? await rateLimitedUp(limitedN, Number(values.rate), emulator) : undefined;
    const states: StateRow[] = [];
    if (stateN > 0) {
      for (const program of ["subscriptions", "native", "plugin", "baseline"] as const) {
        states.push(await stateRow(program, stateN, emulator));
      }
    }
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "RESULTS.md"), report(rows, ups, limited, states, reps));
    fs.writeFileSync(
      path.join(out, "preview.svg"),
      previewPlot("pulumi preview as programs grow", [
        {
          label: LABEL.subscriptions,
          color: "#d9480f",
          points: rows.map((r) => ({ n: r.n, seconds: median(r.ours) })),
        },
        {
          label: LABEL.native,
          color: "#7048e8",
          points: rows.map((r) => ({ n: r.n, seconds: median(r.native) })),
        },
        {
          label: LABEL.plugin,
          color: "#2f9e44",
          points: rows.map((r) => ({ n: r.n, seconds: median(r.plugin) })),
        },
        {
          label: LABEL.baseline,
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
