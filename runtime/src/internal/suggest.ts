/**
 * Did-you-mean: the candidates nearest to a misspelled name (edit distance with
 * transpositions, case-insensitive), only those close enough to be a plausible typo, best first.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Up to `limit` candidates within a distance of a sixth of the name's length (at least 2),
 * nearest first, ties in alphabetical order; when the name is the start of candidates
 * (`7.0` of `7.0.3`), those candidates only.
 */
export function suggest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const wanted = name.toLowerCase();
  const all = [...candidates];
  // A prefix (`7.0` of `7.0.3`) names what it starts; typos are for the rest.
  const extending = all.filter((c) => c.toLowerCase().startsWith(wanted) && c.length > name.length);
  if (extending.length > 0) return extending.sort().slice(0, limit);
  const max = Math.max(2, Math.floor(wanted.length / 6));
  const scored: [string, number][] = [];
  for (const c of all) {
    const lower = c.toLowerCase();
    // Lengths too far apart cannot be within reach: skip the table.
    if (Math.abs(lower.length - wanted.length) > max && !lower.startsWith(wanted)) continue;
    const distance = lower.startsWith(wanted) ? lower.length - wanted.length : editDistance(wanted, lower);
    if (distance <= max || lower.startsWith(wanted)) scored.push([c, distance]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, limit)
    .map(([c]) => c);
}

/** ` (did you mean a, b or c?)`, or nothing when there is no suggestion. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const list = suggestions.length === 1 ? suggestions[0]! : `${suggestions.slice(0, -1).join(', ')} or ${suggestions.at(-1)}`;
  return ` (did you mean ${list}?)`;
}
