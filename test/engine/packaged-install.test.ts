// `npm pack` yields a package that a fresh Pulumi project, outside this repository, installs and uses.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createLocalStack, REPO_ROOT } from "../../scripts/lib/local-stack";
import { useEmulator } from "../support/emulator";

const emulator = useEmulator();
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const PROGRAM = `import * as linq from "pulumi-linq";

export const events = linq.getWebhookEventTypesOutput().events;
export const id = new linq.WebhookSubscription("hook", {
  targetUrl: "https://hooks.example.com/packaged",
  subscribedEvents: ["message.received"],
}).id;
`;

describe("the npm package", () => {
  let workDir: string;
  let tarball: string;

  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-linq-packaged-"));
    const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", workDir], REPO_ROOT)) as {
      filename: string;
    }[];
    tarball = path.join(workDir, packed[0]!.filename);
  });
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it("ships the compiled SDK, provider and emulator with type declarations, the plugin's launcher and schema, the policy pack, and no sources, tests or plugin tarballs", () => {
    const [dryRun] = JSON.parse(
      run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], REPO_ROOT),
    ) as { files: { path: string }[] }[];
    const files = dryRun!.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "dist/sdk/index.js",
        "dist/sdk/index.d.ts",
        "dist/provider/index.js",
        "dist/emulator/index.js",
        "dist/provider/plugin/main.js",
        "dist/policy/index.js",
      ]),
    );
    const outsideDist = [
      "package.json",
      "README.md",
      "bin/pulumi-resource-linq",
      "schema.json",
      "policy-pack/PulumiPolicy.yaml",
      "policy-pack/index.js",
    ];
    expect(files.filter((f) => !f.startsWith("dist/") && !outsideDist.includes(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith("dist/plugin/"))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    // The sources are not shipped, so every source map carries the sources it names.
    const maps = files.filter((f) => f.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(0);
    const bare = maps.filter((f) => {
      const map = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, f), "utf8")) as {
        sources: string[];
        sourcesContent?: unknown[];
      };
      return map.sourcesContent?.length !== map.sources.length;
    });
    expect(bare).toEqual([]);
  });

  it("installs into a fresh Pulumi project that previews (with its policy pack), deploys and destroys with it", async () => {
    const project = path.join(workDir, "fresh-project");
    fs.mkdirSync(project);
    const { devDependencies } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({
        name: "fresh-project",
        main: "index.ts",
        dependencies: {
          "pulumi-linq": `file:${tarball}`,
          "@pulumi/pulumi": devDependencies["@pulumi/pulumi"],
          "@pulumi/policy": devDependencies["@pulumi/policy"],
        },
        devDependencies: { typescript: "^5", "@types/node": "^20" },
      }),
    );
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      "name: fresh-project\nruntime: nodejs\nmain: index.ts\n",
    );
    fs.writeFileSync(path.join(project, "index.ts"), PROGRAM);
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], project);

    const stack = await createLocalStack({ projectDir: project, typeCheckProgram: true });
    await stack.pulumiOk(["config", "set", "--secret", "linq:apiKey", emulator().apiKey]);
    await stack.pulumiOk(["config", "set", "linq:baseUrl", emulator().url]);
    await stack.pulumiOk(["preview"]);
    // The ready pack as installed, without config: the URL is not pinned to a payload version (advisory).
    const governed = await stack.pulumiOk([
      "preview",
      "--policy-pack",
      "node_modules/pulumi-linq/policy-pack",
    ]);
    expect(governed.output).toMatch(/\[advisory\]\s+payload-version-pinned\s+\([^)]*hook\)/);
    await stack.pulumiOk(["up", "--yes", "--skip-preview"]);
    const outputs = await stack.outputs();
    expect(outputs.events).toEqual(emulator().events());
    expect(
      emulator()
        .subscriptions()
        .map((s) => s.id),
    ).toEqual([outputs.id]);
    const resource = stack.readState().checkpoint.latest?.resources?.find((r) => r.id === outputs.id);
    expect(String(resource?.inputs?.__provider)).toContain('"pulumi-linq/provider"');
    await stack.pulumiOk(["destroy", "--yes", "--skip-preview"]);
    expect(emulator().subscriptions()).toEqual([]);
  });
});
