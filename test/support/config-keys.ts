// What both entry points' config checks must do, for a stack of either (plugin-config-keys.test.ts,
// webhook-subscription-config-keys.test.ts): a misspelled `linq:*` key and a switch that is neither true
// nor false fail the preview, naming each, with nothing sent and no value of a misspelled key shown; fixed as
// the messages say, it previews.
import { randomBytes } from "node:crypto";
import { expect } from "@jest/globals";
import type { RunningEmulator } from "../../emulator";
import type { LocalStack } from "../../scripts/lib/local-stack";

export async function expectConfigKeysChecked(stack: LocalStack, emulator: RunningEmulator): Promise<void> {
  await stack.pulumiOk(["config", "set", "linq:baseURL", "https://typo.example.com"]);
  await stack.pulumiOk(["config", "set", "linq:validateOffline", "yes"]);
  // A key under a misspelled name, set without --secret: refused by name, its value never printed (one
  // unlike the stack's secrets, which the CLI masks in whatever it prints).
  const misplacedKey = `linq-key-${randomBytes(12).toString("hex")}`;
  await stack.pulumiOk(["config", "set", "linq:api_key", misplacedKey]);
  emulator.clearRequests();

  const preview = await stack.pulumi(["preview"]);
  expect(preview.code).not.toBe(0);
  expect(preview.output).toContain(
    "linq:baseURL is not a setting of the linq provider. Did you mean linq:baseUrl?",
  );
  expect(preview.output).toContain('linq:validateOffline is "yes". Set it to true or false.');
  expect(preview.output).toContain(
    "linq:api_key is not a setting of the linq provider. Did you mean linq:apiKey?",
  );
  expect(preview.output).not.toContain(misplacedKey);
  expect(emulator.requests()).toEqual([]);

  await stack.pulumiOk(["config", "rm", "linq:baseURL"]);
  await stack.pulumiOk(["config", "rm", "linq:api_key"]);
  await stack.pulumiOk(["config", "set", "linq:validateOffline", "false"]);
  await stack.pulumiOk(["preview"]);
}
