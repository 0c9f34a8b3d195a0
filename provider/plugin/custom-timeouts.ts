// customTimeouts: the engine sends a resource's timeout for create, update and delete in the request
// (`timeout`, seconds; 0 when none), and leaves it to the provider to keep. The operation runs with
// the deadline as a cancellation, as a Ctrl-C cancels it: no call starts after it (no retry, no POST
// sent again), while what is under way ends as the implementation ends it after Ctrl-C: an attempt in
// flight is answered or times out (the client's per-attempt timeout), and a create that got no clear
// answer still looks its subscription up, so that what Linq made is recorded, never orphaned.
import type { CallContext } from "../call-context";
import { diagnostic, problem } from "../safe-text";

export type Operation = "create" | "update" | "delete";

/** The CancelledError's Ctrl-C wording, which a deadline replaces with its own (provider/client/errors.ts). */
const CANCELLED_SUFFIX = "; not tried again: the operation was cancelled (Ctrl-C)";

/**
 * Runs one operation under its customTimeout, if it has one: with the context's cancellation signal
 * (Ctrl-C) combined with the deadline, and therefore a client of its own (live-account.ts).
 */
export async function withCustomTimeout<T>(
  ctx: CallContext,
  operation: Operation,
  timeoutSeconds: number,
  run: (ctx: CallContext) => Promise<T>,
): Promise<T> {
  if (!(timeoutSeconds > 0)) return run(ctx);
  const deadline = AbortSignal.timeout(timeoutSeconds * 1000);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, deadline]) : deadline;
  try {
    return await run({ ...ctx, signal });
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
