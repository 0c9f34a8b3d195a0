// The advice check() gives when a new resource's targetUrl is already held in Linq: the holder may be
// another stack's, which adopting would make two stacks own, and a resource moved into a component needs
// an alias that names its old parent. check() runs as every entry point runs it, against the emulator.
import { readFileSync } from "node:fs";
import { callContext } from "../../provider/call-context";
import { newProcessState } from "../../provider/process-state";
import { webhookSubscription } from "../../provider/webhook-subscription";
import { resolveSettings } from "../../provider/settings";
import { call, uniqueUrl, useEmulator } from "../support/emulator";
import { anchorOf, README_PATH } from "../support/readme-anchors";

const emulator = useEmulator();

async function takenUrlAdvice(): Promise<{ reason: string; holderId: string }> {
  const targetUrl = uniqueUrl("taken");
  const created = await call(emulator(), "POST", "/v3/webhook-subscriptions", {
    body: { target_url: targetUrl, subscribed_events: ["message.read"] },
  });
  const holderId = (created.body as { id: string }).id;
  const { url, apiKey } = emulator();
  const config: Record<string, string> = { "linq:baseUrl": url, "linq:apiKey": apiKey };
  const ctx = callContext(newProcessState(resolveSettings((key) => config[key], {}, {})));
  const { failures } = await webhookSubscription.check(
    ctx,
    {},
    { targetUrl, subscribedEvents: ["message.read"] },
  );
  expect(failures).toHaveLength(1);
  expect(failures[0]!.property).toBe("targetUrl");
  return { reason: failures[0]!.reason, holderId };
}

describe("a new resource whose targetUrl another subscription holds", () => {
  it("says that the holder may be another stack's, and what adopting it then does", async () => {
    const { reason, holderId } = await takenUrlAdvice();
    expect(reason).toContain(`is already used by webhook subscription ${holderId}`);
    expect(reason).toContain("If another stack holds it, give this one its own URL");
    expect(reason).toContain("adopting it would make two stacks own one subscription");
    expect(reason).toContain(`set adopt: true (or adopt: "${holderId}")`);
  });

  it("gives the old URN as the alias, the form for every language, and links to the README for the rest", async () => {
    const { reason } = await takenUrlAdvice();
    expect(reason).toContain(`aliases: ["<the old resource's URN>"]`);
    expect(reason).toContain("'pulumi stack --show-urns'");
    expect(reason).not.toMatch(/aliases: \[\{ name: "<old name>" \}\]/);
    // The section linked says what destroying a shared subscription does and links to the TypeScript form.
    const [, anchor] = /See README\.md#([\w-]+)\.$/.exec(reason) ?? [];
    const readme = readFileSync(README_PATH, "utf8");
    const heading = readme.split("\n").find((line) => anchorOf(line.replace(/^### /, "")) === anchor);
    expect(heading).toMatch(/^### /);
    const section = readme.slice(readme.indexOf(heading!)).split(/\n## |\n### /)[0]!;
    expect(section).toContain("`pulumi destroy` of either");
    expect(section).toContain("[Renaming a resource](#renaming-a-resource)");
    expect(readme).toContain('aliases: [{ name: "inbound", parent: pulumi.rootStackResource }]');
  });

  it("names the forced replacement of this very resource and its way through (rotationTrigger)", async () => {
    const { reason } = await takenUrlAdvice();
    expect(reason).toContain("'pulumi up --replace' or 'pulumi state taint'");
    expect(reason).toContain("change its rotationTrigger instead");
  });
});
