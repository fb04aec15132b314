/**
 * Text helpers shared by the loader, the analyser and the scorer: Unicode
 * clean-up, folding for comparison, and sentence splitting. Pure functions.
 */

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/g;
// Zero-width characters, the BOM and soft hyphens carry no meaning but break word matching;
// a zero-width joiner between two emoji stays, as it holds sequences such as 👩‍🚀 together.
const INVISIBLES = /[\u200B\u200C\u2060\uFEFF\u00AD]|(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
// C0/C1 controls except tab and newline: scraped text sometimes carries them.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Normalises text as it comes from a scrape or a user: NFKC, typographic
 * quotes and dashes to ASCII, invisible and control characters removed,
 * CRLF to LF. Keeps line structure so paragraphs survive.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .normalize('NFKC')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(INVISIBLES, '')
    .replace(CONTROLS, '')
    .replace(/[^\S\n]+/g, ' ');
}

// Bidi embeddings, overrides and isolates: echoed back, they would reorder the text around them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// Half of a surrogate pair: not a character, and not encodable as UTF-8.
const LONE_SURROGATES = /\p{Cs}/gu;
// Writing stacks at most a few marks on a letter; more is a "Zalgo" flood meant to spill over other lines.
const MARK_FLOOD = /(\p{M}{3})\p{M}+/gu;

/**
 * What a user typed, made safe to search and to show back: control and bidi
 * characters and lone surrogates removed, combining-mark floods cut to three
 * marks a letter, whitespace (newlines included) collapsed to single spaces.
 * Everything else, emoji and every script included, is kept as typed.
 */
export function cleanUserText(text: string): string {
  return text
    .replace(LONE_SURROGATES, '')
    .replace(/\s+/g, ' ')
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(MARK_FLOOD, '$1')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** The first `max` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair. */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

const ASCII = /^[\x00-\x7F]*$/;

/** Removes diacritics ("Pyöngyang" → "Pyongyang") after canonical decomposition. */
export function foldAccents(text: string): string {
  // Plain ASCII has nothing to fold, and most words are plain ASCII.
  if (ASCII.test(text)) return text;
  return text.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

/** The form used to compare strings: normalised, accent-folded, lower case, single spaces. */
export function foldForMatch(text: string): string {
  return foldAccents(normalizeText(text)).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Made when first needed: creating it takes tens of milliseconds, and a start from a snapshot splits no sentence. */
let sentenceSegmenter: Intl.Segmenter | null = null;

// ICU breaks after these even when the sentence goes on ("Gen. Kim", "Mr. Putin", "the U.S. Capitol").
const ABBREVIATION_END = /(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Sen|Rep|Gov|Pres|St|Jr|Sr|Prof|No|Vol|vs|etc|Inc|Corp|Ltd|Co|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|(?:^|[^\p{L}.])(?:\p{Lu}\.){2,})$/u;

/**
 * The sentences of a text, as offsets of `text` with the space around them
 * left out: Intl.Segmenter's sentences, with a break after a common
 * abbreviation or initials ("U.S.") undone. The one sentence splitter of the
 * project: the passage cutter, the re-rank's sentence starts (token-kinds.ts)
 * and the Discord excerpts all read sentences from here.
 */
export function sentenceSpans(text: string): ReadonlyArray<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  sentenceSegmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  for (const { segment, index } of sentenceSegmenter.segment(text)) {
    const end = index + segment.trimEnd().length;
    const start = end - segment.trim().length;
    if (end === start) continue;
    const last = spans[spans.length - 1];
    if (last && ABBREVIATION_END.test(text.slice(last.start, last.end))) last.end = end;
    else spans.push({ start, end });
  }
  return spans;
}

/** The sentences of a paragraph as strings (see sentenceSpans). */
export function splitSentences(paragraph: string): string[] {
  return sentenceSpans(paragraph).map(({ start, end }) => paragraph.slice(start, end));
}
