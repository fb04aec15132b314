import { describe, expect, it } from 'vitest';
import { cleanUserText, cutAt, foldAccents, foldForMatch, normalizeText, splitSentences, truncateAtSentence } from '../src/engine/text.ts';

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

describe('truncateAtSentence', () => {
  const text = 'Russia and North Korea signed a pact. It pledges mutual military assistance if either faces aggression. '
    + 'Kim called it the strongest treaty ever. Putin called it a breakthrough document that lifts ties to a new level.';

  it('returns text that fits unchanged', () => {
    expect(truncateAtSentence(text, text.length)).toBe(text);
    expect(truncateAtSentence('Short.', 100)).toBe('Short.');
  });

  it('never exceeds max, whatever max is', () => {
    for (let max = 1; max < text.length; max++) {
      expect(truncateAtSentence(text, max).length, `max=${max}`).toBeLessThanOrEqual(max);
    }
  });

  it('cuts at a sentence end and marks the cut', () => {
    const out = truncateAtSentence(text, 110);
    expect(out).toBe('Russia and North Korea signed a pact. It pledges mutual military assistance if either faces aggression. …');
  });

  it('every cut that keeps whole sentences ends with one of the text\'s sentences', () => {
    const sentences = splitSentences(text);
    for (const max of [60, 110, 150, 200]) {
      const kept = truncateAtSentence(text, max).replace(/ …$/, '');
      expect(sentences.some((s) => kept.endsWith(s)), `max=${max}: ${kept}`).toBe(true);
    }
  });

  it('cuts at a word, not mid-word, when no sentence end is near', () => {
    const long = 'The agreement encompasses security trade investment cultural and humanitarian cooperation between both nations';
    const out = truncateAtSentence(long, 40);
    expect(out.length).toBeLessThanOrEqual(40);
    expect(out.endsWith(' …')).toBe(true);
    const kept = out.slice(0, -2);
    expect(long.startsWith(kept)).toBe(true);
    expect(long[kept.length]).toBe(' ');
  });

  it('uses the ellipsis it is given', () => {
    const out = truncateAtSentence(text, 50, '...');
    expect(out.endsWith(' ...')).toBe(true);
    expect(out.length).toBeLessThanOrEqual(50);
  });
});
