/**
 * Text analysis shared by the index and the question: words are found,
 * folded and stemmed the same way on both sides, so "Korea's", "Korean" and
 * "KOREA" meet. Only the question side drops stop words and groups names.
 */
import { stemmer } from 'stemmer';
import { britishTermMap } from './spellings.ts';
import { foldAccents } from './text.ts';

/** One word of a text: where it is, what it looked like, and the term it is indexed as. */
export interface Token {
  term: string;
  word: string;
  start: number;
  end: number;
}

const ACRONYM_CAPS = /^[A-Z]{2,5}$/;
const DOTTED_ACRONYM = /^(?:\p{L}\.)+\p{L}$/u;

/**
 * Past forms of common irregular verbs, which Porter's rules cannot reach
 * ("Putin met To Lam" / "Which president did Putin meet?"). Forms that are
 * also common nouns or other words (left, found, saw, rose, lay) are left out.
 */
const IRREGULAR_VERBS: ReadonlyMap<string, string> = new Map(Object.entries({
  said: 'say', told: 'tell', met: 'meet', went: 'go', gone: 'go', took: 'take', taken: 'take', made: 'make',
  gave: 'give', given: 'give', began: 'begin', begun: 'begin', became: 'become', brought: 'bring', bought: 'buy',
  built: 'build', caught: 'catch', chose: 'choose', chosen: 'choose', came: 'come', drew: 'draw', drawn: 'draw',
  drove: 'drive', driven: 'drive', ate: 'eat', eaten: 'eat', fell: 'fall', fallen: 'fall', felt: 'feel',
  fought: 'fight', fled: 'flee', flew: 'fly', flown: 'fly', forgot: 'forget', forgotten: 'forget', froze: 'freeze',
  frozen: 'freeze', got: 'get', gotten: 'get', grew: 'grow', grown: 'grow', heard: 'hear', held: 'hold',
  hid: 'hide', hidden: 'hide', kept: 'keep', knew: 'know', known: 'know', led: 'lead', lent: 'lend', lost: 'lose',
  meant: 'mean', paid: 'pay', ran: 'run', risen: 'rise', sought: 'seek', sold: 'sell', sent: 'send', shot: 'shoot',
  shook: 'shake', shaken: 'shake', shown: 'show', sang: 'sing', sung: 'sing', sank: 'sink', sunk: 'sink', sat: 'sit',
  slept: 'sleep', spoke: 'speak', spoken: 'speak', spent: 'spend', stood: 'stand', stole: 'steal', stolen: 'steal',
  struck: 'strike', swore: 'swear', sworn: 'swear', taught: 'teach', thought: 'think', threw: 'throw',
  thrown: 'throw', understood: 'understand', won: 'win', wore: 'wear', worn: 'wear', wrote: 'write',
  written: 'write', broke: 'break', broken: 'break', forbade: 'forbid', forbidden: 'forbid',
  overthrew: 'overthrow', overthrown: 'overthrow', arose: 'arise', arisen: 'arise', withdrew: 'withdraw',
  withdrawn: 'withdraw', undertook: 'undertake', undertaken: 'undertake', sped: 'speed',
}));

/** A word without its possessive, straight or curly: "Biden's" → "Biden", "Xi’s" → "Xi", "states'" → "states". */
export const withoutPossessive = (word: string): string => word.replace(/['\u2019]s?$/u, '');

/** Words already turned into terms. Words recur, in texts and in questions, and stemming is the costly part. */
const termCache = new Map<string, string>();
/** Bounds the cache's memory; when full it starts over, which costs only recomputing. */
const TERM_CACHE_SIZE = 200_000;

/**
 * The index term of one word: accents folded, lower case, possessive dropped,
 * acronyms kept whole (U.S. → us, DPRK → dprk), other words Porter-stemmed,
 * demonyms folded to their country (Korean → korea) so either form finds the
 * other, and British spellings read as American (defence → defens, as defense).
 */
export function termOf(word: string): string {
  let term = termCache.get(word);
  if (term === undefined) {
    if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
    term = indexTermOf(word);
    termCache.set(word, term);
  }
  return term;
}

/** termOf's rules, worked out. */
function indexTermOf(word: string): string {
  const folded = foldAccents(word);
  if (DOTTED_ACRONYM.test(folded)) return folded.replace(/\./g, '').toLowerCase();
  if (ACRONYM_CAPS.test(folded)) return folded.toLowerCase();
  let w = folded.toLowerCase().replace(/'s$|s'$/, (m) => (m === "s'" ? 's' : '')).replace(/'/g, '');
  if (/^\d+(?:st|nd|rd|th)$/.test(w)) return w.replace(/\D+$/, '');
  w = w.replace(/,/g, '');
  if (!/^[a-z]+$/.test(w)) return w;
  const term = stemTermOf(w);
  return (britishTerms ??= britishTermMap()).get(term) ?? term;
}

/** A lower-case word's stem, demonyms folded: its term before British spellings are read (see spellings.ts). */
export function stemTermOf(w: string): string {
  const stem = stemmer(IRREGULAR_VERBS.get(w) ?? w);
  return /[ie]an$/.test(stem) && stem.length > 4 ? stem.slice(0, -1) : stem;
}

/** British spellings' terms → their American spellings' (see spellings.ts), made on the first word that needs it. */
let britishTerms: Map<string, string> | null = null;

/** tokenize's word offsets, reused (tokenize is synchronous); texts longer than it get their own. */
let tokenSpans = new Int32Array(4096);

/** Splits text into tokens with their offsets; the offsets point into `text` itself. */
export function tokenize(text: string): Token[] {
  // wordSpans rather than a regular expression's matchAll: no match object per word.
  const spans = text.length < tokenSpans.length ? tokenSpans : new Int32Array(text.length + 1);
  const count = wordSpans(text, spans);
  const tokens: Token[] = [];
  for (let i = 0; i < count; i += 2) {
    const start = spans[i]!, end = spans[i + 1]!;
    const word = text.slice(start, end);
    const term = termOf(word);
    if (term) tokens.push({ term, word, start, end });
  }
  return tokens;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const LETTER_DIGIT_OR_MARK = /^[\p{L}\p{N}\p{M}]$/u;

/**
 * Length of the character at `i` (2 for an astral one) when it is a letter or
 * digit, or with `marks` also a combining mark; else 0.
 */
function wordCharAt(text: string, i: number, marks: boolean): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  const cp = text.codePointAt(i)!;
  return (marks ? LETTER_DIGIT_OR_MARK : LETTER_OR_DIGIT).test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/** Where the letters, digits and combining marks from `i` end. */
function skipWordChars(text: string, i: number): number {
  for (let n = wordCharAt(text, i, true); n > 0; n = wordCharAt(text, i, true)) i += n;
  return i;
}

const isDigitAt = (text: string, i: number) => { const c = text.charCodeAt(i); return c >= 48 && c <= 57; };

/**
 * Where the words of a text are, written to `spans` as start, end, start,
 * end, … (it must hold `text.length + 1` numbers: a word and the character
 * after it take two); returns how many numbers it wrote. A word is letters
 * and digits joined by inner apostrophes, dots (U.S., 3.5) or thousands
 * commas, and combining marks belong to the letter they sit on ("P̶u̶t̶i̶n̶" is
 * one word, folded to "putin"): the pattern (with the u flag)
 * [\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:(?:['.]|,(?=\d{3}))[\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*
 * scanned by hand, into the caller's buffer: a regular expression's match
 * object per word was much of what an answer allocated, and every question,
 * passage and highlighted result is split into words. Every word has a term
 * (it holds a letter or digit), so these are tokenize's tokens one for one.
 */
export function wordSpans(text: string, spans: Int32Array): number {
  if (spans.length < text.length + 1) throw new RangeError(`wordSpans needs room for ${text.length + 1} numbers, got ${spans.length}`);
  let count = 0;
  let i = 0;
  while (i < text.length) {
    // A letter or digit, then letters, digits and the marks on them.
    const first = wordCharAt(text, i, false);
    if (first === 0) { i++; continue; }
    const start = i;
    i = skipWordChars(text, i + first);
    // Joined by an inner apostrophe or dot (U.S., 3.5, Kim's) or a thousands comma (1,000).
    for (;;) {
      const c = text[i];
      const joins = c === "'" || c === '.' ? wordCharAt(text, i + 1, false) > 0 : c === ',' && isDigitAt(text, i + 1) && isDigitAt(text, i + 2) && isDigitAt(text, i + 3);
      if (!joins) break;
      i = skipWordChars(text, i + 1);
    }
    spans[count++] = start;
    spans[count++] = i;
  }
  return count;
}

/** Index terms of a text, in order (what MiniSearch stores). */
export const termsOf = (text: string): string[] => tokenize(text).map((t) => t.term);

/**
 * Words that carry no subject in a question: function words, question words
 * and the ways people phrase a request to a bot. Applied to questions only.
 */
export const QUESTION_STOP_WORDS: ReadonlySet<string> = new Set(`
a about above after again against all am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't
my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd
she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
there's these they they'd they'll they're they've this those through to too under until up us very was wasn't we
we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's
with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
also any anything anyone something someone whether will shall may might must just ever yet still
tell say said says saying explain describe know knows show give find please thanks thank hi hello hey
kind kinds sort type way ways thing things lot much many really actually exactly happen happened like
whats whos hows wheres whens whys thats theres im ive dont doesnt didnt isnt wasnt arent cant wont
maybe perhaps okay ok however although though otherwise meanwhile anyway apparently besides plus nope yeah yes
`.trim().split(/\s+/));

/** Stop words as index terms (so "says" and "said" are caught after stemming too). */
const STOP_TERMS: ReadonlySet<string> = new Set([...QUESTION_STOP_WORDS].map(termOf));

/** True when an index term is a stop word's term (for comparing what passages say). */
export const isStopTerm = (term: string): boolean => STOP_TERMS.has(term);

/** True when a question word carries no subject. Acronyms in capitals ("US", "IT") always carry one. */
export function isStopWord(word: string): boolean {
  if (ACRONYM_CAPS.test(word) || DOTTED_ACRONYM.test(word)) return false;
  const lower = word.toLowerCase();
  // A lone capital other than I and A is a symbol the question is about ("Is P contained in NP?").
  if (/^\p{Lu}$/u.test(word) && word !== 'I' && word !== 'A') return false;
  return QUESTION_STOP_WORDS.has(lower) || STOP_TERMS.has(termOf(word)) || /^\p{L}$/u.test(word);
}
