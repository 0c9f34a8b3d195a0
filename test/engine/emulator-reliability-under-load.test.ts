// The emulator's memory stays bounded under the loads of issue #19, each against a fresh `linq-emulator`
// process: a receiver answering 1 GiB, 300 unauthenticated 1 MB POSTs then GET /__admin/requests, and a
// 64 MiB trigger. Its peak resident set must stay under 300 MiB; the API's latency meanwhile is measured
// (not asserted: speed is for benchmarks), and without load for comparison, and recorded with the peak
// for test/RELIABILITY.md. Every one of the 300 clients must get its 401, with no reset after it.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "@jest/globals";
import { call, newApiKey, uniqueUrl } from "../support/emulator";
import { serve, type ServedEmulator } from "../support/emulator-cli";
import { cpuMs, p95, peakResidentMiB, probeLatency } from "../support/emulator-load";
import { recordFigures } from "../support/reliability-report";

const MiB = 1024 * 1024;
const PEAK_LIMIT_MiB = 300;

/** A receiver that answers every delivery 200 with `bytes` of body, as fast as the reader takes them. */
async function hugeAnswerReceiver(bytes: number) {
  const chunk = Buffer.alloc(MiB, "x");
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes) });
      let sent = 0;
      const write = () => {
        while (sent < bytes && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", write);
        }
        res.end();
      };
      write();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/linq`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A raw POST of `body` with no Authorization, on a connection of its own: its status, followed by
 * "/<error code>" when the connection then failed (0 when no answer came), once the connection has
 * closed, which the emulator does when it has read the whole body, so the load lasts until then.
 */
function unauthenticatedPost(url: string, body: Buffer): Promise<string> {
  return new Promise((resolve) => {
    let outcome = "0";
    const req = http.request(`${url}/v3/webhook-subscriptions`, { method: "POST", agent: false }, (res) => {
      res.resume();
      res.on("end", () => (outcome = String(res.statusCode)));
    });
    req.on("error", (err: NodeJS.ErrnoException) => (outcome += `/${err.code ?? err.message}`));
    req.on("close", () => resolve(outcome));
    req.end(body);
  });
}

const loads: Array<[string, string[], (emulator: ServedEmulator, receiverUrl: string) => Promise<void>]> = [
  [
    "a receiver answering 1 GiB, two deliveries",
    ["--delivery-attempts", "1"],
    async (emulator) => {
      const created = await call(emulator, "POST", "/v3/webhook-subscriptions", {
        body: { target_url: uniqueUrl(), subscribed_events: ["message.received"] },
      });
      expect(created.status).toBe(201);
      for (let i = 0; i < 2; i++) {
        const triggered = await call(emulator, "POST", "/__admin/trigger", {
          body: { event: "message.received", wait: "final" },
        });
        // Judged by its status: the answer's 1 GiB is not read.
        expect(triggered.body).toMatchObject({ deliveries: [{ status: "delivered", last_status: 200 }] });
      }
    },
  ],
  [
    "300 unauthenticated 1 MB POSTs at once, then GET /__admin/requests",
    [],
    async (emulator) => {
      const body = Buffer.alloc(1_000_000, "y");
      const outcomes = await Promise.all(
        Array.from({ length: 300 }, () => unauthenticatedPost(emulator.url, body)),
      );
      // Every client gets its 401, none a reset (the emulator answers before reading the megabyte).
      expect(outcomes.filter((o) => o !== "401")).toEqual([]);
      const log = await fetch(`${emulator.url}/__admin/requests`);
      const text = await log.text();
      expect(log.status).toBe(200);
      expect(text.length).toBeLessThan(MiB);
    },
  ],
  [
    "one 64 MiB trigger",
    [],
    async (emulator) => {
      const rawBody = JSON.stringify({ event: "message.received", data: { blob: "z".repeat(64 * MiB) } });
      const refused = await call(emulator, "POST", "/__admin/trigger", { rawBody });
      expect(refused.status).toBe(400);
    },
  ],
];

describe("emulator memory under load", () => {
  it.each(loads)(
    `%s: the emulator process stays under ${PEAK_LIMIT_MiB} MiB`,
    async (scenario, args, load) => {
      const receiver = await hugeAnswerReceiver(1024 * MiB);
      const emulator = await serve(["--forward-to", receiver.url, ...args], newApiKey());
      try {
        // The same client for a second without load first: on a shared machine, what the load adds.
        const idle = await probeLatency(emulator);
        await new Promise((r) => setTimeout(r, 1000));
        const idleLatencies = await idle.stop();
        const probe = await probeLatency(emulator);
        const cpuBefore = cpuMs(emulator.child.pid!);
        await load(emulator, receiver.url);
        const cpu = cpuMs(emulator.child.pid!) - cpuBefore;
        const latencies = await probe.stop();
        const peak = peakResidentMiB(emulator.child.pid!);
        expect(emulator.child.exitCode).toBeNull();
        recordFigures(`emulator (process): ${scenario}`, {
          emulatorPeakMiB: peak,
          msApiP95Idle: p95(idleLatencies),
          msApiP95: p95(latencies),
          apiCallsMeasured: latencies.length,
          msEmulatorCpu: cpu,
        });
        expect(peak).toBeLessThan(PEAK_LIMIT_MiB);
      } finally {
        emulator.child.kill("SIGTERM");
        await receiver.close();
      }
    },
  );
});
