/**
 * Cuts articles into passages: the units a reader takes in at a glance and
 * that make sense alone. A paragraph is a passage; a long paragraph becomes
 * windows of whole sentences; a bullet is a passage of its own. After the
 * story's passages come the article's notes (captions, bylines, attribution
 * lines; see clean.ts), one passage each, so that adding or dropping a note
 * never renumbers the story.
 */
import type { BlockKind, NoteKind } from './clean.ts';
import type { Article } from './corpus.ts';
import { splitSentences } from './text.ts';

/** A story paragraph or bullet, or a note around the story. */
export type PassageKind = BlockKind | NoteKind;

/** Every passage kind, in a fixed order (a kind's code in an index snapshot is its place here). */
export const PASSAGE_KINDS: readonly PassageKind[] = ['paragraph', 'bullet', 'caption', 'byline', 'attribution'];

/** True for the notes around the story, false for its paragraphs and bullets. */
export const isNoteKind = (kind: PassageKind): kind is NoteKind => kind !== 'paragraph' && kind !== 'bullet';

/** How a note is labelled where a passage is shown (the CLI, the Discord card). */
export const NOTE_LABELS: Readonly<Record<NoteKind, string>> = { caption: 'photo caption', byline: 'byline', attribution: 'attribution' };

export interface Passage {
  /** `<articleId>#<n>`, n counting from 1 in reading order: stable while the article is unchanged. */
  id: string;
  articleId: string;
  /** Position in the article, from 1. */
  n: number;
  /** Which block it comes from, from 0: the story's blocks (paragraphs, bullets), then its notes. */
  block: number;
  kind: PassageKind;
  text: string;
}

export interface PassageOptions {
  /** A paragraph longer than this many characters is cut into sentence windows. */
  maxChars: number;
  /** Most sentences in one window. */
  maxSentences: number;
  /** Whether the article's notes (captions, bylines, attribution lines) become passages, after the story's; default yes. */
  notes?: boolean;
}

export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = { maxChars: 1000, maxSentences: 4, notes: true };

/**
 * Groups sentences into windows of at most `maxSentences` sentences and
 * `maxChars` characters (a single longer sentence stands alone), balanced so
 * the last window is not a stub.
 */
export function sentenceWindows(sentences: string[], opts: PassageOptions): string[][] {
  const total = sentences.reduce((n, s) => n + s.length + 1, 0);
  const fits = (w: string[]) => w.length <= opts.maxSentences && (w.length === 1 || w.join(' ').length <= opts.maxChars);
  // The fewest windows the limits allow; one more while greedy balancing overfills a window.
  for (let count = Math.max(Math.ceil(sentences.length / opts.maxSentences), Math.ceil(total / opts.maxChars), 1); count < sentences.length; count++) {
    const windows = balancedWindows(sentences, opts, count, total);
    if (windows.every(fits)) return windows;
  }
  return sentences.length === 1 ? [sentences] : sentences.map((s) => [s]);
}

function balancedWindows(sentences: string[], opts: PassageOptions, count: number, total: number): string[][] {
  const target = total / count;
  const windows: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const sentence of sentences) {
    const remainingWindows = count - windows.length;
    const full = current.length >= opts.maxSentences || (current.length > 0 && size + sentence.length / 2 > target);
    if (full && remainingWindows > 1) {
      windows.push(current);
      current = [];
      size = 0;
    }
    current.push(sentence);
    size += sentence.length + 1;
  }
  if (current.length) windows.push(current);
  return windows;
}

/** All passages of one article: the story in reading order, then its notes in reading order. */
export function splitArticle(article: Article, opts: PassageOptions = DEFAULT_PASSAGE_OPTIONS): Passage[] {
  const passages: Passage[] = [];
  [...article.blocks, ...(opts.notes === false ? [] : article.notes)].forEach((block, blockIndex) => {
    const sentences = block.text.length > opts.maxChars ? splitSentences(block.text) : [block.text];
    const windows = sentences.length > 1 ? sentenceWindows(sentences, opts) : [sentences];
    for (const window of windows) {
      const n = passages.length + 1;
      passages.push({ id: `${article.id}#${n}`, articleId: article.id, n, block: blockIndex, kind: block.kind, text: window.join(' ') });
    }
  });
  return passages;
}
