// What both entry points' config checks must do, for a stack of either (plugin-config-keys.test.ts,
// webhook-subscription-config-keys.test.ts): a misspelled `linq:*` key and a switch that is neither true
// nor false fail the preview, naming each, with nothing sent; fixed as the messages say, it previews.
import { expect } from "@jest/globals";
import type { RunningEmulator } from "../../emulator";
import type { LocalStack } from "../../scripts/lib/local-stack";

export async function expectConfigKeysChecked(stack: LocalStack, emulator: RunningEmulator): Promise<void> {
  await stack.pulumiOk(["config", "set", "linq:baseURL", "https://typo.example.com"]);
  await stack.pulumiOk(["config", "set", "linq:validateOffline", "yes"]);
  emulator.clearRequests();

  const preview = await stack.pulumi(["preview"]);
  expect(preview.code).not.toBe(0);
  expect(preview.output).toContain(
    "linq:baseURL is not a setting of the linq provider. Did you mean linq:baseUrl?",
  );
  expect(preview.output).toContain('linq:validateOffline is "yes". Set it to true or false.');
  expect(emulator.requests()).toEqual([]);

  await stack.pulumiOk(["config", "rm", "linq:baseURL"]);
  await stack.pulumiOk(["config", "set", "linq:validateOffline", "false"]);
  await stack.pulumiOk(["preview"]);
}
