// The form of every message: a first sentence of at most 160 characters that states the problem, then
// the fix, then at most one README link. `problem` keeps the first sentence short whatever the values in
// it (a 2,048-character URL, escape sequences, a value made of ". ").
import {
  diagnostic,
  FIRST_SENTENCE_LIMIT,
  firstSentence,
  problem,
  problemOf,
  README_SECTIONS,
  untrusted,
  whole,
} from "../../provider/safe-text";
import { redact } from "../../provider/redaction";
import { balanced } from "../support/balanced";

const LONG_URL = `https://hooks.example.com/${"a".repeat(2020)}`;
const HOSTILE = [
  LONG_URL,
  `\x1b]0;owned\x07\x1b[2J${"\u202e".repeat(500)}`,
  "😀".repeat(1500),
  `${"x".repeat(300)}\n\nfake line: all good`,
  "",
  "…".repeat(3000),
  // A client message as a refusal shows it: a colon inside its parentheses, a trace id in brackets.
  `Linq API GET /v3/webhook-events failed with 401 (code 2004): Missing or invalid token [trace t_${"9".repeat(200)}]`,
  `"quoted: a value. With sentences." and (nested [brackets ${"(".repeat(300)}`,
];

describe("problem: the first sentence of a message", () => {
  it.each(HOSTILE.flatMap((a) => HOSTILE.map((b) => [a.slice(0, 20), b.slice(0, 20), a, b])))(
    "stays within the limit with %j and %j",
    (_a, _b, first, second) => {
      const message = diagnostic(
        problem`targetUrl "${first}" is already used by webhook subscription ${second} of this Linq account`,
        "Give it another URL",
        "takenUrl",
      );
      expect(firstSentence(message).length).toBeLessThanOrEqual(FIRST_SENTENCE_LIMIT);
      // The whole problem, colons and all, is within the limit with its period.
      expect(message.indexOf(". Give it another URL")).toBeLessThan(FIRST_SENTENCE_LIMIT);
      // Control characters are shown, never acted on; no half surrogate pair is left by a cut.
      expect(message).not.toMatch(/[\p{Cc}\u202e]/u);
      expect(message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    },
  );

  it.each(HOSTILE.flatMap((a) => HOSTILE.map((b) => [a.slice(0, 20), b.slice(0, 20), a, b])))(
    "ends after the whole problem, never inside its parentheses or quotes, with %j and %j",
    (_a, _b, first, second) => {
      const stated = problem`Linq refused the API key (${first}) for "${second}" ${whole(second)}`;
      const message = diagnostic(stated, "Check 'linq:apiKey'");
      expect(firstSentence(message)).toBe(stated.text);
      // Cut or not, a value leaves nothing open that it did not leave open itself (an escape sequence's "[").
      if (balanced(first) && balanced(second)) expect(balanced(stated.text)).toBe(true);
    },
  );

  it("closes what a cut value left open, after the ellipsis", () => {
    const refused = `Linq API GET /v3/webhook-subscriptions failed with 401 (code 2004): Missing or invalid`;
    expect(problem`Linq refused the API key (${untrusted(refused, 60)})`.text).toBe(
      "Linq refused the API key (Linq API GET /v3/webhook-subscriptions failed with 401 (cod…))",
    );
    expect(problem`a "${untrusted('say "hi (there)" and (go', 12)}"`.text).toBe('a "say "hi (th…""');
  });

  it("keeps a short sentence whole and cuts a long value with an ellipsis", () => {
    expect(problem`targetUrl "${"https://a.example/"}" is taken`.text).toBe(
      'targetUrl "https://a.example/" is taken',
    );
    const cut = problem`targetUrl "${LONG_URL}" is already used`.text;
    expect(cut).toMatch(/^targetUrl "https:\/\/hooks\.example\.com\/a+…" is already used$/);
    expect(cut.length).toBe(FIRST_SENTENCE_LIMIT - 1);
  });

  it("shows a whole() value whole, cutting the others around it", () => {
    const id = "0b9f7f2e-2c8f-4d43-9d0e-7d1c0b3c7a11";
    const text = problem`targetUrl "${LONG_URL}" is used by ${whole(id)}, and more text to make it long`.text;
    expect(text).toContain(id);
    expect(text.length).toBeLessThan(FIRST_SENTENCE_LIMIT);
  });

  it("cuts a whole() value longer than any id like the others", () => {
    const text = problem`subscription ${whole("i".repeat(300))} no longer exists`.text;
    expect(text).toMatch(/^subscription i+… no longer exists$/);
  });

  it("cuts even its own words when they are too long (the message tests catch that defect)", () => {
    const words = "word ".repeat(60);
    expect(problem`${"x"} ${whole(words)}`.text.length).toBeLessThan(FIRST_SENTENCE_LIMIT);
  });

  it("removes the secrets its scrub knows before cutting", () => {
    const key = "test-key-0123456789abcdef";
    const text = problemOf((t) => t.split(key).join("[redacted]"))`refused ${`${key}${"z".repeat(500)}`}`
      .text;
    expect(text).not.toContain(key.slice(0, 12));
    expect(text).toContain("[redacted]");
  });

  it("leaves nothing of a secret value that it cut: redaction names the secret", () => {
    const secretUrl = `https://hooks.example.com/${"s".repeat(400)}?token=hunter2`;
    const message = diagnostic(problem`targetUrl "${secretUrl}" is already used`, "Pick another");
    const redacted = redact(message, { targetUrl: [secretUrl] });
    expect(redacted).not.toContain("hooks.example.com");
    expect(redacted).toContain("the secret targetUrl is already used");
  });
});

describe("diagnostic: problem, fix, link", () => {
  it("writes the problem, each fix as a sentence, then one README link", () => {
    expect(diagnostic(problem`x is wrong`, ["do a", "or do b."], "takenUrl")).toBe(
      `x is wrong. Do a. Or do b. See README.md#${README_SECTIONS.takenUrl}.`,
    );
    expect(diagnostic(problem`x is wrong`, "Do a")).toBe("x is wrong. Do a.");
  });

  it("defines the first sentence as the text before the first '. ' or ': '", () => {
    expect(firstSentence("a: b. c")).toBe("a");
    expect(firstSentence("v1.2 is old. Upgrade")).toBe("v1.2 is old");
    expect(firstSentence("no end")).toBe("no end");
  });
});
