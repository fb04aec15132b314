/**
 * Suggestions while typing and finding a named article (src/engine/suggest.ts),
 * on the small fixture corpus: what is tested is the mechanics, so editing a
 * bundled article does not move these passages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpusStrict } from '../src/engine/corpus.ts';
import { SearchEngine } from '../src/engine/engine.ts';
import { parseSuggestionKey, suggestionKey, type Suggestion } from '../src/engine/suggest.ts';
import { MINI_CORPUS } from './helpers.ts';

let engine: SearchEngine;
beforeAll(async () => {
  engine = new SearchEngine(await loadCorpusStrict(MINI_CORPUS));
});

const passages = (s: Suggestion[]) => s.flatMap((x) => (x.kind === 'passage' ? [x] : []));
const articles = (s: Suggestion[]) => s.flatMap((x) => (x.kind === 'article' ? [x.article.id] : []));
const BARRIERS = 'storm-warning-coast#2';

describe('suggest', () => {
  it('completes the word being typed: "flood barr" offers the flood-barriers passage first, its sentence first', () => {
    const found = passages(engine.suggest('flood barr', { limit: 24 }));
    expect(found[0]?.passageId).toBe(BARRIERS);
    expect(found[0]?.sentence).toMatch(/^Workers raised the flood barriers/);
  });

  it('"ferry bri" offers passages about the ferry and the bridge, where the typed words alone are refused', () => {
    expect(engine.answer('ferry bri').answered).toBe(false);
    const found = passages(engine.suggest('ferry bri', { limit: 24 }));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.sentence).toMatch(/ferry/);
    expect(found.some((s) => /bridge/.test(s.sentence))).toBe(true);
  });

  it('a word followed by punctuation is finished and not completed: "bar?" asks "bar", which no article has', () => {
    expect(passages(engine.suggest('bar?', { limit: 24 }))).toEqual([]);
    expect(passages(engine.suggest('bar', { limit: 24 })).map((s) => s.passageId)).toContain(BARRIERS);
  });

  it('a word followed by a space is finished too: "bar " asks "bar"', () => {
    expect(passages(engine.suggest('bar ', { limit: 24 }))).toEqual([]);
  });

  it('offers an article whose title holds every typed word, after the passages', () => {
    const s = engine.suggest('harbour bridge opens', { limit: 24 });
    expect(articles(s)).toEqual(['harbour-bridge-opens']);
    expect(s.at(-1)!.kind).toBe('article');
    expect(articles(engine.suggest('When did the bridge open?', { limit: 24 }))).toEqual([]);
  });

  it('nothing typed: the articles; at most `limit`, each passage once', () => {
    expect(engine.suggest('', { limit: 24 }).map((s) => s.kind)).toEqual(['article', 'article', 'article', 'article']);
    expect(engine.suggest('', { limit: 2 })).toHaveLength(2);
    const many = engine.suggest('bridge', { limit: 7 });
    expect(many).toHaveLength(7);
    const ids = passages(many).map((s) => s.passageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('articles only, for an option that names an article', () => {
    expect(articles(engine.suggest('herald', { limit: 25, only: 'articles' }))).toEqual(['harbour-bridge-opens']);
    expect(articles(engine.suggest('weather', { limit: 25, only: 'articles' }))).toEqual(['storm-warning-coast']);
    expect(engine.suggest('', { limit: 25, only: 'articles' })).toHaveLength(4);
    expect(engine.suggest('.*', { limit: 25, only: 'articles' })).toEqual([]);
    expect(engine.suggest('no such thing', { limit: 25, only: 'articles' })).toEqual([]);
  });

  it('odd input never throws and gives at most `limit`', () => {
    for (const typed of ['x', 'th', '🚀', '@everyone', 'a'.repeat(300), 'what is the', "'''", '...', 'ferry b']) {
      expect(engine.suggest(typed, { limit: 24 }).length).toBeLessThanOrEqual(24);
    }
  });
});

describe('suggestion keys', () => {
  it('round-trip and stay under 100 characters for the longest ids', () => {
    const id = `${'a'.repeat(64)}#999999`;
    expect(parseSuggestionKey(suggestionKey.passage(id, 12))).toEqual({ kind: 'passage', passageId: id, offset: 12 });
    expect(suggestionKey.passage(id, 999_999).length).toBeLessThanOrEqual(100);
    expect(parseSuggestionKey(suggestionKey.article('ferry-service-ends'))).toEqual({ kind: 'article', articleId: 'ferry-service-ends' });
  });

  it('anything else is typed text', () => {
    for (const text of ['p:', 'a: what about x', 'p:../etc#1:0', 'road bridge', 'a:UPPER', 'p:x#1', 'p:x#1:0 and more']) expect(parseSuggestionKey(text)).toBeNull();
  });

  it('a picked passage answers with that passage first, then its sentence\'s answer, paged without repeats', () => {
    const key = passages(engine.suggest('flood barr', { limit: 24 })).find((s) => s.passageId === BARRIERS)!.key;
    const first = engine.answerPicked(key, { k: 2 })!;
    expect(first.question).toMatch(/^Workers raised the flood barriers on the quay at Lindhaven/);
    expect(first.results[0]!.passageId).toBe(BARRIERS);
    expect(first.hasMore).toBe(true);
    const second = engine.answerPicked(key, { k: 2, offset: 2 })!;
    expect(second.results.length).toBeGreaterThan(0);
    const seen = [...first.results, ...second.results].map((r) => r.passageId);
    expect(new Set(seen).size).toBe(seen.length);
    expect(engine.answerPicked('p:no-such-article#1:0', { k: 3 })).toBeNull();
    expect(engine.answerPicked(suggestionKey.passage(BARRIERS, 99_999), { k: 3 })).toBeNull();
    expect(engine.answerPicked('road bridge', { k: 3 })).toBeNull();
  });
});

describe('findArticle', () => {
  it('by key, id, title, label or a part only one article has', () => {
    expect(engine.findArticle('a:ferry-service-ends')?.id).toBe('ferry-service-ends');
    expect(engine.findArticle('ferry-service-ends')?.id).toBe('ferry-service-ends');
    expect(engine.findArticle('HARBOUR BRIDGE OPENS TO TRAFFIC AFTER SIX YEARS OF BUILDING')?.id).toBe('harbour-bridge-opens');
    expect(engine.findArticle('📰 Ferry service ends as the bridge takes its passengers (River Times)')?.id).toBe('ferry-service-ends');
    expect(engine.findArticle('River Times')?.id).toBe('ferry-service-ends');
    expect(engine.findArticle('okafor')?.id).toBe('harbour-bridge-opens');
    expect(engine.findArticle('approves a budg')?.id).toBe('council-budget-vote');
  });

  it('null when none or several match', () => {
    expect(engine.findArticle('harbour')).toBeNull();
    expect(engine.findArticle('no such article')).toBeNull();
    expect(engine.findArticle('   ')).toBeNull();
    expect(engine.findArticle('a:gone')).toBeNull();
  });
});
