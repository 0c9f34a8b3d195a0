// Every import path the README documents (pulumi-linq, pulumi-linq/native, pulumi-linq/emulator,
// pulumi-linq/provider) compiles from the packed package under each moduleResolution a TypeScript project
// may use: node (node10, as Pulumi's TypeScript templates have it), node16 and bundler.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packedProject } from "./support/packed-project";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as linq from "pulumi-linq";
import * as native from "pulumi-linq/native";
import { startEmulator, type RunningEmulator } from "pulumi-linq/emulator";
import { webhookSubscription } from "pulumi-linq/provider";

export const dynamic: typeof linq.WebhookSubscription = linq.WebhookSubscription;
export const events: pulumi.Output<string[]> = native.getWebhookEventTypesOutput().events;
export const account = (p: native.Provider) => new native.WebhookSubscription("hook", {
  targetUrl: "https://hooks.example.com/typed",
  subscribedEvents: ["message.received"],
}, { provider: p });
export const emulator: () => Promise<RunningEmulator> = () => startEmulator({ apiKey: "key" });
export const provider: object = webhookSubscription;
`;

/**
 * Pulumi's TypeScript template, with moduleResolution (and the module kind it needs) varied, and
 * esModuleInterop, which node16 and bundler imply: without it, zod 4's own declarations (which the
 * declarations of pulumi-linq, /provider and /emulator reach) fail to compile (TS1259), whatever imports them.
 */
const tsconfig = (module: string, moduleResolution: string) => ({
  compilerOptions: {
    strict: true,
    esModuleInterop: true,
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
  files: ["index.ts"],
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
  }, 300_000);
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it.each(RESOLUTIONS)(
    "compile with module %s, moduleResolution %s",
    (module, moduleResolution) => {
      const config = path.join(project, `tsconfig.${moduleResolution}.json`);
      fs.writeFileSync(config, JSON.stringify(tsconfig(module, moduleResolution)));
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
