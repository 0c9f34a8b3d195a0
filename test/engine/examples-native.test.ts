// examples/native does what its comment says, on the real engine: the plugin found through Pulumi.yaml,
// one subscription in the stack's account and one in the partner's, through an explicit provider.
import * as path from "node:path";
import { z } from "zod";
import { useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { nativeProjectFromDir } from "../support/native-project";
import { EXAMPLES } from "../support/projects";

const stackAccount = useEmulator();
const partnerAccount = useEmulator();

describe("examples/native", () => {
  it("creates one subscription in each account, exports the live events and a secret signing secret", async () => {
    const projectDir = nativeProjectFromDir(path.join(EXAMPLES, "native"), "example-native");
    const stack = await linqStack(stackAccount(), { projectDir });
    await stack.pulumiOk(["config", "set", "--secret", "partnerApiKey", partnerAccount().apiKey]);
    await stack.pulumiOk(["config", "set", "partnerBaseUrl", partnerAccount().url]);

    const up = await stack.pulumiOk(["up", "--yes"]);
    expect(up.output).toMatch(/signingSecret\s+: \[secret\]/);
    const outputs = z
      .object({
        availableEvents: z.array(z.string()),
        inboundId: z.string(),
        partnerInboundId: z.string(),
        signingSecret: z.string(),
      })
      .parse(await stack.outputs({ showSecrets: true }));
    expect(outputs.availableEvents).toEqual(stackAccount().events());
    expect(stackAccount().subscriptions()).toEqual([
      expect.objectContaining({
        id: outputs.inboundId,
        target_url: "https://hooks.example.com/linq/native",
        phone_numbers: ["+14155551234"],
        signing_secret: outputs.signingSecret,
      }),
    ]);
    expect(partnerAccount().subscriptions()).toEqual([
      expect.objectContaining({
        id: outputs.partnerInboundId,
        target_url: "https://hooks.example.com/linq/partner",
      }),
    ]);

    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect([...stackAccount().subscriptions(), ...partnerAccount().subscriptions()]).toEqual([]);
  });
});
