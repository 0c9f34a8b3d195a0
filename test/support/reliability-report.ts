// Figures of the reliability scenarios, kept as JSON per scenario below .tmp/ for
// scripts/reliability-report.ts to turn into test/RELIABILITY.md.
import * as fs from "node:fs";
import * as path from "node:path";
import { FIGURES_DIR, type RecordedFigures } from "../../scripts/lib/reliability-figures";

export function recordFigures(scenario: string, figures: Record<string, number>): void {
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  const file = path.join(FIGURES_DIR, `${scenario.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.json`);
  const recorded: RecordedFigures = { scenario, recordedAt: new Date().toISOString(), figures };
  fs.writeFileSync(file, JSON.stringify(recorded, null, 2));
}
