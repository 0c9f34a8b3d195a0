// The client's retry policy as pure functions: which answers are retried, how long to wait, and the
// one budget that a call's retries (and a create's recovery) draw on.
import {
  backoffMs,
  mayRetryFailure,
  mayRetryStatus,
  newBudget,
  nextRetryDelay,
  retryAfterMs,
  retryPolicy,
} from "../../provider/client/retry-policy";

describe("which answers are retried", () => {
  it("retries 408, 429 and 5xx of idempotent calls, and only 429 and 503 of a POST", () => {
    for (const method of ["GET", "PUT", "DELETE"] as const) {
      expect([400, 404, 408, 409, 429, 500, 502, 503, 504].filter((s) => mayRetryStatus(method, s))).toEqual([
        408, 429, 500, 502, 503, 504,
      ]);
    }
    expect([408, 429, 500, 502, 503, 504].filter((s) => mayRetryStatus("POST", s))).toEqual([429, 503]);
  });

  it("lets x-should-retry decide either way", () => {
    expect(mayRetryStatus("GET", 500, "false")).toBe(false);
    expect(mayRetryStatus("POST", 500, "true")).toBe(true);
  });

  it("retries a POST that got no answer only when nothing was sent", () => {
    expect(["timeout", "connection", "unsent"].filter((k) => mayRetryFailure("POST", k))).toEqual(["unsent"]);
    expect(
      ["timeout", "connection", "unsent", "certificate", "tls", "too-large"].filter((k) =>
        mayRetryFailure("GET", k),
      ),
    ).toEqual(["timeout", "connection", "unsent"]);
  });
});

describe("how long to wait", () => {
  it("backs off from 0.5 s doubling to 8 s, minus up to 25 % jitter", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect([1, 5].map((n) => backoffMs(n, 1))).toEqual([375, 6000]);
  });

  it("reads retry-after-ms, then Retry-After in seconds or as an HTTP date", () => {
    const now = Date.parse("2026-02-03T10:00:00Z");
    expect(retryAfterMs({ "retry-after-ms": "250", "retry-after": "9" }, now)).toBe(250);
    expect(retryAfterMs({ "retry-after": "2" }, now)).toBe(2000);
    expect(retryAfterMs({ "retry-after": "Tue, 03 Feb 2026 10:00:03 GMT" }, now)).toBe(3000);
    expect(retryAfterMs({ "retry-after": "Tue, 03 Feb 2026 09:00:00 GMT" }, now)).toBe(0);
    expect(retryAfterMs({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(retryAfterMs({}, now)).toBeUndefined();
  });

  it("queues 429 retries of one process one interval (at most 100 ms) apart", () => {
    const policy = retryPolicy();
    const now = 1_000_000;
    const delays = [1, 2, 3].map(() =>
      nextRetryDelay(policy, newBudget(now), { rateLimited: true, retryAfterMs: 1000 }, now),
    );
    expect(delays).toEqual([1000, 1100, 1200]);
  });
});

describe("the retry budget", () => {
  it("allows maxRetries retries of failures and, apart, maxRateLimitRetries of 429s", () => {
    const policy = retryPolicy({ maxRetries: 2, maxRateLimitRetries: 1 });
    const budget = newBudget(0);
    const failed = () => nextRetryDelay(policy, budget, { rateLimited: false, retryAfterMs: 9000 }, 0);
    const limited = () => nextRetryDelay(policy, budget, { rateLimited: true, retryAfterMs: 9000 }, 0);
    expect([failed(), limited(), failed(), limited(), failed()]).toEqual([
      9000,
      9000,
      9000,
      undefined,
      undefined,
    ]);
    expect(budget).toMatchObject({ failed: 2, rateLimited: 1 });
  });

  it("starts no retry that would end past maxRetryTimeMs, counted from the first attempt", () => {
    const policy = retryPolicy({ maxRetryTimeMs: 10_000 });
    const budget = newBudget(0);
    expect(nextRetryDelay(policy, budget, { rateLimited: false, retryAfterMs: 4000 }, 5000)).toBe(4000);
    expect(nextRetryDelay(policy, budget, { rateLimited: false, retryAfterMs: 4000 }, 7000)).toBeUndefined();
    expect(budget.failed).toBe(1);
  });
});
