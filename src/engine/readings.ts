/**
 * Readings of question concepts the articles do not hold, before they are
 * called missing: a word family ("agree" finds "agreement"), a name typed in
 * lower case, WordNet synonyms, and source names (a publisher or author).
 * Misspellings are read before the question is analysed (spelling.ts).
 * Each takes concepts and returns new ones; nothing is changed in place.
 */
import { isStopTerm } from './analysis.ts';
import { isEnglishName } from './english.ts';
import type { IndexedCorpus, SourceNames } from './indexed-corpus.ts';
import { documentFrequency } from './passage-table.ts';
import type { Concept } from './question.ts';
import { synonymsOf } from './synonyms.ts';

const known = (corpus: IndexedCorpus, term: string) => documentFrequency(corpus.data, term) > 0;

/**
 * Gives a one-word concept that no passage holds its word family: the
 * vocabulary terms it is a prefix of ("agree" finds "agreement"), as
 * alternatives, at most 4 and at most 6 letters longer.
 */
export function addWordFamilies(concepts: readonly Concept[], corpus: IndexedCorpus): Concept[] {
  return concepts.map((concept) => {
    const own = concept.alternatives[0]!;
    if (own.length !== 1) return concept;
    const [term] = own as [string];
    if (known(corpus, term) || corpus.sources.articlesByTerm.has(term) || term.length < 4 || !/^[a-z]+$/.test(term)) return concept;
    const family = [...corpus.vocabulary().atPrefix(term).keys()].filter((t) => t.length - term.length <= 6).slice(0, 4);
    return family.length === 0 ? concept : { ...concept, alternatives: [...concept.alternatives, ...family.map((t) => [t])] };
  });
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
    return own.map((t, i) => ({ words: [c.words[i] ?? t], alternatives: [[t]], isName: /^\p{Lu}/u.test(c.words[i] ?? ''), isSubject: c.isSubject }));
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
