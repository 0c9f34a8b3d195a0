// Finds or builds the engine once before any test file runs, so no test times out waiting for it.
import { engineBinDir } from "../../scripts/lib/local-stack";

export default function globalSetup(): void {
  engineBinDir();
}
