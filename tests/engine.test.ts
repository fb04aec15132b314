import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readQuestions } from '../src/cli/eval.ts';
import { toJsonAnswer } from '../src/engine/contract.ts';
import { loadCorpusStrict, type LoadedCorpus } from '../src/engine/corpus.ts';
import { SearchEngine } from '../src/engine/engine.ts';
import { article, CORPUS, ROOT } from './helpers.ts';

let engine: SearchEngine;
let corpus: LoadedCorpus;
beforeAll(async () => {
  corpus = await loadCorpusStrict(CORPUS);
  engine = new SearchEngine(corpus);
});


const Q = 'What did Russia and North Korea agree to?';

describe('paging', () => {
  it('says whether more results follow, and each page is the next part of one ranking', () => {
    const all = engine.answer(Q, { k: 10 });
    expect(all.results.length).toBeGreaterThan(4);
    const first = engine.answer(Q, { k: 2 }), second = engine.answer(Q, { k: 2, offset: 2 });
    expect([...first.results, ...second.results].map((r) => r.passageId)).toEqual(all.results.slice(0, 4).map((r) => r.passageId));
    expect(first.hasMore).toBe(true);
    let offset = 0;
    for (let page = engine.answer(Q, { k: 10 }); page.hasMore; page = engine.answer(Q, { k: 10, offset })) offset += 10;
    const last = engine.answer(Q, { k: 10, offset });
    expect(last.results.length).toBeGreaterThan(0);
    expect(engine.answer(Q, { k: 10, offset: offset + last.results.length })).toMatchObject({ answered: true, results: [], hasMore: false });
  });

  it('gives the same answer whatever was asked before (answer keeps nothing between calls)', () => {
    const fresh = new SearchEngine(corpus).answer(Q, { k: 5 });
    engine.answer('pyongyang summitt putin');
    engine.answer('What time is it in New York?', { k: 10 });
    expect(engine.answer(Q, { k: 5 })).toEqual(fresh);
  });
});

describe('refusals', () => {
  it('read a name typed in lower case as a name no article mentions, and say so', () => {
    const a = engine.answer('did china say anything about the putin kim deal');
    expect(a).toMatchObject({ answered: false, refusal: 'names-not-in-articles' });
    expect(a.missingTerms).toContain('china');
    expect(engine.answer('how long is the flight from moscow to bangkok')).toMatchObject({ answered: false, refusal: 'names-not-in-articles' });
  });

  it('answer a question that only mentions a name no article has, when they hold the rest of it together, and name it missing', () => {
    const a = engine.answer('kim putin treaty NATO');
    expect(a).toMatchObject({ answered: true, missingTerms: ['nato'] });
    expect(a.results[0]!.text).toMatch(/treaty/i);
    // Asked about, it refuses: the treaty passages do not say what NATO said.
    expect(engine.answer('What did NATO say about the treaty?')).toMatchObject({ answered: false, refusal: 'names-not-in-articles', missingTerms: ['nato'] });
    // A possessive is reported as the name it is on.
    expect(engine.answer("What was Biden's response to the summit?").missingTerms).toContain('biden');
    // Mentioned beside one everyday word, it still refuses: the articles hold nothing of the rest.
    expect(engine.answer('What time is it in New York?')).toMatchObject({ answered: false, refusal: 'names-not-in-articles' });
  });

  it('name the closest passages when some word matched, and none when nothing did', () => {
    const near = engine.answer('What is the weather in Pyongyang tomorrow?');
    expect(near.answered).toBe(false);
    expect(near.refusal).toBe('too-little-covered');
    expect(near.nearest.length).toBeGreaterThan(0);
    expect(near.nearest[0]!.matches.length).toBeGreaterThan(0);
    const none = engine.answer('zxqv wombat');
    expect(none).toMatchObject({ answered: false, refusal: 'not-in-articles', nearest: [], results: [] });
  });
});

describe('answer', () => {
  it('answers with passages of the articles, their metadata and marked spans', () => {
    const a = engine.answer(Q);
    expect(a).toMatchObject({ question: Q, answered: true, refusal: null, missingTerms: [], nearest: [] });
    expect(a.results).toHaveLength(3);
    for (const r of a.results) {
      expect(r.passageId).toMatch(new RegExp(`^${r.articleId}#\\d+$`));
      expect(engine.passagesOf(r.articleId).find((p) => p.id === r.passageId)?.text).toBe(r.text);
      expect(engine.article(r.articleId)?.title).toBe(r.title);
      expect(typeof r.score).toBe('number');
      if (r.highlight) {
        expect(r.highlight.start).toBeGreaterThanOrEqual(0);
        expect(r.highlight.end).toBeLessThanOrEqual(r.text.length);
        expect(r.highlight.start).toBeLessThan(r.highlight.end);
      }
      for (const m of r.matches) expect(r.text.slice(m.start, m.end).length).toBe(m.end - m.start);
    }
  });

  it('highlights the sentence holding most of the question in its own words, not the one with most alias hits', () => {
    // The passage's second sentence has more matched words ("Putin's", "North Korea" for Pyongyang, "Pyongyang"); the first has "welcome".
    const r = engine.answer('How was Putin welcomed in Pyongyang?').results[0]!;
    expect(r.text.slice(r.highlight!.start, r.highlight!.end)).toMatch(/^During his visit, Putin was greeted with an elaborate welcome.*portraits\.$/);
  });

  it('ranks results by score, best first, each passage once', () => {
    const results = engine.answer(Q, { k: 10 }).results;
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(results.map((r) => r.passageId)).size).toBe(results.length);
  });

  it('is deterministic', () => {
    expect(engine.answer(Q, { k: 10 })).toEqual(engine.answer(Q, { k: 10 }));
  });

  it('finds the passage that answers a plain fact question first', () => {
    expect(engine.answer('What did Kim say about the treaty?').results[0]!.text).toMatch(/Kim .*treaty as the strongest/);
    expect(engine.answer('When did the Soviet Union collapse?').results[0]!.text).toMatch(/collapse of the Soviet Union in 1991/);
  });

  it('fills unknown metadata with null in the JSON contract', () => {
    const r = toJsonAnswer(engine.answer(Q, { k: 10, article: 'putin-first-visit-in-24-years' })).results[0]!;
    expect(r).toMatchObject({ publisher: null, published: null, url: null });
  });
});

describe('same fact in several articles', () => {
  /** The id of the bundled passage that says `text`: found, not written down, so renumbering an article breaks nothing. */
  const passageWith = (text: string) => {
    const found = engine.articles().flatMap((a) => engine.passagesOf(a.id)).filter((p) => p.text.includes(text));
    if (found.length !== 1) throw new Error(`${found.length} passages say "${text}"`);
    return found[0]!.id;
  };
  const shownOnce = (e: SearchEngine, q: string) => e.answer(q, { k: 5 }).results.map((r) => [r.passageId, ...(r.alsoIn ?? []).map((c) => c.passageId)]);

  it('folds a passage that repeats most of a higher one\'s words, rarity-weighted, into it (the invasion clause, in two articles)', () => {
    const results = shownOnce(engine, 'What must each country do if the other is invaded?');
    const lead = passageWith('gets invaded and is thrust into war');
    const repeat = passageWith('invaded or otherwise pushed into war');
    expect(results.find((ids) => ids[0] === lead)).toEqual([lead, repeat]);
    const apart = shownOnce(new SearchEngine(corpus, { tuning: { sameFactOverlap: 2 } }), 'What must each country do if the other is invaded?');
    expect(apart.filter((ids) => ids.includes(repeat))).toEqual([[repeat]]);
  });

  it('keeps two facts apart when a short sentence shares a few words with a longer one (Pyongyang, then Vietnam)', () => {
    const results = shownOnce(engine, 'Where did Putin travel?');
    const pyongyang = results.findIndex((ids) => ids.includes(passageWith('vowed in the deal, revealed Wed')));
    const vietnam = results.findIndex((ids) => ids.includes(passageWith('traveled to Vietnam where he met')));
    expect(pyongyang).toBeGreaterThanOrEqual(0);
    expect(vietnam).toBeGreaterThanOrEqual(0);
    expect(pyongyang).not.toBe(vietnam);
  });
});

describe('k and offset', () => {
  it('returns 3 passages by default and k when asked', () => {
    expect(engine.answer(Q).results).toHaveLength(3);
    for (const k of [1, 2, 5, 10]) expect(engine.answer(Q, { k }).results).toHaveLength(k);
  });

  it('keeps k within 1-10', () => {
    expect(engine.answer(Q, { k: 0 }).results).toHaveLength(1);
    expect(engine.answer(Q, { k: -4 }).results).toHaveLength(1);
    expect(engine.answer(Q, { k: 11 }).results).toHaveLength(10);
    expect(engine.answer(Q, { k: 1000 }).results).toHaveLength(10);
    expect(engine.answer(Q, { k: 2.9 }).results).toHaveLength(2);
  });

  it('offset skips ranked passages: page 2 continues page 1', () => {
    const all = engine.answer(Q, { k: 9 }).results.map((r) => r.passageId);
    expect(engine.answer(Q, { k: 3, offset: 3 }).results.map((r) => r.passageId)).toEqual(all.slice(3, 6));
    expect(engine.answer(Q, { k: 3, offset: 6 }).results.map((r) => r.passageId)).toEqual(all.slice(6, 9));
  });

  it('an offset past the matches gives no results but keeps the answer', () => {
    const a = engine.answer(Q, { k: 3, offset: 10_000 });
    expect(a.answered).toBe(true);
    expect(a.results).toEqual([]);
  });

  it('a negative offset counts as 0', () => {
    expect(engine.answer(Q, { offset: -5 }).results).toEqual(engine.answer(Q).results);
  });
});

describe('articleId filter', () => {
  it('returns passages of that article only', () => {
    for (const { id } of engine.articles()) {
      const a = engine.answer('Putin Kim agreement', { k: 10, article: id });
      expect(a.results.length, id).toBeGreaterThan(0);
      expect(new Set(a.results.map((r) => r.articleId))).toEqual(new Set([id]));
    }
  });

  it('an unknown article id gives no results', () => {
    const a = engine.answer(Q, { article: 'no-such-article' });
    expect(a.answered).toBe(false);
    expect(a.results).toEqual([]);
  });
});

describe('refusal', () => {
  it.each([
    'Who painted the Mona Lisa?',
    'How do I install Python on Windows?',
    'What is the capital of France?',
    'Who won the World Cup?',
  ])('refuses an off-topic question: %s', (q) => {
    const a = engine.answer(q);
    expect(a.answered).toBe(false);
    expect(a.results).toEqual([]);
    expect(a.refusal).not.toBeNull();
  });

  it('refuses a question with no content words, naming nothing missing', () => {
    expect(engine.answer('What is it?')).toMatchObject({ answered: false, results: [], missingTerms: [], refusal: 'no-content-words' });
  });

  it('flags the missing words of a near-topic question', () => {
    for (const [q, word] of [["How did India react to Putin's trip?", 'india'], ['What did Xi Jinping think of the summit?', 'jinping']] as const) {
      const a = engine.answer(q);
      expect(a.missingTerms, q).toContain(word);
      if (!a.answered) expect(a.results).toEqual([]);
    }
  });

  it('answers an on-topic question with nothing missing', () => {
    expect(engine.answer('Where did Putin travel after the summit?')).toMatchObject({ answered: true, missingTerms: [] });
  });

  it('refuses at least 95% of the 40 off-topic calibration questions (tests/fixtures)', async () => {
    const questions = await readQuestions(path.join(ROOT, 'tests', 'fixtures', 'offtopic-calibration.jsonl'));
    expect(questions).toHaveLength(40);
    const refused = questions.filter((q) => !engine.answer(q.q).answered);
    expect(refused.length / questions.length).toBeGreaterThanOrEqual(0.95);
  });

  it('reads a word with a capital inside ("iPhone") as a name, and refuses when no article names it', () => {
    expect(engine.answer('When does the next iPhone come out?')).toMatchObject({ answered: false, refusal: 'names-not-in-articles', missingTerms: expect.arrayContaining(['iphone']) });
  });

  it('answers a long question that covers little of its wording when one passage holds three of its words', () => {
    const q = 'What precise wording, cited verbatim by officials, did Russia and North Korea sign about military assistance?';
    const strict = new SearchEngine(corpus, { tuning: { minWordsTogether: Infinity } }).answer(q);
    expect(strict.refusal).toBe('too-little-covered');
    expect(engine.answer(q)).toMatchObject({ answered: true, refusal: null });
  });
});

describe('names written only at the start of sentences', () => {
  it('reads a misspelt name as a name the articles write only first in a sentence ("Buddhism is …")', () => {
    const small = new SearchEngine({ aliases: [], articles: [article('faiths', 'Buddhism is the largest non-Christian religion in the state, with 168,637 members. Catholics are the largest religious group.')] });
    const a = small.answer('How many Buddhists are there?');
    expect(a).toMatchObject({ answered: true, missingTerms: [] });
    expect(a.corrections).toEqual([{ from: 'Buddhists', to: 'Buddhism' }]);
  });

  it('does not read a common word that starts a sentence as a name', () => {
    const small = new SearchEngine({ aliases: [], articles: [article('faiths', 'Members of the church met. The members voted on the budget.')] });
    expect(small.answer('What did the Memberz vote on?').corrections).toEqual([]);
  });
});

describe('questions that name a source (publisher or author)', () => {
  // Two reports of one story; the Times' says more about the cranes, so only the named source can put the Gazette's first.
  const sources = new SearchEngine({ aliases: [], articles: [
    { ...article('gazette', 'The harbour cranes stood idle on Monday while the port waited for a new contract.'), title: 'Port idle', publisher: 'The Harbour Gazette' },
    { ...article('times', 'The harbour cranes, the port\'s oldest cranes, were repaired after the cranes failed in the storm.'), title: 'Storm damage', publisher: 'Coastal Tide News', author: 'Jane Roe' },
    { ...article('notes', 'Shipping news from the port: the ferries ran late and the cranes were busy.'), title: 'Shipping', publisher: null },
  ] });
  const top = (q: string) => sources.answer(q).results[0];

  it('answers from the named source\'s passages, and does not call its name missing', () => {
    expect(top('What did the harbour cranes do?')!.articleId).toBe('times');
    const a = sources.answer('What does the Gazette say about the harbour cranes?');
    expect(a).toMatchObject({ answered: true, missingTerms: [] });
    expect(a.results.map((r) => r.articleId)).toEqual(['gazette']);
    expect(top('What does Jane Roe say about the harbour cranes?')!.articleId).toBe('times');
  });

  it('answers "who wrote…" with the articles that name their author, and shows the author', () => {
    const r = top('Who wrote about the harbour cranes?')!;
    expect(r).toMatchObject({ articleId: 'times', author: 'Jane Roe' });
    expect(toJsonAnswer(sources.answer('Who wrote about the harbour cranes?')).results[0]!.author).toBe('Jane Roe');
    // The JSON contract gives an author only when the article names one.
    expect(toJsonAnswer(sources.answer('What does the Gazette say about the harbour cranes?')).results[0]).not.toHaveProperty('author');
  });

  it('never answers on a source\'s name alone', () => {
    expect(sources.answer('Tell me about the Gazette').answered).toBe(false);
    expect(sources.answer('What does the Gazette say about football?').answered).toBe(false);
    // A metadata word is not a typo to be read as some other word either.
    expect(sources.answer('Tell me about the Gazette').corrections).toEqual([]);
  });

  it('reads a name the articles\' text uses as the text\'s, not as a source: only unused words name one', () => {
    // "Roe" is the Times' author and a name in the notes' text: the question is about the text's Roe.
    const roe = new SearchEngine({ aliases: [], articles: [
      { ...article('times', 'The harbour cranes were repaired after the storm.'), title: 'Storm damage', author: 'Jane Roe' },
      { ...article('notes', 'Shipping notes: the harbour pilot Jane Roe retired after forty years.'), title: 'Shipping' },
    ] });
    expect(roe.answer('What did Jane Roe do at the harbour?').results[0]!.articleId).toBe('notes');
    expect(sources.answer('What was the news about the ferries?').results.map((r) => r.articleId)).toContain('notes');
    // "Coastal" is in no text: the Times is named, and it says nothing of ferries.
    expect(sources.answer('What does Coastal Tide News say about the ferries?').answered).toBe(false);
  });
});

describe('articles and passages', () => {
  it('lists the five articles with passage counts that add up', () => {
    const articles = engine.articles();
    expect(articles).toHaveLength(5);
    expect(articles.reduce((n, a) => n + a.passageCount, 0)).toBe(engine.passageCount);
    for (const a of articles) expect(engine.passagesOf(a.id)).toHaveLength(a.passageCount);
  });

  it('passagesOf gives an article\'s passages in order with sequential ids', () => {
    const passages = engine.passagesOf('the-hill-deal-covers-military-assistance');
    expect(passages.map((p) => p.id)).toEqual(passages.map((_, i) => `the-hill-deal-covers-military-assistance#${i + 1}`));
    expect(engine.passagesOf('no-such-article')).toEqual([]);
  });
});

