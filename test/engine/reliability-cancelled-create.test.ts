// Ctrl-C after a create got an unclear answer: a gateway answers 504 at once while Linq processes the
// POST 4 s later, and SIGINT comes after the create's first lookup (which finds nothing yet). The create
// looks again for up to 10 s and records what Linq made, on both entry points: nothing is orphaned, and
// the next `up` neither fails ("already used") nor creates twice.
import { uniqueUrl, useEmulator } from "../support/emulator";
import { upInterrupted } from "../support/interrupt";
import { linqStack, SUBSCRIPTION_TYPE, type Declared, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";
import { recordFigures } from "../support/reliability-report";

const emulator = useEmulator();
const N = 3;
const LATE_MS = 4000;

const declaredAs = (label: string): Declared[] =>
  Array.from({ length: N }, (_, i) => ({
    name: `${label}-${i}`,
    targetUrl: uniqueUrl(label),
    subscribedEvents: ["message.read"],
  }));

/** After the first POST, a lookup of the account: the create's own, which finds nothing yet. */
function lookedUpAfterPost(): boolean {
  const routes = emulator()
    .requests()
    .map((r) => r.route);
  const post = routes.indexOf("POST /v3/webhook-subscriptions");
  return post >= 0 && routes.indexOf("GET /v3/webhook-subscriptions", post) > post;
}

async function interruptedUnclearCreates(stack: LinqStack, type: string, declared: Declared[]) {
  emulator().clearRequests();
  emulator().setFaults({
    gatewayTimeout: { rate: 1, processAfterMs: LATE_MS, match: { method: "POST" } },
  });
  const up = await upInterrupted(stack, lookedUpAfterPost);
  // Whatever Linq still had to process is done by now.
  await new Promise((resolve) => setTimeout(resolve, LATE_MS + 1000));
  emulator().setFaults({});

  const urls = declared.map((d) => d.targetUrl);
  const account = emulator()
    .subscriptions()
    .filter((s) => urls.includes(s.target_url));
  const inState = (stack.readState().checkpoint.latest?.resources ?? []).filter((r) => r.type === type);
  const orphans = account.filter((s) => !inState.some((r) => r.id === s.id));
  recordFigures(`Ctrl-C after an unclear create (${type.startsWith("linq:") ? "plugin" : "dynamic"})`, {
    faultedAnswers: emulator().counters().faults["gateway-timeout"] ?? 0,
    createdInLinq: account.length,
    recorded: inState.length,
    orphans: orphans.length,
  });
  expect(up.code).not.toBe(0);
  expect(account.length).toBeGreaterThan(0); // else SIGINT came too early to show anything
  expect(orphans).toEqual([]);
  expect(new Set(account.map((s) => s.target_url)).size).toBe(account.length);
  expect(up.output).toContain("recorded instead of created twice");

  // The next up creates what is missing, once, and fails on nothing.
  await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
  const after = emulator()
    .subscriptions()
    .filter((s) => urls.includes(s.target_url));
  expect(after.map((s) => s.target_url).sort()).toEqual([...urls].sort());
  await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  expect(
    emulator()
      .subscriptions()
      .filter((s) => urls.includes(s.target_url)),
  ).toEqual([]);
}

describe("Ctrl-C after a create whose answer was unclear", () => {
  it("records what Linq created meanwhile: YAML program on the plugin", async () => {
    const declared = declaredAs("cancelled-yaml");
    const project = yamlProject("cancelled-create");
    const resources = declared.map(
      ({ name, ...properties }) =>
        `  ${name}:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n    properties: ${JSON.stringify(properties)}\n`,
    );
    project.write(`resources:\n${resources.join("")}`);
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    await interruptedUnclearCreates(stack, PLUGIN_SUBSCRIPTION_TYPE, declared);
  });

  it("records what Linq created meanwhile: Node program on the dynamic provider", async () => {
    const declared = declaredAs("cancelled-node");
    const stack = await linqStack(emulator());
    await stack.declare(declared);
    await interruptedUnclearCreates(stack, SUBSCRIPTION_TYPE, declared);
  });
});
