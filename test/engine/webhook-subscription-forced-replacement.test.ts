// `pulumi up --replace <urn>` and `pulumi state taint` + `up`, on both entry points. The engine skips the
// provider's Diff for a forced replacement and checks the resource as a new one, with no old state
// (pulumi/pulumi#9924), so the provider cannot tell its own subscription from another stack's at that URL.
// What it can do: refuse before anything is written, say so, and name the replacement that works
// (rotationTrigger: delete first, a new signing secret), which these tests then run.
import { subscriptionsAt, uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack, SUBSCRIPTION_TYPE, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";

const emulator = useEmulator();
const EVENTS = ["message.read"];

interface EntryPoint {
  stack: LinqStack;
  type: string;
  /** Declares the one subscription with this rotationTrigger. */
  declare(rotationTrigger: string): Promise<void>;
  /** Its id and signing secret, as the program exports them. */
  live(): Promise<{ id: string; signingSecret?: string }>;
}

async function yamlOnPlugin(targetUrl: string): Promise<EntryPoint> {
  const project = yamlProject("forced-replacement");
  const declare = (rotationTrigger: string) => {
    const properties = { targetUrl, subscribedEvents: EVENTS, rotationTrigger };
    project.write(
      `resources:\n  hook:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n    properties: ${JSON.stringify(properties)}\n` +
        "outputs:\n  id: ${hook.id}\n  signingSecret: ${hook.signingSecret}\n",
    );
    return Promise.resolve();
  };
  await declare("0"); // the stack is made for the project that Pulumi.yaml names
  const stack = await linqStack(emulator(), { projectDir: project.dir });
  await installPlugin(stack);
  return {
    stack,
    type: PLUGIN_SUBSCRIPTION_TYPE,
    declare,
    async live() {
      const { id, signingSecret } = await stack.outputs({ showSecrets: true });
      return { id: String(id), signingSecret: String(signingSecret) };
    },
  };
}

async function nodeOnDynamic(targetUrl: string): Promise<EntryPoint> {
  const stack = await linqStack(emulator());
  return {
    stack,
    type: SUBSCRIPTION_TYPE,
    declare: (rotationTrigger) =>
      stack.declare([{ name: "hook", targetUrl, subscribedEvents: EVENTS, rotationTrigger }]),
    live: async () => (await stack.exported()).hook!,
  };
}

const urnOf = (entry: EntryPoint) =>
  entry.stack.readState().checkpoint.latest!.resources!.find((r) => r.type === entry.type)!.urn;

/** A forced replacement is refused at preview, naming the way through, and nothing changes in Linq. */
async function expectRefused(entry: EntryPoint, args: string[], before: { id: string }) {
  emulator().clearRequests();
  const up = await entry.stack.pulumi(args);
  expect(up.code).not.toBe(0);
  expect(up.output).toContain(`is already used by webhook subscription ${before.id}`);
  expect(up.output).toContain("'pulumi up --replace' or 'pulumi state taint'");
  expect(up.output).toContain("change its rotationTrigger instead");
  expect(writeRequests(emulator())).toEqual([]);
}

describe.each([
  ["a YAML program on the plugin", yamlOnPlugin],
  ["a Node program on the dynamic provider", nodeOnDynamic],
])("a forced replacement, %s", (_, entryPoint) => {
  it("is refused before anything is written, naming rotationTrigger, which then replaces it", async () => {
    const targetUrl = uniqueUrl("forced");
    const entry = await entryPoint(targetUrl);
    await entry.declare("1");
    await entry.stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const before = await entry.live();
    const urn = urnOf(entry);

    await expectRefused(entry, ["up", "--yes", "--replace", urn], before);
    await entry.stack.pulumiOk(["state", "taint", urn, "--yes"]);
    await expectRefused(entry, ["up", "--yes"], before);
    expect(subscriptionsAt(emulator(), targetUrl).map((s) => s.id)).toEqual([before.id]);

    // The way the message names: untaint, then change rotationTrigger.
    await entry.stack.pulumiOk(["state", "untaint", urn, "--yes"]);
    await entry.declare("2");
    await entry.stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const after = await entry.live();
    expect(after.id).not.toBe(before.id);
    expect(after.signingSecret).toMatch(/^whsec_/);
    expect(after.signingSecret).not.toBe(before.signingSecret);
    expect(subscriptionsAt(emulator(), targetUrl).map((s) => s.id)).toEqual([after.id]);
    await entry.stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(subscriptionsAt(emulator(), targetUrl)).toEqual([]);
  });
});
