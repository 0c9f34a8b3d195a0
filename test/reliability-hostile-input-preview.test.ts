// On the real engine: a flood of bad list items makes a bounded preview output, and a base URL with a
// password in the stack config fails the preview without printing the password or sending anything.
import { uniqueUrl, useEmulator } from "./support/emulator";
import { linqStack, writeRequests, type LinqStack } from "./support/linq-stack";
import { recordFigures } from "./support/reliability-report";
import { stackLeaks } from "./support/scan";

const emulator = useEmulator();
const PASSWORD = "pw-in-base-url-7f3a";

describe("pulumi preview of hostile input", () => {
  let stack: LinqStack;
  beforeAll(async () => {
    stack = await linqStack(emulator());
  });
  beforeEach(() => emulator().clearRequests());

  // Short names: a single argument of `pulumi config set` may not exceed 128 KiB.
  it.each([
    ["10,000 distinct unknown events", Array.from({ length: 10_000 }, (_, i) => `e${i}`)],
    ["10,000 duplicates", Array.from({ length: 10_000 }, () => "e")],
  ])("reports the first 5 problems of %s and counts the rest", async (label, events) => {
    await stack.declare([{ name: "flood", targetUrl: uniqueUrl("flood"), subscribedEvents: events }]);
    const started = Date.now();
    const preview = await stack.pulumi(["preview"]);
    const ms = Date.now() - started;
    expect(preview.code).not.toBe(0);
    expect(preview.output).toMatch(/… and 999[45] more problems with subscribedEvents/);
    const outputKiB = Math.round(Buffer.byteLength(preview.output) / 1024);
    recordFigures(`hostile input (engine): preview of ${label}`, {
      msToClearFailure: ms,
      previewOutputKiB: outputKiB,
      resourcesLost: 0,
      secretsLeaked: stackLeaks(stack, emulator(), [preview.output]).length,
    });
    // Each failure is printed with the whole value (about 70 KiB here) by the engine: 6 failures, not 10,000.
    expect(outputKiB).toBeLessThan(2048);
    expect(writeRequests(emulator())).toEqual([]);
  });

  it("refuses a linq:baseUrl with a user name and password, never printing it", async () => {
    const withUserinfo = emulator().url.replace("http://", `http://linq-user:${PASSWORD}@`);
    await stack.declare(
      [{ name: "inbound", targetUrl: uniqueUrl("userinfo"), subscribedEvents: ["message.read"] }],
      {
        "linq:baseUrl": withUserinfo,
      },
    );
    try {
      const started = Date.now();
      const preview = await stack.pulumi(["preview"]);
      const leaked =
        stackLeaks(stack, emulator(), [preview.output]).length + (preview.output.includes(PASSWORD) ? 1 : 0);
      recordFigures("hostile input (engine): linq:baseUrl with user:password@", {
        msToClearFailure: Date.now() - started,
        resourcesLost: 0,
        secretsLeaked: leaked,
      });
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain("contains a user name or password (not repeated here)");
      expect(preview.output).not.toContain(PASSWORD);
      expect(preview.output).not.toContain("linq-user");
      expect(emulator().requests()).toEqual([]);
    } finally {
      await stack.pulumiOk(["config", "set", "linq:baseUrl", emulator().url]);
    }
  });
});
