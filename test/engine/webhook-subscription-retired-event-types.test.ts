// Linq retires an event type that a deployed subscription has: the stack keeps deploying, with a warning,
// and only a new use of the type fails; no suggestion names another type for a retired one.
import { uniqueUrl, useEmulator, writeRequests } from "../support/emulator";
import { linqStack } from "../support/linq-stack";

const RETIRED = "message.unsent";
const emulator = useEmulator();

describe("an event type that Linq retires after it was deployed", () => {
  let original: string[];
  beforeAll(() => {
    original = emulator().events();
    emulator().setEvents([...original, RETIRED]);
  });
  afterAll(() => emulator().setEvents(original));

  it("warns, naming it, on previews and ups of the unchanged resource, and fails a new use of it", async () => {
    const stack = await linqStack(emulator());
    const inbound = {
      name: "inbound",
      targetUrl: uniqueUrl("retired"),
      subscribedEvents: ["message.read", RETIRED],
    };
    await stack.declare([inbound]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    emulator().setEvents(original);

    emulator().clearRequests();
    const preview = await stack.pulumiOk(["preview"]);
    expect(preview.output).toContain(`lists "${RETIRED}", which Linq has retired`);
    expect(preview.output).toContain("Remove it from subscribedEvents");
    expect(preview.output).not.toContain("Did you mean");
    expect(emulator.count("GET /v3/webhook-events")).toBe(1);
    expect(writeRequests(emulator())).toEqual([]);

    // An unrelated change of the stack deploys; the reordered list is the same list.
    const other = {
      name: "other",
      targetUrl: uniqueUrl("retired-other"),
      subscribedEvents: ["message.sent"],
    };
    await stack.declare([{ ...inbound, subscribedEvents: [RETIRED, "message.read"] }, other]);
    emulator().clearRequests();
    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toContain(`lists "${RETIRED}", which Linq has retired`);
    expect(writeRequests(emulator()).map((r) => r.method)).toEqual(["POST"]);

    // Changing the list while keeping the retired type would send it to Linq, which refuses it.
    await stack.declare([{ ...inbound, subscribedEvents: ["message.read", RETIRED, "message.sent"] }, other]);
    emulator().clearRequests();
    const changed = await stack.pulumi(["preview"]);
    expect(changed.code).not.toBe(0);
    expect(changed.output).toContain(
      `subscribedEvents[1] "${RETIRED}" is no longer a Linq webhook event type`,
    );
    expect(changed.output).toContain("Remove it from subscribedEvents: Linq refuses to subscribe to it");
    expect(changed.output).not.toContain("Did you mean");
    expect(writeRequests(emulator())).toEqual([]);

    // A new resource with the retired type fails as any unknown type does.
    await stack.declare([
      inbound,
      other,
      { ...other, name: "fresh", targetUrl: uniqueUrl("fresh"), subscribedEvents: [RETIRED] },
    ]);
    const fresh = await stack.pulumi(["preview"]);
    expect(fresh.code).not.toBe(0);
    expect(fresh.output).toContain(`resource 'fresh': property subscribedEvents`);
    expect(fresh.output).not.toContain(`resource 'inbound': property subscribedEvents`);

    await stack.declare([{ ...inbound, subscribedEvents: ["message.read"] }, other]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
  });

  it("never suggests an event that the list already has", async () => {
    const stack = await linqStack(emulator());
    await stack.declare([
      { name: "typo", targetUrl: uniqueUrl("typo"), subscribedEvents: ["message.sent", "message.sentt"] },
    ]);
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain('subscribedEvents[1] "message.sentt" is not a Linq webhook event type');
    expect(preview.output).not.toContain('Did you mean "message.sent"');
  });
});
