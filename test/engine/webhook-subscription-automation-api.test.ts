// An Automation API process runs its inline program once per operation: what one run declares must
// not be held against the next (the same URL twice in one run is an error, in two runs it is not).
import { spawn } from "node:child_process";
import { createLocalStack } from "../../scripts/lib/local-stack";
import { uniqueUrl, useEmulator } from "../support/emulator";
import { projectFromFixture } from "../support/projects";

const emulator = useEmulator();

function runAutomation(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], {
      cwd,
      env,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => (output += String(chunk)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The JSON lines the fixture prints: each step's changes, and the event lists the data source returned. */
const reported = (output: string) =>
  output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("WebhookSubscription in an Automation API program", () => {
  it("previews and deploys the same inline program twice in one process", async () => {
    const projectDir = projectFromFixture("automation");
    const stack = await createLocalStack({ projectDir });
    const urls = [uniqueUrl("auto"), uniqueUrl("auto")];
    const run = await runAutomation(projectDir, {
      ...stack.env,
      LINQ_API_V3_API_KEY: emulator().apiKey,
      LINQ_API_V3_BASE_URL: emulator().url,
      SUBSCRIPTION_URLS: JSON.stringify(urls),
    });
    expect(run.output).not.toContain(emulator().apiKey);
    if (run.code !== 0) throw new Error(`the Automation API program exited ${run.code}:\n${run.output}`);
    expect(reported(run.output).filter((line) => "changes" in line)).toEqual([
      { step: "preview", changes: { create: 3 } },
      { step: "up", changes: { create: 3 } },
      { step: "up again", changes: { same: 3 } },
    ]);
    expect(
      emulator()
        .subscriptions()
        .filter((s) => urls.includes(s.target_url)),
    ).toHaveLength(2);
    await stack.pulumiOk(["destroy", "--yes"], {
      env: { LINQ_API_V3_API_KEY: emulator().apiKey, LINQ_API_V3_BASE_URL: emulator().url },
    });
  });

  it("reads Linq's event list again in each run of the program, so a long-lived process sees a type Linq adds", async () => {
    const projectDir = projectFromFixture("automation");
    const stack = await createLocalStack({ projectDir });
    const before = emulator().events();
    const after = [...before, "message.forwarded"];
    try {
      const run = await runAutomation(projectDir, {
        ...stack.env,
        LINQ_API_V3_API_KEY: emulator().apiKey,
        LINQ_API_V3_BASE_URL: emulator().url,
        EVENTS_BEFORE_LAST_RUN: JSON.stringify({ events: after }),
      });
      if (run.code !== 0) throw new Error(`the Automation API program exited ${run.code}:\n${run.output}`);
      expect(reported(run.output).find((line) => line.step === "events seen")).toEqual({
        step: "events seen",
        events: [before, after],
      });
    } finally {
      emulator().setEvents(before);
    }
  });
});
