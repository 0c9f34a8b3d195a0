// Every import path the README documents (pulumi-linq, pulumi-linq/native, pulumi-linq/emulator,
// pulumi-linq/provider) compiles from the packed package under each moduleResolution a TypeScript project
// may use: node (node10, as Pulumi's TypeScript templates have it), node16 and bundler. The program's
// paths compile under the template's own settings; the tools' paths need esModuleInterop (below).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packedProject } from "../support/packed-project";

/** What a Pulumi program imports: pulumi-linq and pulumi-linq/native. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as linq from "pulumi-linq";
import * as native from "pulumi-linq/native";

export const dynamic: typeof linq.WebhookSubscription = linq.WebhookSubscription;
export const events: pulumi.Output<string[]> = native.getWebhookEventTypesOutput().events;
export const account = (p: native.Provider) => new native.WebhookSubscription("hook", {
  targetUrl: "https://hooks.example.com/typed",
  subscribedEvents: ["message.received"],
}, { provider: p });
export const inventory: pulumi.Output<linq.InventorySubscription[]> =
  linq.getWebhookSubscriptionsOutput({ event: "message.received" }).subscriptions;
`;

/** What a test or tool imports: the emulator and the dynamic provider's implementation. */
const TOOLS = `import { startEmulator, type RunningEmulator } from "pulumi-linq/emulator";
import { webhookSubscription } from "pulumi-linq/provider";

export const emulator: () => Promise<RunningEmulator> = () => startEmulator({ apiKey: "key" });
export const provider: object = webhookSubscription;
`;

/**
 * Pulumi's TypeScript template, with moduleResolution (and the module kind it needs) varied. The tools
 * add esModuleInterop: their declarations reach zod 4's, which fail to compile without it (TS1259), whatever
 * imports them; the program's declarations are kept free of zod so that the template compiles them as is.
 */
const tsconfig = (module: string, moduleResolution: string, file: string) => ({
  compilerOptions: {
    strict: true,
    ...(file === "tools.ts" ? { esModuleInterop: true } : {}),
    outDir: "bin",
    target: "es2020",
    module,
    moduleResolution,
    sourceMap: true,
    experimentalDecorators: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: [file],
});

const RESOLUTIONS: [string, string][] = [
  ["commonjs", "node"],
  ["node16", "node16"],
  ["esnext", "bundler"],
];

describe("the documented import paths of the packed package", () => {
  let project: string;

  beforeAll(() => {
    project = packedProject("import-paths");
    fs.writeFileSync(path.join(project, "index.ts"), PROGRAM);
    fs.writeFileSync(path.join(project, "tools.ts"), TOOLS);
  }, 300_000);
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it.each(RESOLUTIONS.flatMap(([m, r]) => ["index.ts", "tools.ts"].map((f) => [m, r, f] as const)))(
    "compile with module %s, moduleResolution %s (%s)",
    (module, moduleResolution, file) => {
      const config = path.join(project, `tsconfig.${moduleResolution}.${file}.json`);
      fs.writeFileSync(config, JSON.stringify(tsconfig(module, moduleResolution, file)));
      const tsc = spawnSync(path.join(project, "node_modules", ".bin", "tsc"), ["-p", config, "--noEmit"], {
        cwd: project,
        encoding: "utf8",
      });
      expect(`${tsc.stdout}${tsc.stderr}`).toBe("");
      expect(tsc.status).toBe(0);
    },
    300_000,
  );
});
