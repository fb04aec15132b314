/**
 * The retrieval and decision stages on their own, with plain values in and
 * out (the engine's tests hold them together on the bundled corpus).
 */
import { describe, expect, it } from 'vitest';
import { termsOf } from '../src/engine/analysis.ts';
import { decide } from '../src/engine/decide.ts';
import { engineOptions } from '../src/engine/engine.ts';
import { buildPassageTable } from '../src/engine/passage-table.ts';
import type { Query } from '../src/engine/query.ts';
import type { Concept } from '../src/engine/question.ts';
import { buildPassageSearch, retrieve } from '../src/engine/retrieve.ts';

describe('retrieve', () => {
  const table = buildPassageTable([
    { article: 0, text: 'The treaty pledges mutual aid.' },
    { article: 0, text: 'Crowds cheered the motorcade.' },
    { article: 1, text: 'The treaty was signed in Pyongyang, a treaty of mutual defense.' },
    { article: 1, text: 'Soldiers crossed the border.' },
  ], ['Summit in Pyongyang', 'The border']);
  const search = buildPassageSearch(table);
  const ask = (words: string, opts: { limit?: number; article?: (a: number) => boolean; boost?: Record<string, number> } = {}) => retrieve(search, table, {
    terms: termsOf(words).map((term) => ({ term, boost: opts.boost?.[term] ?? 1 })),
    titleBoost: 0.5, bm25: { k: 1.2, b: 0.7, d: 0.5 }, limit: opts.limit ?? 10, article: opts.article,
  });

  it('returns the passages holding any term, best first (BM25: the short one holding both), and how many matched', () => {
    const { hits, matched } = ask('treaty mutual');
    expect(hits.map((h) => h.passage)).toEqual([0, 2]);
    expect(matched).toBe(2);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[0]!.terms.sort()).toEqual(termsOf('treaty mutual').sort());
  });

  it('keeps at most `limit` hits but counts every match (the title "The border" matches article 1\'s passages)', () => {
    const { hits, matched } = ask('treaty border', { limit: 1 });
    expect(hits).toHaveLength(1);
    expect(matched).toBe(3);
  });

  it('searches the article title too, at its boost', () => {
    expect(ask('pyongyang').hits.map((h) => h.passage)).toEqual([2, 0, 1]);
  });

  it('keeps only the articles the filter accepts', () => {
    expect(ask('treaty', { article: (a) => a === 0 }).hits.map((h) => h.passage)).toEqual([0]);
  });

  it('weighs a term by its boost', () => {
    const [aid] = termsOf('aid'), [defense] = termsOf('defense');
    expect(ask('aid defense', { boost: { [aid!]: 1, [defense!]: 0.1 } }).hits[0]!.passage).toBe(0);
    expect(ask('aid defense', { boost: { [aid!]: 0.1, [defense!]: 1 } }).hits[0]!.passage).toBe(2);
  });

  it('finds nothing for no terms or unknown ones', () => {
    expect(ask('')).toEqual({ hits: [], matched: 0 });
    expect(ask('zeppelin').matched).toBe(0);
  });
});

describe('decide', () => {
  const options = engineOptions();
  const concept = (word: string, extra: Partial<Concept> = {}): Concept => ({ words: [word], alternatives: [[word.toLowerCase()]], isName: false, isSubject: false, ...extra });
  const query = (concepts: Concept[], conceptDf: number[]) => ({ concepts, conceptDf }) as unknown as Query;
  const covered = { coverage: 0.8, wordsTogether: 2 };

  it('refuses a question with no content words, or none a passage holds', () => {
    expect(decide(query([], []), 0, covered, options)).toBe('no-content-words');
    expect(decide(query([concept('zeppelin')], [0]), 0, { coverage: 0, wordsTogether: 0 }, options)).toBe('not-in-articles');
  });

  it('refuses a question whose subject is a name no article holds, however well the rest is covered', () => {
    const q = query([concept('China', { isName: true, isSubject: true }), concept('pact')], [0, 9]);
    expect(decide(q, 12, { coverage: 0.9, wordsTogether: 5 }, options)).toBe('names-not-in-articles');
    expect(decide(q, 12, { coverage: 0.9, wordsTogether: 5 }, { ...options, refuseMissingNames: false })).toBeNull();
  });

  it('answers a question that only mentions such a name when a passage holds three of its other words, and refuses it otherwise', () => {
    const q = query([concept('kim'), concept('putin'), concept('treaty'), concept('NATO', { isName: true })], [14, 18, 6, 0]);
    expect(decide(q, 30, { coverage: 0.6, wordsTogether: 3 }, options)).toBeNull();
    expect(decide(q, 30, { coverage: 0.6, wordsTogether: 2 }, options)).toBe('names-not-in-articles');
  });

  it('refuses when no passage covers enough of the question and none holds enough of its words together', () => {
    const q = query([concept('meaning'), concept('life')], [2, 1]);
    expect(decide(q, 3, { coverage: options.tuning.minCoverage - 0.01, wordsTogether: 1 }, options)).toBe('too-little-covered');
    expect(decide(q, 3, { coverage: options.tuning.minCoverage, wordsTogether: 1 }, options)).toBeNull();
    expect(decide(q, 3, { coverage: 0.1, wordsTogether: options.tuning.minWordsTogether }, options)).toBeNull();
  });
});
