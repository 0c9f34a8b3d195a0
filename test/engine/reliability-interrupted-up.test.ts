// `pulumi up` killed with SIGKILL in the middle of its creates, then the recovery steps of the README's
// troubleshooting section: the next `up` converges to the declared stack, with no duplicate and no orphan.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { useEmulator } from "../support/emulator";
import { expectAccountMatches, linqStack, manySubscriptions, resourcesLost } from "../support/linq-stack";
import { recordFigures } from "../support/reliability-report";
import { stackLeaks } from "../support/scan";

const emulator = useEmulator();
const N = 12;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("an up killed with SIGKILL", () => {
  it("converges after cancel, refresh --clear-pending-creates and up with LINQ_ADOPT_EXISTING", async () => {
    const stack = await linqStack(emulator());
    const declared = manySubscriptions("killed", N);
    await stack.declare(declared);

    emulator().setFaults({ latencyMs: 400 });
    const up = spawn("pulumi", ["up", "--yes", "--non-interactive"], {
      cwd: stack.projectDir,
      env: stack.env,
      stdio: "ignore",
    });
    while (emulator.count("POST /v3/webhook-subscriptions") < 3) await sleep(20);
    up.kill("SIGKILL");
    // The killed run's provider process finishes the creates it had sent: wait until the account is still.
    let count = -1;
    while (count !== emulator().subscriptions().length) {
      count = emulator().subscriptions().length;
      await sleep(1500);
    }
    emulator().setFaults({});
    const pending =
      (stack.readState().checkpoint.latest as { pending_operations?: unknown[] }).pending_operations ?? [];
    const orphans = emulator().subscriptions().length - stack.subscriptionsInState().length;
    expect(pending.length).toBeGreaterThan(0);

    // As the README says: a kill while the file backend wrote the state's metadata leaves it empty, and
    // every command then fails with "failed to load checkpoint: EOF" until it is deleted.
    const attrs = `${stack.stateFile()}.attrs`;
    if (fs.existsSync(attrs) && fs.statSync(attrs).size === 0) fs.rmSync(attrs);
    await stack.pulumiOk(["cancel", "--yes"]);
    await stack.pulumiOk(["refresh", "--yes", "--clear-pending-creates"]);
    const recovery = await stack.pulumiOk(["up", "--yes"], { env: { LINQ_ADOPT_EXISTING: "true" } });
    expect(recovery.output).toContain("adopted webhook subscription");

    expectAccountMatches(stack, emulator(), declared);
    const preview = await stack.pulumiOk(["preview"]);
    expect(preview.output).not.toMatch(/to create|to update|to delete/);
    const secretsLeaked = stackLeaks(stack, emulator(), [recovery.output, preview.output]).length;
    recordFigures("up killed with SIGKILL, then recovered", {
      pendingOperations: pending.length,
      orphansAfterKill: orphans,
      secretsLeaked,
      resourcesLost: resourcesLost(stack, emulator(), declared),
    });
    expect(secretsLeaked).toBe(0);
  });
});
