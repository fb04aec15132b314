import { describe, expect, it } from 'vitest';
import { cleanUserText, cutAt, foldAccents, foldForMatch, normalizeText, sentenceSpans, splitSentences } from '../src/engine/text.ts';
import { tokenize } from '../src/engine/analysis.ts';
import { sentenceStartsOf } from '../src/engine/token-kinds.ts';
import { highlightSpan } from '../src/bot/format.ts';
import { article } from './helpers.ts';

describe('normalizeText', () => {
  it('turns curly single and double quotes into ASCII', () => {
    expect(normalizeText('Korea\u2019s \u201Cfiery friendship\u201D and \u2018alliance\u2019')).toBe('Korea\'s "fiery friendship" and \'alliance\'');
  });

  it('turns en, em, figure dashes and the minus sign into a hyphen', () => {
    expect(normalizeText('war \u2014 and peace \u2013 1961\u20122024 \u2212 5')).toBe('war - and peace - 1961-2024 - 5');
  });

  it('applies NFKC: ligatures, full-width letters, no-break spaces', () => {
    expect(normalizeText('\uFB01rst')).toBe('first');
    expect(normalizeText('\uFF35\uFF2E')).toBe('UN');
    expect(normalizeText('June\u00A019')).toBe('June 19');
  });

  it('removes zero-width characters, soft hyphens and the BOM', () => {
    expect(normalizeText('\uFEFFPyong\u200Byang Kim\u200DJong\u00ADUn\u2060')).toBe('Pyongyang KimJongUn');
    expect(normalizeText('Pyong\u200Byang')).toBe('Pyongyang');
  });

  it('keeps the zero-width joiner inside an emoji sequence', () => {
    expect(normalizeText('astronaut 👩\u200D🚀 here')).toBe('astronaut 👩\u200D🚀 here');
  });

  it('removes control characters but keeps newlines', () => {
    expect(normalizeText('a\u0007b\u0000c\u009Fd\ne')).toBe('abcd\ne');
  });

  it('turns CRLF and CR into LF and keeps blank lines between paragraphs', () => {
    expect(normalizeText('one\r\n\r\ntwo\rthree')).toBe('one\n\ntwo\nthree');
  });

  it('collapses runs of spaces and tabs to one space', () => {
    expect(normalizeText('a \t  b\u2003c')).toBe('a b c');
  });
});

describe('cleanUserText', () => {
  it('removes control characters, bidi overrides and lone surrogates, and collapses white space', () => {
    expect(cleanUserText('  Pu\u0000tin\ttreaty\n\u001b[2J \u202Ekim\u202C \uD800x\uDFFF ')).toBe('Putin treaty [2J kim x');
  });

  it('cuts a combining-mark flood to three marks a letter, and keeps ordinary accents', () => {
    expect(cleanUserText(`a${'\u0301'.repeat(50)}b`)).toBe('a\u0301\u0301\u0301b');
    expect(cleanUserText('Pyo\u0308ngyang Nguyê\u0303n')).toBe('Pyo\u0308ngyang Nguyê\u0303n');
  });

  it('keeps emoji sequences, every script and Markdown as typed (escaping is the display\'s job)', () => {
    const typed = 'Did 👩‍🚀 meet بوتين and 金正恩? **[x](y)** <@1>';
    expect(cleanUserText(typed)).toBe(typed);
  });
});

describe('cutAt', () => {
  it('never splits a surrogate pair', () => {
    expect(cutAt('ab🚀', 3)).toBe('ab');
    expect(cutAt('ab🚀', 4)).toBe('ab🚀');
    expect(cutAt('abcd', 2)).toBe('ab');
  });
});

describe('foldAccents and foldForMatch', () => {
  it('removes diacritics', () => {
    expect(foldAccents('Pyöngyang café Ñandú')).toBe('Pyongyang cafe Nandu');
  });

  it('folds case, quotes, dashes and white space for comparison', () => {
    expect(foldForMatch('  Korea\u2019s  \u201CFIERY\u201D\u2014friendship\n')).toBe('korea\'s "fiery"-friendship');
  });
});

describe('splitSentences', () => {
  it('splits a paragraph at sentence ends', () => {
    expect(splitSentences('Putin arrived. Kim met him! Did they sign? Yes.')).toEqual(['Putin arrived.', 'Kim met him!', 'Did they sign?', 'Yes.']);
  });

  it('does not split after titles such as "Gen." and "Mr."', () => {
    expect(splitSentences('Gen. Kim met Mr. Putin on Wednesday. They signed a pact.'))
      .toEqual(['Gen. Kim met Mr. Putin on Wednesday.', 'They signed a pact.']);
  });

  it('does not split inside "U.S." followed by a lower-case word', () => {
    expect(splitSentences('The deal alarmed U.S. and South Korean officials. Both countries are concerned.'))
      .toEqual(['The deal alarmed U.S. and South Korean officials.', 'Both countries are concerned.']);
  });

  it('keeps "U.S." at a sentence end whole', () => {
    expect(splitSentences('Officials in the U.S. said so. Then they left.')).toEqual(['Officials in the U.S. said so.', 'Then they left.']);
  });

  it('trims and drops empty segments', () => {
    expect(splitSentences('  One.   Two.  ')).toEqual(['One.', 'Two.']);
    expect(splitSentences('   ')).toEqual([]);
  });
});

describe('one sentence splitter for the index and the display', () => {
  const text = 'Gen. Kim met Mr. Putin in the U.S. Capitol. They signed a pact.';

  it('reads the issue\'s example as two sentences, as offsets into the text', () => {
    expect(splitSentences(text)).toEqual(['Gen. Kim met Mr. Putin in the U.S. Capitol.', 'They signed a pact.']);
    expect(sentenceSpans(text).map(({ start, end }) => text.slice(start, end))).toEqual(splitSentences(text));
  });

  it('gives the re-rank the same sentences (as first tokens) and the Discord card the same spans', () => {
    const tokens = tokenize(text);
    expect(sentenceStartsOf(text, tokens).map((t) => tokens[t]!.word)).toEqual(['Gen', 'They']);
    // The card falls back on the first of the same sentences when a result has no highlight.
    expect(highlightSpan({ text, highlight: null })).toEqual(sentenceSpans(text)[0]);
  });
});

describe('the sentences a result carries', () => {
  it('are the index\'s sentences as offsets of the passage, the splitter\'s own, so the cards need not split again', async () => {
    const { SearchEngine } = await import('../src/engine/engine.ts');
    const text = 'Gen. Kim met Mr. Putin in the U.S. Capitol. They signed a pact.  Then they left.';
    const engine = new SearchEngine({ aliases: [], articles: [article('one', text)] });
    const r = engine.answer('What did Kim and Putin sign?').results[0]!;
    expect(r.sentences).toEqual(sentenceSpans(text));
    expect(r.sentences).toContainEqual(r.highlight);
  });
});
