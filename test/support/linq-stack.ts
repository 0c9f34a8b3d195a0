// A stack of the `subscriptions` fixture program, pointed at an emulator through stack config.
import type { RunningEmulator } from "../../emulator";
import { createLocalStack, type LocalStack, type StateResource } from "../../scripts/lib/local-stack";
import { projectFromFixture } from "./projects";

export interface Declared {
  name: string;
  targetUrl: string;
  subscribedEvents: string[];
  phoneNumbers?: string[];
  isActive?: boolean;
  rotationTrigger?: string;
  adopt?: boolean | string;
}

export interface LinqStack extends LocalStack {
  /** Sets the subscriptions the program declares (and any other program config). */
  declare(subscriptions: Declared[], config?: Record<string, string>): Promise<void>;
  subscriptionsInState(): StateResource[];
}

export const SUBSCRIPTION_TYPE = "pulumi-nodejs:dynamic/linq:WebhookSubscription";

export async function linqStack(
  emulator: RunningEmulator,
  options: { apiKeyInConfig?: boolean; env?: NodeJS.ProcessEnv; projectDir?: string } = {},
): Promise<LinqStack> {
  const projectDir = options.projectDir ?? projectFromFixture("subscriptions");
  const stack = await createLocalStack({ projectDir, env: options.env });
  if (options.apiKeyInConfig ?? true) {
    await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", emulator.apiKey]);
  }
  await stack.pulumiOk(["config", "set", "linq:baseUrl", emulator.url]);
  return {
    ...stack,
    async declare(subscriptions, config = {}) {
      await stack.pulumiOk(["config", "set", "subscriptions", JSON.stringify(subscriptions)]);
      for (const [key, value] of Object.entries(config)) await stack.pulumiOk(["config", "set", key, value]);
    },
    subscriptionsInState: () =>
      (stack.readState().checkpoint.latest?.resources ?? []).filter((r) => r.type === SUBSCRIPTION_TYPE),
  };
}

/** Requests that would change the account: none may reach the emulator when a preview fails. */
export function writeRequests(emulator: RunningEmulator) {
  return emulator.requests().filter((r) => r.method !== "GET" && r.path.startsWith("/v3"));
}
