// A TypeScript project that installs the npm package runs pulumi-linq/native with no plugin download or
// install: its Pulumi.yaml points the engine at the launcher the package ships (node_modules/pulumi-linq/bin).
import * as fs from "node:fs";
import * as path from "node:path";
import { createLocalStack } from "../../scripts/lib/local-stack";
import { useEmulator } from "../support/emulator";
import { packedProject } from "../support/packed-project";

const emulator = useEmulator();

const PROGRAM = `import * as linq from "pulumi-linq/native";

export const events = linq.getWebhookEventTypesOutput().events;
export const id = new linq.WebhookSubscription("hook", {
  targetUrl: "https://hooks.example.com/packaged-native",
  subscribedEvents: ["message.received"],
}).id;
`;

describe("pulumi-linq/native from the installed npm package", () => {
  let project: string;
  beforeAll(() => {
    project = packedProject("packaged-native");
  }, 600_000);
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it("deploys and destroys through the plugin launcher in node_modules/pulumi-linq/bin", async () => {
    fs.writeFileSync(path.join(project, "index.ts"), PROGRAM);
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      "name: packaged-native\nruntime: nodejs\nmain: index.ts\n" +
        "plugins:\n  providers:\n    - name: linq\n      path: node_modules/pulumi-linq/bin\n",
    );
    const stack = await createLocalStack({ projectDir: project, typeCheckProgram: true });
    await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", emulator().apiKey]);
    await stack.pulumiOk(["config", "set", "linq:baseUrl", emulator().url]);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const outputs = await stack.outputs();
    expect(outputs.events).toEqual(emulator().events());
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.id),
    ).toEqual([outputs.id]);
    // The SDK read its version beside it in the installed package, and the schema's download URL: the
    // engine names the default provider after both.
    const { version } = JSON.parse(
      fs.readFileSync(path.join(project, "node_modules", "pulumi-linq", "package.json"), "utf8"),
    ) as {
      version: string;
    };
    const providers = (stack.readState().checkpoint.latest?.resources ?? []).filter(
      (r) => r.type === "pulumi:providers:linq",
    );
    expect(providers.map((r) => r.urn.split("::").pop())).toEqual([
      `default_${version.replace(/\./g, "_")}_github_/api.github.com/pulumi-linq/pulumi-linq`,
    ]);
    // No plugin was installed or downloaded: the stack's plugin cache holds no linq plugin.
    const cache = path.join(project, ".pulumi-home", "plugins");
    expect((fs.existsSync(cache) ? fs.readdirSync(cache) : []).filter((f) => f.includes("linq"))).toEqual([]);
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(emulator().subscriptions()).toEqual([]);
  });
});
