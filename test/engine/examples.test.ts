// Every example in examples/ does what its comment says, on the real engine against the emulator.
import * as path from "node:path";
import { z } from "zod";
import { useEmulator, writeRequests } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { EXAMPLES, projectFromDir } from "../support/projects";
import { expectInboundExampleDeployed } from "../support/inbound-example";

const emulator = useEmulator();
const exampleStack = (name: string) =>
  linqStack(emulator(), { projectDir: projectFromDir(path.join(EXAMPLES, name), `example-${name}`) });
beforeEach(() => emulator().clearSubscriptions());

describe("examples", () => {
  it("basic: exports the live event list and creates one subscription with a secret signing secret", async () => {
    const stack = await exampleStack("basic");
    const up = await stack.pulumiOk(["up", "--yes"]);
    await expectInboundExampleDeployed(up, stack, emulator());
  });

  it("misspelled-event: fails preview with a suggestion and creates nothing", async () => {
    const stack = await exampleStack("misspelled-event");
    emulator().clearRequests();
    const preview = await stack.pulumi(["preview"]);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain('Did you mean "message.received"?');
    expect(writeRequests(emulator())).toEqual([]);
  });

  it("routing-by-phone-number: one subscription per line, each with its own URL and filter", async () => {
    const stack = await exampleStack("routing-by-phone-number");
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const outputs = z
      .object({ subscriptionIds: z.object({ sales: z.string() }), catchAllId: z.string() })
      .parse(await stack.outputs());
    const byId = new Map(
      emulator()
        .subscriptions()
        .map((s) => [s.id, s]),
    );
    expect(byId.get(outputs.subscriptionIds.sales)).toMatchObject({
      target_url: "https://hooks.example.com/linq?line=sales",
      phone_numbers: ["+14155550101"],
    });
    expect(byId.get(outputs.catchAllId)?.phone_numbers).toBeNull();
    expect(byId.size).toBe(4);
  });
});
