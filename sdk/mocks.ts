// Whether the program runs under `pulumi.runtime.setMocks` (a unit test), where nothing may leave
// the process: the data source then goes through the mocks' `call`, as the plugin's invoke would.
import * as pulumi from "@pulumi/pulumi";

/**
 * setMocks installs a MockMonitor as the runtime's monitor (public: getMonitor(), and the monitor's
 * readonly `mocks`); the engine's monitor is a gRPC client, which has no `mocks`.
 */
export function underMocks(): boolean {
  const monitor = pulumi.runtime.getMonitor() as { mocks?: { call?: unknown } } | undefined;
  return typeof monitor?.mocks?.call === "function";
}
