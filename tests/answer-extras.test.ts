/** hasMore and nearest passages (the engine's answer) and /compare's per-article answers (src/engine/answer-extras.ts), on the bundled corpus. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpusStrict } from '../src/engine/corpus.ts';
import { SearchEngine } from '../src/engine/engine.ts';
import { CORPUS } from './helpers.ts';

let engine: SearchEngine;
beforeAll(async () => {
  engine = new SearchEngine(await loadCorpusStrict(CORPUS));
});

const Q = 'What does the pact say about military aggression?';

describe('hasMore', () => {
  it('says whether the next page has passages, at every k up to 10, without changing the page', () => {
    const all = engine.answer(Q, { k: 10 });
    for (const k of [1, 3, 5, 9, 10]) {
      const page = engine.answer(Q, { k });
      expect(page.results.map((r) => r.passageId)).toEqual(all.results.slice(0, k).map((r) => r.passageId));
      expect(page.hasMore, `k=${k}`).toBe(engine.answer(Q, { k: 1, offset: k }).results.length > 0);
    }
    const last = engine.answer('road bridge', { k: 5 });
    expect(last.hasMore).toBe(engine.answer('road bridge', { k: 1, offset: last.results.length }).results.length > 0);
  });
});

describe('nearest', () => {
  it('a refusal that names something no article has offers the passages that came closest, each holding a word of the question', () => {
    const refused = engine.answer('What did China say about the pact?');
    expect(refused).toMatchObject({ answered: false, refusal: 'names-not-in-articles', missingTerms: ['china'], hasMore: false, results: [] });
    expect(refused.nearest.length).toBeGreaterThan(0);
    for (const r of refused.nearest) expect(r.matches.map((m) => r.text.slice(m.start, m.end).toLowerCase()).join(' ')).toMatch(/pact|said|say/);
    // The refused question's own ranking, best first: a fourth asked for is a fourth more, after the same three.
    expect(engine.answer('What did China say about the pact?', { k: 4 }).nearest.slice(0, 3)).toEqual(refused.nearest);
  });

  it('none when nothing matched, when there is nothing to look up, or when the question is answered', () => {
    expect(engine.answer('bananas in Peru').nearest).toEqual([]);
    expect(engine.answer('what is the').nearest).toEqual([]);
    expect(engine.answer(Q).nearest).toEqual([]);
  });
});

describe('compare', () => {
  it('the best passage of each article that answers, most relevant first, the others named as not covering it', () => {
    const c = engine.compare('mutual defense pact', { limit: 8 });
    expect(c.rows.map((r) => r.articleId).sort()).toEqual(engine.articles().map((a) => a.id).sort());
    for (const r of c.rows) expect(r.passageId).toBe(engine.answer('mutual defense pact', { article: r.articleId, k: 1 }).results[0]!.passageId);
    const narrow = engine.compare('road bridge', { limit: 8 });
    expect(narrow.rows.map((r) => r.passageId)).toEqual(['putin-kim-comprehensive-partnership#7']);
    expect(narrow.uncovered.map((a) => a.id).sort()).toEqual(engine.articles().map((a) => a.id).filter((id) => id !== 'putin-kim-comprehensive-partnership').sort());
  });

  it('at most `limit` articles, the rest counted; a refused question compares nothing', () => {
    const c = engine.compare('mutual defense pact', { limit: 2 });
    expect(c.rows.length).toBeLessThanOrEqual(2);
    expect(c.rows.length + c.uncovered.length + c.notCompared).toBeGreaterThanOrEqual(5);
    const refused = engine.compare('bananas in Peru', { limit: 8 });
    expect(refused).toMatchObject({ rows: [], uncovered: [], notCompared: 0 });
    expect(refused.answer.answered).toBe(false);
  });
});
