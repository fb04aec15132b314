import { describe, expect, it } from 'vitest';
import type { Concept } from '../src/engine/question.ts';
import { conceptBm25 } from '../src/engine/rerank.ts';

describe('conceptBm25', () => {
  const concepts: Concept[] = [
    { words: ['Russia'], alternatives: [['russia'], ['moscow']], isName: true, isSubject: true },
    { words: ['agree'], alternatives: [['agre'], ['agreement']], isName: false, isSubject: false },
  ];

  it('multiplies by the concepts a passage matched, not by the query terms (MiniSearch multiplied by 3 here)', () => {
    const [score] = conceptBm25([{ passage: 0, score: 9, terms: ['russia', 'moscow', 'agreement'] }], concepts);
    expect(score).toBe((9 / 3) * 2);
  });

  it('leaves a passage that matched each concept once as MiniSearch scored it', () => {
    expect(conceptBm25([{ passage: 1, score: 4, terms: ['moscow', 'agre'] }], concepts)).toEqual([4]);
  });
});
