/** hasMore and nearest passages (the engine's answer) and /compare's per-article answers (src/engine/answer-extras.ts), on the mini fixture corpus. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpusStrict } from '../src/engine/corpus.ts';
import { SearchEngine } from '../src/engine/engine.ts';
import { MINI_CORPUS } from './helpers.ts';

let engine: SearchEngine;
beforeAll(async () => {
  engine = new SearchEngine(await loadCorpusStrict(MINI_CORPUS));
});

const Q = 'When did the bridge open?';

describe('hasMore', () => {
  it('says whether the next page has passages, at every k up to 10, without changing the page', () => {
    const all = engine.answer(Q, { k: 10 });
    for (const k of [1, 3, 5, 9, 10]) {
      const page = engine.answer(Q, { k });
      expect(page.results.map((r) => r.passageId)).toEqual(all.results.slice(0, k).map((r) => r.passageId));
      expect(page.hasMore, `k=${k}`).toBe(engine.answer(Q, { k: 1, offset: k }).results.length > 0);
    }
    const last = engine.answer('flood barriers', { k: 10 });
    expect(last.results.length).toBeLessThan(10);
    expect(last.hasMore).toBe(false);
    expect(all.results).toHaveLength(10);
    expect(engine.answer(Q, { k: 9 }).hasMore).toBe(true);
  });
});

describe('nearest', () => {
  it('a refusal that names something no article has offers the passages that came closest, each holding a word of the question', () => {
    const refused = engine.answer('What did Germany say about the bridge?');
    expect(refused).toMatchObject({ answered: false, refusal: 'names-not-in-articles', missingTerms: ['germany'], hasMore: false, results: [] });
    expect(refused.nearest.length).toBeGreaterThan(0);
    for (const r of refused.nearest) expect(r.matches.map((m) => r.text.slice(m.start, m.end).toLowerCase()).join(' ')).toMatch(/bridge|said|say/);
    // The refused question's own ranking, best first: a fourth asked for is a fourth more, after the same three.
    expect(engine.answer('What did Germany say about the bridge?', { k: 4 }).nearest.slice(0, 3)).toEqual(refused.nearest);
  });

  it('none when nothing matched, when there is nothing to look up, or when the question is answered', () => {
    expect(engine.answer('bananas in Peru').nearest).toEqual([]);
    expect(engine.answer('what is the').nearest).toEqual([]);
    expect(engine.answer(Q).nearest).toEqual([]);
  });
});

describe('compare', () => {
  it('the best passage of each article that answers, most relevant first, the others named as not covering it', () => {
    const c = engine.compare('bridge', { limit: 8 });
    expect(c.rows.map((r) => r.articleId).sort()).toEqual(engine.articles().map((a) => a.id).sort());
    for (const r of c.rows) expect(r.passageId).toBe(engine.answer('bridge', { article: r.articleId, k: 1 }).results[0]!.passageId);
    const narrow = engine.compare('flood barriers', { limit: 8 });
    expect(narrow.rows.map((r) => r.passageId)).toEqual(['storm-warning-coast#2', 'council-budget-vote#2']);
    expect(narrow.uncovered.map((a) => a.id).sort()).toEqual(['ferry-service-ends', 'harbour-bridge-opens']);
  });

  it('at most `limit` articles, the rest counted; a refused question compares nothing', () => {
    const c = engine.compare('bridge', { limit: 2 });
    expect(c.rows).toHaveLength(2);
    expect(c.rows.map((r) => r.passageId)).toEqual(engine.compare('bridge', { limit: 8 }).rows.slice(0, 2).map((r) => r.passageId));
    expect(c.rows.length + c.uncovered.length + c.notCompared).toBe(4);
    const refused = engine.compare('bananas in Peru', { limit: 8 });
    expect(refused).toMatchObject({ rows: [], uncovered: [], notCompared: 0 });
    expect(refused.answer.answered).toBe(false);
  });
});
