// A stack of the `subscriptions` fixture program, pointed at an emulator through stack config.
import { z } from "zod";
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
  /** Former names of the resource (the `aliases` option). */
  aliases?: string[];
  /** The `retainOnDelete` resource option. */
  retainOnDelete?: boolean;
  /** Appended to targetUrl by a `transformations` resource option, after the SDK has seen the URL. */
  urlSuffixByTransformation?: string;
  /** The `import` resource option. */
  importId?: string;
  /** The `deleteBeforeReplace` resource option. */
  deleteBeforeReplace?: boolean;
  /** The `replaceOnChanges` resource option. */
  replaceOnChanges?: string[];
  /** The `ignoreChanges` resource option. */
  ignoreChanges?: string[];
  /** The `customTimeouts` resource option. */
  customTimeouts?: { create?: string; update?: string; delete?: string };
}

export interface LinqStack extends LocalStack {
  /** Sets the subscriptions the program declares (and any other program config). */
  declare(subscriptions: Declared[], config?: Record<string, string>): Promise<void>;
  subscriptionsInState(): StateResource[];
  /** What the program exports for each subscription, by name, with secrets shown. */
  exported(): Promise<Record<string, ExportedSubscription>>;
}

/** The fixture's `subscriptions` output: no other key may appear (signingSecret is absent when unknown). */
const ExportedSchema = z.object({
  subscriptions: z.record(
    z.string(),
    z.strictObject({ id: z.string(), signingSecret: z.string().optional() }),
  ),
});
export type ExportedSubscription = z.infer<typeof ExportedSchema>["subscriptions"][string];

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
    exported: async () => ExportedSchema.parse(await stack.outputs({ showSecrets: true })).subscriptions,
  };
}

/** N subscriptions named `${label}-i`, each at its own URL. */
export function manySubscriptions(label: string, n: number, events = ["message.read"]): Declared[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `${label}-${i}`,
    targetUrl: `https://hooks.example.com/${label}?n=${i}`,
    subscribedEvents: events,
  }));
}

/** Declared but missing from the account, duplicated in it, or in it but not in the state: each is a resource lost. */
export function resourcesLost(stack: LinqStack, emulator: RunningEmulator, declared: Declared[]): number {
  const account = emulator.subscriptions();
  const urls = account.map((s) => s.target_url);
  const inState = new Set(stack.subscriptionsInState().map((r) => r.id));
  return (
    declared.filter((d) => !urls.includes(d.targetUrl)).length +
    (urls.length - new Set(urls).size) +
    account.filter((s) => !inState.has(s.id)).length
  );
}

/** The account holds exactly the declared subscriptions (URL and events), and the state exactly the account's. */
export function expectAccountMatches(
  stack: LinqStack,
  emulator: RunningEmulator,
  declared: Declared[],
): void {
  const account = emulator.subscriptions();
  expect(account.map((s) => [s.target_url, [...s.subscribed_events].sort()]).sort()).toEqual(
    declared.map((d) => [d.targetUrl, [...d.subscribedEvents].sort()]).sort(),
  );
  const stateIds = stack.subscriptionsInState().map((r) => r.id);
  expect(stateIds.sort()).toEqual(account.map((s) => s.id).sort());
}
