// Two resources of one program with the same targetUrl could never both be created (Linq allows one
// subscription per URL), and two that adopt the same subscription id would both manage it, each moving it
// to its own URL: each host records who declared a URL or an adopted id first, with claimTargetUrl and
// claimAdoptedId, and hands the claim to check() in its CallContext (call-context.ts), which fails the
// later resource at preview.
// A module of its own: constants.ts, which the SDK's public declarations reach, stays free of zod.
import { z } from "zod";

/**
 * The resource of the same program that declared this targetUrl first (`of`), and the URL as it was
 * compared: a transformation may change the URL after the SDK has seen it, and then the claim says nothing.
 */
export const DuplicateUrlClaimSchema = z.object({ of: z.string(), targetUrl: z.string() });
export type DuplicateUrlClaim = z.infer<typeof DuplicateUrlClaimSchema>;

/** The resource of the same program that adopts this subscription id (the adopt input) first. */
export const DuplicateAdoptClaimSchema = z.object({ of: z.string(), adopt: z.string() });
export type DuplicateAdoptClaim = z.infer<typeof DuplicateAdoptClaimSchema>;

/** targetUrl (or adopted id) -> the resource that declared it first. Keys are the user's: no prototype ("__proto__"). */
export type UrlClaims<Claimant> = Record<string, Claimant>;

export const newUrlClaims = <Claimant>(): UrlClaims<Claimant> => Object.create(null) as UrlClaims<Claimant>;

/**
 * Records `claimant` as declaring `targetUrl` unless another did first: then the claim against it.
 * Each host keeps its own record and claimants: the SDK per program run, one object per resource; the
 * plugin per process (one deployment), by URN, which it gets again on every check of the resource.
 */
export function claimTargetUrl<Claimant>(
  claims: UrlClaims<Claimant>,
  claimant: Claimant,
  targetUrl: string,
  nameOf: (claimant: Claimant) => string,
): DuplicateUrlClaim | undefined {
  const of = claimedBefore(claims, claimant, targetUrl, nameOf);
  return of === undefined ? undefined : { of, targetUrl };
}

/** As claimTargetUrl, for the subscription id a resource adopts (a record of its own). */
export function claimAdoptedId<Claimant>(
  claims: UrlClaims<Claimant>,
  claimant: Claimant,
  adopt: string,
  nameOf: (claimant: Claimant) => string,
): DuplicateAdoptClaim | undefined {
  const of = claimedBefore(claims, claimant, adopt, nameOf);
  return of === undefined ? undefined : { of, adopt };
}

/** The name of the claimant that claimed `key` before this one, which is recorded if none did. */
function claimedBefore<Claimant>(
  claims: UrlClaims<Claimant>,
  claimant: Claimant,
  key: string,
  nameOf: (claimant: Claimant) => string,
): string | undefined {
  const first = (claims[key] ??= claimant);
  return first === claimant ? undefined : nameOf(first);
}
