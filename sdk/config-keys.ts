// A Node program's `linq:*` stack config, checked as the plugin's CheckConfig checks it
// (provider/config-checks.ts): the dynamic provider gets no CheckConfig, and a misspelled linq:baseUrl
// would otherwise be ignored, sending the API key to Linq's production API.
import * as pulumi from "@pulumi/pulumi";
import { configFailures } from "../provider/config-checks";
import { PACKAGE_NAME } from "../provider/package-schema";
import { perRun } from "./per-run";

const checked = perRun(() => ({ passed: false }));

/** Throws, before anything is sent, if a `linq:*` key is not a setting or a switch is not true or false. */
export function assertLinqConfig(): void {
  const run = checked();
  if (run.passed) return;
  const prefix = `${PACKAGE_NAME}:`;
  const config = Object.fromEntries(
    Object.entries(pulumi.runtime.allConfig())
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
  const failures = configFailures(config, pulumi.getProject());
  if (failures.length > 0) throw new pulumi.RunError(failures.map((f) => f.reason).join("\n"));
  run.passed = true;
}
