// Fault injection for the emulator: what a flaky, rate-limited or broken Linq API looks like on the wire.
import { z } from "zod";

const Match = z.object({
  method: z.string().toUpperCase().optional(),
  /** A path prefix, e.g. "/v3/webhook-subscriptions". */
  path: z.string().optional(),
});

/** When a fault fires: for the next `count` matching requests, or with probability `rate`, or both. */
const trigger = {
  rate: z.number().min(0).max(1).optional(),
  count: z.number().int().min(0).optional(),
  match: Match.optional(),
};

export const MALFORMED_KINDS = ["html", "not-json", "missing-fields", "wrong-types"] as const;

export const FaultConfigSchema = z
  .object({
    /** Added to every /v3 request before it is answered. */
    latencyMs: z.number().min(0).default(0),
    /** A token bucket: requests beyond it get 429 (code 1007) with Retry-After. */
    rateLimit: z
      .object({ perSecond: z.number().positive(), burst: z.number().int().positive().optional() })
      .optional(),
    /** 429 answers regardless of the rate, e.g. a burst of them. */
    throttle: z.object({ ...trigger, retryAfterMs: z.number().int().min(0).default(1000) }).optional(),
    /** 5xx answers; the request is not processed. */
    errors: z
      .object({
        ...trigger,
        statuses: z.array(z.number().int().min(500).max(599)).min(1).default([500, 503]),
        /** Sent as `x-should-retry`, the header by which Linq's clients let the server decide. */
        shouldRetry: z.boolean().optional(),
      })
      .optional(),
    /** 403 (code 2005): the key may not touch what it asks for; not processed. */
    forbidden: z.object(trigger).optional(),
    /** The request is processed, then the connection is dropped without an answer. */
    drop: z.object(trigger).optional(),
    /**
     * A gateway gives up at once (504, code 3005) while the request goes on: it is processed
     * `processAfterMs` later. A client that looks for its POST right away finds nothing yet.
     */
    gatewayTimeout: z.object({ ...trigger, processAfterMs: z.number().int().min(0).default(200) }).optional(),
    /**
     * A broken answer: "html" is a gateway's 502 page (not processed); the others are the real answer
     * after processing, with its body truncated ("not-json"), a field removed or a field of the wrong type.
     */
    malformed: z.object({ ...trigger, kind: z.enum(MALFORMED_KINDS) }).optional(),
    /** Seed for the rate-based triggers, so a run can be repeated exactly. */
    seed: z.number().int().default(1),
  })
  .strict();

export type FaultConfig = z.infer<typeof FaultConfigSchema>;
export type FaultConfigInput = z.input<typeof FaultConfigSchema>;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

type Trigger = { rate?: number; count?: number; match?: z.infer<typeof Match> };

export interface FaultPlan {
  latencyMs: number;
  /** Answer 429 with this many milliseconds of Retry-After, without processing. */
  rejectWith429?: number;
  /** Answer with this error status (5xx, or 403), without processing. */
  rejectWithStatus?: number;
  /** With rejectWithStatus: the `x-should-retry` header to send, if any. */
  shouldRetry?: boolean;
  malformed?: MalformedKind;
  dropAfterProcessing: boolean;
  /** Answer 504 now and process the request this many milliseconds later. */
  processLateMs?: number;
}

/** Decides, request by request, which faults fire. Holds the counters and the random sequence. */
export interface FaultInjector {
  config(): FaultConfig;
  plan(method: string, path: string, now: number): FaultPlan;
}

export function createFaultInjector(input: FaultConfigInput = {}): FaultInjector {
  const config = FaultConfigSchema.parse(input);
  const random = mulberry32(config.seed);
  const remaining = new Map<Trigger, number>();
  const bucket = config.rateLimit && tokenBucket(config.rateLimit.perSecond, config.rateLimit.burst);

  const fires = (t: Trigger | undefined, method: string, path: string): boolean => {
    if (
      !t ||
      (t.match?.method && t.match.method !== method) ||
      (t.match?.path && !path.startsWith(t.match.path))
    ) {
      return false;
    }
    if (t.count !== undefined) {
      const left = remaining.get(t) ?? t.count;
      if (left <= 0) return false;
      if (t.rate !== undefined && random() >= t.rate) return false;
      remaining.set(t, left - 1);
      return true;
    }
    return random() < (t.rate ?? 1);
  };

  return {
    config: () => config,
    plan(method, path, now) {
      const plan: FaultPlan = { latencyMs: config.latencyMs, dropAfterProcessing: false };
      const wait = bucket?.take(now);
      if (wait) return { ...plan, rejectWith429: wait };
      if (fires(config.throttle, method, path))
        return { ...plan, rejectWith429: config.throttle!.retryAfterMs };
      if (fires(config.errors, method, path)) {
        const statuses = config.errors!.statuses;
        const status = statuses[Math.floor(random() * statuses.length)];
        return { ...plan, rejectWithStatus: status, shouldRetry: config.errors!.shouldRetry };
      }
      if (fires(config.forbidden, method, path)) return { ...plan, rejectWithStatus: 403 };
      if (fires(config.gatewayTimeout, method, path))
        return { ...plan, processLateMs: config.gatewayTimeout!.processAfterMs };
      if (fires(config.malformed, method, path)) plan.malformed = config.malformed!.kind;
      plan.dropAfterProcessing = fires(config.drop, method, path);
      return plan;
    },
  };
}

/** Returns 0 when a token was taken, else the milliseconds until one will be there. */
function tokenBucket(perSecond: number, burst = Math.max(1, Math.round(perSecond))) {
  let tokens = burst;
  let last: number | undefined;
  return {
    take(now: number): number {
      tokens = Math.min(burst, tokens + ((now - (last ?? now)) / 1000) * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil(((1 - tokens) / perSecond) * 1000));
    },
  };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same faults. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
