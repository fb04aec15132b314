/**
 * The engine's public types: what `SearchEngine` takes and gives. Product
 * options are here, each with its default; the weights and thresholds that
 * were tuned on question sets are in tuning.ts.
 */
import type { NoteKind } from './clean.ts';
import type { ArticleMeta } from './corpus.ts';
import type { PassageOptions } from './passages.ts';
import type { Tuning } from './tuning.ts';

export interface EngineOptions {
  /** How articles are cut into passages. Default: paragraphs, longer ones (over 1,000 characters) as windows of up to 4 sentences. */
  passages: PassageOptions;
  /** How many of MiniSearch's best passages are re-ranked. Default: 20. */
  candidates: number;
  /**
   * Refuse a question that asks about someone or something (capitalised words)
   * no article mentions, as its subject; one that only mentions such a name is
   * refused unless a passage holds minWordsTogether of its other words (see
   * decide.ts). Default: true.
   */
  refuseMissingNames: boolean;
  /**
   * A question word no article holds, not a name, with no word family or typo
   * reading, is bridged to the WordNet synonyms of its first this many senses
   * (see synonyms.ts); 0: never. Default: 2 (SYNONYM_SENSES, all the table holds).
   */
  synonymSenses: number;
  /** Weights and thresholds chosen on question sets. Default: DEFAULT_TUNING. */
  tuning: Tuning;
}

/** What the constructor takes: any option, and any tuning value, left out takes its default. */
export type EngineSettings = Partial<Omit<EngineOptions, 'tuning'>> & { tuning?: Partial<Tuning> };

export interface AnswerOptions {
  /** Passages to return (1–10). Default: 3. */
  k?: number;
  /** Skip this many ranked passages first ("More results"). Default: 0. */
  offset?: number;
  /** Only passages of the article with this id. Default: every article. */
  article?: string;
}

/** The re-rank features of one passage, each 0..1 (bm25 relative to the best hit). */
export interface RankFeatures {
  bm25: number;
  coverage: number;
  sentence: number;
  proximity: number;
  phrase: number;
  answerKind: number;
}

export interface Span {
  start: number;
  end: number;
}

export interface Citation {
  passageId: string;
  articleId: string;
  title: string;
  publisher: string | null;
}

export interface ResultPassage {
  passageId: string;
  articleId: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  author: string | null;
  /** Set when the passage is a note around the story (a photo caption, a byline, an attribution line), not story text. */
  kind?: NoteKind;
  text: string;
  score: number;
  /** Offsets into `text` of the sentence that best answers the question. */
  highlight: Span | null;
  /** Offsets into `text` of each of its sentences, as the index splits them (the one splitter, see text.ts). */
  sentences: Span[];
  /** Offsets into `text` of the words that matched the question. */
  matches: Span[];
  /** Why it ranks where it does (for `--explain` and tuning). */
  features: RankFeatures;
  /** Passages of other articles that report the same thing, shown once under this one. */
  alsoIn?: Citation[];
}

export type RefusalReason = 'no-content-words' | 'not-in-articles' | 'too-little-covered' | 'names-not-in-articles';

export interface Answer {
  question: string;
  answered: boolean;
  /** The question's content words that occur in no article. */
  missingTerms: string[];
  /** Misspelt words read as a word of the articles ("treatie" → "treaty"). */
  corrections: Array<{ from: string; to: string }>;
  /** The passages that answer, best first; empty when refused. */
  results: ResultPassage[];
  /** Whether more passages follow these (asked with a larger offset). */
  hasMore: boolean;
  /** When refused: the passages that came closest, best first (at most k); empty otherwise. */
  nearest: ResultPassage[];
  /** How many passages matched any word of the question (before the cut to k). */
  matched: number;
  /** Share of the question (rarity-weighted) that the best passage covers, 0..1: what refusal is decided on. */
  coverage: number;
  refusal: RefusalReason | null;
}

export interface ArticleSummary extends ArticleMeta {
  passageCount: number;
}
