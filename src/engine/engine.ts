/**
 * The answer engine: the composition of its stages. A question is analysed
 * (query.ts), MiniSearch retrieves the best passages (retrieve.ts), they are
 * re-ranked by how much of the question each holds and where (rerank.ts), the
 * engine answers or refuses (decide.ts), same-fact passages are grouped
 * (group.ts) and the rest presented (present.ts). Every stage takes and
 * returns plain values; the engine holds only what was built from the corpus,
 * so `answer` may be called from anywhere at any time.
 *
 * Discord-free: the bot, the CLI and the benchmark all call `answer()`.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { LoadedCorpus } from './corpus.ts';
import { decide } from './decide.ts';
import { englishTable } from './english.ts';
import { groupSameFacts } from './group.ts';
import { indexCorpus, type IndexedCorpus } from './indexed-corpus.ts';
import { buildPassageTable, passageTableFromJSON, passageTableToJSON, type PassageTable } from './passage-table.ts';
import { DEFAULT_PASSAGE_OPTIONS, PASSAGE_KINDS, splitArticle, type Passage } from './passages.ts';
import { citation, present } from './present.ts';
import { analyse } from './query.ts';
import { relatedTable } from './related-words.ts';
import { rerank } from './rerank.ts';
import { buildPassageSearch, loadPassageSearch, retrieve, type PassageSearch } from './retrieve.ts';
import { SYNONYM_SENSES } from './synonyms.ts';
import { answerWithFirst, compareArticles, type Comparison } from './answer-extras.ts';
import { Suggester, type Suggestion, type SuggestOptions } from './suggest.ts';
import { DEFAULT_TUNING } from './tuning.ts';
import type { Answer, AnswerOptions, ArticleSummary, EngineOptions, EngineSettings, RefusalReason, ResultPassage } from './types.ts';

export type * from './types.ts';

export const DEFAULT_ENGINE_OPTIONS: Readonly<EngineOptions> = Object.freeze({
  passages: DEFAULT_PASSAGE_OPTIONS,
  candidates: 20,
  refuseMissingNames: true,
  synonymSenses: SYNONYM_SENSES,
  tuning: DEFAULT_TUNING,
});

/** The settings with every default filled in. */
export function engineOptions(settings: EngineSettings = {}): EngineOptions {
  return { ...DEFAULT_ENGINE_OPTIONS, ...settings, tuning: { ...DEFAULT_TUNING, ...settings.tuning } };
}

/** Bump when the snapshot's layout changes, so an older one is rebuilt rather than misread. */
const SNAPSHOT_FORMAT = 'summit-engine-3';

/** What `snapshotData` holds: plain JSON values, MiniSearch's own JSON among them. */
export interface EngineSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** The ids of the articles it was built from, in order. */
  articles: string[];
  passages: { block: number[]; kind: Passage['kind'][]; text: string[] };
  table: Record<string, unknown>;
  /**
   * `JSON.stringify(miniSearch)` (its `toJSON()`), read back with
   * `MiniSearch.loadJSON`: kept a string inside the snapshot, so that parsing
   * the snapshot does not build MiniSearch's whole object tree beside
   * everything else (at 100k passages that tree is 200 MB, alive only while
   * loadJSON reads it).
   */
  search: string;
}

type CorpusInput = Pick<LoadedCorpus, 'articles' | 'aliases'>;

interface Prebuilt {
  passages: Passage[];
  table: PassageTable;
  search: PassageSearch;
}

export class SearchEngine {
  readonly options: EngineOptions;
  private readonly corpus: IndexedCorpus;
  private readonly table: PassageTable;
  private readonly search: PassageSearch;
  private readonly summaries: readonly ArticleSummary[];
  /** Made on first use (see `suggester`). */
  private suggesterMade: Suggester | null = null;

  constructor(corpus: CorpusInput, settings: EngineSettings = {}, prebuilt?: Prebuilt) {
    this.options = engineOptions(settings);
    // Loaded with the index, so the first question does not wait for them.
    englishTable();
    relatedTable();
    const articleNumber = new Map(corpus.articles.map((a, i) => [a.id, i]));
    const passages = prebuilt?.passages ?? corpus.articles.flatMap((article) => splitArticle(article, this.options.passages));
    this.table = prebuilt?.table ?? buildPassageTable(passages.map((p) => ({ article: articleNumber.get(p.articleId)!, text: p.text })), corpus.articles.map((a) => a.title));
    this.search = prebuilt?.search ?? buildPassageSearch(this.table);
    this.corpus = indexCorpus(corpus.articles, corpus.aliases, passages, this.table);
    const counts = this.corpus.data.articlePassageCount;
    // Frozen: the bot reads them on every answer, and handing out the same objects costs nothing.
    this.summaries = Object.freeze(corpus.articles.map((a, i) => Object.freeze({
      id: a.id, title: a.title, publisher: a.publisher, published: a.published, url: a.url,
      author: a.author, titleWritten: a.titleWritten, file: a.file, passageCount: counts[i]!,
    })));
  }

  /** Everything built from the corpus, as JSON values: loading it skips analysing and indexing. */
  snapshotData(): EngineSnapshot {
    const { passages } = this.corpus;
    return {
      format: SNAPSHOT_FORMAT,
      articles: this.corpus.articles.map((a) => a.id),
      passages: { block: passages.map((p) => p.block), kind: passages.map((p) => p.kind), text: passages.map((p) => p.text) },
      table: passageTableToJSON(this.table),
      search: JSON.stringify(this.search),
    };
  }

  /** `snapshotData()` as gzip'd JSON. */
  toSnapshot(): Buffer {
    return gzipSync(JSON.stringify(this.snapshotData()), { level: 1 });
  }

  /**
   * Rebuilds an engine from `toSnapshot()` output (gzip'd or plain JSON); the
   * corpus supplies articles and aliases and must be the one the snapshot was
   * made from. Throws on a malformed, damaged or older snapshot.
   */
  static fromSnapshot(corpus: CorpusInput, snapshot: Uint8Array, settings: EngineSettings = {}): SearchEngine {
    const gzipped = snapshot[0] === 0x1f && snapshot[1] === 0x8b;
    const text = Buffer.from(gzipped ? gunzipSync(snapshot) : snapshot).toString('utf8');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error('not an index snapshot: not JSON');
    }
    return SearchEngine.fromSnapshotData(corpus, data, settings);
  }

  /** `fromSnapshot` on `snapshotData()` output. */
  static fromSnapshotData(corpus: CorpusInput, snapshot: unknown, settings: EngineSettings = {}): SearchEngine {
    const s = snapshot as Partial<EngineSnapshot> | null;
    if (s?.format !== SNAPSHOT_FORMAT) throw new Error('not an index snapshot of this version');
    const ids = corpus.articles.map((a) => a.id);
    if (!Array.isArray(s.articles) || s.articles.length !== ids.length || s.articles.some((id, i) => id !== ids[i])) {
      throw new Error('the snapshot is of other articles');
    }
    const table = passageTableFromJSON(s.table);
    const { block, kind, text } = s.passages ?? {};
    const count = table.passageArticle.length;
    if (!Array.isArray(block) || !Array.isArray(kind) || !Array.isArray(text) || block.length !== count || kind.length !== count || text.length !== count
      || !kind.every((k) => PASSAGE_KINDS.includes(k))) {
      throw new Error('not an index snapshot: passages');
    }
    // Ids and numbers are derived: an article's passages are contiguous and numbered from 1.
    const passages = new Array<Passage>(count);
    for (let i = 0, n = 0; i < count; i++) {
      const articleId = ids[table.passageArticle[i]!];
      if (articleId === undefined) throw new Error('not an index snapshot: passage articles');
      n = i > 0 && table.passageArticle[i - 1] === table.passageArticle[i] ? n + 1 : 1;
      passages[i] = { id: `${articleId}#${n}`, articleId, n, block: block[i]!, kind: kind[i]!, text: text[i]! };
    }
    if (typeof s.search !== 'string') throw new Error('not an index snapshot: search index');
    const search = loadPassageSearch(s.search, table);
    if (search.documentCount !== count) throw new Error('not an index snapshot: the search index is of other passages');
    return new SearchEngine(corpus, settings, { passages, table, search });
  }

  /** Number of passages indexed. */
  get passageCount(): number {
    return this.corpus.passages.length;
  }

  /** The articles with their metadata and passage counts, in corpus order. */
  articles(): readonly ArticleSummary[] {
    return this.summaries;
  }

  article(id: string): ArticleSummary | undefined {
    return this.summaries.find((a) => a.id === id);
  }

  /** One article's passages in reading order. */
  passagesOf(articleId: string): Passage[] {
    return this.corpus.passages.filter((p) => p.articleId === articleId).map((p) => ({ ...p }));
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
    return compareArticles((q, o) => this.answer(q, o), this.summaries, question, opts);
  }

  /** Builds the suggestions' index now rather than on the first keystroke (see suggest.ts). */
  prepareSuggestions(): void {
    this.suggester.prepare();
  }

  /** Made on first use: only the bot suggests, and the CLI should not pay for it. */
  private get suggester(): Suggester {
    return this.suggesterMade ??= new Suggester(this.corpus.passages, this.summaries, (q, o) => this.answer(q, o));
  }

  /** Answers a question with the best passages, or refuses when the articles do not cover it. */
  answer(question: string, opts: AnswerOptions = {}): Answer {
    const k = Math.min(10, Math.max(1, Math.trunc(opts.k ?? 3)));
    const offset = Math.max(0, Math.trunc(opts.offset ?? 0));
    const { tuning } = this.options;
    const query = analyse(question, this.corpus, tuning, this.options.synonymSenses);
    const refused = (refusal: RefusalReason, matched: number, coverage: number, nearest: ResultPassage[]): Answer => ({
      question, answered: false, missingTerms: query.missingTerms, corrections: query.corrections,
      results: [], hasMore: false, nearest, matched, coverage, refusal,
    });
    if (query.concepts.length === 0) return { ...refused('no-content-words', 0, 0, []), missingTerms: [] };

    const { hits, matched } = retrieve(this.search, this.table, {
      terms: query.searchTerms, titleBoost: tuning.titleBoost, bm25: tuning.bm25, limit: this.options.candidates,
      article: this.scope(opts.article, query.sources),
    });
    const { ranked, evidence } = rerank(hits, query, this.corpus, tuning);
    const refusal = decide(query, matched, evidence, this.options);
    if (refusal) return refused(refusal, matched, evidence.coverage, ranked.slice(0, k).map((c) => present(c, query, this.corpus, tuning)));

    // One group more than shown tells whether "More results" has anything; it changes none of those shown.
    const groups = groupSameFacts(ranked, offset + k + 1, this.corpus, tuning);
    const results = groups.slice(offset, offset + k).map(({ lead, also }) => {
      const result = present(lead, query, this.corpus, tuning);
      if (also.length) result.alsoIn = also.map((c) => citation(c.passage, this.corpus));
      return result;
    });
    return {
      question, answered: true, missingTerms: query.missingTerms, corrections: query.corrections,
      results, hasMore: groups.length > offset + k, nearest: [], matched, coverage: evidence.coverage, refusal: null,
    };
  }

  /**
   * Which articles' passages may answer: the one asked for, else those whose
   * source the question names ("How does The Hill describe…"), else all.
   */
  private scope(articleId: string | undefined, sources: ReadonlyArray<ReadonlySet<number> | null> | null): ((article: number) => boolean) | undefined {
    if (articleId !== undefined) {
      const number = this.corpus.articles.findIndex((a) => a.id === articleId);
      return (article) => article === number;
    }
    if (!sources) return undefined;
    const named = new Set<number>();
    for (const s of sources) if (s) for (const a of s) named.add(a);
    return (article) => named.has(article);
  }
}
