// Two resources of one program with the same targetUrl could never both be created (Linq allows one
// subscription per URL): each host records who declared a URL first, with claimTargetUrl, and hands the
// claim to check() in its CallContext (call-context.ts), which fails the later resource at preview.
// A module of its own: constants.ts, which the SDK's public declarations reach, stays free of zod.
import { z } from "zod";

/**
 * The resource of the same program that declared this targetUrl first (`of`), and the URL as it was
 * compared: a transformation may change the URL after the SDK has seen it, and then the claim says nothing.
 */
export const DuplicateUrlClaimSchema = z.object({ of: z.string(), targetUrl: z.string() });
export type DuplicateUrlClaim = z.infer<typeof DuplicateUrlClaimSchema>;

/** targetUrl -> the resource that declared it first. Keys are user URLs: no prototype ("__proto__"). */
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
  const first = (claims[targetUrl] ??= claimant);
  return first === claimant ? undefined : { of: nameOf(first), targetUrl };
}
