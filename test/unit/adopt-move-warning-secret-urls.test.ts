// adopt: "<id>" of a subscription at another URL warns at preview that up will move it, naming both URLs
// (test/provider/adoption.test.ts); with a secret targetUrl it names neither: the URL the subscription has
// now may carry a token as well.
import { callContext } from "../../provider/call-context";
import { newProcessState } from "../../provider/process-state";
import { resolveSettings } from "../../provider/settings";
import { webhookSubscription } from "../../provider/webhook-subscription";
import { uniqueUrl, useEmulator } from "../support/emulator";
import { createOutside } from "../support/outside-changes";

const emulator = useEmulator();

it("warns that up moves the adopted subscription, naming neither URL when targetUrl is secret", async () => {
  const heldToken = `held-${Date.now()}`;
  const declaredToken = `declared-${Date.now()}`;
  const existing = await createOutside(emulator(), {
    target_url: `${uniqueUrl("adopt-held")}&token=${heldToken}`,
    subscribed_events: ["message.read"],
  });
  const config: Record<string, string> = { "linq:baseUrl": emulator().url, "linq:apiKey": emulator().apiKey };
  const warnings: string[] = [];
  const ctx = callContext(newProcessState(resolveSettings((key) => config[key], {}, {})), {
    logWarning: (m) => warnings.push(m),
    secretInputs: ["targetUrl"],
  });
  const inputs = {
    targetUrl: `${uniqueUrl("adopt-declared")}&token=${declaredToken}`,
    subscribedEvents: ["message.read"],
    adopt: existing,
  };

  const { failures } = await webhookSubscription.check(ctx, {}, inputs);
  expect(failures).toEqual([]);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(
    `adopting webhook subscription ${existing} moves it from another URL to targetUrl`,
  );
  expect(warnings[0]).toContain("the secret targetUrl");
  expect(warnings[0]).not.toContain(heldToken);
  expect(warnings[0]).not.toContain(declaredToken);
});
