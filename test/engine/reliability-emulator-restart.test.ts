// The Linq account outlives the processes that talk to it: the emulator restarts between commands
// (persisting to a file) and nothing is lost.
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { scratchDir } from "../../scripts/lib/local-stack";
import { newApiKey } from "../support/emulator";
import { linqStack, type Declared } from "../support/linq-stack";
import { recordFigures } from "../support/reliability-report";
import { stackLeaks } from "../support/scan";

describe("an emulator restarted between commands", () => {
  it("keeps every subscription through up, refresh, up and destroy", async () => {
    const statePath = path.join(scratchDir("restart"), "account.json");
    const apiKey = newApiKey();
    let emulator: RunningEmulator = await startEmulator({ apiKey, statePath });
    const stack = await linqStack(emulator);
    const port = Number(new URL(emulator.url).port);
    const figures = { commands: 0, restarts: 0, resourcesLost: 0, secretsLeaked: 0 };
    const outputs: string[] = [];
    const restart = async () => {
      await emulator.close();
      emulator = await startEmulator({ apiKey, statePath, port });
      figures.restarts += 1;
    };
    const run = async (args: string[]) => {
      figures.commands += 1;
      const result = await stack.pulumiOk(args);
      outputs.push(result.output);
      return result;
    };
    const declared: Declared[] = Array.from({ length: 5 }, (_, i) => ({
      name: `kept-${i}`,
      targetUrl: `https://hooks.example.com/restart?n=${i}`,
      subscribedEvents: ["message.read"],
    }));
    try {
      await stack.declare(declared);
      await run(["up", "--yes"]);
      const ids = emulator
        .subscriptions()
        .map((s) => s.id)
        .sort();
      const secrets = emulator
        .subscriptions()
        .map((s) => s.signing_secret)
        .sort();

      await restart();
      const refresh = await run(["refresh", "--yes"]);
      expect(refresh.output).not.toMatch(/deleted|updated/);
      await restart();
      const up = await run(["up", "--yes"]);
      expect(up.output).not.toMatch(/created|updated|deleted/);
      const kept = emulator.subscriptions().map((s) => s.id);
      figures.resourcesLost =
        ids.filter((id) => !kept.includes(id)).length + Math.max(0, kept.length - ids.length);
      figures.secretsLeaked = stackLeaks(stack, emulator, outputs).length;
      expect(figures.secretsLeaked).toBe(0);
      expect(kept.sort()).toEqual(ids);
      expect(
        emulator
          .subscriptions()
          .map((s) => s.signing_secret)
          .sort(),
      ).toEqual(secrets);

      await restart();
      await run(["destroy", "--yes"]);
      await restart();
      expect(emulator.subscriptions()).toEqual([]);
      recordFigures("emulator restarted between commands", figures);
    } finally {
      await emulator.close();
    }
  });
});
