/**
 * Misspelt question words, read as the words they most likely are before the
 * question is analysed, so that a corrected word is analysed as if typed
 * right: "North Kroea" is North Korea again (an alias group), "Kremmlin" the
 * Kremlin. A word is corrected only when neither the articles nor everyday
 * English know it, and only to the nearest word that the articles hold, an
 * alias names, or that is everyday English and holds an articles' term
 * ("fightinng" → "fighting", whose term the articles have as "fight").
 * Distances are counted on words as typed, not on stems: "initiatves" is one
 * edit from "initiatives" but three from its stem.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { isStopWord, termOf, tokenize } from './analysis.ts';
import { englishTable, isEnglishWord } from './english.ts';
import type { IndexedCorpus } from './indexed-corpus.ts';
import { documentFrequency, termId } from './passage-table.ts';
import { isWordNetTerm } from './synonyms.ts';
import { foldAccents } from './text.ts';

export interface SpellingCorrection {
  from: string;
  to: string;
}

/** Everyday English words (seen at least 5 times in SUBTLEX), as a tree; the same for every corpus, so made once. */
let englishWords: SearchableMap<number> | null = null;

function englishTree(): SearchableMap<number> {
  if (!englishWords) {
    englishWords = new SearchableMap<number>();
    for (const [word, count] of englishTable().counts) if (count >= 5 && /^[a-z]+$/.test(word)) englishWords.set(word, count);
  }
  return englishWords;
}

interface Reading {
  word: string;
  distance: number;
  /** Where it comes from, best first: the articles' own words, an alias, everyday English. */
  source: 0 | 1 | 2;
  /** How common it is there (passages holding its term, or its English count). */
  weight: number;
}

/** The question with its misspelt words replaced, and what was replaced. */
export function correctSpelling(question: string, corpus: IndexedCorpus): { text: string; corrections: SpellingCorrection[] } {
  const corrections: SpellingCorrection[] = [];
  let text = '';
  let at = 0;
  tokenize(question).forEach((token, i) => {
    // A possessive is read apart and put back: "Robbert's" is "Robert's".
    const possessive = /'s?$/.exec(token.word)?.[0] ?? '';
    const word = token.word.slice(0, token.word.length - possessive.length);
    const name = /^\p{Lu}/u.test(word) && (i > 0 || /\p{Ll}\p{Lu}/u.test(word));
    const reading = misspelt(word, token.term, name, corpus) ? nearestWord(foldAccents(word).toLowerCase(), token.term, name, corpus) : null;
    if (!reading) return;
    const to = (/^\p{Lu}/u.test(word) ? reading.word[0]!.toUpperCase() + reading.word.slice(1) : reading.word) + possessive;
    text += question.slice(at, token.start) + to;
    at = token.end;
    corrections.push({ from: token.word, to });
  });
  return { text: text + question.slice(at), corrections };
}

/** Whether a question word is one nobody would write on purpose: unknown to the articles, their aliases and sources, and English. */
function misspelt(word: string, term: string, name: boolean, corpus: IndexedCorpus): boolean {
  if (!/^\p{L}+$/u.test(word) || word.length < (name ? 4 : 5) || isStopWord(word)) return false;
  if (documentFrequency(corpus.data, term) > 0 || corpus.aliasWords.has(word.toLowerCase()) || corpus.sources.articlesByTerm.has(term)) return false;
  // A real English word, one of the subtitles or of WordNet, is not a typo ("relevant" must not turn into
  // "elevate", nor "castling" into "calling"), unless it is part of a name the articles do not know
  // ("Primer League" for "Premier League").
  return name || !(isEnglishWord(word) || isWordNetTerm(term));
}

/**
 * The nearest word to `typed` (lower case), as a word or as its term `term`:
 * one edit, two from eight letters (six in a name), each counted on what is
 * compared (a term is shorter than its word); a swap of neighbours is one.
 */
function nearestWord(typed: string, term: string, name: boolean, corpus: IndexedCorpus): Reading | null {
  const editsFor = (text: string) => (text.length >= (name ? 6 : 8) ? 2 : 1);
  const maxEdits = editsFor(typed);
  const readings: Reading[] = [];
  const articlesHold = (word: string) => {
    const id = termId(corpus.data, termOf(word));
    return id >= 0 && corpus.data.documentFrequency[id]! > 0 && (!name || corpus.data.nameTerm[id] === 1);
  };
  // Aliases and swapped letters first: cheap, and the nearest of them bounds how wide the trees are searched
  // (a reading farther than one already found never wins). They are weighed after the trees' readings, as before.
  const aliases: Reading[] = [];
  for (const word of corpus.aliasWords) {
    const distance = editDistance(typed, word, maxEdits);
    if (distance <= maxEdits) aliases.push({ word, distance, source: 1, weight: 0 });
  }
  // Two letters typed in the wrong order are one slip, though Levenshtein counts two.
  const swaps: Reading[] = [];
  for (const swapped of adjacentTranspositions(typed)) {
    if (corpus.aliasWords.has(swapped)) swaps.push({ word: swapped, distance: 1, source: 1, weight: 0 });
    else if (articlesHold(swapped)) swaps.push({ word: swapped, distance: 1, source: 0, weight: documentFrequency(corpus.data, termOf(swapped)) });
  }
  const nearest = (list: readonly Reading[]) => list.reduce((d, r) => Math.min(d, r.distance), Infinity);
  let bound = Math.min(nearest(aliases), nearest(swaps));
  // A name is read only as another name: "York" is not "work", "India" is not "indicate".
  readings.push(...nearestInTree(corpus.surfaceWords(), typed, Math.min(maxEdits, bound), (word, id, distance) =>
    (!name || corpus.data.nameTerm[id] === 1 ? { word, distance, source: 0, weight: corpus.data.documentFrequency[id]! } : null)));
  bound = Math.min(bound, nearest(readings));
  // The terms too: a demonym's term is a few letters from its country's ("Vietnamese", "Vietnam").
  readings.push(...nearestInTree(corpus.vocabulary(), term, Math.min(editsFor(term), bound), (candidate, _, distance) => {
    const id = termId(corpus.data, candidate);
    const word = corpus.wordOfTerm(id);
    return word && (!name || corpus.data.nameTerm[id] === 1) ? { word, distance, source: 0, weight: corpus.data.documentFrequency[id]! } : null;
  }));
  readings.push(...aliases, ...swaps);
  // Everyday English comes last and wins only when nearer, so it is searched only that near: its tree is
  // large, and a search two edits wide was a twentieth of a 10k-passage answer.
  const englishEdits = Math.min(maxEdits, nearest(readings) - 1);
  if (!name) {
    readings.push(...nearestInTree(englishTree(), typed, englishEdits, (word, count, distance) =>
      (articlesHold(word) ? { word, distance, source: 2, weight: count } : null)));
  }
  let best: Reading | null = null;
  for (const r of readings) {
    if (!best || r.distance < best.distance || (r.distance === best.distance && (r.source < best.source || (r.source === best.source && r.weight > best.weight)))) best = r;
  }
  return best;
}

/**
 * The readings `read` makes of a tree's keys near `text`, searched one edit
 * wide first and wider only when that found none: a tree searched two edits
 * wide costs many times more, and a reading two edits off never beats one a
 * single edit off.
 */
function nearestInTree<T>(tree: SearchableMap<T>, text: string, maxEdits: number, read: (key: string, value: T, distance: number) => Reading | null): Reading[] {
  for (let edits = 1; edits <= maxEdits; edits++) {
    const found: Reading[] = [];
    for (const [key, [value, distance]] of tree.fuzzyGet(text, edits)) {
      const reading = read(key, value, distance);
      if (reading) found.push(reading);
    }
    if (found.length > 0) return found;
  }
  return [];
}

/** The words made by swapping two neighbouring letters of `word` (each once, repeats skipped). */
export function adjacentTranspositions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    const swapped = word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2);
    if (!out.includes(swapped)) out.push(swapped);
  }
  return out;
}

/** Levenshtein distance of `a` and `b`, or `max + 1` once it is sure to exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]!);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}
