// The emulator's command line, run as the process users run: the package's bin, linq-emulator
// (dist/emulator/cli.js, which jest's global setup compiles).
import { spawn } from "node:child_process";
import { REPO_ROOT } from "../../scripts/lib/local-stack";

export const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawn(process.execPath, ["dist/emulator/cli.js", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });

/** Runs the command to its end. */
export async function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = cli(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += String(c)));
  child.stderr.on("data", (c: Buffer) => (stderr += String(c)));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr };
}
