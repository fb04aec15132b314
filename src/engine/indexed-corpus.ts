/**
 * Everything the stages read about the corpus, built once per index and never
 * changed by an answer: the articles and passages, the passage table (see
 * passage-table.ts) with per-term rarity, the alias groups and the names of
 * each article's sources.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { isStopTerm, termsOf, tokenize } from './analysis.ts';
import type { Article } from './corpus.ts';
import type { Passage } from './passages.ts';
import { openPassageTable, type PassageData, type PassageTable } from './passage-table.ts';
import { buildAliasTable, type AliasTable } from './question.ts';
import { idfOf } from './tuning.ts';

/**
 * What people call an article's author when they ask about it ("who wrote…",
 * "the author of…"), as terms: an article with an author is named by these
 * too, so "Who wrote the article about…" asks for the articles that name
 * their author (results show it). Like any source word, only where the
 * articles' own text does not use it.
 */
const AUTHOR_WORDS: readonly string[][] = ['author', 'wrote', 'writer', 'byline', 'reporter'].map(termsOf);

export interface SourceNames {
  /** Per article (corpus order): the terms of its publisher and of its author (and AUTHOR_WORDS with an author). */
  names: string[][][];
  /** A source name's term → the articles whose publisher or author holds it. */
  articlesByTerm: ReadonlyMap<string, number[]>;
}

export interface IndexedCorpus {
  articles: readonly Article[];
  passages: readonly Passage[];
  data: PassageData;
  aliases: AliasTable;
  /** Every word of the alias names (lower case), so a misspelt alias is read as the alias ("Kremmlin"). */
  aliasWords: ReadonlySet<string>;
  sources: SourceNames;
  /** Per term id: its rarity (BM25's idf over the passages) and whether it is a content word. */
  idfOfTerm: Float64Array;
  isContentTerm: Uint8Array;
  /** The content words of each passage: what the same-fact test compares, worked out once rather than for 20 candidates an answer. */
  passageWords: PassageWords;
  /**
   * Term → number of passages holding it, as MiniSearch's own radix tree, for
   * reading unknown words as word families (atPrefix) and typos (fuzzyGet).
   * Made on first use: most questions need none, and at 100k passages it
   * takes 50 ms of start-up. In order of first occurrence, which decides
   * which reading comes first.
   */
  vocabulary(): SearchableMap<number>;
  /** The passages' words as written (see PassageTable.surfaceWords) → their term ids, as a tree for typo readings; made on first use. */
  surfaceWords(): SearchableMap<number>;
  /** A word of the passages indexed as this term (its first), or undefined when none is only letters. */
  wordOfTerm(id: number): string | undefined;
}

/**
 * Each passage's content words, once each and ascending (so two passages'
 * shared words are one merge: see group.ts), and the sum of their rarities:
 * passage p's are term[start[p]] … term[start[p + 1] - 1].
 */
export interface PassageWords {
  start: Int32Array;
  term: Int32Array;
  weight: Float64Array;
}

function passageWordsOf(data: PassageData, isContentTerm: Uint8Array, idfOfTerm: Float64Array): PassageWords {
  const { tokenStart, tokenTerm } = data;
  const n = tokenStart.length - 1;
  const start = new Int32Array(n + 1);
  const weight = new Float64Array(n);
  const terms: number[] = [];
  const seen = new Int32Array(isContentTerm.length).fill(-1);
  for (let p = 0; p < n; p++) {
    let sum = 0;
    for (let i = tokenStart[p]!; i < tokenStart[p + 1]!; i++) {
      const t = tokenTerm[i]!;
      if (isContentTerm[t] !== 1 || seen[t] === p) continue;
      seen[t] = p;
      terms.push(t);
      sum += idfOfTerm[t]!;
    }
    weight[p] = sum;
    start[p + 1] = terms.length;
  }
  const term = Int32Array.from(terms);
  for (let p = 0; p < n; p++) term.subarray(start[p]!, start[p + 1]!).sort();
  return { start, term, weight };
}

/** From the corpus rather than the snapshot: a few words an article, and they change with the metadata alone. */
function sourceNamesOf(articles: readonly Article[]): SourceNames {
  const articlesByTerm = new Map<string, number[]>();
  const names = articles.map((a, number) => {
    const list = [
      ...(a.publisher ? [termsOf(a.publisher)] : []),
      ...(a.author ? [termsOf(a.author), ...AUTHOR_WORDS] : []),
    ];
    for (const term of new Set(list.flat())) {
      const known = articlesByTerm.get(term);
      if (known) known.push(number);
      else articlesByTerm.set(term, [number]);
    }
    return list;
  });
  return { names, articlesByTerm };
}

export function indexCorpus(articles: readonly Article[], aliasGroups: string[][], passages: readonly Passage[], table: PassageTable): IndexedCorpus {
  const data = openPassageTable(table, articles.length);
  const n = passages.length;
  const terms = data.vocabulary.length;
  const idfOfTerm = new Float64Array(terms);
  const isContentTerm = new Uint8Array(terms);
  data.vocabulary.forEach((term, id) => {
    idfOfTerm[id] = idfOf(n, data.documentFrequency[id]!);
    isContentTerm[id] = !isStopTerm(term) && term.length > 1 ? 1 : 0;
  });
  const passageWords = passageWordsOf(data, isContentTerm, idfOfTerm);
  let tree: SearchableMap<number> | null = null;
  let words: SearchableMap<number> | null = null;
  let wordOf: Map<number, string> | null = null;
  return {
    articles, passages, data, aliases: buildAliasTable(aliasGroups), sources: sourceNamesOf(articles), idfOfTerm, isContentTerm,
    aliasWords: new Set(aliasGroups.flat().flatMap((name) => tokenize(name).map((t) => t.word.toLowerCase())).filter((w) => /^\p{L}+$/u.test(w))),
    passageWords,
    vocabulary: () => {
      if (!tree) {
        tree = new SearchableMap<number>();
        data.vocabulary.forEach((term, id) => { if (data.documentFrequency[id]! > 0) tree!.set(term, data.documentFrequency[id]!); });
      }
      return tree;
    },
    surfaceWords: () => {
      if (!words) {
        words = new SearchableMap<number>();
        data.surfaceWords.forEach((word, i) => words!.set(word, data.surfaceTerm[i]!));
      }
      return words;
    },
    wordOfTerm: (id) => {
      if (!wordOf) {
        wordOf = new Map();
        data.surfaceWords.forEach((word, i) => { if (!wordOf!.has(data.surfaceTerm[i]!)) wordOf!.set(data.surfaceTerm[i]!, word); });
      }
      return wordOf.get(id);
    },
  };
}
