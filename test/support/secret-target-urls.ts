// The secret-input cases both entry points must pass: a targetUrl carrying a token, wrapped as a Pulumi
// secret, that check() refuses; the failure names "the secret targetUrl" and never shows the token.
import { randomBytes } from "node:crypto";
import type { CommandResult } from "../../scripts/lib/local-stack";

export const secretToken = () => `SECRETTOKEN${randomBytes(8).toString("hex")}`;

/** [label, the URL around a token, what the failure says]. */
export const REFUSED_SECRET_URLS: [string, (token: string) => string, string][] = [
  ["http", (t) => `http://hooks.example.com/hook?token=${t}`, "the secret targetUrl must use https"],
  [
    "upper-case host",
    (t) => `https://HOOKS.example.com/hook?token=${t}`,
    "the secret targetUrl is not in canonical form",
  ],
  [
    "fragment",
    (t) => `https://hooks.example.com/hook#${t}`,
    "the secret targetUrl has a fragment, which is never sent over HTTP",
  ],
];

/** The preview failed with `message`, and neither the engine's prefix nor our text shows the token. */
export function expectRefusedWithoutShowing(preview: CommandResult, token: string, message: string): void {
  expect(preview.code).not.toBe(0);
  expect(preview.output).toContain(message);
  // The engine's own prefix shows the value of a secret input as [secret].
  expect(preview.output).toContain("property targetUrl value {[secret]} has a problem");
  expect(preview.output).not.toContain(token);
  expect(preview.output).not.toContain(token.toLowerCase());
}
