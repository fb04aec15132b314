/** Suggestions while typing and finding a named article (src/engine/suggest.ts), on the bundled corpus. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpusStrict } from '../src/engine/corpus.ts';
import { SearchEngine } from '../src/engine/engine.ts';
import { parseSuggestionKey, suggestionKey, type Suggestion } from '../src/engine/suggest.ts';
import { CORPUS } from './helpers.ts';

let engine: SearchEngine;
beforeAll(async () => {
  engine = new SearchEngine(await loadCorpusStrict(CORPUS));
});

const passages = (s: Suggestion[]) => s.flatMap((x) => (x.kind === 'passage' ? [x] : []));
const articles = (s: Suggestion[]) => s.flatMap((x) => (x.kind === 'article' ? [x.article.id] : []));

describe('suggest', () => {
  it('completes the word being typed: "warning sho" offers the warning-shots passage, its sentence first', () => {
    const found = passages(engine.suggest('warning sho', { limit: 24 }));
    const shots = found.find((s) => s.passageId === 'world-mutual-defense-pact#3');
    expect(shots?.sentence).toMatch(/^South Korean troops on Tuesday fired warning shots/);
    // First: the typed words alone rank it third, behind passages that only say "warning".
    expect(found.indexOf(shots!)).toBe(0);
  });

  it('"kim tre" offers passages about Kim and the treaty, where the typed words alone find nothing', () => {
    expect(engine.answer('kim tre').answered).toBe(false);
    const found = passages(engine.suggest('kim tre', { limit: 24 }));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.sentence).toMatch(/Kim/);
    expect(found[0]!.sentence).toMatch(/treaty/);
  });

  it('a finished word is not completed: "road bridge " asks the words as typed', () => {
    const found = passages(engine.suggest('road bridge ', { limit: 24 }));
    expect(found[0]?.passageId).toBe('putin-kim-comprehensive-partnership#7');
  });

  it('offers an article whose title holds every typed word, after the passages', () => {
    const s = engine.suggest('putin makes first vis', { limit: 24 });
    expect(articles(s)).toEqual(['putin-first-visit-in-24-years']);
    expect(s.at(-1)!.kind).toBe('article');
    expect(articles(engine.suggest('What did Russia and North Korea agree to?', { limit: 24 }))).toEqual([]);
  });

  it('nothing typed: the articles; at most `limit`, each passage once', () => {
    expect(engine.suggest('', { limit: 24 }).map((s) => s.kind)).toEqual(['article', 'article', 'article', 'article', 'article']);
    expect(engine.suggest('', { limit: 2 })).toHaveLength(2);
    const many = engine.suggest('russia', { limit: 7 });
    expect(many.length).toBeLessThanOrEqual(7);
    const ids = passages(many).map((s) => s.passageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('articles only, for an option that names an article', () => {
    expect(articles(engine.suggest('hill', { limit: 25, only: 'articles' }))).toEqual(['the-hill-deal-covers-military-assistance']);
    expect(articles(engine.suggest('dw', { limit: 25, only: 'articles' }))).toEqual(['dw-mutual-defense-agreement']);
    expect(engine.suggest('', { limit: 25, only: 'articles' })).toHaveLength(5);
    expect(engine.suggest('.*', { limit: 25, only: 'articles' })).toEqual([]);
    expect(engine.suggest('no such thing', { limit: 25, only: 'articles' })).toEqual([]);
  });

  it('odd input never throws and gives at most `limit`', () => {
    for (const typed of ['x', 'th', '🚀', '@everyone', 'a'.repeat(300), 'what is the', "'''", '...', 'kim t']) {
      expect(engine.suggest(typed, { limit: 24 }).length).toBeLessThanOrEqual(24);
    }
  });
});

describe('suggestion keys', () => {
  it('round-trip and stay under 100 characters for the longest ids', () => {
    const id = `${'a'.repeat(64)}#999999`;
    expect(parseSuggestionKey(suggestionKey.passage(id, 12))).toEqual({ kind: 'passage', passageId: id, offset: 12 });
    expect(suggestionKey.passage(id, 999_999).length).toBeLessThanOrEqual(100);
    expect(parseSuggestionKey(suggestionKey.article('dw-mutual-defense-agreement'))).toEqual({ kind: 'article', articleId: 'dw-mutual-defense-agreement' });
  });

  it('anything else is typed text', () => {
    for (const text of ['p:', 'a: what about x', 'p:../etc#1:0', 'road bridge', 'a:UPPER', 'p:x#1', 'p:x#1:0 and more']) expect(parseSuggestionKey(text)).toBeNull();
  });

  it('a picked passage answers with that passage first, then its sentence\'s answer, paged without repeats', () => {
    const key = passages(engine.suggest('warning sho', { limit: 24 })).find((s) => s.passageId === 'world-mutual-defense-pact#3')!.key;
    const first = engine.answerPicked(key, { k: 3 })!;
    expect(first.question).toMatch(/^South Korean troops on Tuesday fired warning shots/);
    expect(first.results[0]!.passageId).toBe('world-mutual-defense-pact#3');
    expect(first.hasMore).toBe(true);
    const second = engine.answerPicked(key, { k: 3, offset: 3 })!;
    const seen = [...first.results, ...second.results].map((r) => r.passageId);
    expect(new Set(seen).size).toBe(seen.length);
    expect(engine.answerPicked('p:no-such-article#1:0', { k: 3 })).toBeNull();
    expect(engine.answerPicked(suggestionKey.passage('world-mutual-defense-pact#3', 99_999), { k: 3 })).toBeNull();
    expect(engine.answerPicked('road bridge', { k: 3 })).toBeNull();
  });
});

describe('findArticle', () => {
  it('by key, id, title, label or a part only one article has', () => {
    expect(engine.findArticle('a:world-mutual-defense-pact')?.id).toBe('world-mutual-defense-pact');
    expect(engine.findArticle('world-mutual-defense-pact')?.id).toBe('world-mutual-defense-pact');
    expect(engine.findArticle('PUTIN MAKES FIRST VISIT TO NORTH KOREA IN 24 YEARS')?.id).toBe('putin-first-visit-in-24-years');
    expect(engine.findArticle('📰 North Korea: Deal with Russia covers immediate military assistance (The Hill)')?.id).toBe('the-hill-deal-covers-military-assistance');
    expect(engine.findArticle('The Hill')?.id).toBe('the-hill-deal-covers-military-assistance');
    expect(engine.findArticle('canterberry')?.id).toBe('world-mutual-defense-pact');
    expect(engine.findArticle('comprehensive partner')?.id).toBe('putin-kim-comprehensive-partnership');
  });

  it('null when none or several match', () => {
    expect(engine.findArticle('North Korea')).toBeNull();
    expect(engine.findArticle('no such article')).toBeNull();
    expect(engine.findArticle('   ')).toBeNull();
    expect(engine.findArticle('a:gone')).toBeNull();
  });
});
