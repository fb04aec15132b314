/**
 * What the index records about each token of a passage besides its term:
 * where sentences start, and what kind of answer the token could be (a
 * number, a date word, a name); and what kind of answer a question's
 * wording asks for. The re-rank rewards a best sentence that holds a token
 * of the asked-for kind the question itself lacks.
 */
import type { Token } from './analysis.ts';
import { sentenceSpans } from './text.ts';

/** What a question asks for, read from its question word; bits so a token can be several. */
export const NUMBER = 1, DATE = 2, NAME = 4;
const MONTHS_AND_DAYS = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|century|centuries|decade|year|years)$/i;

/** The kinds of answer a token could be: a number, a date word, or a name (capitalised mid-sentence). */
export function tokenKinds(tokens: Token[], sentenceStarts: number[]): Uint8Array {
  const kinds = new Uint8Array(tokens.length);
  const starts = new Set(sentenceStarts);
  tokens.forEach((t, i) => {
    if (/^\d/.test(t.word)) kinds[i]! |= NUMBER | (/^\d{3,4}$/.test(t.word) ? DATE : 0);
    if (MONTHS_AND_DAYS.test(t.word)) kinds[i]! |= DATE;
    else if (/^\p{Lu}/u.test(t.word) && !starts.has(i)) kinds[i]! |= NAME;
  });
  return kinds;
}

/** What the question's wording expects: 0 when it cannot tell. */
export function expectedKind(question: string): number {
  const q = question.toLowerCase();
  if (/\b(?:how (?:many|much|long|old|far|large|big|often)|what (?:percentage|number|amount))\b/.test(q)) return NUMBER;
  if (/\b(?:when|what (?:year|date|day|month|time|century)|which (?:year|date|day|month|century))\b/.test(q)) return DATE | NUMBER;
  if (/\b(?:who|whom|whose|where)\b/.test(q)) return NAME;
  return 0;
}


/** Where sentences start, as token indexes: the first token of each of the text's sentences (see sentenceSpans). */
export function sentenceStartsOf(text: string, tokens: readonly Token[]): number[] {
  const starts = [0];
  let t = 0;
  for (const span of sentenceSpans(text).slice(1)) {
    while (t < tokens.length && tokens[t]!.start < span.start) t++;
    if (t < tokens.length && t > starts[starts.length - 1]!) starts.push(t);
  }
  return starts;
}
