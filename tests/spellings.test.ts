import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spellingTableFromPackage } from '../tools/spelling-table.ts';
import { stemTermOf, termOf, termsOf } from '../src/engine/analysis.ts';
import { loadCorpusStrict, type Article } from '../src/engine/corpus.ts';
import { SearchEngine } from '../src/engine/engine.ts';
import { parseSpellingTable, SPELLING_TABLE_FILE, spellingEntries } from '../src/engine/spellings.ts';
import { CORPUS } from './helpers.ts';

describe('the spelling table', () => {
  const entries = parseSpellingTable(readFileSync(SPELLING_TABLE_FILE, 'utf8'));

  it('holds the British spellings of general English, as index terms', () => {
    expect(entries.length).toBeGreaterThan(400);
    const words = new Map(entries.flatMap((e) => e.british.map((w) => [w, e] as const)));
    for (const [british, american] of [['defence', 'defense'], ['programme', 'program'], ['organisation', 'organization'], ['recognise', 'recognize'],
      ['centre', 'center'], ['labour', 'labor'], ['colour', 'color'], ['analyse', 'analyze']]) {
      expect(words.get(british!)?.american).toContain(american);
    }
  });

  it('its terms are the analysis\'s own for its words (run npm run spelling-table after changing the stemming)', () => {
    for (const e of entries) {
      for (const w of e.british) expect([w, stemTermOf(w)]).toEqual([w, e.from]);
      expect(e.american.map(stemTermOf)).toContain(e.to);
      expect(e.from).not.toBe(e.to);
    }
  });

  it('reads no term as two: no British term is also an American one', () => {
    const american = new Set(entries.map((e) => e.to));
    for (const e of entries) expect(american.has(e.from)).toBe(false);
  });

  it('settles inflections that stem apart by the most pairs', () => {
    const made = spellingEntries([['recognise', 'recognize'], ['recognised', 'recognized'], ['recognises', 'recognizes']], (w) => ({ recognize: 'recogn', recognized: 'recogniz', recognizes: 'recogn' }[w] ?? w.replace(/e?[sd]?$/, '')));
    expect(made).toEqual([{ from: 'recognis', to: 'recogn', british: ['recognise', 'recognises'], american: ['recognize', 'recognizes'] }]);
  });

  it('is what npm run spelling-table makes from the package (a dev dependency)', () => {
    expect(readFileSync(SPELLING_TABLE_FILE, 'utf8')).toBe(spellingTableFromPackage());
  });
});

describe('British spellings', () => {
  it('are read as American on both sides of the index', () => {
    for (const [british, american] of [['defence', 'defense'], ['defences', 'defenses'], ['programme', 'program'], ['programmes', 'programs'],
      ['organisation', 'organization'], ['organised', 'organized'], ['recognise', 'recognize'], ['recognised', 'recognized'], ['centre', 'center'],
      ['centres', 'centers'], ['labour', 'labor'], ['labourers', 'laborers'], ['favourite', 'favorite'], ['Defence', 'Defense']]) {
      expect([british, termOf(british!)]).toEqual([british, termOf(american!)]);
    }
    expect(termsOf('the Defence Ministry\'s programme')).toEqual(termsOf('the Defense Ministry\'s program'));
  });

  it('leave other words alone: "hour", "four", "tour" are not "-or" words, "more" and "acre" not "-er" ones', () => {
    for (const w of ['hour', 'four', 'tour', 'your', 'more', 'acre', 'genre', 'promise', 'exercise', 'fence', 'defense']) expect(termOf(w)).toBe(stemTermOf(w));
    // A word in capitals of two to five letters is an acronym, kept whole as ever.
    expect(termOf('FIBRE')).toBe('fibre');
    expect(termOf('fibre')).toBe(termOf('fiber'));
  });

  it('a British question finds the American passage, and an American question the British one', async () => {
    const corpus = await loadCorpusStrict(CORPUS);
    const engine = new SearchEngine(corpus);
    const american = engine.answer('labor exports');
    const british = engine.answer('labour exports');
    expect(british.missingTerms).toEqual([]);
    expect(british.results.map((r) => [r.passageId, r.score])).toEqual(american.results.map((r) => [r.passageId, r.score]));
    expect(british.results[0]!.text).toContain('labor exports');

    const article = (id: string, text: string): Article => ({ id, title: id, publisher: null, published: null, url: null, author: null, titleWritten: false,
      file: `${id}.md`, blocks: [{ kind: 'paragraph', text }], notes: [], dropped: [] });
    const uk = new SearchEngine({ aliases: [], articles: [
      article('uk', 'The defence ministry said the organisation would recognise the new programme at the centre.'),
      article('other', 'The weather was mild and the harvest came in early this year.'),
    ] });
    const a = uk.answer('Which organization will recognize the defense program?');
    expect(a.answered).toBe(true);
    expect(a.missingTerms).toEqual([]);
    expect(a.results[0]!.passageId).toBe('uk#1');
  });
});
