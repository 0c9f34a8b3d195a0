// Runs the real pulumi CLI against a local file backend in a scratch directory: the one way tests,
// the demo and the benchmarks drive the engine.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const PASSPHRASE = "pulumi-linq-local-passphrase";

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions that do not care which stream said it. */
  output: string;
}

/** A stack's outputs: whatever the program exports, to be parsed by the reader that knows its shape. */
export type StackOutputs = Record<string, unknown>;

export interface LocalStack {
  projectDir: string;
  stackName: string;
  env: NodeJS.ProcessEnv;
  pulumi(args: string[], options?: { env?: NodeJS.ProcessEnv }): Promise<CommandResult>;
  /** Runs pulumi and throws with its output unless it exits 0. */
  pulumiOk(args: string[], options?: { env?: NodeJS.ProcessEnv }): Promise<CommandResult>;
  /** The stack's outputs (`pulumi stack output --json`), secrets shown in plaintext if asked. */
  outputs(options?: { showSecrets?: boolean }): Promise<StackOutputs>;
  stateFile(): string;
  readState(): StateFile;
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
export interface StateFile {
  checkpoint: { latest?: { resources?: StateResource[] } };
}

let cachedBinDir: string | undefined;

/** The directory holding pulumi and pulumi-language-nodejs, built on first use (see scripts/ensure-pulumi). */
export function engineBinDir(): string {
  cachedBinDir ??= execFileSync(path.join(REPO_ROOT, "scripts", "ensure-pulumi"), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return cachedBinDir;
}

/**
 * A fresh scratch directory below the repository, so that programs resolve the repository's
 * node_modules, and `pulumi-linq` itself as an installed package would be (the built one, in dist/).
 */
export function scratchDir(label: string): string {
  const base = path.join(REPO_ROOT, ".tmp");
  const self = path.join(base, "node_modules", "pulumi-linq");
  fs.mkdirSync(path.dirname(self), { recursive: true });
  if (!fs.existsSync(self)) fs.symlinkSync(REPO_ROOT, self, "dir");
  return fs.mkdtempSync(path.join(base, `${label}-`));
}

function engineEnv(workDir: string, extra: NodeJS.ProcessEnv, typeCheckProgram: boolean): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // ts-node type-checks a TypeScript program on every run unless told not to: about a third of the CPU
    // of a preview here. The programs in this repository are type-checked once by `npm run typecheck`;
    // a stack whose program comes from elsewhere (an installed package) asks for the check.
    PULUMI_NODEJS_TRANSPILE_ONLY: typeCheckProgram ? "false" : "true",
    PATH: [engineBinDir(), process.env.PATH].join(path.delimiter),
    PULUMI_HOME: path.join(workDir, ".pulumi-home"),
    PULUMI_BACKEND_URL: `file://${path.join(workDir, ".backend")}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    ...extra,
  };
}

function run(cwd: string, env: NodeJS.ProcessEnv, args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => ((stdout += String(chunk)), (output += String(chunk))));
    child.stderr.on("data", (chunk: Buffer) => ((stderr += String(chunk)), (output += String(chunk))));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, output }));
  });
}

/**
 * Creates a stack for the Pulumi project in projectDir (which holds Pulumi.yaml), with its backend and
 * PULUMI_HOME beside it in workDir.
 */
export async function createLocalStack(options: {
  projectDir: string;
  workDir?: string;
  stackName?: string;
  env?: NodeJS.ProcessEnv;
  /** ts-node's type check of the program on each run, as a user's project has it by default. */
  typeCheckProgram?: boolean;
}): Promise<LocalStack> {
  const workDir = options.workDir ?? options.projectDir;
  const stackName = options.stackName ?? "dev";
  fs.mkdirSync(path.join(workDir, ".backend"), { recursive: true });
  const env = engineEnv(workDir, options.env ?? {}, options.typeCheckProgram ?? false);
  const pulumi = (args: string[], extra?: { env?: NodeJS.ProcessEnv }) =>
    run(options.projectDir, { ...env, ...extra?.env }, [...args, "--non-interactive", "--color", "never"]);
  const pulumiOk = async (args: string[], extra?: { env?: NodeJS.ProcessEnv }) => {
    const result = await pulumi(args, extra);
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}:\n${result.output}`);
    }
    return result;
  };
  await pulumiOk(["stack", "init", stackName]);
  const stateFile = () => findStateFile(path.join(workDir, ".backend"), stackName);
  return {
    projectDir: options.projectDir,
    stackName,
    env,
    pulumi,
    pulumiOk,
    async outputs({ showSecrets = false } = {}) {
      const flags = showSecrets ? ["--show-secrets"] : [];
      return JSON.parse((await pulumiOk(["stack", "output", "--json", ...flags])).stdout) as StackOutputs;
    },
    stateFile,
    readState: () => JSON.parse(fs.readFileSync(stateFile(), "utf8")) as StateFile,
  };
}

function findStateFile(backendDir: string, stackName: string): string {
  const stacksDir = path.join(backendDir, ".pulumi", "stacks");
  const found = fs
    .readdirSync(stacksDir, { recursive: true, encoding: "utf8" })
    .find((entry) => path.basename(entry) === `${stackName}.json`);
  if (!found) throw new Error(`no state file for stack ${stackName} under ${stacksDir}`);
  return path.join(stacksDir, found);
}
