/**
 * What callers need around one ranked answer, worked out from the engine's
 * answers themselves: an answer that begins with a passage someone picked,
 * and the best passage of each article ("how each outlet reports it").
 * Pure functions of an answer function, so they hold for any engine that
 * answers `(question, { k, offset, article })`.
 */
import type { Answer, AnswerOptions, ArticleSummary, ResultPassage } from './engine.ts';
import type { AnswerFn } from './suggest.ts';

/** The engine returns at most 10 passages an answer; one short of it leaves room to see whether more follow. */
const CHUNK = 9;

const clampK = (k: number | undefined) => Math.min(10, Math.max(1, Math.trunc(k ?? 3)));

/**
 * The answer to `question` with the passage `first` ranked first and the
 * question's own ranking after it (without `first`, and without it among the
 * "also reported by" of the others), paged by `offset` and `k` like any
 * answer. When the question does not rank `first` at all, its plain answer.
 */
export function answerWithFirst(
  answer: AnswerFn,
  question: string,
  first: { passageId: string; articleId: string },
  opts: AnswerOptions = {},
): Answer {
  const k = clampK(opts.k);
  const offset = Math.max(0, Math.trunc(opts.offset ?? 0));
  const scope = opts.article ? { article: opts.article } : {};
  const rest: ResultPassage[] = [];
  let head: Answer | null = null;
  let firstResult: ResultPassage | null = null;
  let more = true;
  // The page and one passage past it, `first` not counted: chunk by chunk, as an answer holds at most 10.
  for (let at = 0; more && rest.length < offset + k; at += CHUNK) {
    const chunk = answer(question, { ...scope, k: CHUNK, offset: at });
    if (!chunk.answered) break;
    head ??= chunk;
    for (const r of chunk.results) {
      if (r.passageId === first.passageId) firstResult = r;
      else rest.push(withoutAlso(r, first.passageId));
    }
    more = chunk.hasMore;
  }
  firstResult ??= answer(question, { article: first.articleId, k: 10 }).results.find((r) => r.passageId === first.passageId) ?? null;
  if (!head || !firstResult) return answer(question, { ...opts, k, offset });
  const ranked = [firstResult, ...rest];
  head.results = ranked.slice(offset, offset + k);
  head.hasMore = ranked.length > offset + k || more;
  return head;
}

function withoutAlso(r: ResultPassage, passageId: string): ResultPassage {
  if (!r.alsoIn?.some((c) => c.passageId === passageId)) return r;
  const alsoIn = r.alsoIn.filter((c) => c.passageId !== passageId);
  const { alsoIn: _dropped, ...rest } = r;
  return alsoIn.length ? { ...rest, alsoIn } : rest;
}

export interface Comparison {
  /** The answer to the question over every article: its refusal, missing words and corrections stand for the comparison. */
  answer: Answer;
  /** The best passage of each article that answers the question, most relevant article first. */
  rows: ResultPassage[];
  /** Articles that do not answer it. */
  uncovered: ArticleSummary[];
  /** Articles the ranking holds beyond `limit`, not compared. */
  notCompared: number;
}

/**
 * How each article reports what the question asks: its best passage, for
 * the articles the question's ranking reaches (in the order it reaches them,
 * "also reported by" included), each confirmed by the answer within that
 * article alone. At most `limit` articles are compared.
 */
export function compareArticles(answer: AnswerFn, articles: readonly ArticleSummary[], question: string, { limit }: { limit: number }): Comparison {
  const overall = answer(question, { k: CHUNK });
  if (!overall.answered) return { answer: overall, rows: [], uncovered: [], notCompared: 0 };
  const order: string[] = [];
  const reached = (id: string) => { if (!order.includes(id)) order.push(id); };
  for (let at = 0, chunk = overall; ; ) {
    for (const r of chunk.results) {
      reached(r.articleId);
      for (const c of r.alsoIn ?? []) reached(c.articleId);
    }
    if (!chunk.hasMore || order.length > limit) break;
    at += CHUNK;
    chunk = answer(question, { k: CHUNK, offset: at });
    if (!chunk.answered) break;
  }
  const rows: ResultPassage[] = [];
  const refused = new Set<string>();
  for (const articleId of order.slice(0, limit)) {
    const own = answer(question, { article: articleId, k: 1 });
    if (own.answered && own.results[0]) rows.push(own.results[0]);
    else refused.add(articleId);
  }
  const compared = new Set(order.slice(0, limit));
  const uncovered = articles.filter((a) => refused.has(a.id) || !order.includes(a.id));
  return { answer: overall, rows, uncovered, notCompared: order.filter((id) => !compared.has(id)).length };
}
