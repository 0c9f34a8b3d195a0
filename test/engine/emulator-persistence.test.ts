import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { REPO_ROOT, scratchDir } from "../../scripts/lib/local-stack";
import { call, newApiKey, uniqueUrl } from "../support/emulator";

describe("emulator persistence", () => {
  it("keeps the account, secrets and event list across a restart", async () => {
    const statePath = path.join(scratchDir("emulator-state"), "account.json");
    const apiKey = newApiKey();
    const first = await startEmulator({ apiKey, statePath });
    const created = (
      await call(first, "POST", "/v3/webhook-subscriptions", {
        body: { target_url: uniqueUrl(), subscribed_events: ["message.sent"] },
      })
    ).body as { id: string; signing_secret: string };
    first.setEvents([...first.events(), "message.scheduled"]);
    await first.close();

    const second = await startEmulator({ apiKey, statePath });
    try {
      const listed = (
        (await call(second, "GET", "/v3/webhook-subscriptions")).body as { subscriptions: { id: string }[] }
      ).subscriptions;
      expect(listed.map((s: { id: string }) => s.id)).toEqual([created.id]);
      expect(second.subscriptions()[0]?.signing_secret).toBe(created.signing_secret);
      expect(second.events()).toContain("message.scheduled");
    } finally {
      await second.close();
    }
  });

  it("writes atomically: the file is always whole JSON and no temporary file is left", async () => {
    const dir = scratchDir("emulator-state");
    const statePath = path.join(dir, "account.json");
    const emulator = await startEmulator({ apiKey: newApiKey(), statePath });
    try {
      for (let i = 0; i < 20; i++) {
        await call(emulator, "POST", "/v3/webhook-subscriptions", {
          body: { target_url: uniqueUrl(), subscribed_events: ["message.sent"] },
        });
        expect(() => JSON.parse(fs.readFileSync(statePath, "utf8")) as unknown).not.toThrow();
      }
      expect(fs.readdirSync(dir)).toEqual(["account.json"]);
      expect(
        (JSON.parse(fs.readFileSync(statePath, "utf8")) as { subscriptions: unknown[] }).subscriptions,
      ).toHaveLength(20);
    } finally {
      await emulator.close();
    }
  });

  it("keeps the account in memory when no file is given", async () => {
    const apiKey = newApiKey();
    const first = await startEmulator({ apiKey });
    await call(first, "POST", "/v3/webhook-subscriptions", {
      body: { target_url: uniqueUrl(), subscribed_events: ["message.sent"] },
    });
    await first.close();
    const second = await startEmulator({ apiKey });
    expect(second.subscriptions()).toEqual([]);
    await second.close();
  });
});

describe("emulator killed while writing", () => {
  it("leaves a state file that loads", async () => {
    const statePath = path.join(scratchDir("emulator-killed"), "account.json");
    const apiKey = newApiKey();
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", "--port", "0", "--state-file", statePath],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, LINQ_API_V3_API_KEY: apiKey },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const url = await new Promise<string>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const match = /listening on (\S+)/.exec(String(chunk));
        if (match) resolve(match[1]!);
      });
    });
    const target = { url, apiKey } as RunningEmulator;
    // Kill once some writes are acknowledged and the rest are still in flight: no timer, so a
    // fast or a slow machine kills at the same point of the run.
    let acknowledged = 0;
    const killedAfterAcks = new Promise<number>((resolve) => {
      for (let i = 0; i < 200; i++) {
        call(target, "POST", "/v3/webhook-subscriptions", {
          body: { target_url: uniqueUrl(), subscribed_events: ["message.sent"] },
        })
          .then((response) => {
            if (response.status !== 201 || ++acknowledged !== 20) return;
            child.kill("SIGKILL");
            resolve(acknowledged);
          })
          .catch(() => undefined);
      }
    });
    const acknowledgedBeforeKill = await killedAfterAcks;
    await new Promise((resolve) => child.once("exit", resolve));

    const reopened = await startEmulator({ apiKey, statePath });
    try {
      // A 201 is sent only after the write reached the disk, so every acknowledged one survives.
      expect(reopened.subscriptions().length).toBeGreaterThanOrEqual(acknowledgedBeforeKill);
      expect(reopened.subscriptions().every((s) => s.signing_secret.startsWith("whsec_"))).toBe(true);
    } finally {
      await reopened.close();
    }
  });
});
