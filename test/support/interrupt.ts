// `pulumi up` interrupted as a user interrupts it: SIGINT (what Ctrl-C sends) once a condition holds.
import { spawn } from "node:child_process";
import type { LocalStack } from "../../scripts/lib/local-stack";

/** `pulumi up`, sent SIGINT once `when()` holds; its exit code and output. */
export function upInterrupted(stack: LocalStack, when: () => boolean) {
  const child = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive", "--color", "never"], {
    cwd: stack.projectDir,
    env: stack.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += String(chunk)));
  child.stderr.on("data", (chunk: Buffer) => (output += String(chunk)));
  const poll = setInterval(() => {
    if (!when()) return;
    clearInterval(poll);
    child.kill("SIGINT");
  }, 20);
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({ code, output });
    }),
  );
}
