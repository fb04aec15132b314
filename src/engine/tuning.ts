/**
 * The weights and thresholds of ranking and refusal. Each was chosen by
 * measuring question sets (docs/quality.md says which and how), not derived:
 * change one only with `npm run eval` before and after, on every set.
 */
export interface Tuning {
  /** Weight of the article title against the passage text in BM25. Default: 0.5. */
  titleBoost: number;
  /** BM25 parameters (MiniSearch's own). Default: k 1.2, b 0.7, d 0.5. */
  bm25: { k: number; b: number; d: number };
  /** Weights of the re-rank features (see rerank.ts). Default: bm25 1, coverage 1, sentence 1, proximity 0.3, phrase 0.6, answerKind 0.2. */
  rerank: { bm25: number; coverage: number; sentence: number; proximity: number; phrase: number; answerKind: number };
  /**
   * Refusal: the best passage must cover at least this share of the
   * question's content, each word weighted by its rarity. Default: 0.26.
   */
  minCoverage: number;
  /**
   * …unless one passage holds at least this many of the question's content
   * words: long, wordy questions cover a small share yet are on topic, while
   * off-topic questions match one stray word at most. Default: 3.
   */
  minWordsTogether: number;
  /** 0..1: how much a word's rarity in everyday English adds to its weight (0 = corpus rarity alone). Default: 0.5. */
  englishPrior: number;
  /**
   * Two passages report the same thing when this share of the smaller one's
   * content words is in the other (overlap coefficient); the lower-ranked one
   * is then listed under the first as "also reported by". Above 1: never. Default: 0.6.
   */
  sameFactOverlap: number;
  /** Weight of a term that only an alias or a word family contributes, against the question's own words. Default: 0.6. */
  aliasWeight: number;
  /**
   * What a synonym's match counts for against the word's own: its share in
   * the BM25 query and of its concept's weight in coverage and the best
   * sentence. The refusal never counts it. Default: 0.5.
   */
  synonymWeight: number;
  /**
   * A question word (not a name) that a candidate passage lacks is matched by
   * the passage's words at least this alike in meaning (see related-words.ts:
   * "soldiers" finds "troops"); at least RELATED_FLOOR, above 1: never. Default: 0.77.
   */
  relatedSimilarity: number;
  /** What such a related word counts for in the ranking, times its similarity, against the word itself. Default: 0.5. */
  relatedWeight: number;
  /** …and in the refusal's coverage, times its similarity. Default: 0.6. */
  relatedRefusalWeight: number;
}

export const DEFAULT_TUNING: Readonly<Tuning> = Object.freeze({
  titleBoost: 0.5,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  rerank: { bm25: 1, coverage: 1, sentence: 1, proximity: 0.3, phrase: 0.6, answerKind: 0.2 },
  minCoverage: 0.26,
  minWordsTogether: 3,
  englishPrior: 0.5,
  sameFactOverlap: 0.6,
  aliasWeight: 0.6,
  synonymWeight: 0.5,
  relatedSimilarity: 0.77,
  relatedWeight: 0.5,
  relatedRefusalWeight: 0.6,
});

/** BM25's idf, as MiniSearch computes it, for a term `df` of `n` passages hold. */
export const idfOf = (n: number, df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));
