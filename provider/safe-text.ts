// Text from outside (a server's body or headers, a gateway's page, a user's value) reaches a message only
// through here: secrets removed from the whole text first, then control characters and escape sequences
// made visible, then cut. Messages are built with the `safeMessage` tag, which treats every value it
// interpolates that way, so that a new message cannot forget to; `neutralise` is also the backstop that
// redaction.ts applies where messages leave the provider.

/** Removes the secrets a caller knows (the API key, secret input values) from a whole text. */
export type Scrub = (text: string) => string;

/**
 * Characters that a terminal acts on or that hide what a text says: C0 and C1 controls (ESC starts every
 * escape sequence, BEL ends OSC titles), DEL, format characters (bidi overrides, zero-width), lone
 * surrogates, line and paragraph separators, and U+FFFD (bytes that were not UTF-8, e.g. 0xFF).
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFD]/gu;
const visible = (c: string) => {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
};

/**
 * The text with every unsafe character shown as an escape (`\x1b`, `\u202e`): an escape sequence is then
 * plain text. Runs of whitespace become one space, so that a value cannot start a line of its own; a
 * whole message keeps its line breaks (`keepLines`).
 */
export function neutralise(text: string, keepLines = false): string {
  const spaced = keepLines ? text.replace(/[^\S\n]+/g, " ") : text.replace(/\s+/g, " ");
  return spaced.replace(UNSAFE, (c) => (keepLines && c === "\n" ? c : visible(c)));
}

/** A value to show at most `limit` characters of (after secrets are removed and controls neutralised). */
export class Untrusted {
  constructor(
    readonly text: string,
    readonly limit: number,
  ) {}
}

const DEFAULT_LIMIT = 120;

export const untrusted = (text: string | undefined, limit = DEFAULT_LIMIT) =>
  new Untrusted(text ?? "", limit);

/** The longest any interpolated value is shown when no limit is given: every size from outside has one. */
const ANY_VALUE_LIMIT = 2000;

function render(value: unknown, scrub: Scrub): string {
  // Secrets first, on the whole text: a cut first could leave half a key that no scrubber recognises.
  if (!(value instanceof Untrusted)) return cut(neutralise(scrub(String(value))), ANY_VALUE_LIMIT);
  const shown = neutralise(scrub(value.text)).trim();
  return shown ? cut(shown, value.limit) : "(empty)";
}

const cut = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit)}…` : text);

/**
 * A tag for messages: `` safeMessage(scrub)`Linq API ${call} failed: ${untrusted(body)}` ``. The literal
 * parts are ours; every interpolated value is rendered as untrusted text (secrets removed by `scrub`,
 * controls neutralised, cut to its limit), whether or not its author thought it could be hostile.
 */
export type MessageTag = (parts: TemplateStringsArray, ...values: unknown[]) => string;

export function safeMessage(scrub: Scrub = (text) => text): MessageTag {
  return (parts, ...values) =>
    parts.reduce((message, part, i) => message + (i > 0 ? render(values[i - 1], scrub) : "") + part, "");
}
