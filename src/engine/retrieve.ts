/**
 * Retrieval: MiniSearch over the passages (fields `text` and `title`),
 * searched with the question's weighted terms. The terms are already the
 * project's analysis (folded, stemmed: see analysis.ts), so MiniSearch's
 * `tokenize` and `processTerm` only split and keep them: passages are
 * analysed once, into the passage table, and MiniSearch indexes those terms.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { PassageTable } from './passage-table.ts';

/** A MiniSearch document: the passage's number; its fields come from the passage table (see extractField). */
interface PassageDoc {
  id: number;
}

export type PassageSearch = MiniSearch<PassageDoc>;

const splitTerms = (text: string): string[] => text.split(' ');
// '' is what splitting an empty field gives; MiniSearch drops a term processTerm turns into null.
const keepTerm = (term: string): string | null => term || null;

/** The options MiniSearch is built and loaded with; loadJSON needs the same ones. */
function searchOptions(table: PassageTable): Options<PassageDoc> {
  const { vocabulary, tokenStart, tokenTerm, titleStart, titleTerm, passageArticle } = table;
  const join = (ids: Int32Array, from: number, to: number) => {
    let text = '';
    for (let i = from; i < to; i++) text += i === from ? vocabulary[ids[i]!]! : ` ${vocabulary[ids[i]!]!}`;
    return text;
  };
  return {
    fields: ['text', 'title'],
    extractField: (doc, field) => {
      if (field === 'id') return doc.id as unknown as string;
      if (field === 'text') return join(tokenTerm, tokenStart[doc.id]!, tokenStart[doc.id + 1]!);
      const a = passageArticle[doc.id]!;
      return join(titleTerm, titleStart[a]!, titleStart[a + 1]!);
    },
    tokenize: splitTerms,
    processTerm: keepTerm,
    searchOptions: { tokenize: splitTerms, processTerm: keepTerm },
  };
}

/** Indexes every passage of the table. */
export function buildPassageSearch(table: PassageTable): PassageSearch {
  const search = new MiniSearch<PassageDoc>(searchOptions(table));
  const docs: PassageDoc[] = [];
  for (let id = 0; id < table.passageArticle.length; id++) docs.push({ id });
  search.addAll(docs);
  return search;
}

/** MiniSearch's own JSON (`JSON.stringify(search)`), read back for the same table; throws on JSON of another shape. */
export function loadPassageSearch(json: string, table: PassageTable): PassageSearch {
  return MiniSearch.loadJSON<PassageDoc>(json, searchOptions(table));
}

export interface RetrievalQuery {
  /** Terms with their weights, in question order (MiniSearch keeps equal scores in the order passages first matched). */
  terms: ReadonlyArray<{ term: string; boost: number }>;
  /** Weight of a title match against a text match. */
  titleBoost: number;
  bm25: { k: number; b: number; d: number };
  /** Only passages of the articles (by position in the corpus) this accepts; all when absent. */
  article?: (article: number) => boolean;
  /** How many of the best passages to keep. */
  limit: number;
}

export interface Hit {
  /** The passage's number (its place in the corpus). */
  passage: number;
  score: number;
  /** The query terms it matched (MiniSearch's `queryTerms`), whose number MiniSearch multiplied its score by. */
  terms: string[];
}

/** The best passages for the terms (any of them: an OR query), and how many passages matched. */
export function retrieve(search: PassageSearch, table: PassageTable, query: RetrievalQuery): { hits: Hit[]; matched: number } {
  if (query.terms.length === 0) return { hits: [], matched: 0 };
  const boosts = new Map(query.terms.map((t) => [t.term, t.boost]));
  const { article } = query;
  const results: SearchResult[] = search.search(query.terms.map((t) => t.term).join(' '), {
    combineWith: 'OR',
    boost: { text: 1, title: query.titleBoost },
    bm25: query.bm25,
    boostTerm: (term) => boosts.get(term) ?? 1,
    filter: article ? (r) => article(table.passageArticle[r.id as number]!) : undefined,
  });
  const hits: Hit[] = [];
  for (let i = 0; i < results.length && i < query.limit; i++) hits.push({ passage: results[i]!.id as number, score: results[i]!.score, terms: results[i]!.queryTerms });
  return { hits, matched: results.length };
}
