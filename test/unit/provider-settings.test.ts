import { callContext } from "../../provider/call-context";
import { newProcessState } from "../../provider/process-state";
import { resolveSettings } from "../../provider/settings";
import { webhookSubscription } from "../../provider/webhook-subscription";

const config = (values: Record<string, string>) => (key: string) => values[key];

describe("provider settings", () => {
  it("takes explicit values over stack config, and leaves the rest to the client's environment fallback", () => {
    expect(
      resolveSettings(
        config({ "linq:apiKey": "from-config", "linq:baseUrl": "http://c" }),
        { apiKey: "x" },
        {},
      ),
    ).toEqual({
      apiKey: "x",
      baseUrl: "http://c",
      validateOffline: false,
      adoptExisting: false,
    });
    expect(resolveSettings(config({}), {}, {})).toEqual({
      apiKey: undefined,
      baseUrl: undefined,
      validateOffline: false,
      adoptExisting: false,
    });
  });

  it("validates offline only when config or environment says true", () => {
    expect(resolveSettings(config({ "linq:validateOffline": "true" }), {}, {}).validateOffline).toBe(true);
    expect(resolveSettings(config({}), {}, { LINQ_VALIDATE_OFFLINE: "true" }).validateOffline).toBe(true);
    expect(
      resolveSettings(config({ "linq:validateOffline": "false" }), {}, { LINQ_VALIDATE_OFFLINE: "true" })
        .validateOffline,
    ).toBe(false);
    expect(resolveSettings(config({}), {}, { LINQ_VALIDATE_OFFLINE: "false" }).validateOffline).toBe(false);
  });

  it("has its settings in place as soon as configure() is called, before its promise settles", () => {
    const state = newProcessState();
    const pending = webhookSubscription.configure(callContext(state), {
      config: { get: config({ "linq:apiKey": "k" }) },
    } as never);
    expect(state.settings).toEqual({
      apiKey: "k",
      baseUrl: undefined,
      validateOffline: false,
      adoptExisting: false,
    });
    return pending;
  });
});
