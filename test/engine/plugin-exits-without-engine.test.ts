// `kill -9` of the pulumi CLI during `up` of a YAML program: the engine sends its plugin no Cancel and
// no signal, and the provider plugin (pulumi-resource-linq) must not live on without it.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { uniqueUrl, useEmulator } from "../support/emulator";
import { linqStack } from "../support/linq-stack";
import { installPlugin, PLUGIN_SUBSCRIPTION_TYPE, yamlProject } from "../support/plugin";

const emulator = useEmulator();

/** Every process under `root` (its children, theirs, ...), as /proc shows them now. */
function descendants(root: number): { pid: number; cmdline: string }[] {
  const parents = new Map<number, number>();
  const cmdlines = new Map<number, string>();
  for (const entry of fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after its last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
      cmdlines.set(Number(entry), fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " "));
    } catch {
      // exited meanwhile
    }
  }
  const found: { pid: number; cmdline: string }[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      found.push({ pid: child, cmdline: cmdlines.get(child) ?? "" });
      walk(child);
    }
  };
  walk(root);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

describe("the provider plugin after kill -9 of the pulumi CLI", () => {
  it("exits within 10 s of losing its engine", async () => {
    const project = yamlProject("plugin-exits");
    project.write(
      `resources:\n  hook:\n    type: ${PLUGIN_SUBSCRIPTION_TYPE}\n` +
        `    properties: ${JSON.stringify({ targetUrl: uniqueUrl("orphan-plugin"), subscribedEvents: ["message.read"] })}\n`,
    );
    const stack = await linqStack(emulator(), { projectDir: project.dir });
    await installPlugin(stack);
    // Linq answers slowly: the plugin waits on its first lookup, writing nothing, when the CLI dies.
    emulator().setFaults({ latencyMs: 4000 });
    emulator().clearRequests();
    // In a process group of its own, as a shell runs a command: no signal to jest's group reaches the plugin.
    const cli = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive"], {
      cwd: stack.projectDir,
      env: stack.env,
      stdio: "ignore",
      detached: true,
    });
    const left: number[] = [];
    try {
      const plugins = () =>
        descendants(cli.pid!).filter((c) => c.cmdline.includes("provider/plugin/main.js"));
      expect(await until(() => plugins().length > 0, 120_000)).toBe(true);
      // Its check is waiting on Linq (every answer takes 4 s).
      await until(() => false, 1_000);
      left.push(...descendants(cli.pid!).map((c) => c.pid));
      const running = plugins().map((c) => c.pid);
      expect(running.length).toBeGreaterThan(0);

      cli.kill("SIGKILL");
      const killedAt = Date.now();
      const exited = await until(() => !running.some(alive), 10_000);
      console.log(
        `${running.length} plugin process(es), all exited: ${exited}, after ${Date.now() - killedAt} ms`,
      );
      expect(running.filter(alive)).toEqual([]);
    } finally {
      // What the killed CLI had started and what outlived it (the language host), stopped by pid.
      for (const pid of left.filter(alive)) process.kill(pid, "SIGKILL");
    }
  });
});
