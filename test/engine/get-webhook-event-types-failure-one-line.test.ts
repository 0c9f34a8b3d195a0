// A Node program whose data source fails (here Linq refuses the key) gets one clear line: the message,
// with no stack trace through the package's internal paths, as the plugin's invoke gives.
import { expect } from "@jest/globals";
import { useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";

const emulator = useEmulator();

describe("getWebhookEventTypes failing in a Node program", () => {
  it("says why in one line, without a stack trace", async () => {
    const stack = await linqStack(emulator(), { apiKeyInConfig: false });
    await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", "not-the-key"]);
    await stack.declare([], { readEventTypes: "2" });
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain("getWebhookEventTypes: Linq refused the API key (");
    expect(preview.output).not.toMatch(/^\s+at /m);
    expect(preview.output).not.toMatch(/transport\.[jt]s|node_modules|dist\/provider/);
  });
});
