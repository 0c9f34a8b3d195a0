// `npm run reliability`: runs the reliability suite, then writes test/RELIABILITY.md from the figures
// the scenarios recorded (test/support/reliability-report.ts).
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./lib/local-stack";
import { FIGURES_DIR, type RecordedFigures } from "./lib/reliability-figures";

const recorded: RecordedFigures[] = fs
  .readdirSync(FIGURES_DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(fs.readFileSync(path.join(FIGURES_DIR, f), "utf8")) as RecordedFigures)
  .sort((a, b) => a.scenario.localeCompare(b.scenario));

const keys = [...new Set(recorded.flatMap((r) => Object.keys(r.figures)))];
// Times and sizes are per scenario: a sum of them would mean nothing.
const summed = (key: string) => !/^ms|MiB$|KiB$/.test(key);
const total = (key: string) =>
  summed(key) ? `**${recorded.reduce((sum, r) => sum + (r.figures[key] ?? 0), 0)}**` : "";
const lines = [
  "# Reliability report",
  "",
  `Written by \`npm run reliability\` on ${new Date().toISOString()} from the figures the scenarios recorded`,
  "(real engine, real HTTP against the emulator's fault injection; scenarios marked (client) run the",
  "provider's client in the test process, over real HTTP through test/support/fault-proxy.ts, and",
  "measure that process's memory). Blank: not measured by that scenario.",
  "",
  `| scenario | ${keys.join(" | ")} |`,
  `| --- | ${keys.map(() => "---:").join(" | ")} |`,
  ...recorded.map((r) => `| ${r.scenario} | ${keys.map((k) => r.figures[k] ?? "").join(" | ")} |`),
  `| **total** | ${keys.map(total).join(" | ")} |`,
  "",
  "Goals: `resourcesLost` 0 and `secretsLeaked` 0 in every scenario.",
  "",
  "`msToClearFailure`: from the call (or command) to its error. `clientPeakGrowthMiB`: the growth of the",
  "test process's resident set during the call, sampled every 10 ms (the provider runs the same client).",
  "The trickle scenario uses a 600 ms deadline to stay short; with the defaults (30 s per attempt, no retry",
  "started past 120 s) the same GET fails after 4 attempts, in about 2 minutes.",
  "",
];
const report = path.join(REPO_ROOT, "test", "RELIABILITY.md");
// Sections of their own (`## …`) below the table, measured outside this suite, are kept as they are.
const kept = fs.existsSync(report)
  ? fs
      .readFileSync(report, "utf8")
      .split(/^(?=## )/m)
      .slice(1)
  : [];
const text = [lines.join("\n"), ...kept].join("\n");
fs.writeFileSync(report, text);
console.log(text);
