// Which failures to reach Linq are an outage, that an unchanged stack may preview through with a
// warning: no answer, a timeout, 5xx or 429. A refused key or a bad configuration is the user's to fix,
// and fails the check in its own words (see inputFailures), with no offline advice.
import { APIConnectionError, LinqError } from "./client";

export function isOutage(err: unknown): boolean {
  if (err instanceof APIConnectionError) return true; // refused, reset, DNS, timeout
  return err instanceof LinqError && (err.status === 429 || (err.status ?? 0) >= 500);
}
