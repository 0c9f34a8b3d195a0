// What a running emulator offers its caller and its admin endpoints: a module of types of its own, so
// that server.ts (which implements them) and admin.ts (which serves them) do not import each other.
import type { StoredSubscription } from "./account";
import type { Deliverer } from "./delivery";
import type { FaultConfig, FaultConfigInput } from "./faults";

export interface RequestLogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  route: string;
  /** The status answered, or "dropped" when the connection was cut after processing. */
  status: number | "dropped";
  fault?: string;
  /**
   * The request body as received: JSON-decoded when it is JSON (nesting at most LIMITS.loggedBodyDepth),
   * else its first 2048 characters. Headers are never recorded.
   */
  body?: unknown;
  /**
   * Set when `body` is only the start of the body (one without the API key, or past the size limit): the
   * body's size in bytes.
   */
  body_bytes?: number;
}

export interface Counters {
  total: number;
  routes: Record<string, number>;
  faults: Record<string, number>;
}

export interface RunningEmulator {
  url: string;
  apiKey: string;
  close(): Promise<void>;
  events(): string[];
  setEvents(events: readonly string[]): void;
  faults(): FaultConfig;
  setFaults(faults: FaultConfigInput): void;
  requests(): RequestLogEntry[];
  counters(): Counters;
  clearRequests(): void;
  /** The account's subscriptions, signing secrets included. */
  subscriptions(): StoredSubscription[];
  clearSubscriptions(): void;
  /** Webhook delivery (emulator/delivery.ts): trigger an event, read the delivery log, forward. */
  trigger: Deliverer["trigger"];
  /** Sends a logged delivery again: same webhook-id and payload, new timestamp and signature. */
  redeliver: Deliverer["redeliver"];
  deliveries: Deliverer["deliveries"];
  clearDeliveries: Deliverer["clearDeliveries"];
  /** Resolves when every delivery has succeeded or used up its attempts. */
  deliveriesSettled: Deliverer["settled"];
  forwardTo: Deliverer["forwardTo"];
  setForwardTo: Deliverer["setForwardTo"];
}
