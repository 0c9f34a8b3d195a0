// customTimeouts: the engine sends a resource's timeout for create, update and delete in the request
// (`timeout`, seconds; 0 when none), and leaves it to the provider to keep. The operation runs with
// the deadline as a cancellation, as a Ctrl-C cancels it: no call starts after it (no retry, no POST
// sent again), while what is under way ends as the implementation ends it after Ctrl-C: an attempt in
// flight is answered or times out (the client's per-attempt timeout), and a create that got no clear
// answer still looks its subscription up, so that what Linq made is recorded, never orphaned.
import type { ProcessState } from "../process-state";
import { diagnostic, problem } from "../safe-text";

export type Operation = "create" | "update" | "delete";

/** The CancelledError's Ctrl-C wording, which a deadline replaces with its own (provider/client/errors.ts). */
const CANCELLED_SUFFIX = "; not tried again: the operation was cancelled (Ctrl-C)";

/**
 * Runs one operation under its customTimeout, if it has one. The state it gets is the process's (its
 * writes go there: pacing, caches, warnings), except its cancellation signal and therefore its client,
 * which is built with the signal it stops on (live-account.ts).
 */
export async function withCustomTimeout<T>(
  state: ProcessState,
  operation: Operation,
  timeoutSeconds: number,
  run: (state: ProcessState) => Promise<T>,
): Promise<T> {
  if (!(timeoutSeconds > 0)) return run(state);
  const deadline = AbortSignal.timeout(timeoutSeconds * 1000);
  const cancelled = state.cancelled ? AbortSignal.any([state.cancelled, deadline]) : deadline;
  const own: Pick<ProcessState, "cancelled" | "client"> = { cancelled, client: undefined };
  const scoped = new Proxy(state, {
    get: (target, key) => Reflect.get(key in own ? own : target, key) as unknown,
    set: (target, key, value: unknown) => Reflect.set(key in own ? own : target, key, value),
  });
  try {
    return await run(scoped);
  } catch (err) {
    if (!deadline.aborted || !(err instanceof Error)) throw err;
    err.message = diagnostic(
      problem`the ${operation} did not finish within its customTimeouts.${operation} (${timeoutSeconds} s)`,
      [
        `Nothing was tried again after it: raise customTimeouts.${operation}, or run the command again once Linq answers`,
        `Last failure: ${err.message.replace(CANCELLED_SUFFIX, "")}`,
      ],
    );
    throw err;
  }
}
