/**
 * What the re-rank reads that MiniSearch does not hold: every passage's
 * tokens in order (as term ids), what kind of answer each token could be,
 * where its sentences start, and each article's title terms. MiniSearch keeps
 * term frequencies, not positions, and the re-rank asks where the question's
 * words stand and which sentence holds them. Built once per corpus and never
 * changed, so every answer can read it at once.
 */
import { tokenize } from './analysis.ts';
import { foldAccents } from './text.ts';
import { NAME, sentenceStartsOf, tokenKinds } from './token-kinds.ts';

export interface PassageTable {
  /** Term id → term: the passages' terms in order of first occurrence, then terms found only in titles. */
  vocabulary: string[];
  /** Passage → its article's position in the corpus (non-decreasing: an article's passages are contiguous). */
  passageArticle: Int32Array;
  /** Passage p's tokens are tokenTerm[tokenStart[p]] … tokenTerm[tokenStart[p + 1] - 1]. */
  tokenStart: Int32Array;
  tokenTerm: Int32Array;
  /** Per token: the kinds of answer it could be (bits, see token-kinds.ts). */
  tokenKind: Uint8Array;
  /** Passage p's sentences start at the token offsets sentenceToken[sentenceStart[p]] … (from 0 within the passage). */
  sentenceStart: Int32Array;
  sentenceToken: Int32Array;
  /** Article a's title terms are titleTerm[titleStart[a]] … titleTerm[titleStart[a + 1] - 1]. */
  titleStart: Int32Array;
  titleTerm: Int32Array;
  /** Per term id: 1 for names (capitalised mid-sentence, or only ever capitalised), for reading misspelt names. */
  nameTerm: Uint8Array;
  /**
   * The passages' words as written (lower case, letters only), each once, with
   * the term each is indexed as (surfaceTerm[i] for surfaceWords[i]): people
   * misspell words, not stems ("initiatves" is one letter from "initiatives"
   * but three from its stem), so typos are read against these.
   */
  surfaceWords: string[];
  surfaceTerm: Int32Array;
}

/** A PassageTable with the lookups derived from it. */
export interface PassageData extends PassageTable {
  termIds: ReadonlyMap<string, number>;
  /** Per term id: how many passages' text holds it. */
  documentFrequency: Int32Array;
  /** Per article: how many passages it has. */
  articlePassageCount: Int32Array;
}

/** Analyses passages (in corpus order) and titles into a table. */
export function buildPassageTable(passages: ReadonlyArray<{ article: number; text: string }>, titles: readonly string[]): PassageTable {
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
  const terms: number[] = [], kinds: number[] = [], sentences: number[] = [];
  const passageArticle = new Int32Array(passages.length);
  const tokenStart = new Int32Array(passages.length + 1);
  const sentenceStart = new Int32Array(passages.length + 1);
  const nameTerms = new Set<string>();
  const surface = new Map<string, number>();
  // Capitalised only at the start of sentences, and never written in lower case: a name too ("Buddhism is…").
  const startCapitalised = new Set<string>(), lowerCase = new Set<string>();
  passages.forEach((p, i) => {
    const tokens = tokenize(p.text);
    const starts = sentenceStartsOf(p.text, tokens);
    const tokenKind = tokenKinds(tokens, starts);
    tokens.forEach(({ word, term }, t) => {
      const id = idOf(term);
      terms.push(id);
      const lower = foldAccents(word).toLowerCase().replace(/'s?$/, '');
      if (/^[a-z]+$/.test(lower) && !surface.has(lower)) surface.set(lower, id);
      kinds.push(tokenKind[t]!);
      if (tokenKind[t]! & NAME) nameTerms.add(term);
      else if (/^\p{Lu}/u.test(word)) startCapitalised.add(term);
      else if (/^\p{Ll}/u.test(word)) lowerCase.add(term);
    });
    sentences.push(...starts);
    passageArticle[i] = p.article;
    tokenStart[i + 1] = terms.length;
    sentenceStart[i + 1] = sentences.length;
  });
  for (const term of startCapitalised) if (!lowerCase.has(term)) nameTerms.add(term);
  const titleTerms: number[] = [];
  const titleStart = new Int32Array(titles.length + 1);
  titles.forEach((title, a) => {
    for (const { term } of tokenize(title)) titleTerms.push(idOf(term));
    titleStart[a + 1] = titleTerms.length;
  });
  return {
    vocabulary, passageArticle, tokenStart, tokenTerm: Int32Array.from(terms), tokenKind: Uint8Array.from(kinds),
    sentenceStart, sentenceToken: Int32Array.from(sentences), titleStart, titleTerm: Int32Array.from(titleTerms),
    nameTerm: Uint8Array.from(vocabulary, (term) => (nameTerms.has(term) ? 1 : 0)),
    surfaceWords: [...surface.keys()], surfaceTerm: Int32Array.from(surface.values()),
  };
}

/** The table with its lookups. Throws when its parts do not fit together (a damaged snapshot). */
export function openPassageTable(table: PassageTable, articles: number): PassageData {
  checkPassageTable(table, articles);
  const documentFrequency = new Int32Array(table.vocabulary.length);
  const seen = new Int32Array(table.vocabulary.length).fill(-1);
  const passages = table.passageArticle.length;
  for (let p = 0; p < passages; p++) {
    for (let i = table.tokenStart[p]!; i < table.tokenStart[p + 1]!; i++) {
      const t = table.tokenTerm[i]!;
      if (seen[t] !== p) {
        seen[t] = p;
        documentFrequency[t]!++;
      }
    }
  }
  const articlePassageCount = new Int32Array(articles);
  for (let p = 0; p < passages; p++) articlePassageCount[table.passageArticle[p]!]!++;
  return { ...table, termIds: new Map(table.vocabulary.map((t, id) => [t, id])), documentFrequency, articlePassageCount };
}

function checkPassageTable(table: PassageTable, articles: number): void {
  const fail = (what: string): never => { throw new Error(`not a passage table: ${what}`); };
  const { vocabulary, passageArticle, tokenStart, tokenTerm, tokenKind, sentenceStart, sentenceToken, titleStart, titleTerm, nameTerm, surfaceWords, surfaceTerm } = table;
  const n = passageArticle.length, terms = vocabulary.length;
  if (new Set(vocabulary).size !== terms || nameTerm.length !== terms) fail('vocabulary');
  if (surfaceWords.length !== surfaceTerm.length) fail('surface words');
  const offsets = (start: Int32Array, units: number, total: number, what: string) => {
    if (start.length !== units + 1 || start[0] !== 0 || start[units] !== total) fail(what);
    for (let u = 0; u < units; u++) if (start[u + 1]! < start[u]!) fail(what);
  };
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
  for (const ids of [tokenTerm, titleTerm, surfaceTerm]) for (let i = 0; i < ids.length; i++) if (ids[i]! < 0 || ids[i]! >= terms) fail('term ids');
}

/** Number of sentences of a passage. */
export function sentenceCount(data: PassageTable, passage: number): number {
  return data.sentenceStart[passage + 1]! - data.sentenceStart[passage]!;
}

/**
 * Token offset (within the passage) where its sentence `s` starts (0 for the
 * first); for `s` = the sentence count, its token count, where the last sentence ends.
 */
export function sentenceBound(data: PassageTable, passage: number, s: number): number {
  const at = data.sentenceStart[passage]! + s;
  return at < data.sentenceStart[passage + 1]! ? data.sentenceToken[at]! : data.tokenStart[passage + 1]! - data.tokenStart[passage]!;
}

/** The id of a term, or -1 when no passage or title holds it. */
export function termId(data: PassageData, term: string): number {
  return data.termIds.get(term) ?? -1;
}

/** How many passages' text holds a term. */
export function documentFrequency(data: PassageData, term: string): number {
  const id = data.termIds.get(term);
  return id === undefined ? 0 : data.documentFrequency[id]!;
}

/** The table as JSON-safe values (typed arrays as base64), for a snapshot. */
export function passageTableToJSON(table: PassageTable): Record<string, unknown> {
  const bytes = (a: Int32Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return {
    vocabulary: table.vocabulary,
    passageArticle: bytes(table.passageArticle), tokenStart: bytes(table.tokenStart), tokenTerm: bytes(table.tokenTerm),
    tokenKind: bytes(table.tokenKind), sentenceStart: bytes(table.sentenceStart), sentenceToken: bytes(table.sentenceToken),
    titleStart: bytes(table.titleStart), titleTerm: bytes(table.titleTerm), nameTerm: bytes(table.nameTerm),
    surfaceWords: table.surfaceWords, surfaceTerm: bytes(table.surfaceTerm),
  };
}

/** Reads `passageTableToJSON` output back; throws on anything of another shape. */
export function passageTableFromJSON(json: unknown): PassageTable {
  const o = (json ?? {}) as Record<string, unknown>;
  const raw = (key: string) => {
    if (typeof o[key] !== 'string') throw new Error(`not a passage table: ${key}`);
    return Buffer.from(o[key], 'base64');
  };
  const int32 = (key: string) => {
    const b = raw(key);
    if (b.length % 4 !== 0) throw new Error(`not a passage table: ${key}`);
    // Copied into its own buffer: a Buffer's bytes may sit at an offset Int32Array cannot start at.
    return new Int32Array(new Uint8Array(b).buffer);
  };
  const uint8 = (key: string) => new Uint8Array(raw(key));
  const strings = (key: string) => {
    const list = o[key];
    if (!Array.isArray(list) || !list.every((t) => typeof t === 'string')) throw new Error(`not a passage table: ${key}`);
    return list as string[];
  };
  return {
    vocabulary: strings('vocabulary'), surfaceWords: strings('surfaceWords'), surfaceTerm: int32('surfaceTerm'),
    passageArticle: int32('passageArticle'), tokenStart: int32('tokenStart'), tokenTerm: int32('tokenTerm'), tokenKind: uint8('tokenKind'),
    sentenceStart: int32('sentenceStart'), sentenceToken: int32('sentenceToken'), titleStart: int32('titleStart'),
    titleTerm: int32('titleTerm'), nameTerm: uint8('nameTerm'),
  };
}
