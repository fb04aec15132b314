/**
 * The re-rank's position helpers and the answer kinds, on hand-made term
 * arrays: a passage is a range of one flat array, so every case also puts
 * other terms before and after the range, which must never be read.
 */
import { describe, expect, it } from 'vitest';
import { findSeq, holdsConcept, minimalSpan, writeConceptPositions } from '../src/engine/positions.ts';
import { DATE, expectedKind, NAME, NUMBER } from '../src/engine/token-kinds.ts';

// Terms 1..9 stand for words; the passage is terms[2, 10): 7 1 2 3 1 2 4 5 (8 and 9 lie outside it).
const terms = Int32Array.from([1, 2, 7, 1, 2, 3, 1, 2, 4, 5, 1, 2]);
const FROM = 2, TO = 10;

describe('findSeq', () => {
  it('finds a sequence from a position on, only inside the range', () => {
    expect(findSeq(terms, FROM, TO, [1, 2], FROM)).toBe(3);
    expect(findSeq(terms, FROM, TO, [1, 2], 4)).toBe(6);
    // The [1, 2] at 10 lies past the range.
    expect(findSeq(terms, FROM, TO, [1, 2], 7)).toBe(-1);
  });

  it('does not match a sequence that runs past the end of the range', () => {
    expect(findSeq(terms, FROM, 10, [5, 1], FROM)).toBe(-1);
    expect(findSeq(terms, FROM, 11, [5, 1], FROM)).toBe(9);
  });

  it('matches nothing for a term no passage holds (-1)', () => {
    expect(findSeq(terms, FROM, TO, [-1], FROM)).toBe(-1);
    expect(findSeq(terms, FROM, TO, [1, -1], FROM)).toBe(-1);
  });
});

describe('holdsConcept', () => {
  it('is true when any alternative occurs whole', () => {
    expect(holdsConcept(terms, FROM, TO, [[9], [4, 5]])).toBe(true);
    expect(holdsConcept(terms, FROM, TO, [[9], [5, 4]])).toBe(false);
    expect(holdsConcept(terms, 0, 2, [[7]])).toBe(false);
  });
});

describe('writeConceptPositions', () => {
  it('writes each start as an offset from the range, in order across alternatives, after `at`', () => {
    const out = new Int32Array(8).fill(-9);
    // Alternatives found in reverse order of position: [4] at offset 6, [7] at 0, [3] at 3.
    const end = writeConceptPositions(terms, FROM, TO, [[4], [7], [3]], out, 2);
    expect(end).toBe(5);
    expect([...out]).toEqual([-9, -9, 0, 3, 6, -9, -9, -9]);
  });

  it('writes nothing for a concept the range lacks', () => {
    const out = new Int32Array(4);
    expect(writeConceptPositions(terms, FROM, TO, [[9]], out, 1)).toBe(1);
  });
});

describe('minimalSpan', () => {
  it('is the smallest window holding one position of each concept that has any', () => {
    // Concept 0 at 0 and 10, concept 1 at 4 and 11, concept 2 (none), concept 3 at 12.
    const positions = Int32Array.from([0, 10, 4, 11, 12]);
    const start = Int32Array.from([0, 2, 4, 4, 5]);
    expect(minimalSpan(positions, start, 4, new Int32Array(4))).toBe(3);
  });

  it('is 1 for one concept', () => {
    expect(minimalSpan(Int32Array.from([5, 7]), Int32Array.from([0, 2]), 1, new Int32Array(1))).toBe(1);
  });
});

describe('expectedKind', () => {
  it.each([
    ['How many troops did North Korea send?', NUMBER],
    ['What percentage of the vote?', NUMBER],
    ['When was the treaty signed?', DATE | NUMBER],
    ['In which year was it signed?', DATE | NUMBER],
    ['Who met Putin in Hanoi?', NAME],
    ['Where did they meet?', NAME],
    ['What did Putin call the agreement?', 0],
  ])('%s', (question, kind) => {
    expect(expectedKind(question)).toBe(kind);
  });
});
