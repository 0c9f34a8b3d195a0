// Before any engine test file runs: find or build the engine (so no test times out waiting for it), and
// compile dist/, which engine tests load as an installed pulumi-linq would be.
import { engineBinDir } from "../../scripts/lib/local-stack";
import buildDist from "./build-dist";

export default function globalSetup(): void {
  engineBinDir();
  buildDist();
}
