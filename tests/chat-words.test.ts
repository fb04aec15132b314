import { beforeAll, describe, expect, it } from 'vitest';
import { chatWords, expandChatWords, parseChatWords } from '../src/engine/chat-words.ts';
import { loadCorpusStrict } from '../src/engine/corpus.ts';
import { isEnglishWord } from '../src/engine/english.ts';
import { SearchEngine } from '../src/engine/engine.ts';
import { analyseQuestion, buildAliasTable, type AliasTable } from '../src/engine/question.ts';
import { CORPUS } from './helpers.ts';

describe('the chat words table', () => {
  it('is a general list of 60-150 entries, each form once, lower case', () => {
    const table = chatWords();
    expect(table.size).toBeGreaterThanOrEqual(60);
    expect(table.size).toBeLessThanOrEqual(150);
    for (const form of table.keys()) expect(form).toBe(form.toLowerCase());
  });

  it('writes each form out in ordinary English words', () => {
    for (const { expansion } of chatWords().values()) {
      for (const word of expansion.split(/\s+/).filter(Boolean)) expect([word, isEnglishWord(word.replace(/'/g, '')) || isEnglishWord(word)]).toEqual([word, true]);
    }
  });

  it('holds the common forms', () => {
    const table = chatWords();
    for (const [form, expansion] of [['u', 'you'], ['ur', 'your'], ['abt', 'about'], ['wat', 'what'], ['ppl', 'people'], ['pls', 'please'], ['thx', 'thanks'],
      ['w/', 'with'], ['b/c', 'because'], ['govt', 'government'], ['intl', 'international'], ['rn', 'right now'], ['bc', 'because'], ['tho', 'though']]) {
      expect(table.get(form!)?.expansion).toBe(expansion);
    }
  });

  it('parses forms, expansions, empty expansions and the after-number flag; rejects a bad line', () => {
    const t = parseChatWords('# comment\nabt\tabout\nlol\t\nbc\tbecause\t!after-number\n\n');
    expect([...t]).toEqual([
      ['abt', { expansion: 'about', notAfterNumber: false }],
      ['lol', { expansion: '', notAfterNumber: false }],
      ['bc', { expansion: 'because', notAfterNumber: true }],
    ]);
    expect(() => parseChatWords('Abt\tabout')).toThrow(/line 1/);
    expect(() => parseChatWords('abt\tabout\nabt\taround')).toThrow(/twice/);
    expect(() => parseChatWords('abt\tabout\t!sometimes')).toThrow(/flag/);
  });
});

describe('expandChatWords', () => {
  it('writes chat forms out as whole words', () => {
    expect(expandChatWords('wat did ppl say abt the govt deal')).toBe('what did people say about the government deal');
    expect(expandChatWords('is it intl news rn')).toBe('is it international news right now');
    // Inside a longer word, a form is not a form: "about" holds "abt" only by letters, "tutor" holds "u".
    expect(expandChatWords('about a tutor in Tuscany')).toBe('about a tutor in Tuscany');
  });

  it('reads the forms joined by a slash or an apostrophe, and a slash form glued to its word', () => {
    expect(expandChatWords("b/c the gov't said so")).toBe('because the government said so');
    expect(expandChatWords('a deal w/o troops, signed w/Putin')).toBe('a deal without troops, signed with Putin');
    expect(expandChatWords('kim w/ putin')).toBe('kim with putin');
  });

  it('reads a capitalised form only at the start of a sentence; never capitals or a lone capital', () => {
    expect(expandChatWords('Govt says what? Wat next')).toBe('government says what? what next');
    // "Ur" inside a sentence is the city; "ATM" and "BC" in capitals are acronyms; "U" and "R" are symbols.
    expect(expandChatWords('the ruins of Ur')).toBe('the ruins of Ur');
    expect(expandChatWords('an ATM in 300 BC')).toBe('an ATM in 300 BC');
    expect(expandChatWords('is U in R')).toBe('is U in R');
  });

  it('keeps combining marks with their letter, as the tokenizer does: a struck-through "n̶" or "r̶" is no chat form', () => {
    const struck = [...'Putin treaty'].map((c) => (c === ' ' ? c : `${c}\u0336\u0321\u031b`)).join('');
    expect(expandChatWords(struck)).toBe(struck);
    expect(expandChatWords('u\u0336 n\u0336')).toBe('u\u0336 n\u0336');
  });

  it('keeps a dotted acronym whole: the "u" of "u.s." is not "you"', () => {
    expect(expandChatWords('what did the u.s. say')).toBe('what did the u.s. say');
  });

  it('does not read an after-number form after a number', () => {
    expect(expandChatWords('built in 300 bc')).toBe('built in 300 bc');
    expect(expandChatWords('they met bc of the war')).toBe('they met because of the war');
  });

  it('drops forms that say nothing about the subject, keeping the words around them apart', () => {
    expect(expandChatWords('lol what did kim say tbh')).toBe('  what did kim say  ');
  });

  it('leaves text without chat forms as it is (the same string)', () => {
    const q = 'What did Russia and North Korea agree to?';
    expect(expandChatWords(q)).toBe(q);
  });
});

describe('questions in chat English', () => {
  let aliases: AliasTable;
  let engine: SearchEngine;
  beforeAll(async () => {
    const corpus = await loadCorpusStrict(CORPUS);
    aliases = buildAliasTable(corpus.aliases);
    engine = new SearchEngine(corpus);
  });
  const conceptWords = (q: string) => analyseQuestion(q, aliases).concepts.flatMap((c) => c.words);

  it('are read before stop words are dropped: "wat", "abt", "u" go as the stop words they stand for', () => {
    expect(conceptWords('wat did u hear abt the treaty')).toEqual(['hear', 'treaty']);
    expect(conceptWords('what did you hear about the treaty')).toEqual(['hear', 'treaty']);
  });

  it('and the written-out word is what is looked up', () => {
    expect(conceptWords('govt reaction pls')).toEqual(['government', 'reaction']);
  });

  it('a chat form is not reported as a word no article mentions', () => {
    const chat = engine.answer('wat does the putin kim deal say abt aid');
    expect(chat.missingTerms).toEqual([]);
    expect(chat.results.map((r) => r.passageId)).toEqual(engine.answer('what does the putin kim deal say about aid').results.map((r) => r.passageId));
  });

  it('"wen" asks for a date as "when" does', () => {
    const a = engine.answer('wen did putin and kim sign the agreement');
    const b = engine.answer('when did putin and kim sign the agreement');
    expect(a.results.map((r) => [r.passageId, r.score])).toEqual(b.results.map((r) => [r.passageId, r.score]));
  });
});
