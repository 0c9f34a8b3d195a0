export { startEmulator } from "./server";
export type { EmulatorOptions } from "./server";
export type { RunningEmulator, RequestLogEntry, Counters } from "./controls";
export type { FaultConfigInput, MalformedKind } from "./faults";
export { TriggerRejected, UnknownDelivery, DEFAULT_PHONE_NUMBER } from "./delivery";
export { LIMITS } from "./limits";
export type {
  DeliveryOptions,
  DeliveryRecord,
  DeliveryAttempt,
  TriggerRequest,
  TriggerResult,
  RedeliverRequest,
} from "./delivery";
