/**
 * Where a question's concepts occur in a passage. A passage is a range
 * `[from, to)` of the passage table's token terms (see passage-table.ts), and
 * a concept is its alternatives, each a sequence of term ids (-1 for a term
 * no passage holds, which matches nothing).
 */

/** Where `seq` first occurs whole in `terms[from, to)` at or after `at`, or -1. */
export function findSeq(terms: Int32Array, from: number, to: number, seq: readonly number[], at: number): number {
  const first = seq[0];
  outer: for (let i = at; i + seq.length <= to; i++) {
    if (terms[i] !== first) continue;
    for (let j = 1; j < seq.length; j++) if (terms[i + j] !== seq[j]) continue outer;
    return i;
  }
  return -1;
}

/** True when any alternative of a concept (as term ids) occurs in `terms[from, to)`. */
export function holdsConcept(terms: Int32Array, from: number, to: number, alternatives: readonly number[][]): boolean {
  for (const alt of alternatives) if (findSeq(terms, from, to, alt, from) >= 0) return true;
  return false;
}

/** The positions (token offsets from `from`, ascending) where any alternative of a concept starts in `terms[from, to)`. */
export function conceptPositions(terms: Int32Array, from: number, to: number, alternatives: readonly number[][]): number[] {
  const positions: number[] = [];
  for (const alt of alternatives) {
    for (let i = findSeq(terms, from, to, alt, from); i >= 0; i = findSeq(terms, from, to, alt, i + 1)) positions.push(i - from);
  }
  // One alternative's positions are found in order already.
  if (alternatives.length > 1) positions.sort((a, b) => a - b);
  return positions;
}

/**
 * Smallest token window holding one position of each concept that has any
 * (each list sorted): walks all lists at once, always moving past the
 * smallest head. Infinity when no list has a position.
 */
export function minimalSpan(lists: ReadonlyArray<readonly number[]>): number {
  const cursor = lists.map(() => 0);
  let best = Infinity;
  for (;;) {
    let lowest = -1, min = Infinity, max = -Infinity;
    for (let ci = 0; ci < lists.length; ci++) {
      const list = lists[ci]!;
      if (list.length === 0) continue;
      const pos = list[cursor[ci]!]!;
      if (pos < min) { min = pos; lowest = ci; }
      if (pos > max) max = pos;
    }
    if (lowest < 0) return best;
    best = Math.min(best, max - min + 1);
    if (++cursor[lowest]! === lists[lowest]!.length) return best;
  }
}
