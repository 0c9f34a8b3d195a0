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

const cut = (text: string, limit: number) => (text.length > limit ? shorten(text, limit + 1) : text);

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

/** The most characters a message's first sentence (its problem) has, whatever the values in it. */
export const FIRST_SENTENCE_LIMIT = 160;

/**
 * A message's first sentence, the statement of its problem: its text before the first ". " or ": " (a
 * period or colon followed by a space or a line break), or the whole text when there is none. A
 * `diagnostic` states its whole problem within the limit, a colon in it or not; `problemOf` keeps the
 * values in it from ending it (see asPartOfSentence).
 */
export function firstSentence(message: string): string {
  const end = /[.:](?=\s)/.exec(message);
  return end ? message.slice(0, end.index) : message;
}

/** The statement of a problem, made by `problemOf`: at most FIRST_SENTENCE_LIMIT characters with its period. */
export class Problem {
  /** @internal Made by `problemOf` only, which keeps it short. */
  constructor(readonly text: string) {}
}

/**
 * A tag for a message's first sentence: `` problemOf(scrub)`targetUrl "${url}" is already used` ``. The
 * values are rendered as `safeMessage` renders them (secrets removed, controls neutralised), then the
 * longest are cut (with "…") until the sentence and its period fit FIRST_SENTENCE_LIMIT: a 2,048-character
 * URL leaves the problem readable. A value's own ". " or ": " does not end the sentence (asPartOfSentence).
 */
export function problemOf(scrub: Scrub = (text) => text) {
  return (parts: TemplateStringsArray, ...values: unknown[]): Problem => {
    const shown = values.map((value) =>
      asPartOfSentence(render(value instanceof Whole ? value.text : value, scrub)),
    );
    // An id longer than any real one is cut like any other value.
    const kept = shown.map((v, i) => values[i] instanceof Whole && v.length <= WHOLE_LIMIT);
    const fixed = parts.join("").length + shown.reduce((n, v, i) => n + (kept[i] ? v.length : 0), 0);
    const cap = largestCap(
      shown.filter((_, i) => !kept[i]),
      FIRST_SENTENCE_LIMIT - 1 - fixed,
    );
    const text = parts.reduce((sentence, part, i) => {
      if (i === 0) return part;
      const value = kept[i - 1] ? shown[i - 1]! : shorten(shown[i - 1]!, cap);
      // A value's last "." or ":" before a space of ours would end the sentence as well.
      return sentence + (/^\s/.test(part) ? value.replace(/[.:]$/, ";") : value) + part;
    }, "");
    // Our own words too long (a defect that the message tests catch): still within the limit.
    return new Problem(shorten(text.replace(/\.$/, ""), FIRST_SENTENCE_LIMIT - 1));
  };
}

/** The longest value `whole` keeps whole: a Linq id (a UUID) is 36 characters. */
const WHOLE_LIMIT = 64;

/** A value a problem shows whole (an id to act on), up to WHOLE_LIMIT: the other values are cut to fit. */
export class Whole {
  constructor(readonly text: string) {}
}
export const whole = (text: string) => new Whole(text);

/** The problem tag for values that hold no secret the caller knows (user values are still neutralised). */
export const problem = problemOf();

/** The largest length each value may keep so that all of them fit `budget` characters together. */
function largestCap(values: readonly string[], budget: number): number {
  const longest = Math.max(0, ...values.map((v) => v.length));
  const total = (cap: number) => values.reduce((sum, v) => sum + Math.min(v.length, cap), 0);
  if (total(longest) <= budget) return longest;
  let cap = Math.max(1, Math.floor(budget / Math.max(1, values.length)));
  while (cap < longest && total(cap + 1) <= budget) cap++;
  return cap;
}

/**
 * A value's ". " or ": " shown as "; ": inside a problem it would end the first sentence there, often
 * inside the parentheses or quotes around the value ("refused the API key (… failed with 401: …").
 */
const asPartOfSentence = (value: string) => value.replace(/[.:](?=\s)/g, ";");

/**
 * At most `limit` characters, cut with an ellipsis; never half of a surrogate pair, and never a
 * parenthesis, bracket or quote left open: those the kept text opened are closed after the ellipsis
 * ("failed with 401 (code…)"), so that the text around the value reads as it was written.
 */
function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = Math.max(0, limit - 1);
  for (;;) {
    const kept = text.slice(0, /[\uD800-\uDBFF]/.test(text.charAt(end - 1)) ? end - 1 : end);
    const closing = closersOf(kept);
    if (kept.length + 1 + closing.length <= limit || end === 0) return `${kept}…${closing}`;
    end--;
  }
}

const CLOSER: Record<string, string> = { "(": ")", "[": "]", "{": "}", '"': '"' };

/** What closes the parentheses, brackets and quotes that `text` leaves open, innermost first. */
function closersOf(text: string): string {
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "\\")
      i++; // an escaped character (JSON's \") opens and closes nothing
    else if (open.at(-1) === '"' ? c === '"' : c === CLOSER[open.at(-1) ?? ""]) open.pop();
    else if (CLOSER[c] && open.at(-1) !== '"') open.push(c);
  }
  return open
    .reverse()
    .map((c) => CLOSER[c])
    .join("");
}

/**
 * A message a user reads: the problem (first sentence), then the fix (one sentence, or a few as a list
 * of alternatives), then where it is needed a link to the README's section that explains more, instead
 * of the explanation itself: "Problem. Fix. See README.md#anchor."
 */
export function diagnostic(
  problem: Problem,
  fix: string | readonly string[],
  readme?: ReadmeSection,
): string {
  const fixes = (typeof fix === "string" ? [fix] : fix).map(asSentence);
  const link = readme ? [`See README.md#${README_SECTIONS[readme]}.`] : [];
  return [`${problem.text}.`, ...fixes, ...link].join(" ");
}

const asSentence = (text: string) => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.?!]$/.test(capital) ? capital : `${capital}.`;
};

/** The README's sections that messages link to, by GitHub's anchor of their heading (a test checks each). */
export const README_SECTIONS = {
  takenUrl: "a-targeturl-already-used-by-another-subscription",
  movedUrl: "moving-a-targeturl-between-resources",
  keptPredecessor: "a-replacement-refused-because-the-old-subscription-holds-the-url",
  recordedConfig: "refresh-and-destroy-use-the-configuration-of-the-last-up",
  cancelledCreate: "ctrl-c-during-a-create",
  retiredEvents: "retired-event-types",
  renaming: "renaming-a-resource",
  dynamicLimits: "what-a-dynamic-provider-cannot-do",
} as const;
export type ReadmeSection = keyof typeof README_SECTIONS;
