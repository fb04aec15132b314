/**
 * The engine's index of its passages, in flat typed arrays: every passage's
 * tokens as term ids (with their answer kinds and sentence starts), every
 * article title's terms, and an inverted index of both for BM25.
 *
 * BM25 is computed exactly as MiniSearch 7 computes it for the engine's query
 * (fields text and title, the same formula, the same order of floating-point
 * operations, ties in the same order), so answers do not depend on which of
 * the two scored them; a test holds the two together. What it does not do is
 * what made MiniSearch slow on large corpora: an object per matching passage
 * and a sort of all of them. Scores go into reused arrays and only the best
 * `limit` are kept.
 *
 * Everything here is plain arrays, so a snapshot stores it as bytes and loads
 * it without parsing (see snapshot-file.ts).
 */

/**
 * What a snapshot stores; the rest is derived when the index is opened. The
 * text postings could be derived too, but inverting 5M tokens scatters writes
 * over the whole postings array and took longer than reading them.
 */
export interface PassageIndexArrays {
  /** Term id → term: the passages' terms in order of first occurrence, then terms found only in titles. */
  vocabulary: string[];
  /** Passage → its article's position in the corpus (non-decreasing: an article's passages are contiguous). */
  passageArticle: Int32Array;
  /** Passage p's tokens are tokenTerm[tokenStart[p]] … tokenTerm[tokenStart[p + 1] - 1]. */
  tokenStart: Int32Array;
  tokenTerm: Int32Array;
  /** Per token: the kinds of answer it could be (bits, see engine.ts). */
  tokenKind: Uint8Array;
  /** Passage p's sentences start at the token offsets sentenceToken[sentenceStart[p]] … (from 0 within the passage). */
  sentenceStart: Int32Array;
  sentenceToken: Int32Array;
  /** Article a's title terms are titleTerm[titleStart[a]] … titleTerm[titleStart[a + 1] - 1]. */
  titleStart: Int32Array;
  titleTerm: Int32Array;
  /** The passages holding term t, in order, are postingPassage[postingStart[t]] …, each with the term's count in it. */
  postingStart: Int32Array;
  postingPassage: Int32Array;
  postingCount: Int32Array;
}

/** One passage's tokens, as the engine's analysis gives them, for building. */
export interface PassageTokens {
  article: number;
  terms: readonly string[];
  kinds: Uint8Array;
  sentenceStarts: readonly number[];
}

export interface Bm25Params {
  k: number;
  b: number;
  d: number;
}

export interface SearchQuery {
  /** Terms with their boosts, in query order (the order decides ties, as in MiniSearch). */
  terms: ReadonlyArray<{ term: string; boost: number }>;
  titleBoost: number;
  bm25: Bm25Params;
  /** Only passages of this article (its position in the corpus). */
  article?: number;
  /** Only passages of the articles marked 1 here (by position in the corpus), when there is no `article`. */
  articles?: Uint8Array;
  /** How many of the best passages to return. */
  limit: number;
}

/**
 * Where `search` puts its result: the best passages, best first, with their
 * scores, and how many passages matched. The caller's, so that the engine
 * reuses one for every search instead of making an object per hit.
 */
export class SearchHits {
  count = 0;
  /** How many passages matched any term. */
  matched = 0;
  passage = new Int32Array(64);
  score = new Float64Array(64);

  /** Empties it, with room for `limit` hits. */
  reset(limit: number): void {
    if (this.passage.length < limit) {
      this.passage = new Int32Array(limit);
      this.score = new Float64Array(limit);
    }
    this.count = 0;
    this.matched = 0;
  }
}

/** First index in sorted `list[from, to)` whose value is at least `value`. */
function lowerBound(list: Int32Array, from: number, to: number, value: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (list[mid]! < value) from = mid + 1;
    else to = mid;
  }
  return from;
}

/**
 * BM25's length normalisation of each passage's text and each title,
 * `k * (1 - b + b * fieldLength / avgFieldLength)` as MiniSearch's
 * calcBM25Score computes it, for one pair of parameters.
 */
interface LengthNorms {
  k: number;
  b: number;
  text: Float64Array;
  title: Float64Array;
}

/**
 * Field length as MiniSearch counts it: distinct terms, and 1 for an empty
 * field (it splits '' into one empty token before dropping it).
 */
const fieldLength = (distinct: number) => Math.max(1, distinct);

/** MiniSearch's running average of field lengths, in document order (the same rounding). */
function averageLength(lengths: ArrayLike<number>): number {
  let average = 0;
  for (let count = 0; count < lengths.length; count++) average = (average * count + lengths[count]!) / (count + 1);
  return average;
}

/** A postings list per term: CSR offsets, then entries and their term counts. */
interface Postings {
  start: Int32Array;
  entry: Int32Array;
  count: Int32Array;
}

/**
 * Inverts "unit → its terms" (units in order), so each term's list is in unit
 * order as MiniSearch's is. Two passes over the tokens: count, then fill.
 */
function invert(termCount: number, units: number, unitStart: Int32Array, unitTerm: Int32Array): Postings {
  // lastUnit[t]: the last unit where term t was seen, so each (term, unit) pair is counted once.
  const lastUnit = new Int32Array(termCount).fill(-1);
  const start = new Int32Array(termCount + 1);
  for (let u = 0; u < units; u++) {
    for (let i = unitStart[u]!, end = unitStart[u + 1]!; i < end; i++) {
      const t = unitTerm[i]!;
      if (lastUnit[t] !== u) {
        lastUnit[t] = u;
        start[t + 1]!++;
      }
    }
  }
  for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
  const next = start.slice(0, termCount);
  const entry = new Int32Array(start[termCount]!);
  const count = new Int32Array(start[termCount]!);
  // slot[t]: where the current unit's entry for term t is.
  const slot = new Int32Array(termCount);
  lastUnit.fill(-1);
  for (let u = 0; u < units; u++) {
    for (let i = unitStart[u]!, end = unitStart[u + 1]!; i < end; i++) {
      const t = unitTerm[i]!;
      if (lastUnit[t] !== u) {
        lastUnit[t] = u;
        const at = next[t]!++;
        slot[t] = at;
        entry[at] = u;
      }
      count[slot[t]!]!++;
    }
  }
  return { start, entry, count };
}

/** Each unit's field length (see fieldLength) from its postings: the number of terms listing it. */
function fieldLengths(postings: Postings, units: number): Int32Array {
  const distinct = new Int32Array(units);
  for (let i = 0; i < postings.entry.length; i++) distinct[postings.entry[i]!]!++;
  return distinct.map(fieldLength);
}

export class PassageIndex {
  readonly arrays: PassageIndexArrays;
  readonly passageCount: number;
  private readonly termIds: Map<string, number>;
  /** Passages whose text holds each term. */
  private readonly text: Postings;
  private readonly textLength: Int32Array;
  private readonly averageTextLength: number;
  /** Articles whose title holds each term, and how many passages that makes. */
  private readonly title: Postings;
  private readonly titleDocs: Int32Array;
  private readonly titleLength: Int32Array;
  private readonly averageTitleLength: number;
  /** Article a's passages are articlePassages[a] … articlePassages[a + 1] - 1. */
  private readonly articlePassages: Int32Array;
  // Per-search scratch, reused: a passage's running score, matched-term count and first-match order.
  private readonly score: Float64Array;
  private readonly quality: Int32Array;
  private readonly order: Int32Array;
  private readonly touched: Int32Array;
  /** Per passage: the search (and the term) that last touched it; avoids clearing the scratch. */
  private readonly searchStamp: Int32Array;
  private readonly termStamp: Int32Array;
  private readonly titleScore: Float64Array;
  private readonly titleStamp: Int32Array;
  private stamp = 0;
  private norms: LengthNorms | null = null;

  constructor(arrays: PassageIndexArrays) {
    this.arrays = arrays;
    const n = arrays.passageArticle.length;
    const articles = arrays.titleStart.length - 1;
    const terms = arrays.vocabulary.length;
    this.passageCount = n;
    this.termIds = new Map(arrays.vocabulary.map((t, id) => [t, id]));

    this.text = { start: arrays.postingStart, entry: arrays.postingPassage, count: arrays.postingCount };
    this.textLength = fieldLengths(this.text, n);
    this.averageTextLength = averageLength(this.textLength);

    this.articlePassages = new Int32Array(articles + 1);
    for (let p = 0; p < n; p++) this.articlePassages[arrays.passageArticle[p]! + 1]!++;
    for (let a = 0; a < articles; a++) this.articlePassages[a + 1]! += this.articlePassages[a]!;
    this.title = invert(terms, articles, arrays.titleStart, arrays.titleTerm);
    this.titleLength = fieldLengths(this.title, articles);
    // MiniSearch indexes the title once per passage: its counts and average are over passages.
    this.titleDocs = new Int32Array(terms);
    for (let t = 0; t < terms; t++) {
      for (let i = this.title.start[t]!; i < this.title.start[t + 1]!; i++) this.titleDocs[t]! += this.passagesOf(this.title.entry[i]!);
    }
    this.averageTitleLength = averageLength(arrays.passageArticle.map((a) => this.titleLength[a]!));

    this.score = new Float64Array(n);
    this.quality = new Int32Array(n);
    this.order = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.searchStamp = new Int32Array(n);
    this.termStamp = new Int32Array(n);
    this.titleScore = new Float64Array(articles);
    this.titleStamp = new Int32Array(articles);
  }

  /** Builds the arrays from analysed passages and titles. */
  static build(passages: readonly PassageTokens[], titles: ReadonlyArray<readonly string[]>): PassageIndex {
    const termIds = new Map<string, number>();
    const vocabulary: string[] = [];
    const idOf = (term: string) => {
      let id = termIds.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        termIds.set(term, id);
        vocabulary.push(term);
      }
      return id;
    };
    const tokens = passages.reduce((sum, p) => sum + p.terms.length, 0);
    const sentences = passages.reduce((sum, p) => sum + p.sentenceStarts.length, 0);
    const arrays: Omit<PassageIndexArrays, 'postingStart' | 'postingPassage' | 'postingCount'> = {
      vocabulary,
      passageArticle: new Int32Array(passages.length),
      tokenStart: new Int32Array(passages.length + 1),
      tokenTerm: new Int32Array(tokens),
      tokenKind: new Uint8Array(tokens),
      sentenceStart: new Int32Array(passages.length + 1),
      sentenceToken: new Int32Array(sentences),
      titleStart: new Int32Array(titles.length + 1),
      titleTerm: new Int32Array(titles.reduce((sum, t) => sum + t.length, 0)),
    };
    let token = 0, sentence = 0;
    passages.forEach((p, i) => {
      arrays.passageArticle[i] = p.article;
      for (const term of p.terms) arrays.tokenTerm[token++] = idOf(term);
      arrays.tokenKind.set(p.kinds, arrays.tokenStart[i]!);
      arrays.tokenStart[i + 1] = token;
      for (const s of p.sentenceStarts) arrays.sentenceToken[sentence++] = s;
      arrays.sentenceStart[i + 1] = sentence;
    });
    let titleToken = 0;
    titles.forEach((terms, a) => {
      for (const term of terms) arrays.titleTerm[titleToken++] = idOf(term);
      arrays.titleStart[a + 1] = titleToken;
    });
    const postings = invert(vocabulary.length, passages.length, arrays.tokenStart, arrays.tokenTerm);
    return new PassageIndex({ ...arrays, postingStart: postings.start, postingPassage: postings.entry, postingCount: postings.count });
  }

  /**
   * Throws unless the arrays fit together and fit a corpus of `articles`
   * articles, so a snapshot of another shape is rebuilt rather than read. The
   * millions of token terms and postings are not checked one by one: a
   * snapshot's CRC-32 vouches that they are the bytes that were written, and
   * checking them took 50-100 ms of a 100k-passage start.
   */
  static check(arrays: PassageIndexArrays, articles: number): void {
    const fail = (what: string): never => { throw new Error(`not an index snapshot: ${what}`); };
    const { vocabulary, passageArticle, tokenStart, tokenTerm, tokenKind, sentenceStart, sentenceToken, titleStart, titleTerm } = arrays;
    const n = passageArticle.length, terms = vocabulary.length;
    if (new Set(vocabulary).size !== terms) fail('repeated terms');
    const offsets = (start: Int32Array, units: number, total: number, what: string) => {
      if (start.length !== units + 1 || start[0] !== 0 || start[units] !== total) fail(what);
      for (let u = 0; u < units; u++) if (start[u + 1]! < start[u]!) fail(what);
    };
    const termIds = (ids: Int32Array, what: string) => { for (let i = 0; i < ids.length; i++) if (ids[i]! < 0 || ids[i]! >= terms) fail(what); };
    for (let p = 0; p < n; p++) {
      const a = passageArticle[p]!;
      if (a < 0 || a >= articles || (p > 0 && a < passageArticle[p - 1]!)) fail('passage articles');
    }
    offsets(tokenStart, n, tokenTerm.length, 'token offsets');
    if (tokenKind.length !== tokenTerm.length) fail('token kinds');
    offsets(sentenceStart, n, sentenceToken.length, 'sentence offsets');
    for (let p = 0; p < n; p++) {
      // Sentences start at token 0 and then at increasing tokens of the passage.
      const from = sentenceStart[p]!, to = sentenceStart[p + 1]!, tokens = tokenStart[p + 1]! - tokenStart[p]!;
      if (to === from || sentenceToken[from] !== 0) fail('sentence starts');
      for (let s = from + 1; s < to; s++) if (sentenceToken[s]! <= sentenceToken[s - 1]! || sentenceToken[s]! >= tokens) fail('sentence starts');
    }
    offsets(titleStart, articles, titleTerm.length, 'title offsets');
    termIds(titleTerm, 'title terms');
    const { postingStart, postingPassage, postingCount } = arrays;
    offsets(postingStart, terms, postingPassage.length, 'posting offsets');
    if (postingCount.length !== postingPassage.length) fail('posting counts');
  }

  /** The id of a term, or -1 when no passage or title holds it. */
  termId(term: string): number {
    return this.termIds.get(term) ?? -1;
  }

  /** Number of passages whose text holds the term. */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.documentFrequencyOf(id);
  }

  documentFrequencyOf(id: number): number {
    return this.text.start[id + 1]! - this.text.start[id]!;
  }

  /** A passage's tokens as term ids (a view, not a copy). */
  termsOf(passage: number): Int32Array {
    return this.arrays.tokenTerm.subarray(this.arrays.tokenStart[passage]!, this.arrays.tokenStart[passage + 1]!);
  }

  /** Number of sentences of a passage. */
  sentenceCountOf(passage: number): number {
    return this.arrays.sentenceStart[passage + 1]! - this.arrays.sentenceStart[passage]!;
  }

  /**
   * Token offset (within the passage) where its sentence `s` starts (0 for
   * the first); for `s` = the sentence count, its token count, where the last
   * sentence ends. Read in place: the re-rank asks for 40 passages an answer.
   */
  sentenceBound(passage: number, s: number): number {
    const { sentenceStart, sentenceToken, tokenStart } = this.arrays;
    const at = sentenceStart[passage]! + s;
    return at < sentenceStart[passage + 1]! ? sentenceToken[at]! : tokenStart[passage + 1]! - tokenStart[passage]!;
  }

  /** The position in the corpus of a passage's article. */
  articleOf(passage: number): number {
    return this.arrays.passageArticle[passage]!;
  }

  /** Number of passages of an article. */
  passagesOf(article: number): number {
    return this.articlePassages[article + 1]! - this.articlePassages[article]!;
  }

  /**
   * The passages that match any of the query's terms, scored by BM25 over the
   * text and the title (MiniSearch's OR query with `boostTerm` and field
   * boosts): the best `limit`, and how many matched.
   */
  search(query: SearchQuery, hits: SearchHits): void {
    hits.reset(query.limit);
    // Stamps grow by one per search and per term; start over long before they overflow.
    if (this.stamp > 2 ** 30) {
      this.stamp = 0;
      this.searchStamp.fill(0);
      this.termStamp.fill(0);
      this.titleStamp.fill(0);
    }
    const { article } = query;
    const only = article === undefined ? query.articles : undefined;
    if (article !== undefined && !(article >= 0 && article < this.articlePassages.length - 1)) return;
    const search = ++this.stamp;
    const n = this.passageCount;
    const { k, d } = query.bm25;
    const norms = this.lengthNorms(query.bm25);
    const { termStamp, titleScore, titleStamp } = this;
    // MiniSearch: a field's boost is `boost[field] || 1`; each match weighs termWeight * termBoost * fieldBoost * docBoost * BM25.
    const textBoost = 1, titleBoost = query.titleBoost || 1, termWeight = 1, docBoost = 1;
    // One article's passages are one run of each postings list: search only that run.
    const firstPassage = article === undefined ? 0 : this.articlePassages[article]!;
    const endPassage = article === undefined ? n : this.articlePassages[article + 1]!;
    let matched = 0;
    for (const { term, boost } of query.terms) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const stamp = ++this.stamp;
      // Title matches first, per article (a title is the same for all its passages), to add to the text match below.
      let titleFrom = this.title.start[id]!, titleTo = this.title.start[id + 1]!;
      if (article !== undefined) {
        titleFrom = lowerBound(this.title.entry, titleFrom, titleTo, article);
        titleTo = lowerBound(this.title.entry, titleFrom, titleTo, article + 1);
      }
      const titleDocs = this.titleDocs[id]!;
      // MiniSearch's BM25+ (calcBM25Score), with what is the same for every passage worked out once: the same doubles.
      const titleIdf = Math.log(1 + (n - titleDocs + 0.5) / (titleDocs + 0.5));
      const titleWeight = termWeight * boost * titleBoost * docBoost;
      for (let i = titleFrom; i < titleTo; i++) {
        const a = this.title.entry[i]!, tf = this.title.count[i]!;
        if (only !== undefined && only[a] !== 1) continue;
        titleStamp[a] = stamp;
        titleScore[a] = titleWeight * (titleIdf * (d + tf * (k + 1) / (tf + norms.title[a]!)));
      }
      // MiniSearch adds up a term's text and title score, then adds that to the passage's total.
      let textFrom = this.text.start[id]!, textTo = this.text.start[id + 1]!;
      const textDocs = textTo - textFrom;
      if (article !== undefined) {
        textFrom = lowerBound(this.text.entry, textFrom, textTo, firstPassage);
        textTo = lowerBound(this.text.entry, textFrom, textTo, endPassage);
      }
      const textIdf = Math.log(1 + (n - textDocs + 0.5) / (textDocs + 0.5));
      const textWeight = termWeight * boost * textBoost * docBoost;
      // Most terms are in no title: then there is nothing to add or to remember per passage.
      const inTitles = titleFrom < titleTo;
      for (let i = textFrom; i < textTo; i++) {
        const p = this.text.entry[i]!, tf = this.text.count[i]!;
        if (only !== undefined && only[this.arrays.passageArticle[p]!] !== 1) continue;
        let termScore = textWeight * (textIdf * (d + tf * (k + 1) / (tf + norms.text[p]!)));
        if (inTitles) {
          const a = this.arrays.passageArticle[p]!;
          if (titleStamp[a] === stamp) termScore += titleScore[a]!;
          termStamp[p] = stamp;
        }
        matched = this.addMatch(p, termScore, search, matched);
      }
      // Passages that match the term by their title alone, in passage order.
      for (let i = titleFrom; i < titleTo; i++) {
        const a = this.title.entry[i]!;
        if (only !== undefined && only[a] !== 1) continue;
        for (let p = this.articlePassages[a]!; p < this.articlePassages[a + 1]!; p++) {
          if (termStamp[p] === stamp) continue;
          matched = this.addMatch(p, titleScore[a]!, search, matched);
        }
      }
    }
    hits.matched = matched;
    this.best(matched, query.limit, hits);
  }

  /**
   * Adds one term's score to passage `p`, which this search (stamp `search`)
   * first clears and lists as matched; returns how many passages have matched.
   */
  private addMatch(p: number, termScore: number, search: number, matched: number): number {
    if (this.searchStamp[p] !== search) {
      this.searchStamp[p] = search;
      this.score[p] = 0;
      this.quality[p] = 0;
      this.order[p] = matched;
      this.touched[matched++] = p;
    }
    this.score[p] = this.score[p]! + termScore;
    this.quality[p]!++;
    return matched;
  }

  /** Length norms for these BM25 parameters, worked out once (the engine always asks with the same). */
  private lengthNorms({ k, b }: Bm25Params): LengthNorms {
    if (this.norms?.k !== k || this.norms.b !== b) {
      const norm = (length: number, average: number) => k * (1 - b + b * length / average);
      this.norms = {
        k, b,
        text: Float64Array.from(this.textLength, (length) => norm(length, this.averageTextLength)),
        title: Float64Array.from(this.titleLength, (length) => norm(length, this.averageTitleLength)),
      };
    }
    return this.norms;
  }

  /**
   * The best `limit` touched passages by final score (MiniSearch multiplies the
   * sum by the number of query terms matched), ties in first-match order, as
   * MiniSearch's stable sort leaves them: a min-heap of the best so far, kept
   * in `hits` itself, then sorted out of the heap in place.
   */
  private best(matched: number, limit: number, hits: SearchHits): void {
    const { score, quality, touched } = this;
    let size = 0;
    for (let i = 0; i < matched; i++) {
      const p = touched[i]!;
      const final = score[p]! * quality[p]!;
      if (size < limit) {
        hits.passage[size] = p;
        hits.score[size] = final;
        for (let c = size++; c > 0;) {
          const parent = (c - 1) >> 1;
          if (!this.worse(hits, c, parent)) break;
          this.swap(hits, c, parent);
          c = parent;
        }
      } else if (limit > 0 && final > hits.score[0]!) {
        // Passages come in first-match order, so one that only ties the worst kept ranks after it.
        hits.passage[0] = p;
        hits.score[0] = final;
        this.siftDown(hits, 0, size);
      }
    }
    // Heap sort: the worst kept goes last, then the worst of the rest before it, and so on.
    for (let end = size - 1; end > 0; end--) {
      this.swap(hits, 0, end);
      this.siftDown(hits, 0, end);
    }
    hits.count = size;
  }

  /** Whether heap entry a ranks below entry b: a lower score, or an equal one matched later. */
  private worse(hits: SearchHits, a: number, b: number): boolean {
    const x = hits.score[a]!, y = hits.score[b]!;
    return x < y || (x === y && this.order[hits.passage[a]!]! > this.order[hits.passage[b]!]!);
  }

  private swap(hits: SearchHits, a: number, b: number): void {
    const p = hits.passage[a]!, s = hits.score[a]!;
    hits.passage[a] = hits.passage[b]!;
    hits.score[a] = hits.score[b]!;
    hits.passage[b] = p;
    hits.score[b] = s;
  }

  /** Restores the min-heap `[0, size)` below entry `from`. */
  private siftDown(hits: SearchHits, from: number, size: number): void {
    for (let i = from; ;) {
      const l = 2 * i + 1, r = l + 1;
      let w = i;
      if (l < size && this.worse(hits, l, w)) w = l;
      if (r < size && this.worse(hits, r, w)) w = r;
      if (w === i) return;
      this.swap(hits, i, w);
      i = w;
    }
  }
}
