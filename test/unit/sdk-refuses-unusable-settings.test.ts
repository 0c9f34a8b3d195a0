// A Node program whose stack config makes no usable connection (a base URL no request may use, no API key)
// fails where it declares its first WebhookSubscription, before the resource is registered: one line in
// the setting's own words (a RunError, shown as its message alone), not one "could not fetch…" per
// resource's check with the offline switch as advice. The provider's own refusals:
// test/provider/unusable-settings-refused-before-any-request.test.ts.
import * as pulumi from "@pulumi/pulumi";
import type { WebhookSubscription as Subscription } from "../../sdk/webhook-subscription";

const REMOTE = "http://api.linqapp.com/api/partner";

/**
 * Declares two subscriptions with this stack config, in modules of their own (the SDK checks once per
 * run, and outside a run every check would share one record): what the first declaration threw.
 */
function declareTwo(config: Record<string, string>): unknown {
  pulumi.runtime.setAllConfig(config);
  let thrown: unknown;
  jest.isolateModules(() => {
    jest.doMock("@pulumi/pulumi", () => pulumi);
    const { WebhookSubscription } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance, on purpose
      require("../../sdk/webhook-subscription") as { WebhookSubscription: typeof Subscription };
    try {
      for (const name of ["inbound", "outbound"])
        new WebhookSubscription(name, {
          targetUrl: `https://hooks.example.com/${name}`,
          subscribedEvents: ["message.read"],
        });
    } catch (err) {
      thrown = err;
    }
  });
  return thrown;
}

let savedKey: string | undefined;
beforeEach(() => {
  savedKey = process.env.LINQ_API_V3_API_KEY;
  delete process.env.LINQ_API_V3_API_KEY;
});
afterEach(() => {
  if (savedKey !== undefined) process.env.LINQ_API_V3_API_KEY = savedKey;
  pulumi.runtime.setAllConfig({});
});

describe("a WebhookSubscription declared with unusable settings", () => {
  it.each([
    [
      "a plain-http linq:baseUrl",
      { "linq:apiKey": "k", "linq:baseUrl": REMOTE },
      `The Linq base URL '${REMOTE}' is plain http, which would send the API key in cleartext. Set 'linq:baseUrl'`,
    ],
    [
      "a linq:baseUrl with a password",
      { "linq:apiKey": "k", "linq:baseUrl": "https://ops:hunter2@api.linqapp.com/api/partner" },
      `contains a user name or password (not repeated here). Remove the "user:password@" part`,
    ],
    [
      "a linq:baseUrl ending in /v3",
      { "linq:apiKey": "k", "linq:baseUrl": "https://api.linqapp.com/api/partner/v3" },
      "ends in the API version '/v3', which each call adds itself. Fix 'linq:baseUrl'",
    ],
    [
      "no API key",
      { "linq:baseUrl": "https://api.linqapp.com/api/partner" },
      "No Linq API key. Set the stack config 'linq:apiKey'",
    ],
  ])("fails at once on %s, in one line", (_label, config, words) => {
    const thrown = declareTwo(config);
    expect(thrown).toBeInstanceOf(pulumi.RunError);
    const { message } = thrown as Error;
    expect(message).toContain(words);
    expect(message.split(words)).toHaveLength(2);
    expect(message).not.toMatch(/offline|could not fetch|hunter2/i);
  });
});
