// "Did you mean": the closest known name to a misspelled one, by one rule for every name a user writes: event
// types, provider settings, data-source arguments, resource inputs, policy config keys.
// Bounded: a name is compared only with known ones of about its length, in memory linear in their length.
import { safeMessage, untrusted } from "./safe-text";

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  // Three rows of the (a.length + 1) x (b.length + 1) table: the two before row i, and row i.
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    [before, previous] = [previous, current];
  }
  return previous[b.length]!;
}

/**
 * The known event closest to `name`, if it is close enough to be a typo: a few edits (case ignored),
 * or the only event that `name` is the last part of ("received" for "message.received"). A known event
 * whose length differs by more than the edits allowed is not compared: it cannot be close enough. Any
 * other known names take the same rule (no dot in them: only the edits count).
 */
export function suggestEvent(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const bySuffix = known.filter((e) => e.endsWith(`.${lower}`));
  if (bySuffix.length === 1) return bySuffix[0];
  const tolerance = Math.max(1, Math.floor(name.length / 5));
  let best: { event: string; distance: number } | undefined;
  for (const event of known) {
    if (Math.abs(event.length - name.length) > tolerance) continue;
    const distance = editDistance(lower, event.toLowerCase());
    if (!best || distance < best.distance) best = { event, distance };
  }
  return best && best.distance <= tolerance ? best.event : undefined;
}

/** The user's names, shown neutralised and cut (the known ones are ours). */
const msg = safeMessage();

/**
 * The fix that names the known name each misspelled one is near, for `diagnostic`: none when no name is
 * near one; "Did you mean baseUrl?" for one name; "Did you mean event for eventt, baseUrl for baseURL?".
 */
export function didYouMean(names: readonly string[], known: readonly string[]): string[] {
  const near = names.flatMap((name) => {
    const suggestion = suggestEvent(name, known);
    return suggestion ? [{ name, suggestion }] : [];
  });
  if (near.length === 0) return [];
  if (names.length === 1) return [`Did you mean ${near[0]!.suggestion}?`];
  return [
    `Did you mean ${near.map(({ name, suggestion }) => msg`${suggestion} for ${untrusted(name, 40)}`).join(", ")}?`,
  ];
}
