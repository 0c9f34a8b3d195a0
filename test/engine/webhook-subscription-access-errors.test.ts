// refresh and destroy on the real engine when Linq refuses the key (401) or denies access (403), or
// when the configuration recorded at the last up has no key: the command fails with the fix, and the
// subscription stays in the state and in the account.
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { scratchDir } from "../../scripts/lib/local-stack";
import { newApiKey, uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";

const emulator = useEmulator();

describe("WebhookSubscription when Linq refuses access", () => {
  let stack: LinqStack;
  let id: string;

  const expectKept = () => {
    expect(stack.subscriptionsInState().map((r) => r.id)).toEqual([id]);
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.id),
    ).toContain(id);
  };

  beforeAll(async () => {
    stack = await linqStack(emulator());
    await stack.declare([
      { name: "guarded", targetUrl: uniqueUrl("access"), subscribedEvents: ["message.read"] },
    ]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    ({ id } = (stack.subscriptionsInState() as { id: string }[])[0]!);
  });

  afterEach(() => emulator().setFaults({}));

  it("fails refresh on a 403, naming the subscription and the key to check", async () => {
    emulator().setFaults({
      forbidden: { rate: 1, match: { method: "GET", path: "/v3/webhook-subscriptions/" } },
    });
    const refresh = await stack.pulumi(["refresh", "--yes"]);
    expect(refresh.code).not.toBe(0);
    expect(refresh.output).toContain(`Linq denied this API key access to webhook subscription ${id}`);
    expect(refresh.output).toContain("linq:apiKey");
    expectKept();
  });

  it("fails destroy on a 403 without dropping the subscription, and destroys it once allowed", async () => {
    emulator().setFaults({ forbidden: { rate: 1, match: { method: "DELETE" } } });
    const denied = await stack.pulumi(["destroy", "--yes"]);
    expect(denied.code).not.toBe(0);
    expect(denied.output).toContain(`Linq denied this API key access to webhook subscription ${id}`);
    expectKept();

    emulator().setFaults({});
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(stack.subscriptionsInState()).toEqual([]);
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.id),
    ).not.toContain(id);
  });
});

describe("WebhookSubscription after the API key is rotated", () => {
  it("fails refresh with the old key, saying to add --run-program, which then uses the new key", async () => {
    const statePath = path.join(scratchDir("rotated-key"), "account.json");
    const [oldKey, newKey] = [newApiKey(), newApiKey()];
    const before = await startEmulator({ apiKey: oldKey, statePath });
    const stack = await linqStack(before);
    await stack.declare([
      { name: "rotated", targetUrl: uniqueUrl("rotated"), subscribedEvents: ["message.read"] },
    ]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    await before.close();
    const after = await startEmulator({ apiKey: newKey, statePath, port: Number(new URL(before.url).port) });
    try {
      await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", newKey]);
      const stale = await stack.pulumi(["refresh", "--yes"]);
      expect(stale.code).not.toBe(0);
      expect(stale.output).toContain("Linq refused the API key");
      expect(stale.output).toContain("--run-program");
      expect(stale.output).not.toContain(oldKey);
      expect(stack.subscriptionsInState()).toHaveLength(1);

      const current = await stack.pulumiOk(["refresh", "--yes", "--run-program"]);
      expect(current.output).not.toContain(newKey);
      await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
      await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
      expect(after.subscriptions()).toEqual([]);
    } finally {
      await after.close();
    }
  });

  it("fails destroy when the last up had the key only in the environment, saying to add --run-program", async () => {
    const stack = await linqStack(emulator(), { apiKeyInConfig: false });
    const targetUrl = uniqueUrl("key-from-env");
    await stack.declare([{ name: "from-env", targetUrl, subscribedEvents: ["message.read"] }]);
    await stack.pulumiOk(["up", "--yes"], { env: { LINQ_API_V3_API_KEY: emulator().apiKey } });
    const held = () =>
      emulator()
        .subscriptions()
        .filter((s) => s.target_url === targetUrl);
    expect(held()).toHaveLength(1);

    // The key now in the stack's config, not in the environment: destroy still runs with what up recorded.
    await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", emulator().apiKey]);
    const noEnv = { env: { LINQ_API_V3_API_KEY: "" } };
    const stale = await stack.pulumi(["destroy", "--yes"], noEnv);
    expect(stale.code).not.toBe(0);
    expect(stale.output).toContain("No Linq API key");
    expect(stale.output).toContain(
      "add --run-program to 'pulumi refresh' or 'pulumi destroy': they use the configuration recorded at the last 'pulumi up'",
    );
    expect(stale.output).toContain("See README.md#refresh-and-destroy-use-the-configuration-of-the-last-up");
    expect(stale.output).not.toContain(emulator().apiKey);
    expect(stack.subscriptionsInState()).toHaveLength(1);
    expect(held()).toHaveLength(1);

    await stack.pulumiOk(["destroy", "--yes", "--run-program"], noEnv);
    expect(stack.subscriptionsInState()).toEqual([]);
    expect(held()).toEqual([]);
  });
});
