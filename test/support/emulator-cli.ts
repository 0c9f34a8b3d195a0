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

/** `linq-emulator` serving in a child process, once it listens; everything it printed is in `output`. */
export interface ServedEmulator {
  url: string;
  apiKey: string;
  child: ReturnType<typeof cli>;
  output: () => string;
}

export async function serve(args: string[], apiKey: string): Promise<ServedEmulator> {
  const child = cli(["--port", "0", ...args], { LINQ_API_V3_API_KEY: apiKey });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    child.on("exit", (code) =>
      reject(new Error(`linq-emulator exited (${code}) before listening: ${output}`)),
    );
    child.stdout.on("data", (chunk: Buffer) => {
      output += String(chunk);
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
  });
  return { url, apiKey, child, output: () => output };
}
