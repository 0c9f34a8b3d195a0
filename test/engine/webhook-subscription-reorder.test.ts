// Order means nothing to Linq: reordering events or phone numbers is no change, and leaves nothing that a
// later real change would show as changed items.
import { uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack } from "../support/linq-stack";

const emulator = useEmulator();

describe("reordering subscribedEvents and phoneNumbers", () => {
  it("is no change, and a later real change shows only itself", async () => {
    const stack = await linqStack(emulator());
    const declared = {
      name: "inbound",
      targetUrl: uniqueUrl("reorder"),
      subscribedEvents: ["message.read", "message.sent", "message.received"],
      phoneNumbers: ["+14155551234", "+12125551234"],
    };
    await stack.declare([declared]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const reordered = {
      ...declared,
      subscribedEvents: [...declared.subscribedEvents].reverse(),
      phoneNumbers: [...declared.phoneNumbers].reverse(),
    };
    await stack.declare([reordered]);
    emulator().clearRequests();
    await stack.pulumiOk(["up", "--yes", "--expect-no-changes"]);
    expect(writeRequests(emulator())).toEqual([]);

    // A real change of the list: only the added event shows, in the preview and in what up reports.
    const added = { ...reordered, subscribedEvents: [...reordered.subscribedEvents, "message.delivered"] };
    await stack.declare([added]);
    for (const command of [
      ["preview", "--diff"],
      ["up", "--yes", "--diff"],
    ]) {
      const result = await stack.pulumiOk(command);
      expect(result.output).toMatch(/\+ \[3\]\s*: "message.delivered"/);
      expect(result.output).not.toMatch(/\[\d\]\s*:\s*"[^"]*"\s*=>/);
    }
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });
});
