/**
 * Where a question's concepts occur in a passage. A passage is a range
 * `[from, to)` of the index's flat array of term ids (see passage-index.ts),
 * and a concept is its alternatives, each a sequence of term ids (-1 for a
 * term no passage holds, which matches nothing). These run for every
 * candidate of every question, so they write into buffers the caller owns
 * and make no arrays of their own.
 */
import { insertionSort } from './candidates.ts';

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
  for (let a = 0; a < alternatives.length; a++) if (findSeq(terms, from, to, alternatives[a]!, from) >= 0) return true;
  return false;
}

const ascending = (a: number, b: number) => a < b;

/**
 * Writes the positions (token offsets from `from`, ascending) where any
 * alternative of a concept starts in `terms[from, to)` to `out` from `at`,
 * and returns where they end.
 */
export function writeConceptPositions(terms: Int32Array, from: number, to: number, alternatives: readonly number[][], out: Int32Array, at: number): number {
  const first = at;
  for (let a = 0; a < alternatives.length; a++) {
    const alt = alternatives[a]!;
    for (let i = findSeq(terms, from, to, alt, from); i >= 0; i = findSeq(terms, from, to, alt, i + 1)) out[at++] = i - from;
  }
  // One alternative's positions are found in order already.
  if (alternatives.length > 1) insertionSort(out, first, at, ascending);
  return at;
}

/**
 * Smallest token window holding one position of each concept that has any
 * (concept ci's positions, sorted, are `positions[start[ci]]` …
 * `positions[start[ci + 1] - 1]`): walks all lists at once, always moving past
 * the smallest head, without merging them (this runs for every candidate of
 * every question). `cursor` is scratch with room for one number per concept.
 */
export function minimalSpan(positions: Int32Array, start: Int32Array, concepts: number, cursor: Int32Array): number {
  for (let ci = 0; ci < concepts; ci++) cursor[ci] = start[ci]!;
  let best = Infinity;
  for (;;) {
    let lowest = 0, min = Infinity, max = -Infinity;
    for (let ci = 0; ci < concepts; ci++) {
      if (start[ci] === start[ci + 1]) continue;
      const pos = positions[cursor[ci]!]!;
      if (pos < min) { min = pos; lowest = ci; }
      if (pos > max) max = pos;
    }
    best = Math.min(best, max - min + 1);
    if (++cursor[lowest]! === start[lowest + 1]!) return best;
  }
}
