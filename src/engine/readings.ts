/**
 * Readings of question words the articles do not hold, before they are called
 * missing: a word family ("agree" finds "agreement"), a typo ("treatie" →
 * "treaty"), WordNet synonyms, and source names (a publisher or author).
 * Each takes concepts and returns new ones; nothing is changed in place.
 */
import { termOf } from './analysis.ts';
import { isEnglishName, isEnglishWord } from './english.ts';
import type { IndexedCorpus, SourceNames } from './indexed-corpus.ts';
import { documentFrequency, termId } from './passage-table.ts';
import type { Concept } from './question.ts';
import { isStopTerm } from './analysis.ts';
import { synonymsOf } from './synonyms.ts';

const known = (corpus: IndexedCorpus, term: string) => documentFrequency(corpus.data, term) > 0;

/**
 * Gives a question word that no passage holds a chance: first its word
 * family (vocabulary terms it is a prefix of, as alternatives), then a typo
 * reading (the nearest term one edit away, two from eight letters; two
 * swapped neighbouring letters count as one), which replaces the word.
 */
export function readUnknownWords(concepts: readonly Concept[], corpus: IndexedCorpus): { concepts: Concept[]; corrections: Array<{ from: string; to: string }> } {
  const corrections: Array<{ from: string; to: string }> = [];
  const read = concepts.map((concept) => {
    const own = [...concept.alternatives[0]!];
    const alternatives = [own, ...concept.alternatives.slice(1)];
    own.forEach((term, i) => {
      if (known(corpus, term) || corpus.sources.articlesByTerm.has(term) || term.length < 4 || !/^[a-z]+$/.test(term)) return;
      if (own.length === 1) {
        const family = [...corpus.vocabulary().atPrefix(term).keys()].filter((t) => t.length - term.length <= 6).slice(0, 4);
        if (family.length > 0) {
          alternatives.push(...family.map((t) => [t]));
          return;
        }
      }
      const word = concept.words[i] ?? term;
      const reading = typoReading(term, word, concept.isName && /^\p{Lu}/u.test(word), corpus);
      if (reading) {
        corrections.push({ from: word, to: reading.word ?? reading.term });
        own[i] = reading.term;
      }
    });
    return { ...concept, alternatives };
  });
  return { concepts: read, corrections };
}

/** The articles' word a misspelt `term` (of `word`) most likely stands for, or null. */
function typoReading(term: string, word: string, inName: boolean, corpus: IndexedCorpus): { term: string; word?: string } | null {
  // A real English word is not a typo ("relevant" must not turn into "elevate"), unless it
  // is part of a name the articles do not know ("Primer League" for "Premier League").
  if (term.length < (inName ? 4 : 5) || (!inName && isEnglishWord(word))) return null;
  const maxEdits = term.length >= (inName ? 6 : 8) ? 2 : 1;
  // `word`: what to show the user as the reading, when there is a word rather than only a term.
  const readings: Array<{ term: string; df: number; distance: number; word?: string }> = [];
  for (const [candidate, [df, distance]] of corpus.vocabulary().fuzzyGet(term, maxEdits)) readings.push({ term: candidate, df, distance });
  // Two letters typed in the wrong order are one slip, though Levenshtein counts two; and they are
  // undone on the word, then analysed, because the slip can hide a suffix from the stemmer
  // ("presidnet" is two edits from "president" but three from its term "presid").
  for (const swapped of adjacentTranspositions(word.toLowerCase())) {
    const candidate = termOf(swapped);
    const df = documentFrequency(corpus.data, candidate);
    if (df > 0 && candidate !== term) readings.push({ term: candidate, df, distance: 1, word: swapped });
  }
  let best: (typeof readings)[number] | null = null;
  for (const reading of readings) {
    // A name is read only as another name: "York" is not "work", "India" is not "indicate".
    if (inName && !corpus.data.nameTerm[termId(corpus.data, reading.term)]) continue;
    if (!best || reading.distance < best.distance || (reading.distance === best.distance && reading.df > best.df)) best = reading;
  }
  return best;
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

/**
 * Capitalised words in a row are read as one name, but people also type in
 * Title Case ("Who did Emma Marry?"). A run whose every word the articles
 * know is split back into words; a run with an unknown word stays one
 * name, so "New York" is not half-found through "new".
 */
export function splitKnownWordNames(concepts: readonly Concept[], corpus: IndexedCorpus): Concept[] {
  return concepts.flatMap((c) => {
    const own = c.alternatives[0]!;
    if (!c.isName || c.alternatives.length > 1 || own.length < 2 || own.some((t) => !known(corpus, t))) return [c];
    return own.map((t, i) => ({ words: [c.words[i] ?? t], alternatives: [[t]], isName: /^\p{Lu}/u.test(c.words[i] ?? '') }));
  });
}

/**
 * People type names in lower case ("did china say anything"). A word no
 * article holds, typed in lower case, is read as the name it is in everyday
 * English when its commonest form there is capitalised ("china", "bangkok"),
 * so it is never bridged to synonyms ("porcelain") and a question about it
 * is a question about something the articles never mention. Words of fewer
 * than four letters are left alone: chat spellings ("wat", "pic") are
 * capitalised in subtitles too, as the first word of a line.
 */
export function readLowerCaseNames(concepts: readonly Concept[], corpus: IndexedCorpus): Concept[] {
  return concepts.map((c) => {
    if (c.isName || c.words.length !== 1 || c.alternatives.length > 1) return c;
    const [word] = c.words as [string];
    const [term] = c.alternatives[0]! as [string];
    if (word.length < 4 || !/^\p{Ll}+$/u.test(word) || known(corpus, term) || corpus.sources.articlesByTerm.has(term) || !isEnglishName(word)) return c;
    return { ...c, isName: true };
  });
}

/**
 * A last chance for a question word no article holds and that neither its
 * word family nor a typo reading found: the words that mean the same in its
 * commonest senses ("help" → "aid", "assistance"), those the articles use.
 * Names are never bridged: "Japan" is not some other country.
 */
export function bridgeSynonyms(concepts: readonly Concept[], corpus: IndexedCorpus, senses: number): Concept[] {
  if (senses <= 0) return [...concepts];
  return concepts.map((concept) => {
    const own = concept.alternatives[0]!;
    if (concept.isName || concept.alternatives.length > 1 || own.length !== 1 || known(corpus, own[0]!)) return concept;
    const found = synonymsOf(own[0]!, senses).filter((phrase) => !phrase.every(isStopTerm) && phrase.every((t) => known(corpus, t)));
    return found.length === 0 ? concept : { ...concept, alternatives: [...concept.alternatives, ...found], bridged: true };
  });
}

/**
 * The articles whose publisher or author is named by a concept (any of its
 * alternatives, whole and in order: "DW News", "Hill"), or null when none is.
 */
export function articlesNamedBy(concept: Concept, sources: SourceNames): Set<number> | null {
  let named: Set<number> | null = null;
  for (const alt of concept.alternatives) {
    const articles = sources.articlesByTerm.get(alt[0]!);
    if (!articles) continue;
    for (const a of articles) if (sources.names[a]!.some((name) => holdsRun(name, alt))) (named ??= new Set()).add(a);
  }
  return named;
}

/** True when `run` occurs whole and in order in `list`. */
function holdsRun(list: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= list.length; i++) if (run.every((t, j) => list[i + j] === t)) return true;
  return false;
}
