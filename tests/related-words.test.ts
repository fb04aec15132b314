import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { article } from './helpers.ts';
import { relatedPairs, siblingKeys, termVectors } from '../tools/related-table.ts';
import { isStopTerm, termOf } from '../src/engine/analysis.ts';
import { englishTable } from '../src/engine/english.ts';
import { SearchEngine } from '../src/engine/engine.ts';
import { formatRelatedTable, parseRelatedTable, RELATED_FLOOR, RELATED_TABLE_FILE, relatedTermsOf } from '../src/engine/related-words.ts';

/** How alike the bundled table says two words are (0: not listed). */
const alike = (a: string, b: string) => relatedTermsOf(termOf(a), RELATED_FLOOR).find((r) => r.term === termOf(b))?.similarity ?? 0;

describe('related words table', () => {
  it('reads back what it writes: each pair under both terms, most alike first', () => {
    const text = formatRelatedTable([{ a: 'troop', b: 'soldier', similarity: 0.8271 }, { a: 'troop', b: 'armi', similarity: 0.848 }], 'test');
    expect(text.split('\n').slice(1)).toEqual(['armi\ttroop:848', 'soldier\ttroop:827', 'troop\tarmi:848,soldier:827', '']);
    // Entries are read on a term's first lookup (relatedTermsOf, below, on the bundled table).
    expect(parseRelatedTable(text).get('troop')).toBe('armi:848,soldier:827');
  });

  it('holds only terms the current analysis makes of an English word, none of them a stop term (else: npm run related-table)', () => {
    const made = new Set([...englishTable().counts.keys()].map(termOf));
    const stale = [...parseRelatedTable(readFileSync(RELATED_TABLE_FILE, 'utf8'))].flatMap(([term, entries]) =>
      [term, ...(typeof entries === 'string' ? entries.split(',').map((e) => e.slice(0, e.indexOf(':'))) : entries.map((e) => e.term))])
      .filter((term) => !made.has(term) || isStopTerm(term));
    expect([...new Set(stale)]).toEqual([]);
  });

  it('refuses a line that is not the table\'s, saying which', () => {
    expect(() => parseRelatedTable('# head\ntroop\tarmi:848\ntroop armi\n')).toThrow(/line 3/);
    expect(() => parseRelatedTable('troop\tarmi\n')).toThrow(/line 1/);
  });

  it('is made from the package vectors: one vector per index term, the commoner word leading, plain English words only', () => {
    const embeddings = {
      dimensions: 2,
      words: ['visit', 'U.S.', 'visits', 'qqzx', 'trip', 'the', 'visited'],
      vectors: { visit: [3, 0, 3, 0], 'U.S.': [0, 1, 1, 1], visits: [0, 2, 2, 2], qqzx: [1, 0, 1, 3], trip: [1, 0.1, 1, 4], the: [1, 0, 1, 5], visited: [0, 1, 1, 6] },
    };
    // "U.S." is not a plain word, "qqzx" not an English one, "the" a stop word; four words are taken: visit, visits, trip, the.
    const { terms, wordsOfTerm, vectors } = termVectors(embeddings, 4);
    expect(terms).toEqual(['visit', 'trip']);
    expect(wordsOfTerm).toEqual([['visit', 'visits'], ['trip']]);
    // visit: (1, 0) at rank 1 plus (0, 1) / √3 at rank 3, made a unit vector.
    expect(vectors[0]! / vectors[1]!).toBeCloseTo(Math.sqrt(3), 10);
    expect(Math.hypot(vectors[0]!, vectors[1]!)).toBeCloseTo(1, 12);
    expect(relatedPairs(embeddings, 4).map((p) => [p.a, p.b])).toEqual([['visit', 'trip']]);
  });

  it('leaves out siblings, as WordNet tells them, unless they share a sense', () => {
    const synset = (words: string[], hypernyms: string[]) => ({ words, derived: [], hypernyms });
    const wordnet = {
      version: 'test',
      synsets: new Map([
        ['n1', synset(['monday'], ['n0'])], ['n2', synset(['tuesday'], ['n0'])], ['n3', synset(['pact', 'treaty'], ['n9'])],
        ['n4', synset(['treaty'], ['n9'])],
      ]),
      senses: new Map([['monday', [['n1']]], ['tuesday', [['n2']]], ['pact', [['n3']]], ['treaty', [['n3', 'n4']]]]),
    };
    expect([...siblingKeys([['monday'], ['tuesday'], ['pact'], ['treaty']], wordnet)]).toEqual([0 * 4 + 1]);
    const embeddings = {
      dimensions: 2,
      words: ['monday', 'tuesday', 'pact', 'treaty'],
      vectors: { monday: [1, 0.1], tuesday: [1, 0.12], pact: [0.1, 1], treaty: [0.12, 1] },
    };
    expect(relatedPairs(embeddings, 4).map((p) => [p.a, p.b])).toEqual([['mondai', 'tuesdai'], ['pact', 'treati']]);
    expect(relatedPairs(embeddings, 4, wordnet).map((p) => [p.a, p.b])).toEqual([['pact', 'treati']]);
  });

  it('the bundled table knows words news writers use in each other\'s place, and leaves out siblings and stop words', () => {
    expect(readFileSync(RELATED_TABLE_FILE, 'utf8').length).toBeLessThan(500 * 1024);
    expect(alike('soldiers', 'troops')).toBeGreaterThan(0.78);
    expect(alike('army', 'military')).toBeGreaterThan(0.78);
    expect(alike('pact', 'treaty')).toBeGreaterThan(0.78);
    expect(alike('troops', 'soldiers')).toBe(alike('soldiers', 'troops'));
    expect(alike('Monday', 'Tuesday')).toBe(0);
    expect(alike('north', 'south')).toBe(0);
    expect(relatedTermsOf(termOf('help'), RELATED_FLOOR).map((r) => r.term)).not.toContain('to');
    expect(relatedTermsOf('qqqzzz', RELATED_FLOOR)).toEqual([]);
    // Only as alike as asked.
    expect(relatedTermsOf(termOf('troops'), 0.84).every((r) => r.similarity >= 0.84)).toBe(true);
  });
});


describe('related words in answers', () => {
  const corpus = { aliases: [], articles: [
    article('river', 'The troops set up camp beside the old mill on the river.\n\nTourists camp here.\n\nThe mill was built in 1850 by a farmer.'),
    article('signing', 'Crowds filled the square at noon. The troops signed the pact in the town hall.\n\nThe weather was cold.'),
  ] };
  const related = new SearchEngine(corpus);
  const literal = new SearchEngine(corpus, { tuning: { relatedSimilarity: 2 } });

  it('rank a passage that says the question word in other words above one that only shares the rest', () => {
    // Without related words "soldiers" is in no passage, and "camp" alone covers about a quarter of the question: so that
    // the refusal (26%) does not decide it, this one never refuses.
    const literalRanking = new SearchEngine(corpus, { tuning: { relatedSimilarity: 2, minCoverage: 0 } });
    expect(literal.answer('Where did the soldiers camp?').coverage).toBeLessThan(0.3);
    expect(literalRanking.answer('Where did the soldiers camp?').results[0]!.passageId).toBe('river#2');
    expect(related.answer('Where did the soldiers camp?').results[0]!.passageId).toBe('river#1');
  });

  it('count towards answering, and lead the highlight to the sentence that holds them', () => {
    expect(literal.answer('Which soldiers signed the treaty?')).toMatchObject({ answered: false, refusal: 'too-little-covered' });
    const a = related.answer('Which soldiers signed the treaty?');
    expect(a.answered).toBe(true);
    const r = a.results[0]!;
    expect(r.passageId).toBe('signing#1');
    expect(r.text.slice(r.highlight!.start, r.highlight!.end)).toBe('The troops signed the pact in the town hall.');
    // Marked: the question's own words and WordNet's synonyms of them ("treaty" → "pact"); related words ("troops") only rank.
    expect(r.matches.map((m) => r.text.slice(m.start, m.end))).toEqual(['signed', 'pact']);
  });

  it('leave a word no article holds missing, and let no off-topic question through', () => {
    expect(related.answer('Which soldiers signed the treaty?').missingTerms).toEqual(['soldiers', 'treaty']);
    expect(related.answer('How do I bake chocolate cookies?')).toMatchObject({ answered: false, results: [] });
  });

  it('never stand in for a name', () => {
    // "kremlin" is listed beside "moscow", but a question about a place asks for that place.
    expect(alike('moscow', 'kremlin')).toBeGreaterThan(0.75);
    const places = { aliases: [], articles: [article('news', 'The Kremlin announced new taxes on Monday.\n\nMoscow hosted farmers.')] };
    const q = 'What did Moscow announce?';
    expect(new SearchEngine(places, { tuning: { relatedSimilarity: 0.75 } }).answer(q)).toEqual(new SearchEngine(places, { tuning: { relatedSimilarity: 2 } }).answer(q));
  });
});
