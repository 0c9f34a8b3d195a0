// The data source in a real program: the live list as a stack output, for one request per process.
import { getWebhookEventTypes } from "../sdk";
import { useEmulator } from "./support/emulator";
import { linqStack } from "./support/linq-stack";

const emulator = useEmulator();

describe("getWebhookEventTypes", () => {
  it("puts the live list in the stack outputs, with one request per process however often it is read", async () => {
    const stack = await linqStack(emulator());
    emulator().setEvents([...emulator().events(), "message.scheduled"]);
    await stack.declare([], { readEventTypes: "4" });
    emulator().clearRequests();
    await stack.pulumiOk(["up", "--yes"]);
    // up runs the program twice (preview, then update): one request each.
    expect(emulator().counters().routes["GET /v3/webhook-events"]).toBe(2);
    const outputs = JSON.parse((await stack.pulumiOk(["stack", "output", "--json"])).stdout);
    expect(outputs.availableEvents).toEqual(emulator().events());
    expect(outputs.readsAgree).toBe(true);
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
        /getWebhookEventTypes: No Linq API key: set the stack config 'linq:apiKey'.*LINQ_API_V3_API_KEY/,
      );
    } finally {
      if (saved !== undefined) process.env.LINQ_API_V3_API_KEY = saved;
    }
  });
});
