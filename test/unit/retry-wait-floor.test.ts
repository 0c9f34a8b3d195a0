// A server cannot make the client retry faster than its backoff (`retry-after-ms: 0` once gave 31
// attempts in 2.4 s), and a wait longer than the retry budget fails at once, saying what the server
// asked for. Real HTTP against the emulator's throttle on 127.0.0.1.
import { RateLimitError } from "../../provider/client";
import { backoffMs } from "../../provider/client/retry-policy";
import { clientFor } from "../support/client";
import { useEmulator } from "../support/emulator";
import { recordFigures } from "../support/reliability-report";

const emulator = useEmulator();
beforeEach(() => emulator().clearRequests());

describe("the wait before a retry", () => {
  it("is never shorter than the backoff, whatever retry-after-ms says (0 here)", async () => {
    emulator().setFaults({ throttle: { rate: 1, retryAfterMs: 0 } });
    const { client, retries } = clientFor(emulator(), { maxRetryTimeMs: 3000 });
    const started = Date.now();
    const err = await client.webhookEvents.list().catch((e: unknown) => e);
    const ms = Date.now() - started;
    expect(err).toBeInstanceOf(RateLimitError);
    // The shortest backoff of each retry is its full delay less 25 % jitter: 375, 750, 1500 ms.
    for (const r of retries) expect(r.delayMs).toBeGreaterThanOrEqual(backoffMs(r.attempt, 1));
    const attempts = emulator.count("GET /v3/webhook-events");
    expect(attempts).toBeLessThanOrEqual(4);
    expect(ms).toBeGreaterThanOrEqual(retries.reduce((sum, r) => sum + r.delayMs, 0));
    recordFigures("wire safety (client): retry-after-ms 0 on every answer, 3 s retry budget", {
      requests: attempts,
      msToClearFailure: ms,
      resourcesLost: 0,
      secretsLeaked: 0,
    });
  });

  it("beyond the retry budget fails at once, naming the wait the server asked for (Retry-After: 3600)", async () => {
    emulator().setFaults({ throttle: { rate: 1, retryAfterMs: 3_600_000 } });
    const { client, retries } = clientFor(emulator());
    const started = Date.now();
    const err = await client.webhookEvents.list().catch((e: unknown) => e);
    const ms = Date.now() - started;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(retries).toEqual([]);
    expect(emulator.count("GET /v3/webhook-events")).toBe(1);
    expect((err as Error).message).toMatch(
      /failed with 429 .*; not retried: the server asked to wait 3600 s \(Retry-After\), more than the 1?\d\d(\.\d)? s left of the client's 120 s for retries/,
    );
    recordFigures("wire safety (client): Retry-After 3600 on a 429", {
      requests: 1,
      msToClearFailure: ms,
      resourcesLost: 0,
      secretsLeaked: 0,
    });
  });

  it("a refused long wait does not hold back the 429 retries queued after it", async () => {
    const { client } = clientFor(emulator());
    emulator().setFaults({ throttle: { count: 1, retryAfterMs: 3_600_000 } });
    await expect(client.webhookEvents.list()).rejects.toBeInstanceOf(RateLimitError);
    emulator().setFaults({ throttle: { count: 1, retryAfterMs: 900 } });
    await expect(client.webhookEvents.list()).resolves.toMatchObject({ events: emulator().events() });
  });
});
