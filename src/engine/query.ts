/**
 * Stage 1, analysis: from what was typed to the query the other stages read.
 * Misspellings read as the words meant (spelling.ts), the question's concepts
 * (question.ts), with unknown words read as the articles' words where they
 * can be (readings.ts), each weighted by how rare
 * it is in the passages and in everyday English; the words found nowhere;
 * and the weighted terms MiniSearch is asked for.
 */
import { withoutPossessive } from './analysis.ts';
import { englishRarity } from './english.ts';
import type { IndexedCorpus } from './indexed-corpus.ts';
import { documentFrequency, termId } from './passage-table.ts';
import { conceptsOf, prepareQuestion, type Concept } from './question.ts';
import { addWordFamilies, articlesNamedBy, bridgeSynonyms, readLowerCaseNames, splitKnownWordNames } from './readings.ts';
import { correctSpelling } from './spelling.ts';
import { relatedTermsOf } from './related-words.ts';
import { expectedKind } from './token-kinds.ts';
import { idfOf, type Tuning } from './tuning.ts';

export interface Query {
  concepts: Concept[];
  /** Misspelt words read as a word of the articles. */
  corrections: Array<{ from: string; to: string }>;
  /** The question's words that no passage holds (lower case, each once). */
  missingTerms: string[];
  /** Per concept: how many passages hold it (its commonest alternative; the named articles' passages for a source name). */
  conceptDf: number[];
  /** Per concept: what a passage earns for holding it (a synonym's match earns less than the word would). */
  weights: number[];
  /** The sum of every concept's full weight: what coverage is a share of. */
  totalWeight: number;
  /** What holding each concept counts for in the refusal, and their most (a bridged word counts as missing). */
  refusalWeights: number[];
  refusalTotal: number;
  /** Per concept, its alternatives as term ids (-1: a term no passage holds, which matches nothing). */
  conceptTerms: number[][][];
  /** Every term id of `conceptTerms`. */
  questionTerms: ReadonlySet<number>;
  /** The kind of answer the question's wording asks for (see expectedKind); 0: any. */
  wanted: number;
  /** Per concept, the articles whose publisher or author it names; null when no concept names one. */
  sources: ReadonlyArray<ReadonlySet<number> | null> | null;
  /** Per concept, the passage terms related to its word (term id → similarity); null for names, phrases and words with none. */
  related: ReadonlyArray<ReadonlyMap<number, number> | null>;
  /** What MiniSearch is asked for: each term once, with its weight, in order of first appearance (which decides ties). */
  searchTerms: Array<{ term: string; boost: number }>;
}

export function analyse(question: string, corpus: IndexedCorpus, tuning: Tuning, synonymSenses: number): Query {
  // Chat spellings first ("probly" is no typo of "probe"), then misspellings, then the concepts.
  const spelled = correctSpelling(prepareQuestion(question), corpus);
  const analysed = conceptsOf(spelled.text, corpus.aliases);
  const read = addWordFamilies(analysed.concepts, corpus);
  const concepts = bridgeSynonyms(readLowerCaseNames(splitKnownWordNames(read, corpus), corpus), corpus, synonymSenses);
  const n = Math.max(1, corpus.passages.length);
  const conceptDf: number[] = [], specificity: number[] = [], fullWeights: number[] = [];
  let sources: Array<Set<number> | null> | null = null;
  let totalWeight = 0;
  concepts.forEach((c, ci) => {
    let df = conceptDocumentFrequency(c, corpus);
    // Only what the articles' text never says names a source: a person the stories speak of may also be an
    // author, and "news" in a question is seldom "DW News".
    const named = df === 0 ? articlesNamedBy(c, corpus.sources) : null;
    if (named) {
      (sources ??= new Array<Set<number> | null>(concepts.length).fill(null))[ci] = named;
      // Found in no text but in the metadata: as rare as the named articles' passages are many.
      for (const a of named) df += corpus.data.articlePassageCount[a]!;
    }
    let rarity = -Infinity;
    for (const word of c.words) rarity = Math.max(rarity, englishRarity(word));
    // How much the concept says in everyday English: blended into both its coverage weight and its BM25 share.
    const specific = 1 - tuning.englishPrior + tuning.englishPrior * rarity;
    const weight = idfOf(n, df) * specific;
    conceptDf.push(df);
    specificity.push(specific);
    fullWeights.push(weight);
    totalWeight += weight;
  });
  // The refusal reads a bridged word as what it is, a word no article holds: its synonyms' matches are
  // not counted, and it weighs as much as a missing word. Counting them (at any share of the word's
  // weight) let off-topic questions through on loose synonyms ("telephone" → "call"); see docs/quality.md.
  let refusalTotal = 0;
  const refusalWeights = concepts.map((c, ci) => {
    refusalTotal += c.bridged ? idfOf(n, 0) * specificity[ci]! : fullWeights[ci]!;
    return c.bridged ? 0 : fullWeights[ci]!;
  });
  const conceptTerms = concepts.map((c) => c.alternatives.map((alt) => alt.map((t) => termId(corpus.data, t))));
  const questionTerms = new Set(conceptTerms.flat(2));
  return {
    concepts, corrections: spelled.corrections, missingTerms: missingWords(concepts, conceptDf, corpus), conceptDf,
    weights: concepts.map((c, ci) => (c.bridged ? fullWeights[ci]! * tuning.synonymWeight : fullWeights[ci]!)),
    totalWeight, refusalWeights, refusalTotal, conceptTerms, questionTerms,
    wanted: expectedKind(analysed.text), sources, related: relatedTerms(concepts, questionTerms, corpus, tuning.relatedSimilarity),
    searchTerms: searchTerms(concepts, specificity, tuning),
  };
}

/** How many passages hold a concept: its commonest alternative, each alternative as rare as its rarest word. */
function conceptDocumentFrequency(concept: Concept, corpus: IndexedCorpus): number {
  let df = -Infinity;
  for (const alt of concept.alternatives) {
    let rarest = Infinity;
    for (const t of alt) rarest = Math.min(rarest, documentFrequency(corpus.data, t));
    df = Math.max(df, rarest);
  }
  return df;
}

/** The words of the question that no passage holds (lower case, each once), from the concepts no passage holds. */
function missingWords(concepts: readonly Concept[], conceptDf: readonly number[], corpus: IndexedCorpus): string[] {
  const missing: string[] = [];
  concepts.forEach((c, ci) => {
    // A bridged word is still one no article holds.
    if (conceptDf[ci]! > 0 && !c.bridged) return;
    c.words.forEach((w, wi) => {
      // "Biden's" is missing as "biden": the name, not its possessive.
      const word = withoutPossessive(w.toLowerCase());
      const term = c.alternatives[0]![wi] ?? '';
      if (documentFrequency(corpus.data, term) === 0 && !corpus.sources.articlesByTerm.has(term) && !missing.includes(word)) missing.push(word);
    });
  });
  return missing;
}

/**
 * The BM25 query: each concept gets one share however many words it has,
 * so "Kim Jong Un" does not outweigh "alliance" three to one; a term of
 * several concepts or alternatives gets its largest share.
 */
function searchTerms(concepts: readonly Concept[], specificity: readonly number[], tuning: Tuning): Array<{ term: string; boost: number }> {
  const terms: Array<{ term: string; boost: number }> = [];
  concepts.forEach((c, ci) => c.alternatives.forEach((alt, ai) => {
    for (const term of alt) {
      const w = (ai === 0 ? 1 : c.bridged ? tuning.synonymWeight : tuning.aliasWeight) / alt.length * specificity[ci]!;
      const known = terms.find((q) => q.term === term);
      if (known) known.boost = Math.max(known.boost, w);
      else terms.push({ term, boost: Math.max(0, w) });
    }
  }));
  return terms;
}

/**
 * Per concept, the terms of the articles related to its word. A name is
 * itself only: "Putin" is not "Medvedev", however alike their vectors; and
 * another word of the question is not related, it is itself.
 */
function relatedTerms(concepts: readonly Concept[], questionTerms: ReadonlySet<number>, corpus: IndexedCorpus, minSimilarity: number): Array<Map<number, number> | null> {
  return concepts.map((c) => {
    const own = c.alternatives[0]!;
    if (c.isName || own.length !== 1) return null;
    let found: Map<number, number> | null = null;
    for (const { term, similarity } of relatedTermsOf(own[0]!, minSimilarity)) {
      const id = termId(corpus.data, term);
      if (id < 0 || questionTerms.has(id) || corpus.isContentTerm[id] !== 1) continue;
      (found ??= new Map()).set(id, similarity);
    }
    return found;
  });
}
