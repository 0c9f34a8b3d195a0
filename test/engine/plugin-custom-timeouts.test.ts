// customTimeouts on the plugin: the engine sends them with create and delete, and the operation stops
// trying at the deadline (no call sent again after it) instead of running its retries out, with an
// error that names the timeout; nothing is lost: what exists stays in the account and the state.
import { expect } from "@jest/globals";
import { uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";

const emulator = useEmulator();

/** The client's attempts at a call that keeps failing with 503 (1 + maxRetries, the default 6). */
const ATTEMPTS_WITHOUT_TIMEOUT = 7;

const inState = (stack: LinqStack) =>
  (stack.readState().checkpoint.latest?.resources ?? []).filter((r) => r.type === PLUGIN_SUBSCRIPTION_TYPE);

/** Every request of this method to the subscriptions answers 503 (not processed), as in an outage. */
const outage = (method: string, path: string) =>
  emulator().setFaults({ errors: { count: 1000, statuses: [503], match: { method, path } } });

describe("customTimeouts on the plugin", () => {
  it("end a create and a delete at their deadline, named, with nothing lost", async () => {
    const project = yamlProject("custom-timeouts");
    const url = uniqueUrl("timeouts");
    project.write(
      `resources:\n  hook:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n` +
        `    properties: ${JSON.stringify({ targetUrl: url, subscribedEvents: ["message.received"] })}\n` +
        `    options:\n      customTimeouts:\n        create: 2s\n        delete: 2s\n`,
    );
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);

    outage("POST", "/v3/webhook-subscriptions");
    emulator().clearRequests();
    const up = await stack.pulumi(["up", "--yes"]);
    expect(up.code).not.toBe(0);
    expect(up.output).toContain("the create did not finish within its customTimeouts.create (2 s)");
    expect(up.output).not.toContain("Ctrl-C");
    expect(emulator.count("POST /v3/webhook-subscriptions")).toBeLessThan(ATTEMPTS_WITHOUT_TIMEOUT);
    expect(emulator().subscriptions()).toEqual([]);
    expect(inState(stack)).toEqual([]);

    emulator().setFaults({});
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const [created] = inState(stack);
    outage("DELETE", "/v3/webhook-subscriptions/");
    emulator().clearRequests();
    const destroy = await stack.pulumi(["destroy", "--yes"]);
    expect(destroy.code).not.toBe(0);
    expect(destroy.output).toContain("the delete did not finish within its customTimeouts.delete (2 s)");
    expect(emulator.count("DELETE /v3/webhook-subscriptions/:id")).toBeLessThan(ATTEMPTS_WITHOUT_TIMEOUT);
    expect(inState(stack).map((r) => r.id)).toEqual([created!.id]);
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.id),
    ).toEqual([created!.id]);
  });
});
