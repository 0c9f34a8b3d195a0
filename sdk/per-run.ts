// State that lives for one run of the program: an Automation API process runs its inline program many
// times, and what one run declared or fetched must not carry over to the next.
import * as pulumi from "@pulumi/pulumi";

/** The value of the current run (keyed by its stack resource), made by `create` on first use in it. */
export function perRun<T extends object>(create: () => T): () => T {
  const byRun = new WeakMap<object, T>();
  const outsideAnyRun = {};
  return () => {
    const run = pulumi.runtime.getStackResource() ?? outsideAnyRun;
    const value = byRun.get(run) ?? create();
    byRun.set(run, value);
    return value;
  };
}
