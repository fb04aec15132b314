/**
 * The re-rank's working data for one answer, kept in typed arrays that the
 * engine reuses from answer to answer. Why: on a small corpus an answer takes
 * about 0.3 ms and a scavenge of the young generation about 1 ms, so the
 * slowest answers were the ones that paid for a scavenge, and the arrays and
 * objects made per candidate (40 per answer) were most of what an answer
 * allocated. The engine is single-threaded and `answer` is not re-entrant, so
 * one set of buffers serves every answer; nothing in them is handed to the
 * caller (results copy out the numbers they keep).
 */

/** The re-rank features of one passage, each 0..1 (bm25 relative to the best hit). */
export interface RankFeatures {
  bm25: number;
  coverage: number;
  sentence: number;
  proximity: number;
  phrase: number;
  answerKind: number;
}

/** `array` when it holds at least `size` numbers, else a new one with room to spare (its contents are not kept). */
export function int32AtLeast(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  return array.length >= size ? array : new Int32Array(Math.max(size, 2 * array.length));
}

export function float64AtLeast(array: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  return array.length >= size ? array : new Float64Array(Math.max(size, 2 * array.length));
}

/** A copy of `array` with room for at least `size` numbers. */
function grownInt32(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(size, 2 * array.length));
  bigger.set(array);
  return bigger;
}

function grownFloat64(array: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(Math.max(size, 2 * array.length));
  bigger.set(array);
  return bigger;
}

/** Per candidate, six re-rank features in RankFeatures' order; each one's place among them. */
const FEATURES = 6;
const BM25 = 0, COVERAGE = 1, SENTENCE = 2, PROXIMITY = 3, PHRASE = 4, ANSWER_KIND = 5;

/** Sorts `list[from, to)` in place by `before` (a strict order; equal items keep their order): insertion sort, for the few dozen items it gets. */
export function insertionSort(list: Int32Array, from: number, to: number, before: (a: number, b: number) => boolean): void {
  for (let i = from + 1; i < to; i++) {
    const item = list[i]!;
    let j = i - 1;
    for (; j >= from && before(item, list[j]!); j--) list[j + 1] = list[j]!;
    list[j + 1] = item;
  }
}

/**
 * One answer's candidates, numbered 0 … count - 1 in BM25 order, each with
 * its passage, re-rank score and features, and its fact sentences; then their order by score.
 */
export class CandidateTable {
  count = 0;
  passage = new Int32Array(64);
  score = new Float64Array(64);
  private featureValues = new Float64Array(64 * FEATURES);
  /** Candidate numbers, best first, once `rank` has run. */
  ranking = new Int32Array(64);
  /**
   * Candidate c's fact sentences (the sentences, as indexes within its
   * passage, that hold most of the question) are
   * factSentence[factFrom[c]] … factSentence[factFrom[c + 1] - 1].
   */
  factFrom = new Int32Array(65);
  factSentence = new Int32Array(256);
  /**
   * The content terms of fact sentence j (an index into factSentence), each
   * once in first occurrence order, are factTerm[factTermFrom[j]] …
   * factTerm[factTermTo[j] - 1], and factWeight[j] their summed rarity; worked
   * out when first needed (factTermsDone[c] for candidate c).
   */
  factTermFrom = new Int32Array(256);
  factTermTo = new Int32Array(256);
  factWeight = new Float64Array(256);
  factTermsDone = new Uint8Array(64);
  factTerm = new Int32Array(1024);
  factTermCount = 0;

  /** Empties the table for an answer with up to `size` candidates. */
  reset(size: number): void {
    if (this.passage.length < size) {
      this.passage = new Int32Array(size);
      this.score = new Float64Array(size);
      this.featureValues = new Float64Array(size * FEATURES);
      this.ranking = new Int32Array(size);
      this.factFrom = new Int32Array(size + 1);
      this.factTermsDone = new Uint8Array(size);
    }
    this.count = 0;
    this.factFrom[0] = 0;
    this.factTermsDone.fill(0);
    this.factTermCount = 0;
  }

  /** Room for `more` fact sentences after the last candidate's. */
  reserveFactSentences(more: number): void {
    const size = this.factFrom[this.count]! + more;
    if (this.factSentence.length >= size) return;
    this.factSentence = grownInt32(this.factSentence, size);
    this.factTermFrom = grownInt32(this.factTermFrom, size);
    this.factTermTo = grownInt32(this.factTermTo, size);
    this.factWeight = grownFloat64(this.factWeight, size);
  }

  /** Room for `more` fact terms after those written so far (kept). */
  reserveFactTerms(more: number): void {
    const size = this.factTermCount + more;
    if (this.factTerm.length < size) this.factTerm = grownInt32(this.factTerm, size);
  }

  private feature(c: number, which: number): number {
    return this.featureValues[c * FEATURES + which]!;
  }

  setFeatures(c: number, bm25: number, coverage: number, sentence: number, proximity: number, phrase: number, answerKind: number): void {
    const at = c * FEATURES;
    this.featureValues[at + BM25] = bm25;
    this.featureValues[at + COVERAGE] = coverage;
    this.featureValues[at + SENTENCE] = sentence;
    this.featureValues[at + PROXIMITY] = proximity;
    this.featureValues[at + PHRASE] = phrase;
    this.featureValues[at + ANSWER_KIND] = answerKind;
  }

  /** A candidate's features as the object a result carries (a new one: results outlive the table's contents). */
  featuresOf(c: number): RankFeatures {
    return {
      bm25: this.feature(c, BM25), coverage: this.feature(c, COVERAGE), sentence: this.feature(c, SENTENCE),
      proximity: this.feature(c, PROXIMITY), phrase: this.feature(c, PHRASE), answerKind: this.feature(c, ANSWER_KIND),
    };
  }

  /** Orders `ranking` by score, best first; equal scores by passage, so the order never depends on the sort. */
  rank(): void {
    for (let c = 0; c < this.count; c++) this.ranking[c] = c;
    insertionSort(this.ranking, 0, this.count, this.scoreBefore);
  }

  private readonly scoreBefore = (a: number, b: number): boolean =>
    this.score[a]! > this.score[b]! || (this.score[a] === this.score[b] && this.passage[a]! < this.passage[b]!);
}

/**
 * A mark per term id, and a fresh mark on demand: set operations on term ids
 * without making a set. A term is in the current set when its mark is `current`.
 */
export class TermMarks {
  readonly marks: Uint32Array;
  private last = 0;

  constructor(terms: number) {
    this.marks = new Uint32Array(terms);
  }

  /** The mark of the set made by the last `next()`. */
  get current(): number {
    return this.last;
  }

  /** A mark no term carries yet: an empty set. */
  next(): number {
    if (this.last === 0xffffffff) {
      this.marks.fill(0);
      this.last = 0;
    }
    return ++this.last;
  }
}
