// The README as its links see it: GitHub's anchor of each heading.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const README_PATH = join(__dirname, "..", "..", "README.md");

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

/** The anchors of the README's headings outside fenced code blocks ("# a comment" in a shell block is none). */
export function readmeAnchors(): Set<string> {
  const outsideCode = readFileSync(README_PATH, "utf8")
    .split(/^```.*$/m)
    .filter((_, i) => i % 2 === 0);
  return new Set(
    outsideCode.flatMap((text) => [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!))),
  );
}
