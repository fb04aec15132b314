import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/engine/corpus.ts';
import { DEFAULT_PASSAGE_OPTIONS, sentenceWindows, splitArticle } from '../src/engine/passages.ts';
import { splitSentences } from '../src/engine/text.ts';
import { mdArticle } from './helpers.ts';

const article = (body: string, id = 'pact') => parseArticle(`${id}.md`, mdArticle({ id }, body));

// Twelve distinct sentences of 80-130 characters: about 1,250 characters in one paragraph.
const LONG_SENTENCES = Array.from({ length: 12 }, (_, i) =>
  `Sentence ${i + 1} says that Putin and Kim met in Pyongyang${' and talked at length'.repeat(1 + (i % 3))}.`);
const LONG_PARAGRAPH = LONG_SENTENCES.join(' ');

describe('splitArticle', () => {
  it('makes one passage of each short paragraph, text unchanged', () => {
    const passages = splitArticle(article('Putin arrived in Pyongyang. Kim met him.\n\nThey signed a treaty.\n'));
    expect(passages.map((p) => p.text)).toEqual(['Putin arrived in Pyongyang. Kim met him.', 'They signed a treaty.']);
    expect(passages.map((p) => [p.kind, p.block])).toEqual([['paragraph', 0], ['paragraph', 1]]);
  });

  it('keeps a paragraph of exactly maxChars whole', () => {
    const text = `${'a'.repeat(DEFAULT_PASSAGE_OPTIONS.maxChars - 1)}.`;
    expect(splitArticle(article(`${text}\n`)).map((p) => p.text)).toEqual([text]);
  });

  it('cuts a long paragraph into windows of whole sentences, in order, within the limits', () => {
    expect(LONG_PARAGRAPH.length).toBeGreaterThan(DEFAULT_PASSAGE_OPTIONS.maxChars);
    const passages = splitArticle(article(`${LONG_PARAGRAPH}\n`));
    expect(passages.length).toBeGreaterThan(1);
    // Whole sentences: each window is a run of the paragraph's sentences, and together they are the paragraph.
    expect(passages.map((p) => p.text).join(' ')).toBe(LONG_PARAGRAPH);
    for (const p of passages) {
      const sentences = splitSentences(p.text);
      expect(sentences.every((s) => LONG_SENTENCES.includes(s)), p.text).toBe(true);
      expect(sentences.length).toBeLessThanOrEqual(DEFAULT_PASSAGE_OPTIONS.maxSentences);
      expect(p.text.length).toBeLessThanOrEqual(DEFAULT_PASSAGE_OPTIONS.maxChars);
      expect(p.block).toBe(0);
    }
  });

  it('respects smaller limits: 2 to 4 sentences, 400 characters', () => {
    const opts = { maxChars: 400, maxSentences: 4 };
    const passages = splitArticle(article(`${LONG_PARAGRAPH}\n`), opts);
    expect(passages.map((p) => p.text).join(' ')).toBe(LONG_PARAGRAPH);
    for (const p of passages) {
      const n = splitSentences(p.text).length;
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(4);
      expect(p.text.length).toBeLessThanOrEqual(400);
    }
  });

  it('gives each bullet its own passage', () => {
    const passages = splitArticle(article('Lead paragraph about the pact.\n\n  • First point.\n  • Second point.\n\nClosing paragraph.\n'));
    expect(passages.map((p) => [p.kind, p.text])).toEqual([
      ['paragraph', 'Lead paragraph about the pact.'], ['bullet', 'First point.'], ['bullet', 'Second point.'], ['paragraph', 'Closing paragraph.'],
    ]);
  });

  it('numbers passages <articleId>#<n> from 1 in reading order, across windows and bullets', () => {
    const passages = splitArticle(article(`Lead.\n\n${LONG_PARAGRAPH}\n\n• A point.\n`, 'my-article'));
    expect(passages.map((p) => p.id)).toEqual(passages.map((_, i) => `my-article#${i + 1}`));
    expect(passages.map((p) => p.n)).toEqual(passages.map((_, i) => i + 1));
    expect(new Set(passages.map((p) => p.articleId))).toEqual(new Set(['my-article']));
  });

  it('is stable: the same article gives the same passages', () => {
    const body = `Lead.\n\n${LONG_PARAGRAPH}\n\n• A point.\n`;
    expect(splitArticle(article(body))).toEqual(splitArticle(article(body)));
  });

  it('a change to the end of an article leaves earlier ids unchanged', () => {
    const before = splitArticle(article('One.\n\nTwo.\n'));
    const after = splitArticle(article('One.\n\nTwo.\n\nThree.\n'));
    expect(after.slice(0, 2)).toEqual(before);
  });
});

describe('sentenceWindows', () => {
  const sized = (...lengths: number[]) => lengths.map((n, i) => `${String(i).padEnd(n - 1, 'x')}.`);

  it('keeps every sentence once, in order', () => {
    const s = sized(100, 200, 300, 150, 250, 120, 90, 310);
    expect(sentenceWindows(s, { maxChars: 400, maxSentences: 3 }).flat()).toEqual(s);
  });

  it('balances windows instead of leaving a stub at the end', () => {
    const windows = sentenceWindows(sized(100, 100, 100, 100, 100), { maxChars: 400, maxSentences: 6 });
    expect(windows.map((w) => w.length)).toEqual([3, 2]);
  });

  it('never exceeds the sentence or character limit, whatever the sentence lengths', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const failures: string[] = [];
    for (let t = 0; t < 2000; t++) {
      const s = sized(...Array.from({ length: 1 + Math.floor(rnd() * 25) }, () => 20 + Math.floor(rnd() * 250)));
      const opts = { maxChars: 300 + Math.floor(rnd() * 700), maxSentences: 2 + Math.floor(rnd() * 5) };
      const windows = sentenceWindows(s, opts);
      if (windows.flat().join('|') !== s.join('|')) failures.push(`case ${t}: sentences lost or reordered`);
      for (const w of windows) {
        if (w.length > opts.maxSentences) failures.push(`case ${t}: ${w.length} sentences > ${opts.maxSentences}`);
        if (w.length > 1 && w.join(' ').length > opts.maxChars) failures.push(`case ${t}: ${w.join(' ').length} chars > ${opts.maxChars}`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('lets one sentence longer than maxChars stand alone', () => {
    const s = sized(50, 900, 50);
    expect(sentenceWindows(s, { maxChars: 400, maxSentences: 4 })).toEqual([[s[0]], [s[1]], [s[2]]]);
  });
});
