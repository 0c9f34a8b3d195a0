// Property values as the engine sends and expects them: secrets wrapped in a signature object,
// unknowns as a sentinel string. The resource logic sees plain values and the sentinel (as in the
// dynamic provider); secrets are unwrapped on the way in and wrapped again on the way out.
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

export type Properties = Record<string, unknown>;

const isSecret = (value: unknown): value is { value: unknown } =>
  typeof value === "object" &&
  value !== null &&
  (value as Record<string, unknown>)[specialSigKey] === specialSecretSig;

function plain(value: unknown): unknown {
  if (isSecret(value)) return plain(value.value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

function holdsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(holdsSecret);
  return false;
}

/** The plain values, and the names of the properties that held a secret anywhere inside. */
export function unwrapSecrets(properties: Properties): { plain: Properties; secret: string[] } {
  return {
    plain: plain(properties) as Properties,
    secret: Object.keys(properties).filter((key) => holdsSecret(properties[key])),
  };
}

/** Marks the named properties secret (whole): what was secret on the way in stays secret on the way out. */
export function wrapSecrets(properties: Properties, secret: readonly string[]): Properties {
  return Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [
      key,
      secret.includes(key) && value !== undefined ? { [specialSigKey]: specialSecretSig, value } : value,
    ]),
  );
}
