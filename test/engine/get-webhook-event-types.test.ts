// The data source in a real program: the live list as a stack output, for one request per process.
import * as path from "node:path";
import { expect } from "@jest/globals";
import { getWebhookEventTypes } from "../../sdk";
import { useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { EXAMPLES, projectFromDir } from "../support/projects";

const emulator = useEmulator();

describe("getWebhookEventTypes", () => {
  it("puts the live list in the stack outputs, with one request per process however often it is read", async () => {
    const stack = await linqStack(emulator());
    emulator().setEvents([...emulator().events(), "message.scheduled"]);
    await stack.declare([], { readEventTypes: "4" });
    emulator().clearRequests();
    await stack.pulumiOk(["up", "--yes"]);
    // up runs the program twice (preview, then update): one request each.
    expect(emulator.count("GET /v3/webhook-events")).toBe(2);
    const outputs = await stack.outputs();
    expect(outputs.availableEvents).toEqual(emulator().events());
    expect(outputs.readsAgree).toBe(true);
  });

  it("fails a program without an API key once, plainly, with no PromiseRejectionHandledWarning", async () => {
    // examples/basic exports the data source as it is, with nothing else consuming it first.
    const stack = await linqStack(emulator(), {
      apiKeyInConfig: false,
      env: { LINQ_API_V3_API_KEY: "" },
      projectDir: projectFromDir(path.join(EXAMPLES, "basic"), "no-key"),
    });
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain("getWebhookEventTypes: No Linq API key");
    expect(preview.output).not.toContain("PromiseRejectionHandledWarning");
  });

  it("takes explicit arguments over config and environment", async () => {
    const result = await getWebhookEventTypes({ apiKey: emulator().apiKey, baseUrl: emulator().url });
    expect(result).toEqual({ events: emulator().events(), docUrl: expect.any(String) });
  });

  it("names the config key and the variable when there is no API key", async () => {
    const saved = process.env.LINQ_API_V3_API_KEY;
    delete process.env.LINQ_API_V3_API_KEY;
    try {
      await expect(getWebhookEventTypes({ baseUrl: emulator().url })).rejects.toThrow(
        /getWebhookEventTypes: No Linq API key\. Set the stack config 'linq:apiKey'.*LINQ_API_V3_API_KEY/,
      );
    } finally {
      if (saved !== undefined) process.env.LINQ_API_V3_API_KEY = saved;
    }
  });

  it("names the config key and the variable when Linq refuses the key (401)", async () => {
    const refused = getWebhookEventTypes({ apiKey: "not-the-key", baseUrl: emulator().url });
    await expect(refused).rejects.toThrow("getWebhookEventTypes: Linq refused the API key (");
    await expect(refused).rejects.toThrow(
      /\. Set 'linq:apiKey' \(or LINQ_API_V3_API_KEY\) to an API key of the Linq account, or the apiKey argument\.$/,
    );
  });
});
