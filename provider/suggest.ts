// "Did you mean": the closest known event type to a misspelled one (also used for provider settings).

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  // d is (a.length + 1) x (b.length + 1) and every index below stays within those bounds.
  const at = (i: number, j: number): number => d[i]![j]!;
  const set = (i: number, j: number, v: number): void => {
    d[i]![j] = v;
  };
  for (let j = 1; j <= b.length; j++) set(0, j, j);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      set(i, j, Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        set(i, j, Math.min(at(i, j), at(i - 2, j - 2) + 1));
      }
    }
  }
  return at(a.length, b.length);
}

/**
 * The known event closest to `name`, if it is close enough to be a typo: a few edits (case ignored),
 * or the only event that `name` is the last part of ("received" for "message.received").
 */
export function suggestEvent(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const bySuffix = known.filter((e) => e.endsWith(`.${lower}`));
  if (bySuffix.length === 1) return bySuffix[0];
  let best: { event: string; distance: number } | undefined;
  for (const event of known) {
    const distance = editDistance(lower, event.toLowerCase());
    if (!best || distance < best.distance) best = { event, distance };
  }
  const tolerance = Math.max(1, Math.floor(name.length / 5));
  return best && best.distance <= tolerance ? best.event : undefined;
}
