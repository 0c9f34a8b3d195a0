// A Go program (examples/go, on the generated Go SDK) through the linq provider plugin installed from its
// tarball: the real engine and Go language host against the emulator.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "@jest/globals";
import { goProjectFromDir } from "../../scripts/lib/projects";
import { useEmulator } from "../support/emulator";
import { linqStack, type LinqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, pluginTarball } from "../support/plugin";
import { EXAMPLES } from "../support/projects";
import { stackLeaks } from "../support/scan";

const emulator = useEmulator();

describe("examples/go on the provider plugin", () => {
  let stack: LinqStack;
  const outputs: string[] = [];
  const run = async (args: string[]) => {
    const result = await stack.pulumiOk(args);
    outputs.push(result.output);
    return result;
  };
  const subscriptions = () =>
    (stack.readState().checkpoint.latest?.resources ?? []).filter((r) => r.type === PLUGIN_SUBSCRIPTION_TYPE);

  beforeAll(async () => {
    const projectDir = goProjectFromDir(path.join(EXAMPLES, "go"), "example-go");
    // On a cold Go cache the first build of a Pulumi Go program takes minutes: build it here, with a
    // budget of its own, so that `pulumi up` (which builds it again, from the warm cache) is measured by
    // the test's own timeout.
    execFileSync("go", ["build", "-o", os.devNull, "."], { cwd: projectDir, encoding: "utf8" });
    stack = await linqStack(emulator(), { projectDir });
    await installPlugin(stack);
  }, 1_200_000);

  it("up creates the subscription, exports the live event list and the signing secret as a secret", async () => {
    const up = await run(["up", "--yes"]);
    expect(up.output).toContain("signingSecret  : [secret]");
    expect(up.output).toMatch(/\+ 2 created/);

    // Not kept in `outputs`: this one shows the secret on purpose.
    const shown = await stack.outputs({ showSecrets: true });
    const created = emulator().subscriptions()[0]!;
    expect(emulator().subscriptions()).toHaveLength(1);
    expect(created).toMatchObject({
      id: shown.inboundId,
      target_url: "https://hooks.example.com/linq/go",
      subscribed_events: ["message.received", "message.read"],
      phone_numbers: ["+14155551234"],
      is_active: true,
    });
    expect(shown.availableEvents).toEqual(emulator().events());
    expect(shown.signingSecret).toBe(created.signing_secret);

    const inState = subscriptions()[0]!;
    expect(inState.id).toBe(created.id);
    // The SDK asks for the plugin version of its schema, the one installed from the tarball, and names the
    // schema's pluginDownloadURL (the engine puts both in the default provider's name).
    const providers = (stack.readState().checkpoint.latest?.resources ?? []).filter(
      (r) => r.type === "pulumi:providers:linq",
    );
    expect(providers.map((r) => r.urn.split("::").pop())).toEqual([
      `default_${pluginTarball().version.replace(/\./g, "_")}_github_/api.github.com/pulumi-linq/pulumi-linq`,
    ]);
    expect(inState.outputs?.signingSecret).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: expect.any(String),
    });
  });

  it("previews no change when nothing changed", async () => {
    const preview = await run(["preview", "--expect-no-changes", "--diff"]);
    expect(preview.output).toMatch(/2 unchanged/);
  });

  it("keeps the API key and the signing secret out of the state and every output", () => {
    expect(stackLeaks(stack, emulator(), outputs)).toEqual([]);
    expect(fs.readFileSync(stack.stateFile(), "utf8")).not.toContain("whsec_");
  });

  it("destroy deletes the subscription from Linq and from the state", async () => {
    const destroy = await run(["destroy", "--yes"]);
    expect(destroy.output).toMatch(/- 2 deleted/);
    expect(emulator().subscriptions()).toEqual([]);
    expect(subscriptions()).toEqual([]);
  });
});
