// What examples/basic (TypeScript) and examples/yaml (the plugin) both promise after `pulumi up`: the
// live event list as an output, one subscription "inbound" with its filter, and a secret signing secret.
import type { CommandResult } from "../../scripts/lib/local-stack";
import type { RunningEmulator } from "../../emulator";
import type { LinqStack } from "./linq-stack";

export async function expectInboundExampleDeployed(
  up: CommandResult,
  stack: LinqStack,
  emulator: RunningEmulator,
): Promise<void> {
  expect(up.output).toContain("signingSecret  : [secret]");
  const outputs = (await stack.outputs()) as { availableEvents: string[]; inboundId: string };
  expect(outputs.availableEvents).toEqual(emulator.events());
  expect(emulator.subscriptions()).toMatchObject([
    {
      id: outputs.inboundId,
      phone_numbers: ["+14155551234"],
      subscribed_events: ["message.received", "message.read"],
    },
  ]);
}
