/**
 * The re-rank's position helpers and the answer kinds, on hand-made term
 * arrays: a passage is a range of one flat array, so every case also puts
 * other terms before and after the range, which must never be read.
 */
import { describe, expect, it } from 'vitest';
import { conceptPositions, findSeq, holdsConcept, minimalSpan } from '../src/engine/positions.ts';
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

describe('conceptPositions', () => {
  it('gives each start as an offset from the range, in order across alternatives', () => {
    // Alternatives found in reverse order of position: [4] at offset 6, [7] at 0, [3] at 3.
    expect(conceptPositions(terms, FROM, TO, [[4], [7], [3]])).toEqual([0, 3, 6]);
    expect(conceptPositions(terms, FROM, TO, [[1, 2]])).toEqual([1, 4]);
  });

  it('gives nothing for a concept the range lacks', () => {
    expect(conceptPositions(terms, FROM, TO, [[9]])).toEqual([]);
  });
});

describe('minimalSpan', () => {
  it('is the smallest window holding one position of each concept that has any', () => {
    // Concept 0 at 0 and 10, concept 1 at 4 and 11, concept 2 (none), concept 3 at 12.
    expect(minimalSpan([[0, 10], [4, 11], [], [12]])).toBe(3);
  });

  it('is 1 for one concept, and Infinity for none', () => {
    expect(minimalSpan([[5, 7]])).toBe(1);
    expect(minimalSpan([[], []])).toBe(Infinity);
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
