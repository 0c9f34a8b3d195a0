// Figures of the reliability scenarios, kept as JSON per scenario below .tmp/ for
// scripts/reliability-report.ts to turn into test/RELIABILITY.md.
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/lib/local-stack";

export const FIGURES_DIR = path.join(REPO_ROOT, ".tmp", "reliability");

export function recordFigures(scenario: string, figures: Record<string, number>): void {
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  const file = path.join(FIGURES_DIR, `${scenario.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ scenario, recordedAt: new Date().toISOString(), figures }, null, 2),
  );
}
