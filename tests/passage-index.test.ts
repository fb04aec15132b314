import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../src/bench/generate.ts';
import { mulberry32 } from '../src/bench/prng.ts';
import { tokenize, wordSpans } from '../src/engine/analysis.ts';
import { loadCorpusStrict, type LoadedCorpus } from '../src/engine/corpus.ts';
import { DEFAULT_ENGINE_OPTIONS } from '../src/engine/engine.ts';
import { sentenceStartsOf, tokenKinds } from '../src/engine/token-kinds.ts';
import { PassageIndex, SearchHits, type SearchQuery } from '../src/engine/passage-index.ts';
import { splitArticle } from '../src/engine/passages.ts';
import { CORPUS } from './helpers.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'passage-index-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Fixture {
  index: PassageIndex;
  /** MiniSearch over the same terms, configured as the engine configured it before it had its own index. */
  mini: MiniSearch<{ id: number }>;
  passageArticle: number[];
  terms: string[];
}

function fixture(corpus: LoadedCorpus): Fixture {
  const passages = corpus.articles.flatMap((a, article) => splitArticle(a).map((p) => ({ ...p, article })));
  const analysed = passages.map((p) => {
    const tokens = tokenize(p.text);
    const sentenceStarts = sentenceStartsOf(p.text, tokens);
    return { article: p.article, terms: tokens.map((t) => t.term), sentenceStarts, kinds: tokenKinds(tokens, sentenceStarts) };
  });
  const titles = corpus.articles.map((a) => tokenize(a.title).map((t) => t.term));
  const index = PassageIndex.build(analysed, titles);
  const split = (s: string) => s.split(' ');
  const mini = new MiniSearch<{ id: number }>({
    fields: ['text', 'title'],
    extractField: (doc, field) => (field === 'id' ? doc.id as unknown as string : field === 'text' ? analysed[doc.id]!.terms.join(' ') : titles[analysed[doc.id]!.article]!.join(' ')),
    tokenize: split,
    processTerm: (t) => t || null,
    searchOptions: { tokenize: split, processTerm: (t) => t || null },
  });
  mini.addAll(analysed.map((_, id) => ({ id })));
  return { index, mini, passageArticle: analysed.map((p) => p.article), terms: index.arrays.vocabulary };
}

/** The index's answer to a query, as MiniSearch's is written below (a new SearchHits each time). */
function search(f: Fixture, q: SearchQuery) {
  const hits = new SearchHits();
  f.index.search(q, hits);
  return { hits: Array.from({ length: hits.count }, (_, i) => ({ passage: hits.passage[i]!, score: hits.score[i]! })), matched: hits.matched };
}

/** What MiniSearch answers to the same query: its best `limit` hits and how many matched. */
function miniSearch(f: Fixture, q: SearchQuery) {
  const boosts = new Map(q.terms.map((t) => [t.term, t.boost]));
  const hits = f.mini.search(q.terms.map((t) => t.term).join(' '), {
    boost: { text: 1, title: q.titleBoost },
    bm25: q.bm25,
    boostTerm: (term) => boosts.get(term) ?? 1,
    filter: q.article === undefined ? undefined : (r) => f.passageArticle[r.id as number] === q.article,
  });
  return { hits: hits.slice(0, q.limit).map((h) => ({ passage: h.id as number, score: h.score })), matched: hits.length };
}

/** Seeded queries of 1–6 terms: frequent and rare ones, title-only ones, unknown ones, odd boosts, some limited to one article. */
function queries(f: Fixture, count: number, seed: number): SearchQuery[] {
  const rng = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng.next() * list.length)]!;
  const titleOnly = f.terms.filter((t) => f.index.documentFrequency(t) === 0);
  const articles = Math.max(...f.passageArticle) + 1;
  return Array.from({ length: count }, (_, i) => {
    const terms = new Map<string, number>();
    const size = 1 + Math.floor(rng.next() * 6);
    for (let j = 0; j < size; j++) {
      const r = rng.next();
      const term = r < 0.1 && titleOnly.length ? pick(titleOnly) : r < 0.15 ? `unknown${j}` : pick(f.terms);
      terms.set(term, pick([1, 0.6, 0.5 + rng.next() / 2, 1 / 3, 0.2 * rng.next()]));
    }
    return {
      terms: [...terms].map(([term, boost]) => ({ term, boost })),
      titleBoost: i % 7 === 0 ? 1 : DEFAULT_ENGINE_OPTIONS.titleBoost,
      bm25: i % 5 === 0 ? { k: 1.5, b: 0.9, d: 0.25 } : DEFAULT_ENGINE_OPTIONS.bm25,
      article: i % 4 === 0 ? Math.floor(rng.next() * articles) : undefined,
      limit: pick([1, 3, 40, 100]),
    };
  });
}

describe('PassageIndex search is MiniSearch to the bit', () => {
  let seed: Fixture, generated: Fixture;
  beforeAll(async () => {
    seed = fixture(await loadCorpusStrict(CORPUS));
    const dir = path.join(tmp, 'generated');
    writeCorpus(dir, generateCorpus({ passages: 1500, questions: 10, seed: 11 }));
    generated = fixture(await loadCorpusStrict(path.join(dir, 'corpus')));
  });

  it('on the bundled corpus: the same hits, scores, tie order and match count', () => {
    for (const q of queries(seed, 400, 1)) expect(search(seed, q)).toEqual(miniSearch(seed, q));
  });

  it('on a generated corpus of 1,500 passages (many ties between passages of one article)', () => {
    const all = queries(generated, 400, 2);
    for (const q of all) expect(search(generated, q)).toEqual(miniSearch(generated, q));
    // The comparison means something only if title-only matches (equal scores) and filters came up.
    expect(all.some((q) => q.article !== undefined && search(generated, q).matched > 0)).toBe(true);
    expect(all.some((q) => { const { hits } = search(generated, q); return hits.some((h, i) => i > 0 && h.score === hits[i - 1]!.score); })).toBe(true);
  });

  it('gives the same answer when asked twice (its scratch arrays are reset between searches)', () => {
    const q = queries(generated, 1, 3)[0]!;
    const first = search(generated, q);
    search(generated, { ...q, terms: [{ term: generated.terms[0]!, boost: 1 }] });
    expect(search(generated, q)).toEqual(first);
    // One SearchHits reused, as the engine reuses it: a longer result before does not linger.
    const reused = new SearchHits();
    generated.index.search({ ...q, article: undefined, terms: [{ term: generated.terms[0]!, boost: 1 }], limit: 40 }, reused);
    const longer = reused.count;
    generated.index.search({ ...q, limit: 2 }, reused);
    expect(longer).toBeGreaterThan(2);
    expect(reused.count).toBe(Math.min(2, first.hits.length));
    expect(Array.from(reused.passage.subarray(0, reused.count))).toEqual(first.hits.slice(0, 2).map((h) => h.passage));
  });

  it('an article that is not one of the corpus: nothing matched', () => {
    const q = { terms: [{ term: 'putin', boost: 1 }], titleBoost: 0.5, bm25: DEFAULT_ENGINE_OPTIONS.bm25, limit: 40 };
    expect(search(seed, q).matched).toBeGreaterThan(0);
    for (const article of [-1, 5, 99]) expect(search(seed, { ...q, article })).toEqual({ hits: [], matched: 0 });
  });

  it('no term known: nothing matched', () => {
    expect(search(seed, { terms: [{ term: 'zzzz', boost: 1 }], titleBoost: 0.5, bm25: DEFAULT_ENGINE_OPTIONS.bm25, limit: 40 })).toEqual({ hits: [], matched: 0 });
  });
});

describe('PassageIndex arrays', () => {
  it('keep each passage\'s terms, kinds and sentence starts as analysed', async () => {
    const corpus = await loadCorpusStrict(CORPUS);
    const passages = corpus.articles.flatMap((a, article) => splitArticle(a).map((p) => ({ ...p, article })));
    const { index } = fixture(corpus);
    passages.forEach((p, i) => {
      const tokens = tokenize(p.text);
      const starts = sentenceStartsOf(p.text, tokens);
      expect(Array.from(index.termsOf(i), (id) => index.arrays.vocabulary[id])).toEqual(tokens.map((t) => t.term));
      expect(Array.from({ length: index.sentenceCountOf(i) + 1 }, (_, s) => index.sentenceBound(i, s))).toEqual([...starts, tokens.length]);
      expect(index.arrays.tokenKind.subarray(index.arrays.tokenStart[i], index.arrays.tokenStart[i + 1])).toEqual(tokenKinds(tokens, starts));
    });
    expect(index.documentFrequency('putin')).toBe(passages.filter((p) => tokenize(p.text).some((t) => t.term === 'putin')).length);
  });

  it('check() accepts them and refuses inconsistent ones', async () => {
    const { index } = fixture(await loadCorpusStrict(CORPUS));
    const a = index.arrays;
    const articles = a.titleStart.length - 1;
    expect(() => PassageIndex.check(a, articles)).not.toThrow();
    const broken = (change: Partial<typeof a>) => () => PassageIndex.check({ ...a, ...change }, articles);
    expect(broken({ titleTerm: a.titleTerm.map((t, i) => (i === 1 ? a.vocabulary.length : t)) })).toThrow(/title terms/);
    expect(broken({ tokenStart: a.tokenStart.map((t, i) => (i === 2 ? 0 : t)) })).toThrow(/token offsets/);
    expect(broken({ tokenKind: a.tokenKind.subarray(1) })).toThrow(/token kinds/);
    expect(broken({ passageArticle: a.passageArticle.map(() => articles) })).toThrow(/passage articles/);
    expect(broken({ sentenceToken: a.sentenceToken.map(() => 0) })).toThrow(/sentence starts/);
    expect(broken({ vocabulary: a.vocabulary.map(() => 'same') })).toThrow(/repeated terms/);
    expect(() => PassageIndex.check(a, articles + 1)).toThrow(/title offsets/);
    expect(broken({ postingCount: a.postingCount.subarray(1) })).toThrow(/posting counts/);
    expect(broken({ postingStart: a.postingStart.map((x, i) => (i === a.postingStart.length - 1 ? x - 1 : x)) })).toThrow(/posting offsets/);
  });
});

describe('wordSpans', () => {
  // The word pattern wordSpans scans by hand, as a regular expression: the reference.
  const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:(?:['.]|,(?=\d{3}))[\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;
  const patternSpans = (text: string) => [...text.matchAll(WORD)].flatMap((m) => [m.index, m.index + m[0].length]);
  const tokenSpans = (text: string) => tokenize(text).flatMap(({ start, end }) => [start, end]);
  const spansOf = (text: string) => {
    const spans = new Int32Array(text.length + 1);
    return Array.from(spans.subarray(0, wordSpans(text, spans)));
  };

  it('finds the words of the word pattern, at the same offsets, and so does tokenize', async () => {
    const corpus = await loadCorpusStrict(CORPUS);
    const texts = [...corpus.articles.flatMap((a) => [a.title, ...splitArticle(a).map((p) => p.text)]),
      "U.S. officials' 1,000 Kim's rock'n'roll 3.5% café Pyöngyang 1st 1,00 1,0000 a.b. 'quoted' x..y", ''];
    // All of them as one text too: longer than the buffer tokenize reuses.
    texts.push(texts.join(' '));
    expect(texts.at(-1)!.length).toBeGreaterThan(4096);
    for (const text of texts) {
      expect(spansOf(text)).toEqual(patternSpans(text));
      expect(tokenSpans(text)).toEqual(patternSpans(text));
    }
  });

  it('agrees with the word pattern on 3,000 random strings of letters, digits, joiners, accents, marks, emoji and lone surrogates', () => {
    const rng = mulberry32(5);
    const pieces = ['a', 'Z', '7', '0', "'", '.', ',', ' ', '-', 'é', 'e\u0301', '\u0301', '\u0336', 'Ж', '中', '٣', '𝐀', '😀', '\u{1F469}\u200D\u{1F680}', '\uD800', '\uDC00', '\u00AD', '_', '’'];
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(rng.next() * 25) }, () => pieces[Math.floor(rng.next() * pieces.length)]!).join('');
      expect(spansOf(text), JSON.stringify(text)).toEqual(patternSpans(text));
      expect(tokenSpans(text), JSON.stringify(text)).toEqual(patternSpans(text));
    }
  });
});
