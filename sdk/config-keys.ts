// A Node program's `linq:*` stack config, checked as the plugin's CheckConfig checks it
// (provider/config-checks.ts): the dynamic provider gets no CheckConfig, and a misspelled linq:baseUrl
// would otherwise be ignored, sending the API key to Linq's production API. Checked once per run, in the
// program, before any resource is registered: a refusal is one line, not one per resource's check.
import * as pulumi from "@pulumi/pulumi";
import { resolveConnection } from "../provider/client";
import { configFailures } from "../provider/config-checks";
import { PACKAGE_NAME } from "../provider/package-schema";
import { clientOptions, resolveSettings } from "../provider/settings";
import { underMocks } from "./mocks";
import { perRun } from "./per-run";

const checked = perRun(() => ({ passed: false, connectable: false }));

/**
 * Throws, before anything is sent, if a `linq:*` key is not a setting, a switch is not true or false, or
 * the base URL is one no request may use.
 */
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

/**
 * Throws, as assertLinqConfig, when the stack's settings reach no Linq account: no API key in the config
 * or the environment. For WebhookSubscription only, whose provider has nothing but the stack config (a
 * data source may take its own apiKey); not under linq:validateOffline (a preview needs no key then), nor
 * under mocks, which connect to nothing.
 */
export function assertLinqConnection(): void {
  assertLinqConfig();
  const run = checked();
  if (run.connectable || underMocks()) return;
  const settings = resolveSettings(pulumi.runtime.getConfig);
  try {
    if (!settings.validateOffline) resolveConnection(clientOptions(settings));
  } catch (err) {
    throw new pulumi.RunError((err as Error).message);
  }
  run.connectable = true;
}
