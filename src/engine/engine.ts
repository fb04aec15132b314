/**
 * The answer engine: BM25 over passages (as MiniSearch scores it, see passage-index.ts), a re-rank of its best
 * candidates by how much of the question each passage covers and how close
 * together, and an honest "the articles do not say" when nothing covers enough.
 *
 * Discord-free: the bot, the CLI and the benchmark all call `answer()`.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { isStopTerm, termOf, termsOf, tokenize, wordSpans } from './analysis.ts';
import { englishRarity, englishTable, isEnglishWord } from './english.ts';
import type { Article, ArticleMeta, LoadedCorpus } from './corpus.ts';
import { PassageIndex, SearchHits, type PassageIndexArrays } from './passage-index.ts';
import { DEFAULT_PASSAGE_OPTIONS, splitArticle, type Passage, type PassageOptions } from './passages.ts';
import { analyseQuestion, buildAliasTable, type AliasTable, type AnalysedQuestion, type Concept } from './question.ts';
import { CandidateTable, float64AtLeast, int32AtLeast, TermMarks, type RankFeatures } from './candidates.ts';
import { findSeq, holdsConcept, minimalSpan, writeConceptPositions } from './positions.ts';
import { expectedKind, NAME, sentenceStartsOf, tokenKinds } from './token-kinds.ts';
import { decodeSnapshot, encodeSnapshot, type DecodedSnapshot, type SnapshotSection } from './snapshot-file.ts';
import { SYNONYM_SENSES, synonymsOf } from './synonyms.ts';
import { relatedTable, relatedTermsOf } from './related-words.ts';
import { answerWithFirst, compareArticles, pagedAnswer, type Comparison } from './answer-extras.ts';
import { Suggester, type Suggestion, type SuggestOptions } from './suggest.ts';

export interface EngineOptions {
  passages: PassageOptions;
  /** How many BM25 candidates are re-ranked. */
  candidates: number;
  /** Weight of the article title against the passage text in BM25. */
  titleBoost: number;
  /** BM25 parameters (MiniSearch's defaults are k=1.2, b=0.7, d=0.5). */
  bm25: { k: number; b: number; d: number };
  /** Weights of the re-rank features. */
  rerank: { bm25: number; coverage: number; sentence: number; proximity: number; phrase: number; answerKind: number };
  /**
   * Refusal: the best passage must cover at least this share of the question's
   * content, each word weighted by its rarity. See README "How an answer is chosen".
   */
  minCoverage: number;
  /**
   * …unless one passage holds at least this many of the question's content
   * words: long, wordy questions cover a small share yet are on topic, while
   * off-topic questions match one stray word at most.
   */
  minWordsTogether: number;
  /** 0..1: how much a word's rarity in everyday English adds to its weight (0 = corpus rarity alone). */
  englishPrior: number;
  /** Refuse a question that names someone or something (capitalised words) no article mentions. */
  refuseMissingNames: boolean;
  /**
   * Two passages report the same thing when this share of the smaller one's
   * content words is in the other (overlap coefficient); the lower-ranked one
   * is then listed under the first as "also reported by". Above 1: never.
   */
  sameFactOverlap: number;
  /** Two passages report the same thing when their fact sentences share this much (rarity-weighted Dice). Above 1: never. */
  sameFactSentence: number;
  /** Weight of a term that only an alias contributes, against the question's own words. */
  aliasWeight: number;
  /**
   * A question word no article holds, not a name, with no word family or typo
   * reading, is bridged to the words WordNet gives for its first this many
   * senses (see synonyms.ts; the table holds SYNONYM_SENSES, so more finds no more); 0: never.
   */
  synonymSenses: number;
  /**
   * What a synonym's match counts for against the word's own: its share in
   * the BM25 query and of its concept's weight in coverage and the best
   * sentence. The refusal never counts it (see refusalCoverage).
   */
  synonymWeight: number;
  /**
   * A question word (not a name) that a candidate passage lacks is matched by
   * the passage's words at least this alike in meaning (cosine of their word
   * vectors, see related-words.ts: "soldiers" finds "troops", "deal"
   * "agreement"); at least RELATED_FLOOR, above 1: never.
   */
  relatedSimilarity: number;
  /** What such a related word counts for in the ranking, times its similarity, against the word itself. */
  relatedWeight: number;
  /** …and in the refusal's coverage, times its similarity (see refusalCoverage). */
  relatedRefusalWeight: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  passages: DEFAULT_PASSAGE_OPTIONS,
  candidates: 40,
  titleBoost: 0.5,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  rerank: { bm25: 1, coverage: 1, sentence: 1, proximity: 0.3, phrase: 0.6, answerKind: 0.2 },
  minCoverage: 0.25,
  minWordsTogether: 3,
  aliasWeight: 0.6,
  synonymSenses: SYNONYM_SENSES,
  synonymWeight: 0.5,
  relatedSimilarity: 0.77,
  relatedWeight: 0.5,
  relatedRefusalWeight: 0.6,
  englishPrior: 0.5,
  sameFactOverlap: 0.6,
  sameFactSentence: 0.41,
  refuseMissingNames: true,
};

export interface AnswerOptions {
  /** Passages to return (1–10). */
  k?: number;
  /** Skip this many ranked passages first ("More results"). */
  offset?: number;
  /** Only passages of this article. */
  articleId?: string;
}

export interface ResultPassage {
  passageId: string;
  articleId: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  author: string | null;
  text: string;
  score: number;
  /** Offsets into `text` of the sentence that best answers the question. */
  highlight: { start: number; end: number } | null;
  /** Offsets into `text` of the words that matched the question. */
  matches: Array<{ start: number; end: number }>;
  /** Why it ranks where it does (for `--explain` and tuning). */
  features: RankFeatures;
  /** Passages of other articles that report the same thing, shown once under this one. */
  alsoIn?: Citation[];
}

export interface Citation {
  passageId: string;
  articleId: string;
  title: string;
  publisher: string | null;
}

export type RefusalReason = 'no-content-words' | 'not-in-articles' | 'too-little-covered' | 'names-not-in-articles';

export interface Answer {
  question: string;
  answered: boolean;
  /** The question's content words that occur in no article. */
  missingTerms: string[];
  /** Misspelt words read as a word of the articles ("treatie" → "treaty"). */
  corrections: Array<{ from: string; to: string }>;
  results: ResultPassage[];
  /** How many passages matched at all (before the cut to k). */
  matched: number;
  /** Share of the question (rarity-weighted) that the best passage covers, 0..1: what refusal is decided on. */
  coverage: number;
  refusal: RefusalReason | null;
  /** More passages follow this page ("More results" has something to show). */
  hasMore: boolean;
  /** On a refusal: the passages nearest to the question, possibly none (see answer-extras.ts). */
  nearest?: ResultPassage[];
}

export interface ArticleSummary extends ArticleMeta {
  passageCount: number;
}

export type { RankFeatures };

const idfOf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** `text.slice(0, end).trimEnd().length`, without making the two strings (trimEnd's white space: \s). */
function endWithoutSpace(text: string, end: number): number {
  for (; end > 0; end--) {
    const c = text.charCodeAt(end - 1);
    const space = c < 256 ? c === 32 || (c >= 9 && c <= 13) || c === 0xa0 : /\s/.test(text[end - 1]!);
    if (!space) break;
  }
  return end;
}

/**
 * An Answer, every one with the same fields in the same order: one object
 * shape for the JIT (answers built by spreading a base object changed shape
 * and sent `answer` back to the interpreter again and again).
 */
function makeAnswer(question: string, corrections: Answer['corrections'], results: ResultPassage[], matched: number,
  coverage: number, answered: boolean, missingTerms: string[], refusal: RefusalReason | null): Answer {
  return { question, corrections, results, matched, coverage, answered, missingTerms, refusal, hasMore: false };
}

/** What a snapshot holds besides the index arrays: which articles, in which order. */
export interface EngineSnapshotMeta {
  articles: string[];
}

/** What `fromSnapshot` hands the constructor instead of building. */
interface PrebuiltIndex {
  passages: Passage[];
  index: PassageIndex;
  nameTerm: Uint8Array;
}

/** One question as the re-rank and the results read it, worked out once per answer. */
interface RankQuery {
  /** Per concept, its alternatives as term ids (-1: a term no passage holds, which matches nothing). */
  conceptTerms: number[][][];
  /** Every term id of `conceptTerms`. */
  questionTerms: Set<number>;
  /** What a passage earns for holding each concept. */
  weights: number[];
  totalWeight: number;
  /** What holding each concept counts for in the refusal (see refusalCoverage), and their most. */
  refusalWeights: number[];
  refusalTotal: number;
  /** The kind of answer the question's wording asks for (see expectedKind); 0: any. */
  wanted: number;
  /** Per concept, the articles whose publisher or author it names; null when it names none. */
  sources: ReadonlyArray<ReadonlySet<number> | null> | null;
  /**
   * Per concept, the passage terms related to its word (term ids) and how
   * alike (see relatedSimilarity); null for names, phrases and words with
   * none. Every such term is in `relatedMarks`' current set.
   */
  related: Array<{ terms: number[]; similarities: number[] } | null>;
}

/** Content words of a passage (term ids, first occurrence order) and the sum of their rarities. */
interface ContentTerms {
  terms: Int32Array;
  weight: number;
}

export class SearchEngine {
  readonly options: EngineOptions;
  private readonly articleById: Map<string, Article>;
  /** Article id → its position in the corpus, as the index numbers articles. */
  private readonly articleNumber: Map<string, number>;
  private readonly passages: Passage[];
  /** Each passage's terms, kinds and sentences, and BM25 over them (see passage-index.ts). */
  private readonly index: PassageIndex;
  /** See `vocabulary`. */
  private vocabularyTree: SearchableMap<number> | null = null;
  private readonly aliases: AliasTable;
  /** Per term id: 1 for names (see the constructor), for reading misspelt names. */
  private readonly nameTerm: Uint8Array;
  /** Per term id: its rarity (BM25's idf) and whether it is a content word, for telling same-fact passages. */
  private readonly idfOfTerm: Float64Array;
  private readonly isContentTerm: Uint8Array;
  private readonly contentTermsOf: Array<ContentTerms | undefined>;
  /** Scratch for the same-fact test. */
  private readonly termMarks: TermMarks;
  /**
   * This answer's terms related to a word of the question (see
   * RankQuery.related): their own marks, since the same-fact test reuses
   * `termMarks` before the results read these.
   */
  private readonly relatedMarks: TermMarks;
  /** Set by writeRelatedPositions: the best similarity it found. */
  private relatedBest = 0;
  /** Per concept, what a candidate's match of it counts for: 1 for its own words, less for related ones. */
  private matchScale = new Float64Array(16);
  // Scratch reused by every answer, so that an answer allocates little (see candidates.ts); `answer` is not re-entrant.
  /** The BM25 search's best passages. */
  private readonly hits = new SearchHits();
  /** The candidates being re-ranked. */
  private readonly candidates = new CandidateTable();
  /** One candidate's concept positions: concept ci's are positions[conceptStart[ci]] … positions[conceptStart[ci + 1] - 1]. */
  private positions = new Int32Array(256);
  private conceptStart = new Int32Array(16);
  /** minimalSpan's place in each concept's positions. */
  private spanCursor = new Int32Array(16);
  /** A result passage's word offsets (see wordSpans). */
  private spans = new Int32Array(2048);
  /** A result passage's per concept and sentence match strength. */
  private sentenceStrength = new Float64Array(256);
  private summaries: readonly ArticleSummary[] | null = null;
  private suggesterMade: Suggester | null = null;
  /**
   * Set by rerank: the best candidate's share of the question, and the most
   * concepts one candidate holds, as the refusal counts them (a bridged
   * word's synonyms not at all; an article's publisher or author only beside
   * other words of the question).
   */
  private refusalCoverage = 0;
  private refusalWordsTogether = 0;
  /**
   * Per article (corpus order): the terms of its publisher and of its author,
   * so that a question can name a source ("How does The Hill describe…",
   * "the WORLD article"), which the articles' text seldom does.
   */
  private readonly sourceNames: string[][][];
  /** A source name's term → the articles whose publisher or author holds it. */
  private readonly articlesBySourceTerm = new Map<string, number[]>();

  constructor(corpus: Pick<LoadedCorpus, 'articles' | 'aliases'>, options: Partial<EngineOptions> = {}, prebuilt?: PrebuiltIndex) {
    this.options = { ...DEFAULT_ENGINE_OPTIONS, ...options };
    // Loaded with the index, so the first question does not wait for it.
    englishTable();
    this.articleById = new Map(corpus.articles.map((a) => [a.id, a]));
    this.articleNumber = new Map(corpus.articles.map((a, i) => [a.id, i]));
    this.aliases = buildAliasTable(corpus.aliases);
    // From the corpus rather than the snapshot: a few words an article, and they change with the metadata alone.
    this.sourceNames = corpus.articles.map((a, number) => {
      const names = [
        ...(a.publisher ? [termsOf(a.publisher)] : []),
        ...(a.author ? [termsOf(a.author), ...AUTHOR_WORDS] : []),
      ];
      for (const term of new Set(names.flat())) {
        const articles = this.articlesBySourceTerm.get(term);
        if (articles) articles.push(number);
        else this.articlesBySourceTerm.set(term, [number]);
      }
      return names;
    });
    if (prebuilt) {
      this.passages = prebuilt.passages;
      this.index = prebuilt.index;
      this.nameTerm = prebuilt.nameTerm;
    } else {
      this.passages = corpus.articles.flatMap((article) => splitArticle(article, this.options.passages));
      const nameTerms = new Set<string>();
      // Capitalised only at the start of sentences, and never written in lower case: a name too ("Buddhism is…").
      const startCapitalised = new Set<string>(), lowerCase = new Set<string>();
      this.index = PassageIndex.build(this.passages.map((p) => {
        const tokens = tokenize(p.text);
        const sentenceStarts = sentenceStartsOf(p.text, tokens);
        const kinds = tokenKinds(tokens, sentenceStarts);
        tokens.forEach(({ word, term }, i) => {
          if (kinds[i]! & NAME) nameTerms.add(term);
          else if (/^\p{Lu}/u.test(word)) startCapitalised.add(term);
          else if (/^\p{Ll}/u.test(word)) lowerCase.add(term);
        });
        return { article: this.articleNumber.get(p.articleId)!, terms: tokens.map((t) => t.term), sentenceStarts, kinds };
      }), corpus.articles.map((a) => tokenize(a.title).map((t) => t.term)));
      for (const term of startCapitalised) if (!lowerCase.has(term)) nameTerms.add(term);
      this.nameTerm = Uint8Array.from(this.index.arrays.vocabulary, (term) => (nameTerms.has(term) ? 1 : 0));
    }
    const { vocabulary } = this.index.arrays;
    const n = this.passages.length;
    this.idfOfTerm = new Float64Array(vocabulary.length);
    this.isContentTerm = new Uint8Array(vocabulary.length);
    vocabulary.forEach((term, id) => {
      this.idfOfTerm[id] = idfOf(n, this.index.documentFrequencyOf(id));
      this.isContentTerm[id] = !isStopTerm(term) && term.length > 1 ? 1 : 0;
    });
    this.contentTermsOf = new Array(this.passages.length);
    this.relatedMarks = new TermMarks(vocabulary.length);
    // Loaded with the index, so the first question does not wait for it.
    relatedTable();
    this.termMarks = new TermMarks(vocabulary.length);
  }

  /** Everything built from the corpus, as arrays: loading it skips tokenising and indexing. */
  snapshotData(): { meta: EngineSnapshotMeta; sections: Record<string, SnapshotSection> } {
    return {
      meta: { articles: [...this.articleById.keys()] },
      sections: {
        ...this.index.arrays,
        passageBlock: Int32Array.from(this.passages, (p) => p.block),
        passageBullet: Uint8Array.from(this.passages, (p) => (p.kind === 'bullet' ? 1 : 0)),
        passageText: this.passages.map((p) => p.text),
        nameTerm: this.nameTerm,
      },
    };
  }

  /** `snapshotData()` as bytes (see snapshot-file.ts). */
  toSnapshot(): Buffer {
    const { meta, sections } = this.snapshotData();
    return encodeSnapshot(meta, sections);
  }

  /**
   * Rebuilds an engine from `toSnapshot()` output; the corpus supplies
   * articles and aliases and must be the one the snapshot was made from.
   * Throws on a malformed or damaged snapshot.
   */
  static fromSnapshot(corpus: Pick<LoadedCorpus, 'articles' | 'aliases'>, snapshot: Uint8Array, options: Partial<EngineOptions> = {}): SearchEngine {
    return SearchEngine.fromSnapshotData(corpus, decodeSnapshot(snapshot), options);
  }

  /** `fromSnapshot` on a decoded snapshot whose meta is `snapshotData().meta`. */
  static fromSnapshotData(corpus: Pick<LoadedCorpus, 'articles' | 'aliases'>, snapshot: DecodedSnapshot, options: Partial<EngineOptions> = {}): SearchEngine {
    const meta = snapshot.meta as Partial<EngineSnapshotMeta> | null;
    const articleIds = corpus.articles.map((a) => a.id);
    if (!Array.isArray(meta?.articles) || meta.articles.length !== articleIds.length || meta.articles.some((id, i) => id !== articleIds[i])) {
      throw new Error('the snapshot is of other articles');
    }
    const arrays: PassageIndexArrays = {
      vocabulary: snapshot.strings('vocabulary'),
      passageArticle: snapshot.int32('passageArticle'),
      tokenStart: snapshot.int32('tokenStart'),
      tokenTerm: snapshot.int32('tokenTerm'),
      tokenKind: snapshot.uint8('tokenKind'),
      sentenceStart: snapshot.int32('sentenceStart'),
      sentenceToken: snapshot.int32('sentenceToken'),
      titleStart: snapshot.int32('titleStart'),
      titleTerm: snapshot.int32('titleTerm'),
      postingStart: snapshot.int32('postingStart'),
      postingPassage: snapshot.int32('postingPassage'),
      postingCount: snapshot.int32('postingCount'),
    };
    PassageIndex.check(arrays, articleIds.length);
    const block = snapshot.int32('passageBlock');
    const bullet = snapshot.uint8('passageBullet');
    const text = snapshot.strings('passageText');
    const nameTerm = snapshot.uint8('nameTerm');
    const count = arrays.passageArticle.length;
    if (block.length !== count || bullet.length !== count || text.length !== count) throw new Error('not an index snapshot: passages');
    if (nameTerm.length !== arrays.vocabulary.length) throw new Error('not an index snapshot: name terms');
    // Ids and numbers are derived: an article's passages are contiguous and numbered from 1.
    const passages = new Array<Passage>(count);
    for (let i = 0, n = 0; i < count; i++) {
      const articleId = articleIds[arrays.passageArticle[i]!]!;
      n = i > 0 && arrays.passageArticle[i - 1] === arrays.passageArticle[i] ? n + 1 : 1;
      passages[i] = { id: `${articleId}#${n}`, articleId, n, block: block[i]!, kind: bullet[i] ? 'bullet' : 'paragraph', text: text[i]! };
    }
    return new SearchEngine(corpus, options, { passages, index: new PassageIndex(arrays), nameTerm });
  }

  /** Number of passages indexed. */
  get passageCount(): number {
    return this.passages.length;
  }

  /**
   * The articles with their metadata and passage counts, in corpus order.
   * Made once and frozen: the bot asks on every answer, and copying 13,000
   * summaries each time cost more than the answer.
   */
  articles(): readonly ArticleSummary[] {
    if (!this.summaries) {
      const counts = new Map<string, number>();
      for (const p of this.passages) counts.set(p.articleId, (counts.get(p.articleId) ?? 0) + 1);
      this.summaries = Object.freeze([...this.articleById.values()].map((a) => Object.freeze({
        id: a.id, title: a.title, publisher: a.publisher, published: a.published, url: a.url,
        author: a.author, titleWritten: a.titleWritten, file: a.file, passageCount: counts.get(a.id) ?? 0,
      })));
    }
    return this.summaries;
  }

  article(id: string): ArticleSummary | undefined {
    return this.articles().find((a) => a.id === id);
  }

  /** One article's passages in reading order. */
  passagesOf(articleId: string): Passage[] {
    return this.passages.filter((p) => p.articleId === articleId).map((p) => ({ ...p }));
  }

  /** Passages and articles to offer while someone types (see suggest.ts). */
  suggest(text: string, opts: SuggestOptions): Suggestion[] {
    return this.suggester.suggest(text, opts);
  }

  /** The article someone named by key, id, title or a unique part of it (see suggest.ts). */
  findArticle(text: string): ArticleSummary | null {
    return this.suggester.findArticle(text);
  }

  /**
   * The answer for a picked passage suggestion (its key): that passage first, then the
   * answer to its sentence; null when the key names no passage of these articles.
   */
  answerPicked(key: string, opts: AnswerOptions = {}): Answer | null {
    return this.suggester.answerPicked(key, (q, first) => answerWithFirst((qq, o) => this.answer(qq, o), q, first, opts));
  }

  /** The best passage of each article that answers the question (see answer-extras.ts). */
  compare(question: string, opts: { limit: number }): Comparison {
    return compareArticles((q, o) => this.answer(q, o), this.articles(), question, opts);
  }

  /** Builds the suggestions' index now rather than on the first keystroke (see suggest.ts). */
  prepareSuggestions(): void {
    this.suggester.prepare();
  }

  /** Made on first use: only the bot suggests, and the CLI should not pay for it. */
  private get suggester(): Suggester {
    return this.suggesterMade ??= new Suggester(this.passages, this.articles(), (q, o) => this.answer(q, o));
  }

  private documentFrequency(term: string): number {
    return this.index.documentFrequency(term);
  }

  /**
   * Term → number of passages holding it, as a tree for reading unknown words
   * as word families and typos. Made when first needed: most questions need
   * none, and at 100k passages it takes 50 ms of start-up. Filled in order of
   * first occurrence, as MiniSearch's own tree was: the tree's order decides
   * which word family and which typo reading come first.
   */
  private get vocabulary(): SearchableMap<number> {
    if (!this.vocabularyTree) {
      this.vocabularyTree = new SearchableMap<number>();
      this.index.arrays.vocabulary.forEach((term, id) => {
        const df = this.index.documentFrequencyOf(id);
        if (df > 0) this.vocabularyTree!.set(term, df);
      });
    }
    return this.vocabularyTree;
  }

  /**
   * Gives a question word that no passage holds a chance before it is called
   * missing: first its word family ("agree" finds "agreement": vocabulary terms
   * it is a prefix of), then a typo reading ("treatie" → "treaty": the nearest
   * term one edit away, two from eight letters). Changes the concepts in place.
   */
  private resolveUnknownWords(concepts: Concept[]): Array<{ from: string; to: string }> {
    const corrections: Array<{ from: string; to: string }> = [];
    for (const concept of concepts) {
      const own = concept.alternatives[0]!;
      own.forEach((term, i) => {
        if (this.documentFrequency(term) > 0 || this.articlesBySourceTerm.has(term) || term.length < 4 || !/^[a-z]+$/.test(term)) return;
        if (own.length === 1) {
          const family = [...this.vocabulary.atPrefix(term).keys()].filter((t) => t.length - term.length <= 6).slice(0, 4);
          if (family.length > 0) {
            concept.alternatives.push(...family.map((t) => [t]));
            return;
          }
        }
        // A real English word is not a typo ("relevant" must not turn into "elevate"), unless it
        // is part of a name the articles do not know ("Primer League" for "Premier League").
        const word = concept.words[i] ?? term;
        const inName = concept.isName && /^\p{Lu}/u.test(word);
        if (term.length < (inName ? 4 : 5) || (!inName && isEnglishWord(word))) return;
        const maxEdits = term.length >= (inName ? 6 : 8) ? 2 : 1;
        // `word`: what to show the user as the reading, when there is a word rather than only a term.
        const readings: Array<{ term: string; df: number; distance: number; word?: string }> = [];
        for (const [candidate, [df, distance]] of this.vocabulary.fuzzyGet(term, maxEdits)) readings.push({ term: candidate, df, distance });
        // Two letters typed in the wrong order are one slip, though Levenshtein counts two; and they are
        // undone on the word, then analysed, because the slip can hide a suffix from the stemmer
        // ("presidnet" is two edits from "president" but three from its term "presid").
        for (const swapped of adjacentTranspositions(word.toLowerCase())) {
          const candidate = termOf(swapped);
          const df = this.documentFrequency(candidate);
          if (df > 0 && candidate !== term) readings.push({ term: candidate, df, distance: 1, word: swapped });
        }
        let best: (typeof readings)[number] | null = null;
        for (const reading of readings) {
          // A name is read only as another name: "York" is not "work", "India" is not "indicate".
          if (inName && !this.nameTerm[this.index.termId(reading.term)]) continue;
          if (!best || reading.distance < best.distance || (reading.distance === best.distance && reading.df > best.df)) best = reading;
        }
        if (best) {
          corrections.push({ from: concept.words[i] ?? term, to: best.word ?? best.term });
          own[i] = best.term;
        }
      });
    }
    return corrections;
  }

  /**
   * Capitalised words in a row are read as one name, but people also type in
   * Title Case ("Who did Emma Marry?"). A run whose every word the articles
   * know is split back into words; a run with an unknown word stays one
   * name, so "New York" is not half-found through "new".
   */
  private splitKnownWordNames(concepts: Concept[]): Concept[] {
    return concepts.flatMap((c) => {
      const own = c.alternatives[0]!;
      if (!c.isName || c.alternatives.length > 1 || own.length < 2 || own.some((t) => this.documentFrequency(t) === 0)) return [c];
      return own.map((t, i) => ({ words: [c.words[i] ?? t], alternatives: [[t]], isName: /^\p{Lu}/u.test(c.words[i] ?? '') }));
    });
  }

  /**
   * A last chance for a question word no article holds and that neither its
   * word family nor a typo reading found: the words that mean the same in its
   * commonest senses ("help" → "aid", "assistance"), those the articles use.
   * Names are never bridged: "Japan" is not some other country. Changes the
   * concepts in place.
   */
  private bridgeSynonyms(concepts: Concept[]): void {
    const senses = this.options.synonymSenses;
    if (senses <= 0) return;
    for (const concept of concepts) {
      const own = concept.alternatives[0]!;
      if (concept.isName || concept.alternatives.length > 1 || own.length !== 1 || this.documentFrequency(own[0]!) > 0) continue;
      const found = synonymsOf(own[0]!, senses).filter((phrase) => !phrase.every(isStopTerm) && phrase.every((t) => this.documentFrequency(t) > 0));
      if (found.length === 0) continue;
      concept.alternatives.push(...found);
      concept.bridged = true;
    }
  }

  /** How many passages hold a concept: its commonest alternative, each alternative as rare as its rarest word. */
  private conceptDocumentFrequency(concept: Concept): number {
    let df = -Infinity;
    for (const alt of concept.alternatives) {
      let rarest = Infinity;
      for (const t of alt) rarest = Math.min(rarest, this.documentFrequency(t));
      df = Math.max(df, rarest);
    }
    return df;
  }

  /**
   * The articles whose publisher or author is named by a concept (any of its
   * alternatives, whole and in order: "DW News", "Hill", "Canterberry"), or
   * null when none is.
   */
  private articlesNamedBy(concept: Concept): Set<number> | null {
    let named: Set<number> | null = null;
    for (const alt of concept.alternatives) {
      const articles = this.articlesBySourceTerm.get(alt[0]!);
      if (!articles) continue;
      for (const a of articles) if (this.sourceNames[a]!.some((name) => holdsRun(name, alt))) (named ??= new Set()).add(a);
    }
    return named;
  }

  /**
   * A question that names a source asks what that source says ("How does The
   * Hill describe…"): only the named articles' passages answer it. Marks
   * them, by position in the corpus.
   */
  private namedArticles(sources: ReadonlyArray<ReadonlySet<number> | null>): Uint8Array {
    const marked = new Uint8Array(this.sourceNames.length);
    for (const named of sources) if (named) for (const a of named) marked[a] = 1;
    return marked;
  }

  /** The words of the question that no passage holds (lower case, each once), from the concepts no passage holds. */
  private missingWords(concepts: Concept[], conceptDf: number[]): string[] {
    const missing: string[] = [];
    concepts.forEach((c, ci) => {
      // A bridged word is still one no article holds.
      if (conceptDf[ci]! > 0 && !c.bridged) return;
      c.words.forEach((w, wi) => {
        const word = w.toLowerCase();
        const term = c.alternatives[0]![wi] ?? '';
        if (this.documentFrequency(term) === 0 && !this.articlesBySourceTerm.has(term) && !missing.includes(word)) missing.push(word);
      });
    });
    return missing;
  }

  /**
   * The BM25 query: each concept gets one share however many words it has,
   * so "Kim Jong Un" does not outweigh "alliance" three to one; a term of
   * several concepts or alternatives gets its largest share. In order of
   * first appearance, which decides ties.
   */
  private queryTerms(concepts: Concept[], specificity: number[]): Array<{ term: string; boost: number }> {
    const terms: Array<{ term: string; boost: number }> = [];
    concepts.forEach((c, ci) => c.alternatives.forEach((alt, ai) => {
      for (const term of alt) {
        const w = (ai === 0 ? 1 : c.bridged ? this.options.synonymWeight : this.options.aliasWeight) / alt.length * specificity[ci]!;
        const known = terms.find((q) => q.term === term);
        if (known) known.boost = Math.max(known.boost, w);
        else terms.push({ term, boost: Math.max(0, w) });
      }
    }));
    return terms;
  }

  /** Answers a question with the best passages, or refuses when the articles do not cover it (and offers the nearest). */
  answer(question: string, opts: AnswerOptions = {}): Answer {
    return pagedAnswer((q, o) => this.rankedAnswer(q, o), question, opts);
  }

  private rankedAnswer(question: string, opts: AnswerOptions): Answer {
    const k = Math.min(10, Math.max(1, Math.trunc(opts.k ?? 3)));
    const offset = Math.max(0, Math.trunc(opts.offset ?? 0));
    const analysed = analyseQuestion(question, this.aliases);
    const corrections = this.resolveUnknownWords(analysed.concepts);
    analysed.concepts = this.splitKnownWordNames(analysed.concepts);
    const concepts = analysed.concepts;
    this.bridgeSynonyms(concepts);
    if (concepts.length === 0) return makeAnswer(question, corrections, [], 0, 0, false, [], 'no-content-words');

    const n = Math.max(1, this.passages.length);
    // Loops rather than spreads of mapped arrays: every array made per answer brings the next scavenge closer.
    const conceptDf: number[] = [], specificity: number[] = [], weights: number[] = [];
    // Per concept, the articles whose publisher or author it names; null for most questions, which name none.
    let sources: Array<Set<number> | null> | null = null;
    // How much each concept says in everyday English: blended into both its coverage weight and its BM25 share.
    const { englishPrior } = this.options;
    let totalWeight = 0;
    for (let ci = 0; ci < concepts.length; ci++) {
      const c = concepts[ci]!;
      let df = this.conceptDocumentFrequency(c);
      // Only what the articles' text never says names a source: a person the stories speak of may also be an
      // author, and "news" in a question is seldom "DW News".
      const named = df === 0 ? this.articlesNamedBy(c) : null;
      if (named) {
        (sources ??= new Array<Set<number> | null>(concepts.length).fill(null))[ci] = named;
        // Found in no text but in the metadata: as rare as the named articles' passages are many.
        for (const a of named) df += this.index.passagesOf(a);
      }
      let rarity = -Infinity;
      for (let wi = 0; wi < c.words.length; wi++) rarity = Math.max(rarity, englishRarity(c.words[wi]!));
      const specific = 1 - englishPrior + englishPrior * rarity;
      conceptDf.push(df);
      specificity.push(specific);
      const weight = idfOf(n, df) * specific;
      weights.push(weight);
      totalWeight += weight;
    }
    const missingTerms = this.missingWords(concepts, conceptDf);

    const hits = this.hits;
    this.index.search({
      terms: this.queryTerms(concepts, specificity),
      titleBoost: this.options.titleBoost,
      bm25: this.options.bm25,
      article: opts.articleId ? this.articleNumber.get(opts.articleId) ?? -1 : undefined,
      articles: sources ? this.namedArticles(sources) : undefined,
      limit: this.options.candidates,
    }, hits);
    const { matched } = hits;
    if (matched === 0) return makeAnswer(question, corrections, [], 0, 0, false, missingTerms, 'not-in-articles');

    // What a passage earns for holding a concept: a synonym of a word no article holds earns less than the word would.
    const matchWeights: number[] = [];
    for (let ci = 0; ci < concepts.length; ci++) matchWeights.push(concepts[ci]!.bridged ? weights[ci]! * this.options.synonymWeight : weights[ci]!);
    // The re-rank compares term ids; a term no passage holds is -1 and matches nothing.
    const conceptTerms = concepts.map((c) => c.alternatives.map((alt) => alt.map((t) => this.index.termId(t))));
    // The refusal reads a bridged word as what it is, a word no article holds: its synonyms' matches are
    // not counted, and it weighs as much as a missing word. Counting them (at any share of the word's
    // weight) let off-topic questions through on loose synonyms ("telephone" → "call"); see the README.
    const refusalWeights: number[] = [];
    let refusalTotal = 0;
    for (let ci = 0; ci < concepts.length; ci++) {
      const bridged = concepts[ci]!.bridged === true;
      refusalWeights.push(bridged ? 0 : weights[ci]!);
      refusalTotal += bridged ? idfOf(n, 0) * specificity[ci]! : weights[ci]!;
    }
    const questionTerms = new Set(conceptTerms.flat(2));
    const query: RankQuery = {
      conceptTerms, questionTerms, weights: matchWeights, totalWeight, refusalWeights, refusalTotal,
      wanted: expectedKind(analysed.text), sources, related: this.relatedTerms(concepts, questionTerms),
    };
    this.rerank(hits, query);
    const table = this.candidates;
    const coverage = this.refusalCoverage, wordsTogether = this.refusalWordsTogether;
    // A question about a person, place or thing no article names ("New York", "Xi Jinping") cannot be
    // answered from them, however well its other words match.
    const missingName = this.options.refuseMissingNames && concepts.some((c, ci) => c.isName && conceptDf[ci] === 0);
    if (missingName) {
      return makeAnswer(question, corrections, [], matched, coverage, false, missingTerms, 'names-not-in-articles');
    }
    if (coverage < this.options.minCoverage && wordsTogether < this.options.minWordsTogether) {
      return makeAnswer(question, corrections, [], matched, coverage, false, missingTerms, 'too-little-covered');
    }
    const results = this.groupSameFacts(offset + k).slice(offset).map(({ lead, also }) => {
      const result = this.toResult(lead, query);
      if (also.length) result.alsoIn = also.map((c) => this.citation(table.passage[c]!));
      return result;
    });
    return makeAnswer(question, corrections, results, matched, coverage, true, missingTerms, null);
  }

  /**
   * Scores each BM25 hit by how much of the question it covers, in one
   * sentence and close together, into the candidate table, and ranks them.
   */
  private rerank(hits: SearchHits, query: RankQuery): void {
    const { conceptTerms, questionTerms, weights, totalWeight, refusalWeights, refusalTotal, wanted, sources, related } = query;
    const topBm25 = hits.score[0]!;
    const { rerank, relatedWeight, relatedRefusalWeight } = this.options;
    this.matchScale = float64AtLeast(this.matchScale, conceptTerms.length);
    const scale = this.matchScale;
    const alternativeCount = conceptTerms.reduce((sum, alternatives) => sum + alternatives.length, 0);
    const { tokenStart, tokenTerm, tokenKind, titleStart, titleTerm } = this.index.arrays;
    this.conceptStart = int32AtLeast(this.conceptStart, conceptTerms.length + 1);
    this.spanCursor = int32AtLeast(this.spanCursor, conceptTerms.length);
    const { conceptStart, spanCursor } = this;
    const table = this.candidates;
    table.reset(hits.count);
    this.refusalCoverage = 0;
    this.refusalWordsTogether = 0;
    for (let c = 0; c < hits.count; c++) {
      const index = hits.passage[c]!, bm25 = hits.score[c]!;
      const from = tokenStart[index]!, to = tokenStart[index + 1]!;
      const article = this.index.articleOf(index);
      // Each alternative starts at most once per token.
      this.positions = int32AtLeast(this.positions, alternativeCount * (to - from));
      const positions = this.positions;
      let covered = 0, present = 0, refusalCovered = 0, refusalPresent = 0, refusalBySource = 0;
      conceptStart[0] = 0;
      for (let ci = 0; ci < conceptTerms.length; ci++) {
        conceptStart[ci + 1] = writeConceptPositions(tokenTerm, from, to, conceptTerms[ci]!, positions, conceptStart[ci]!);
        scale[ci] = 1;
        if (conceptStart[ci + 1]! > conceptStart[ci]!) {
          covered += weights[ci]!;
          present++;
          if (refusalWeights[ci]! > 0) {
            refusalCovered += refusalWeights[ci]!;
            refusalPresent++;
          }
        } else if (holdsConcept(titleTerm, titleStart[article]!, titleStart[article + 1]!, conceptTerms[ci]!)) {
          covered += weights[ci]! * 0.5;
          refusalCovered += refusalWeights[ci]! * 0.5;
        } else if (sources?.[ci]?.has(article)) {
          // The article's publisher or author, credited as a title word is; for refusal, only beside other words it holds.
          covered += weights[ci]! * 0.5;
          refusalCovered += refusalWeights[ci]! * 0.5;
          refusalBySource += refusalWeights[ci]! * 0.5;
        } else if (related[ci]) {
          conceptStart[ci + 1] = this.writeRelatedPositions(related[ci]!, from, to, positions, conceptStart[ci]!);
          if (this.relatedBest > 0) {
            // Found in other words: where, for closeness and the best sentence, but worth less than its own.
            scale[ci] = relatedWeight * this.relatedBest;
            covered += weights[ci]! * scale[ci]!;
            present++;
            refusalCovered += refusalWeights[ci]! * relatedRefusalWeight * this.relatedBest;
          }
        }
      }
      this.refusalCoverage = Math.max(this.refusalCoverage, refusalCovered > refusalBySource ? refusalCovered / refusalTotal : 0);
      this.refusalWordsTogether = Math.max(this.refusalWordsTogether, refusalPresent);
      // The best single sentence: how much of the question one sentence holds.
      let sentence = 0;
      let answerShaped = 0;
      const sentences = this.index.sentenceCountOf(index);
      table.reserveFactSentences(sentences);
      const factFrom = table.factFrom[c]!;
      let factTo = factFrom;
      for (let s = 0; s < sentences; s++) {
        const first = this.index.sentenceBound(index, s), end = this.index.sentenceBound(index, s + 1);
        let w = 0;
        // Loops rather than callbacks here and below: this runs for every sentence of 40 candidates.
        for (let ci = 0; ci < conceptTerms.length; ci++) {
          for (let j = conceptStart[ci]!; j < conceptStart[ci + 1]!; j++) if (positions[j]! >= first && positions[j]! < end) { w += weights[ci]! * scale[ci]!; break; }
        }
        if (w > 0 && w === sentence) table.factSentence[factTo++] = s;
        if (w > sentence) {
          sentence = w;
          factTo = factFrom;
          table.factSentence[factTo++] = s;
          // Does the sentence that speaks to the question hold something of the asked-for kind that the question lacks?
          answerShaped = 0;
          if (wanted) for (let i = from + first; i < from + end; i++) if ((tokenKind[i]! & wanted) && !questionTerms.has(tokenTerm[i]!)) { answerShaped = 1; break; }
        }
      }
      const proximity = present >= 2 ? Math.min(1, (present - 1) / (minimalSpan(positions, conceptStart, conceptTerms.length, spanCursor) - 1)) : 0;
      // Words next to each other in the question and (nearly) so in the passage: "war in Ukraine", "mutual aid".
      let phrases = 0;
      for (let ci = 0; ci + 1 < conceptTerms.length; ci++) {
        near: for (let i = conceptStart[ci]!; i < conceptStart[ci + 1]!; i++) {
          for (let j = conceptStart[ci + 1]!; j < conceptStart[ci + 2]!; j++) {
            const a = positions[i]!, b = positions[j]!;
            if (b > a && b - a <= 3) { phrases++; break near; }
          }
        }
      }
      const phrase = conceptTerms.length > 1 ? phrases / (conceptTerms.length - 1) : 0;
      const coverage = covered / totalWeight;
      const sentenceCoverage = sentence / totalWeight;
      const score = rerank.bm25 * (bm25 / topBm25) + rerank.coverage * coverage
        + rerank.sentence * sentenceCoverage + rerank.proximity * proximity + rerank.phrase * phrase + rerank.answerKind * answerShaped;
      table.passage[c] = index;
      table.score[c] = score;
      table.setFeatures(c, bm25 / topBm25, coverage, sentenceCoverage, proximity, phrase, answerShaped);
      table.factFrom[c + 1] = factTo;
      table.count = c + 1;
    }
    table.rank();
  }

  /**
   * Per concept, the terms of the articles related to its word (see
   * RankQuery.related), marked in a new set of `relatedMarks`. A name is itself only:
   * "Putin" is not "Medvedev", however alike their vectors; and another word
   * of the question is not related, it is itself.
   */
  private relatedTerms(concepts: readonly Concept[], questionTerms: ReadonlySet<number>): RankQuery['related'] {
    const mark = this.relatedMarks.next();
    const related: RankQuery['related'] = [];
    for (const c of concepts) {
      const own = c.alternatives[0]!;
      let found: { terms: number[]; similarities: number[] } | null = null;
      if (!c.isName && own.length === 1) {
        for (const { term, similarity } of relatedTermsOf(own[0]!, this.options.relatedSimilarity)) {
          const id = this.index.termId(term);
          if (id < 0 || questionTerms.has(id) || this.isContentTerm[id] !== 1) continue;
          found ??= { terms: [], similarities: [] };
          found.terms.push(id);
          found.similarities.push(similarity);
          this.relatedMarks.marks[id] = mark;
        }
      }
      related.push(found);
    }
    return related;
  }

  /**
   * Writes the positions (token offsets from `from`, ascending) of the terms
   * of `tokenTerm[from, to)` related to a concept's word (`related`, see
   * RankQuery.related) to `out` from `at`, returns where they end, and
   * leaves the best similarity in `relatedBest` (0: none).
   */
  private writeRelatedPositions(related: { terms: number[]; similarities: number[] }, from: number, to: number, out: Int32Array, at: number): number {
    const { tokenTerm } = this.index.arrays;
    const { marks, current } = this.relatedMarks;
    let best = 0;
    for (let i = from; i < to; i++) {
      const t = tokenTerm[i]!;
      if (marks[t] !== current) continue;
      const k = related.terms.indexOf(t);
      if (k < 0) continue;
      out[at++] = i - from;
      if (related.similarities[k]! > best) best = related.similarities[k]!;
    }
    this.relatedBest = best;
    return at;
  }

  /** Content words of a passage, for telling whether two passages say the same thing (worked out once per passage). */
  private contentTerms(index: number): ContentTerms {
    let content = this.contentTermsOf[index];
    if (!content) {
      const unique = new Set<number>();
      for (const t of this.index.termsOf(index)) if (this.isContentTerm[t] === 1) unique.add(t);
      const terms = Int32Array.from(unique);
      content = { terms, weight: terms.reduce((sum, t) => sum + this.idfOfTerm[t]!, 0) };
      this.contentTermsOf[index] = content;
    }
    return content;
  }

  /**
   * Walks the ranking and folds each passage that repeats a higher one from
   * another article into that one's "also reported by" list, until `count` distinct
   * facts are found: the top 3 are three facts, not one fact three times.
   * Candidates are numbers in `this.candidates`.
   */
  private groupSameFacts(count: number): Array<{ lead: number; also: number[] }> {
    const table = this.candidates;
    const groups: Array<{ lead: number; also: number[] }> = [];
    for (let r = 0; r < table.count; r++) {
      const c = table.ranking[r]!;
      const articleId = this.passages[table.passage[c]!]!.articleId;
      let same: { lead: number; also: number[] } | null = null;
      for (let gi = 0; gi < groups.length; gi++) {
        const g = groups[gi]!;
        if (!this.groupHasArticle(g, articleId) && this.reportsSameFact(c, g.lead)) {
          same = g;
          break;
        }
      }
      if (same) same.also.push(c);
      else if (groups.length < count) groups.push({ lead: c, also: [] });
    }
    return groups;
  }

  /**
   * Whether candidate `c` reports the same fact as candidate `lead`: most of
   * its content words (or of the lead's, whichever has fewer) are the lead's,
   * weighted by rarity (sharing "North Korea" and "agreement" is not saying
   * the same thing), or their fact sentences are alike (see factSentencesAlike).
   * Decided here rather than returned as a likeness: a number returned from a
   * call is a heap object when the call is not inlined, one per candidate and group.
   */
  private reportsSameFact(c: number, lead: number): boolean {
    const mine = this.contentTerms(this.candidates.passage[c]!), theirs = this.contentTerms(this.candidates.passage[lead]!);
    const mark = this.termMarks.next();
    for (let i = 0; i < theirs.terms.length; i++) this.termMarks.marks[theirs.terms[i]!] = mark;
    // Added in the order of c's terms, as ever: the same sum to the last bit.
    let shared = 0;
    for (let i = 0; i < mine.terms.length; i++) if (this.termMarks.marks[mine.terms[i]!] === mark) shared += this.idfOfTerm[mine.terms[i]!]!;
    if (shared / Math.max(1e-9, Math.min(mine.weight, theirs.weight)) >= this.options.sameFactOverlap) return true;
    return this.factSentencesAlike(c, lead);
  }

  /** True when a group's lead or one of its "also reported by" passages is of this article. */
  private groupHasArticle(group: { lead: number; also: number[] }, articleId: string): boolean {
    const { passage } = this.candidates;
    if (this.passages[passage[group.lead]!]!.articleId === articleId) return true;
    for (let i = 0; i < group.also.length; i++) if (this.passages[passage[group.also[i]!]!]!.articleId === articleId) return true;
    return false;
  }

  /**
   * Works out, once per answer and candidate, the content terms of the
   * candidate's fact sentences (each term once, first occurrence order) and
   * their summed rarity, into the candidate table.
   */
  private factTerms(c: number): void {
    const table = this.candidates;
    if (table.factTermsDone[c] === 1) return;
    table.factTermsDone[c] = 1;
    const passage = table.passage[c]!;
    const { tokenStart, tokenTerm } = this.index.arrays;
    for (let j = table.factFrom[c]!; j < table.factFrom[c + 1]!; j++) {
      const s = table.factSentence[j]!;
      const from = tokenStart[passage]! + this.index.sentenceBound(passage, s), to = tokenStart[passage]! + this.index.sentenceBound(passage, s + 1);
      table.reserveFactTerms(to - from);
      const mark = this.termMarks.next();
      let count = table.factTermCount, weight = 0;
      table.factTermFrom[j] = count;
      for (let i = from; i < to; i++) {
        const t = tokenTerm[i]!;
        if (this.isContentTerm[t] !== 1 || this.termMarks.marks[t] === mark) continue;
        this.termMarks.marks[t] = mark;
        table.factTerm[count++] = t;
        weight += this.idfOfTerm[t]!;
      }
      table.factTermTo[j] = count;
      table.factWeight[j] = weight;
      table.factTermCount = count;
    }
  }

  /**
   * Whether two candidates' fact sentences say the same thing: the best pair's
   * rarity-weighted Dice coefficient reaches sameFactSentence. Dice rather than
   * the overlap coefficient, so that a short sentence ("Putin traveled to
   * Pyongyang to meet Kim") is not the same fact as every longer one that
   * holds its few words.
   */
  private factSentencesAlike(a: number, b: number): boolean {
    this.factTerms(a);
    this.factTerms(b);
    const { factFrom, factTerm, factTermFrom, factTermTo, factWeight } = this.candidates;
    let best = 0;
    for (let y = factFrom[b]!; y < factFrom[b + 1]!; y++) {
      // y's terms marked once, then each of a's sentences looked up against the marks.
      const mark = this.termMarks.next();
      for (let i = factTermFrom[y]!; i < factTermTo[y]!; i++) this.termMarks.marks[factTerm[i]!] = mark;
      for (let x = factFrom[a]!; x < factFrom[a + 1]!; x++) {
        let shared = 0;
        for (let i = factTermFrom[x]!; i < factTermTo[x]!; i++) if (this.termMarks.marks[factTerm[i]!] === mark) shared += this.idfOfTerm[factTerm[i]!]!;
        best = Math.max(best, (2 * shared) / Math.max(1e-9, factWeight[x]! + factWeight[y]!));
      }
    }
    return best >= this.options.sameFactSentence;
  }

  private citation(index: number): Citation {
    const p = this.passages[index]!;
    const a = this.articleById.get(p.articleId)!;
    return { passageId: p.id, articleId: p.articleId, title: a.title, publisher: a.publisher };
  }

  private toResult(c: number, query: RankQuery): ResultPassage {
    const { conceptTerms, weights } = query;
    const index = this.candidates.passage[c]!;
    const p = this.passages[index]!;
    const article = this.articleById.get(p.articleId)!;
    const articleNumber = this.index.articleOf(index);
    const { tokenStart, tokenTerm, titleStart, titleTerm } = this.index.arrays;
    const from = tokenStart[index]!, to = tokenStart[index + 1]!;
    this.spans = int32AtLeast(this.spans, p.text.length + 1);
    const spans = this.spans;
    wordSpans(p.text, spans);
    const sentences = this.index.sentenceCountOf(index);
    // Per concept and sentence: how strongly the concept matched there: its own words (1), only an alias
    // (aliasWeight) or only related words (as the ranking counts them).
    this.sentenceStrength = float64AtLeast(this.sentenceStrength, conceptTerms.length * sentences);
    const strength = this.sentenceStrength;
    strength.fill(0, 0, conceptTerms.length * sentences);
    const matches: Array<{ start: number; end: number }> = [];
    for (let ci = 0; ci < conceptTerms.length; ci++) {
      const alternatives = conceptTerms[ci]!;
      const matchesBefore = matches.length;
      for (let ai = 0; ai < alternatives.length; ai++) {
        const alt = alternatives[ai]!;
        const matchStrength = ai === 0 ? 1 : this.options.aliasWeight;
        for (let i = findSeq(tokenTerm, from, to, alt, from); i >= 0; i = findSeq(tokenTerm, from, to, alt, i + 1)) {
          const token = i - from;
          matches.push({ start: spans[2 * token]!, end: spans[2 * (token + alt.length - 1) + 1]! });
          let s = 0;
          while (this.index.sentenceBound(index, s + 1) <= token) s++;
          const at = ci * sentences + s;
          strength[at] = Math.max(strength[at]!, matchStrength);
        }
      }
      // As the re-rank reads related words: only for a concept neither the text nor the title nor the source holds.
      const related = query.related[ci];
      if (matches.length > matchesBefore || !related || holdsConcept(titleTerm, titleStart[articleNumber]!, titleStart[articleNumber + 1]!, alternatives)
        || query.sources?.[ci]?.has(articleNumber)) continue;
      // The re-rank is done with its positions: they are scratch here.
      this.positions = int32AtLeast(this.positions, to - from);
      const end = this.writeRelatedPositions(related, from, to, this.positions, 0);
      const relatedStrength = this.options.relatedWeight * this.relatedBest;
      for (let j = 0, s = 0; j < end; j++) {
        while (this.index.sentenceBound(index, s + 1) <= this.positions[j]!) s++;
        strength[ci * sentences + s] = Math.max(strength[ci * sentences + s]!, relatedStrength);
      }
    }
    // By start, equal starts in the order found (a stable sort), by hand: Array.prototype.sort makes a work array per call.
    for (let i = 1; i < matches.length; i++) {
      const match = matches[i]!;
      let j = i - 1;
      for (; j >= 0 && matches[j]!.start > match.start; j--) matches[j + 1] = matches[j]!;
      matches[j + 1] = match;
    }
    // The sentence that holds most of the question, weighed as the ranking weighs it, is the one a reader should see first.
    let highlight: ResultPassage['highlight'] = null;
    let bestWeight = 0;
    for (let s = 0; s < sentences; s++) {
      let w = 0;
      for (let ci = 0; ci < conceptTerms.length; ci++) w += weights[ci]! * strength[ci * sentences + s]!;
      if (w > bestWeight) {
        bestWeight = w;
        const first = this.index.sentenceBound(index, s);
        const end = s + 1 < sentences ? spans[2 * this.index.sentenceBound(index, s + 1)]! : p.text.length;
        highlight = { start: spans[2 * first]!, end: endWithoutSpace(p.text, end) };
      }
    }
    return {
      passageId: p.id, articleId: p.articleId, title: article.title, publisher: article.publisher,
      published: article.published, url: article.url, author: article.author, text: p.text,
      score: Math.round(this.candidates.score[c]! * 1000) / 1000, highlight, matches, features: this.candidates.featuresOf(c),
    };
  }
}

/** True when `run` occurs whole and in order in `list`. */
function holdsRun(list: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= list.length; i++) if (run.every((t, j) => list[i + j] === t)) return true;
  return false;
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
 * What people call an article's author when they ask about it ("who wrote…",
 * "the author of…"), as terms: an article with an author is named by these
 * too, so "Who wrote the article about…" asks for the articles that name
 * their author (results show it). Like any source word, only where the
 * articles' own text does not use it, or written as a name.
 */
const AUTHOR_WORDS: readonly string[][] = ['author', 'wrote', 'writer', 'byline', 'reporter'].map(termsOf);
