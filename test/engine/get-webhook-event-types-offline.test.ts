// linq:validateOffline covers the data source on both entry points: with Linq out of reach, the
// program gets the bundled list, with a warning, instead of failing after its retries.
import { expect } from "@jest/globals";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "../../provider/constants";
import { createLocalStack, type LocalStack } from "../../scripts/lib/local-stack";
import { closedPort } from "../support/closed-port";
import { newApiKey } from "../support/emulator";
import { installPlugin, yamlProject } from "../support/plugin";
import { projectFromFixture } from "../support/projects";

const WARNING =
  /getWebhookEventTypes: linq:validateOffline is set, so this is the list of the \d+ event types bundled/;

/** Offline, and Linq unreachable: a base URL nothing listens on, so any request would fail the run. */
async function offline(stack: LocalStack): Promise<void> {
  await stack.pulumiOk(["config", "set", "linq:validateOffline", "true"]);
  await stack.pulumiOk(["config", "set", "linq:baseUrl", `http://127.0.0.1:${await closedPort()}`]);
  await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", newApiKey()]);
}

describe("getWebhookEventTypes with linq:validateOffline", () => {
  it("gives a Node program the bundled list, with a warning, and sends nothing", async () => {
    const stack = await createLocalStack({ projectDir: projectFromFixture("subscriptions") });
    await offline(stack);
    await stack.pulumiOk(["config", "set", "readEventTypes", "2"]);
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toMatch(WARNING);
    expect((await stack.outputs()).availableEvents).toEqual(KNOWN_WEBHOOK_EVENT_TYPES);
  });

  it("gives a YAML program on the plugin the bundled list, with a warning, and sends nothing", async () => {
    const project = yamlProject("offline-invoke");
    project.write(
      `variables:\n  eventTypes:\n    fn::invoke:\n      function: linq:index:getWebhookEventTypes\n      arguments: {}\n` +
        `outputs:\n  availableEvents: \${eventTypes.events}\n`,
    );
    const stack = await createLocalStack({ projectDir: project.dir });
    await installPlugin(stack);
    await offline(stack);
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toMatch(WARNING);
    expect((await stack.outputs()).availableEvents).toEqual(KNOWN_WEBHOOK_EVENT_TYPES);
  });
});
