// On the real engine, on both entry points: a flood of bad list items (10,000 long names, 100,000
// unknown events) fails the preview quickly with a bounded output and sends nothing, and a base URL with
// a password in the stack config fails the preview without printing the password or sending anything.
import { measure } from "../../bench/measure";
import { uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";
import { projectFromFixture } from "../support/projects";
import { recordFigures } from "../support/reliability-report";
import { stackLeaks } from "../support/scan";

const emulator = useEmulator();
const PASSWORD = "pw-in-base-url-7f3a";
const MiB = 1024 * 1024;

/** The floods: names far longer than any event type, and more of them than the limit allows. */
const FLOODS: [string, { count: number; length: number }][] = [
  ["10,000 unknown events of 100 characters", { count: 10_000, length: 100 }],
  ["100,000 unknown events", { count: 100_000, length: 20 }],
];
const floodEvents = ({ count, length }: { count: number; length: number }) =>
  Array.from({ length: count }, (_, i) => `unknown.${i}.`.padEnd(length, "x"));

/** Runs a preview that must fail on the flood, records its figures and checks that its output is bounded. */
async function floodPreview(stack: LinqStack, entry: string, label: string) {
  const { result, seconds, providerPeakMiB } = await measure(stack, ["preview"]);
  expect(result.code).not.toBe(0);
  expect(result.output).toMatch(/subscribedEvents has 1000?00 items, over the limit of 100\. /);
  const outputBytes = Buffer.byteLength(result.output);
  recordFigures(`hostile input (engine, ${entry}): preview of ${label}`, {
    msToClearFailure: Math.round(seconds * 1000),
    previewOutputKiB: Math.round(outputBytes / 1024),
    providerPeakMiB: Math.round(providerPeakMiB ?? -1),
    resourcesLost: 0,
    secretsLeaked: stackLeaks(stack, emulator(), [result.output]).length,
  });
  expect(outputBytes).toBeLessThan(MiB);
  expect(writeRequests(emulator())).toEqual([]);
}

describe("pulumi preview of hostile input", () => {
  let stack: LinqStack;
  beforeAll(async () => {
    stack = await linqStack(emulator());
  });
  beforeEach(() => emulator().clearRequests());

  it("refuses a linq:baseUrl with a user name and password, never printing it", async () => {
    const withUserinfo = emulator().url.replace("http://", `http://linq-user:${PASSWORD}@`);
    await stack.declare(
      [{ name: "inbound", targetUrl: uniqueUrl("userinfo"), subscribedEvents: ["message.read"] }],
      {
        "linq:baseUrl": withUserinfo,
      },
    );
    try {
      const started = Date.now();
      const preview = await stack.pulumi(["preview"]);
      const leaked =
        stackLeaks(stack, emulator(), [preview.output]).length + (preview.output.includes(PASSWORD) ? 1 : 0);
      recordFigures("hostile input (engine): linq:baseUrl with user:password@", {
        msToClearFailure: Date.now() - started,
        resourcesLost: 0,
        secretsLeaked: leaked,
      });
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain("contains a user name or password (not repeated here)");
      expect(preview.output).not.toContain(PASSWORD);
      expect(preview.output).not.toContain("linq-user");
      expect(emulator().requests()).toEqual([]);
    } finally {
      await stack.pulumiOk(["config", "set", "linq:baseUrl", emulator().url]);
    }
  });
});

describe("pulumi preview of a flood of events in a TypeScript program (Node SDK)", () => {
  let stack: LinqStack;
  beforeAll(async () => {
    stack = await linqStack(emulator(), { projectDir: projectFromFixture("flood") });
  });
  beforeEach(() => emulator().clearRequests());

  it.each(FLOODS)("fails a preview of %s with an output under 1 MiB", async (label, flood) => {
    await stack.pulumiOk([
      "config",
      "set",
      "flood",
      JSON.stringify({ ...flood, targetUrl: uniqueUrl("flood") }),
    ]);
    await floodPreview(stack, "Node SDK", label);
  });
});

describe("pulumi preview of hostile input on the plugin (YAML)", () => {
  const project = yamlProject("hostile-yaml");
  let stack: LinqStack;
  beforeAll(async () => {
    project.write("resources: {}\n");
    stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
  });
  beforeEach(() => emulator().clearRequests());

  it.each(FLOODS)("fails a preview of %s with an output under 1 MiB", async (label, flood) => {
    const properties = { targetUrl: uniqueUrl("flood-yaml"), subscribedEvents: floodEvents(flood) };
    project.write(
      `resources:\n  flood:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n    properties: ${JSON.stringify(properties)}\n`,
    );
    await floodPreview(stack, "plugin, YAML", label);
  });
});
