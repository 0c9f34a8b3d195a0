// Starts a real emulator on 127.0.0.1 for a test file, with a key unique to the run so that a scan for
// it in outputs means something.
import { randomBytes } from "node:crypto";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

export const newApiKey = () => `test-key-${randomBytes(12).toString("hex")}`;

/** The running emulator, and how many requests it has answered on a route since the last clearRequests(). */
export interface EmulatorHandle {
  (): RunningEmulator;
  /** e.g. count("GET /v3/webhook-events"): 0 for a route never called. */
  count(route: string): number;
}

export function useEmulator(options: Partial<EmulatorOptions> = {}): EmulatorHandle {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ apiKey: newApiKey(), ...options });
  });
  afterEach(() => {
    emulator?.setFaults({});
  });
  afterAll(async () => {
    await emulator?.close();
  });
  const running = () => {
    if (!emulator) throw new Error("the emulator is not running yet");
    return emulator;
  };
  return Object.assign(running, { count: (route: string) => running().counters().routes[route] ?? 0 });
}

/** Where an emulator answers, and the key it takes: a running one, or one in another process. */
export type EmulatorAddress = Pick<RunningEmulator, "url" | "apiKey">;

/**
 * A raw HTTP call to the emulator, to pin the wire format without any client in between. The body is
 * parsed JSON (or the text, or undefined when empty), unknown until a test parses it with the contract's schema.
 */
export async function call(
  emulator: EmulatorAddress,
  method: string,
  path: string,
  init: { body?: unknown; rawBody?: string; apiKey?: string | null } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const key = init.apiKey === undefined ? emulator.apiKey : init.apiKey;
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      "content-type": "application/json",
    },
    // fetch refuses a body on GET; the emulator ignores one anyway.
    body:
      method === "GET"
        ? undefined
        : (init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body))),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

let urlCounter = 0;
/** A target URL that no other test uses. */
export const uniqueUrl = (label = "hook") =>
  `https://hooks.example.com/${label}?n=${++urlCounter}-${Date.now()}`;

/** The emulator's subscriptions at this target URL: one, or none, unless something went wrong. */
export const subscriptionsAt = (emulator: RunningEmulator, url: string) =>
  emulator.subscriptions().filter((s) => s.target_url === url);

/** Requests that would change the account: none may reach the emulator when a preview fails. */
export function writeRequests(emulator: RunningEmulator) {
  return emulator.requests().filter((r) => r.method !== "GET" && r.path.startsWith("/v3"));
}
