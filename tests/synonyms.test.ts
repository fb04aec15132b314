import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { synonymTableFromPackage } from '../tools/synonym-table.ts';
import { loadCorpusStrict } from '../src/engine/corpus.ts';
import { SearchEngine } from '../src/engine/engine.ts';
import { formatSynonymTable, parseSynonymTable, SYNONYM_TABLE_FILE, synonymsOf } from '../src/engine/synonyms.ts';
import { CORPUS } from './helpers.ts';

describe('synonym table', () => {
  it('the committed table is what npm run synonym-table makes of the installed WordNet package', () => {
    expect(readFileSync(SYNONYM_TABLE_FILE, 'utf8')).toBe(synonymTableFromPackage());
  }, 60_000);

  it('reads back what it writes: senses in order, phrases as index terms', () => {
    const text = formatSynonymTable(new Map([['nuke', [['nuclear warhead', 'atom'], ['atom bomb']]], ['aid', [[], ['help']]]]), 'test');
    expect(text.split('\n').slice(1)).toEqual(['aid\t\thelp', 'nuke\tnuclear warhead,atom\tatom bomb', '']);
    expect([...parseSynonymTable(text)]).toEqual([['aid', '\thelp'], ['nuke', 'nuclear warhead,atom\tatom bomb']]);
  });

  it('looks a word up by its index term, the first senses only', () => {
    expect(synonymsOf('help', 1)).toContainEqual(['aid']);
    expect(synonymsOf('help', 1)).not.toContainEqual(['support']);
    expect(synonymsOf('help', 2)).toContainEqual(['support']);
    // "helping" (a portion of food) shares the term "help" but is not what it is read as.
    expect(synonymsOf('help', 2)).not.toContainEqual(['portion']);
    expect(synonymsOf('nuke', 1)).toContainEqual(['nuclear', 'warhead']);
    expect(synonymsOf('qqqzzz', 2)).toEqual([]);
  });
});

describe('bridging a question word no article holds', () => {
  let bridging: SearchEngine;
  let literal: SearchEngine;
  beforeAll(async () => {
    const corpus = await loadCorpusStrict(CORPUS);
    bridging = new SearchEngine(corpus);
    literal = new SearchEngine(corpus, { synonymSenses: 0 });
  });
  const matched = (e: SearchEngine, q: string) => {
    const r = e.answer(q).results[0]!;
    return r.matches.map((m) => r.text.slice(m.start, m.end).toLowerCase());
  };

  it('matches the articles\' word for it ("backing" → "support") and still names the word as missing', () => {
    const q = 'Which country keeps backing Ukraine in its war with Russia?';
    expect(matched(literal, q)).not.toContain('support');
    expect(matched(bridging, q)).toContain('support');
    expect(bridging.answer(q).missingTerms).toEqual(literal.answer(q).missingTerms);
    expect(bridging.answer(q).missingTerms).toEqual(['keeps', 'backing']);
  });

  it('never bridges a name: a capitalised word no article holds is still a missing name', () => {
    const answer = bridging.answer('What did Help say about the treaty?');
    expect(answer.answered).toBe(false);
    expect(answer.refusal).toBe('names-not-in-articles');
    expect(answer.missingTerms).toEqual(['help']);
  });

  it('does not answer a question the articles do not cover because its words have loose synonyms there', () => {
    // "invented" → "forge", "formulate"; "telephone" → "call": in the articles, but not on the subject.
    const answer = bridging.answer('Who invented the telephone?');
    expect(answer.answered).toBe(false);
    expect(answer.missingTerms).toEqual(['invented', 'telephone']);
  });

  it('leaves a question of the articles\' own words as it was', () => {
    const q = 'What did Putin say about military-technical cooperation with North Korea?';
    expect(bridging.answer(q)).toEqual(literal.answer(q));
  });
});
