// What the SDK (and the plugin) tell check() under DUPLICATE_URL_KEY (constants.ts). A module of its own:
// constants.ts, which the SDK's public declarations reach, stays free of zod (see sdk/index.ts).
import { z } from "zod";

/**
 * The resource of the same program that declared this targetUrl first (`of`), and the URL as it was
 * compared: a transformation may change the URL after the SDK has seen it, and then the claim says nothing.
 */
export const DuplicateUrlClaimSchema = z.object({ of: z.string(), targetUrl: z.string() });
export type DuplicateUrlClaim = z.infer<typeof DuplicateUrlClaimSchema>;
