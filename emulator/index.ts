export { startEmulator } from "./server";
export type { EmulatorOptions, RunningEmulator, RequestLogEntry, Counters } from "./server";
export type { FaultConfigInput, MalformedKind } from "./faults";
