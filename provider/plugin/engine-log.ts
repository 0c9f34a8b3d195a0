// Warnings to the engine's log, beside the resource whose call raised them (`warning:` in the
// CLI's output, counted as warnings), instead of the provider's stderr.
import { AsyncLocalStorage } from "node:async_hooks";
import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

/** The URN of the resource whose call is running, for every await inside that call. */
const current = new AsyncLocalStorage<string>();

export const withUrn = <T>(urn: string, run: () => Promise<T>): Promise<T> => current.run(urn, run);

/** A sink for CallContext.logWarning; without an engine address, the plugin writes stderr. */
export function engineWarnings(engineAddress: string | undefined): (message: string) => void {
  if (!engineAddress) return (message) => console.error(`warning: linq: ${message}`);
  const engine = new EngineClient(engineAddress, grpc.credentials.createInsecure());
  return (message) => {
    const request = new LogRequest()
      .setSeverity(LogSeverity.WARNING)
      .setMessage(message)
      .setUrn(current.getStore() ?? "");
    engine.log(request, (err) => {
      if (err) console.error(`warning: linq: ${message}`);
    });
  };
}
