import type { RunningEmulator } from "../../emulator";
import { createLinqClient, type ClientOptions, type RetryEvent } from "../../provider/client";

/** Our client pointed at the emulator, recording its retries. */
export function clientFor(emulator: RunningEmulator, options: ClientOptions = {}) {
  const retries: RetryEvent[] = [];
  const client = createLinqClient({
    apiKey: emulator.apiKey,
    baseUrl: emulator.url,
    onRetry: (event) => retries.push(event),
    ...options,
  });
  return { client, retries };
}
