// Where the reliability scenarios leave their figures (one JSON per scenario) for the report.
import * as path from "node:path";
import { REPO_ROOT } from "./local-stack";

export const FIGURES_DIR = path.join(REPO_ROOT, ".tmp", "reliability");

export interface RecordedFigures {
  scenario: string;
  recordedAt: string;
  figures: Record<string, number>;
}
