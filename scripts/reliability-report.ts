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
const total = (key: string) => recorded.reduce((sum, r) => sum + (r.figures[key] ?? 0), 0);
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
  `| **total** | ${keys.map((k) => `**${total(k)}**`).join(" | ")} |`,
  "",
  "Goals: `resourcesLost` 0 and `secretsLeaked` 0 in every scenario.",
  "",
];
fs.writeFileSync(path.join(REPO_ROOT, "test", "RELIABILITY.md"), lines.join("\n"));
console.log(lines.join("\n"));
