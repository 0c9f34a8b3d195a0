// A Node program whose getWebhookSubscriptionsOutput is given a wrong argument gets one clear line, at once:
// the message, no stack trace, and none of Node's PromiseRejectionHandledWarnings that a rejected Output prints.
import { expect } from "@jest/globals";
import { useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";

const emulator = useEmulator();

describe("getWebhookSubscriptionsOutput given a misspelled argument in a Node program", () => {
  it("says which argument in one line, with nothing else", async () => {
    const stack = await linqStack(emulator());
    await stack.declare([], { inventoryArgs: JSON.stringify({ targetUrlPrefx: "https://hooks" }) });
    emulator().clearRequests();
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain(
      "getWebhookSubscriptions has no argument targetUrlPrefx. Did you mean targetUrlPrefix? Use apiKey, baseUrl, " +
        "targetUrlPrefix, event.",
    );
    expect(preview.output).not.toContain("PromiseRejectionHandledWarning");
    expect(preview.output).not.toMatch(/^\s+at /m);
    expect(emulator.count("GET /v3/webhook-subscriptions")).toBe(0);
  });
});
