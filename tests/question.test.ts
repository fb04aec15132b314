import { beforeAll, describe, expect, it } from 'vitest';
import { isStopWord, QUESTION_STOP_WORDS, termOf, termsOf, tokenize } from '../src/engine/analysis.ts';
import { loadCorpusStrict } from '../src/engine/corpus.ts';
import { SearchEngine } from '../src/engine/engine.ts';
import { adjacentTranspositions } from '../src/engine/spelling.ts';
import { analyseQuestion, buildAliasTable, type AliasTable } from '../src/engine/question.ts';
import { CORPUS } from './helpers.ts';

let engine: SearchEngine;
let aliases: AliasTable;
beforeAll(async () => {
  const corpus = await loadCorpusStrict(CORPUS);
  engine = new SearchEngine(corpus);
  aliases = buildAliasTable(corpus.aliases);
});

/** The question's concepts, each as its own terms (first alternative). */
const conceptTerms = (q: string) => analyseQuestion(q, aliases).concepts.map((c) => c.alternatives[0]!.join(' '));
const conceptWords = (q: string) => analyseQuestion(q, aliases).concepts.flatMap((c) => c.words);

describe('stop words and question words', () => {
  it('are dropped from the question', () => {
    expect(conceptWords('What did they say about the treaty and its aid?')).toEqual(['treaty', 'aid']);
    expect(conceptWords('Can you please tell me who signed it?')).toEqual(['signed']);
  });

  it('include chat spellings without the apostrophe and "like" in "what was it like"', () => {
    expect(conceptWords("whats the deal about nukes")).toEqual(['deal', 'nukes']);
    expect(conceptWords('What was the welcome like?')).toEqual(['welcome']);
  });

  it('are kept in the index: the text side drops nothing', () => {
    expect(termsOf('What did they say about the treaty?')).toEqual(['what', 'did', 'thei', 'sai', 'about', 'the', 'treati']);
  });

  it('a question of stop words only has no concepts', () => {
    expect(analyseQuestion('What is it, and why?', aliases).concepts).toEqual([]);
  });

  it('the pronoun "us" is a stop word: "Tell us what Kim said" does not ask about the United States', () => {
    expect(isStopWord('us')).toBe(true);
    expect(conceptTerms('Tell us what Kim said')).toEqual(['kim']);
  });

  it('an acronym in capitals is never a stop word ("US", "IT")', () => {
    expect(isStopWord('US')).toBe(false);
    expect(isStopWord('IT')).toBe(false);
    expect(isStopWord('U.S.')).toBe(false);
    expect(conceptTerms('What did the US say?')).toEqual(['us']);
  });
});

describe('terms: the same on both sides', () => {
  it('stems plural and derived forms alike', () => {
    expect(termOf('agreements')).toBe(termOf('agreement'));
    expect(termOf('signed')).toBe(termOf('signing'));
    expect(conceptTerms('agreements')).toEqual(termsOf('agreement'));
  });

  it('drops the possessive, with straight or curly apostrophe', () => {
    expect(termOf("Korea's")).toBe('korea');
    expect(termOf("allies'")).toBe(termOf('allies'));
    expect(conceptTerms('Korea\u2019s leader')).toEqual(['korea', termOf('leader')]);
  });

  it('reads "Kim Jong-un" and "Kim Jong Un" as the same name', () => {
    expect(termsOf('Kim Jong-un')).toEqual(termsOf('Kim Jong Un'));
    expect(conceptTerms('Kim Jong-un')).toEqual(conceptTerms('Kim Jong Un'));
    expect(conceptTerms('Kim Jong Un')).toEqual(['kim jong un']);
  });

  it('reads "U.S." and "US" alike', () => {
    expect(termsOf('the U.S. and')).toEqual(['the', 'us', 'and']);
    expect(termsOf('the US and')).toEqual(['the', 'us', 'and']);
    expect(termsOf('U.N.')).toEqual(termsOf('UN'));
    expect(conceptTerms('What did the U.S. say?')).toEqual(conceptTerms('What did the US say?'));
  });

  it('folds accents and case', () => {
    expect(termOf('Pyöngyang')).toBe(termOf('pyongyang'));
    expect(termOf('PYONGYANG')).toBe(termOf('Pyongyang'));
  });

  it('folds demonyms to their country', () => {
    expect(termOf('Korean')).toBe(termOf('Korea'));
    expect(termOf('Russian')).toBe(termOf('Russia'));
  });

  it('keeps combining marks with their letter, so a decorated word is still one word', () => {
    expect(tokenize('P\u0336u\u0336t\u0336i\u0336n\u0336 Kim').map((t) => t.term)).toEqual([termOf('Putin'), termOf('Kim')]);
    expect(tokenize('Pyo\u0308ngyang').map((t) => t.term)).toEqual([termOf('Pyongyang')]);
  });

  it('tokenize gives offsets into the text', () => {
    const text = "Korea's leader, Kim Jong-un.";
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.word);
  });
});

describe('aliases', () => {
  it('expand a name to its other names, longest match first', () => {
    const [concept] = analyseQuestion('DPRK', aliases).concepts;
    expect(concept!.alternatives.map((a) => a.join(' '))).toEqual(expect.arrayContaining(['dprk', 'north korea', 'pyongyang']));
    expect(conceptTerms('What did North Korea sign?')).toEqual(['north korea', termOf('sign')]);
  });

  it('DPRK finds North Korea passages', () => {
    const answer = engine.answer('What did the DPRK agree to?');
    expect(answer.answered).toBe(true);
    expect(answer.missingTerms).toEqual([]);
    expect(answer.results[0]!.text).toMatch(/North Korea|Pyongyang|Democratic People's Republic of Korea/);
  });

  it('a demonym finds the country: "Korean" matches passages that say "Korea"', () => {
    const answer = engine.answer('Korean munitions');
    expect(answer.results[0]!.text).toMatch(/North Korea/);
    expect(answer.results[0]!.text).toMatch(/munitions/);
  });
});

describe('typos', () => {
  it('"summitt" is read as "summit"', () => {
    const answer = engine.answer('pyongyang summitt putin');
    expect(answer.corrections).toEqual([{ from: 'summitt', to: 'summit' }]);
    expect(answer.missingTerms).toEqual([]);
    expect(answer.results[0]!.text).toMatch(/summit/i);
  });

  it('"treatie" finds the treaty', () => {
    const answer = engine.answer('what did kim jong un say about the treatie');
    expect(answer.missingTerms).toEqual([]);
    expect(answer.results[0]!.text).toMatch(/strongest treaty/);
  });

  it('two letters swapped are one slip: "broder" is read as "border", "presidnet" as "president"', () => {
    // Levenshtein counts a swap as two edits, and a six-letter word gets only one.
    const border = engine.answer('what did the soldiers do after they crossed the broder');
    expect(border.corrections).toEqual([{ from: 'broder', to: 'border' }]);
    expect(border.results[0]!.text).toMatch(/crossed the heavily guarded border/);
    // Undone on the word, not the term: "presidnet" is three edits from "president"'s term "presid".
    const president = engine.answer('Who is the presidnet of South Korea?');
    expect(president.answered).toBe(true);
    expect(president.corrections).toEqual([{ from: 'presidnet', to: 'president' }]);
    expect(president.missingTerms).toEqual([]);
  });

  it('lists each swap of two different neighbouring letters once', () => {
    expect(adjacentTranspositions('form')).toEqual(['ofrm', 'from', 'fomr']);
    expect(adjacentTranspositions('broder')).toContain('border');
    expect(adjacentTranspositions('aab')).toEqual(['aba']);
    expect(adjacentTranspositions('a')).toEqual([]);
  });

  it('a real English word is not "corrected"', () => {
    const answer = engine.answer('Is the treaty relevant?');
    expect(answer.corrections).toEqual([]);
    expect(answer.missingTerms).toEqual(['relevant']);
  });
});

describe('missingTerms', () => {
  it('names the words found in no article', () => {
    expect(engine.answer('What did Xi Jinping think of the summit?').missingTerms).toEqual(expect.arrayContaining(['xi', 'jinping']));
    expect(engine.answer("How did India react to Putin's trip?").missingTerms).toContain('india');
    expect(engine.answer('What did the European Union say about the treaty?').missingTerms).toContain('european');
  });

  it('is empty when every word occurs somewhere', () => {
    expect(engine.answer('What did Kim say about the treaty?').missingTerms).toEqual([]);
  });

  it('never names a stop word or question word, in lower case', () => {
    for (const q of ['What would Xi Jinping have said about it, if he was asked?', 'Why did India not react?', 'Tell me about the Mona Lisa']) {
      const missing = engine.answer(q).missingTerms;
      expect(missing.length, q).toBeGreaterThan(0);
      for (const w of missing) {
        expect(QUESTION_STOP_WORDS.has(w), `${q}: ${w}`).toBe(false);
        expect(w).toBe(w.toLowerCase());
      }
    }
  });

  it('names each missing word once', () => {
    const missing = engine.answer("India, India's and INDIA").missingTerms;
    expect(missing).toEqual(['india']);
  });
});

describe('the subject: what a question asks about, not what it mentions', () => {
  const subjects = (q: string) => analyseQuestion(q, aliases).concepts.filter((c) => c.isSubject).map((c) => c.words.join(' '));

  it('is the name after the question\'s auxiliary, or after its article', () => {
    expect(subjects('What did China say about the pact?')).toEqual(['China']);
    expect(subjects('Did the European Union condemn the treaty?')).toEqual(['European Union']);
    expect(subjects('Has NATO responded?')).toEqual(['NATO']);
  });

  it('is a possessor, a source after "according to", and one joined to a subject by "and"', () => {
    expect(subjects("What was Biden's response to the summit?")).toEqual(["Biden's"]);
    expect(subjects('According to Japan, what does the pact change?')).toEqual(['Japan', 'pact']);
    expect(subjects('Did Putin and Xi Jinping discuss the pact?')).toEqual(['Putin', 'Xi Jinping']);
  });

  it('is not a name the question only mentions', () => {
    expect(subjects('kim putin treaty NATO')).toEqual([]);
    expect(subjects('Does the pact mention Japan?')).toEqual(['pact']);
    expect(subjects('What time is it in New York?')).toEqual([]);
  });
});
