// A secret input is named, never shown: check failures, errors and warnings of the dynamic provider
// (Node SDK) say "the secret targetUrl" and give the fix without the value. The SDK tells the provider
// which inputs are secret; that marker never reaches the state.
import * as fs from "node:fs";
import { CreatedWebhookSubscriptionSchema } from "../../provider/client";
import { call, useEmulator, writeRequests } from "../support/emulator";
import { expectRefusedWithoutShowing, REFUSED_SECRET_URLS, secretToken } from "../support/secret-target-urls";
import { linqStack, type Declared, type LinqStack } from "../support/linq-stack";

const emulator = useEmulator();
/** The program's declarations as secret config, so that the stack's config holds no plaintext token. */
const declareSecretly = (stack: LinqStack, subscriptions: Declared[]) =>
  stack.pulumiOk(["config", "set", "--secret", "subscriptions", JSON.stringify(subscriptions)]);

describe("secret inputs of the Node SDK in messages", () => {
  let stack: LinqStack;
  beforeAll(async () => {
    stack = await linqStack(emulator());
  });

  it.each(REFUSED_SECRET_URLS)(
    "fails preview on a %s secret targetUrl without showing it",
    async (_label, url, message) => {
      const secret = secretToken();
      await declareSecretly(stack, [
        { name: "inbound", targetUrl: `secret:${url(secret)}`, subscribedEvents: ["message.read"] },
      ]);
      expectRefusedWithoutShowing(await stack.pulumi(["preview", "--diff"]), secret, message);
    },
  );

  it("names the secret URL in the duplicate-URL and already-used messages, and the adopt warning", async () => {
    const secret = secretToken();
    const targetUrl = `https://hooks.example.com/hook?token=${secret}`;
    await declareSecretly(stack, [
      { name: "first", targetUrl: `secret:${targetUrl}`, subscribedEvents: ["message.read"] },
      { name: "second", targetUrl: `secret:${targetUrl}`, subscribedEvents: ["message.read"] },
    ]);
    const duplicate = await stack.pulumi(["preview"]);
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.output).toContain(
      'the secret targetUrl is also the targetUrl of WebhookSubscription "first"',
    );

    const held = CreatedWebhookSubscriptionSchema.parse(
      (
        await call(emulator(), "POST", "/v3/webhook-subscriptions", {
          body: { target_url: targetUrl, subscribed_events: ["message.read"] },
        })
      ).body,
    );
    emulator().clearRequests();
    await declareSecretly(stack, [
      { name: "first", targetUrl: `secret:${targetUrl}`, subscribedEvents: ["message.read"] },
    ]);
    const used = await stack.pulumi(["preview"]);
    expect(used.code).not.toBe(0);
    expect(used.output).toContain(`the secret targetUrl is already used by webhook subscription ${held.id}`);
    expect(writeRequests(emulator())).toEqual([]);

    await declareSecretly(stack, [
      { name: "first", targetUrl: `secret:${targetUrl}`, subscribedEvents: ["message.read"], adopt: true },
    ]);
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toContain(`adopted webhook subscription ${held.id} (the secret targetUrl)`);
    const state = fs.readFileSync(stack.stateFile(), "utf8");
    const [resource] = stack.subscriptionsInState();
    expect(Object.keys(resource?.inputs ?? {})).not.toContain("secretInputs");
    expect(Object.keys(resource?.outputs ?? {})).not.toContain("secretInputs");
    expect(state).not.toContain(secret);

    // Renamed without aliases, adopt set: the old resource's delete is skipped with a warning, which names the id.
    await declareSecretly(stack, [
      { name: "renamed", targetUrl: `secret:${targetUrl}`, subscribedEvents: ["message.read"], adopt: true },
    ]);
    const renamed = await stack.pulumiOk(["up", "--yes"]);
    expect(renamed.output).toContain(`did not delete webhook subscription ${held.id}`);
    for (const text of [duplicate.output, used.output, up.output, renamed.output]) {
      expect(text).not.toContain(secret);
    }
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});
