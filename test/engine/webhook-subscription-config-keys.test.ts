// The Node SDK's stack configuration as users type it, the twin of plugin-config-keys.test.ts: a misspelled
// `linq:*` key or a switch that is neither true nor false fails the program before anything is sent;
// silently ignored, a misspelled linq:baseURL would send the key to Linq's production API.
import { expectConfigKeysChecked } from "../support/config-keys";
import { uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";

const emulator = useEmulator();

describe("the Node SDK's stack configuration", () => {
  it("fails on a misspelled linq:* key and a switch that is not true or false, sending nothing", async () => {
    const stack = await linqStack(emulator());
    await stack.declare([
      { name: "inbound", targetUrl: uniqueUrl("sdk-config"), subscribedEvents: ["message.read"] },
    ]);
    await expectConfigKeysChecked(stack, emulator());
  });
});
