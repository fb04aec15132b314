/**
 * What the answer commands share between /ask, "Ask the articles" and the
 * "More results" button: checking the question, resolving an article the
 * user named, calling the engine, and choosing refusal suggestions. No
 * Discord types here: the command modules turn outcomes into replies.
 */
import { SUGGESTION_PASSAGES, suggestionsFrom, type Answer, type ArticleSummary, type SearchEngine } from '../engine/engine.ts';
import { cleanUserText, cutAt, foldForMatch } from '../engine/text.ts';

export const MAX_QUESTION_CHARS = 300;
export const MAX_RESULTS = 5;
export const DEFAULT_RESULTS = 3;
/** Articles a refusal lists when it has no question to suggest. */
export const REFUSAL_TITLES = 10;

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Cleans (see cleanUserText) and checks a question typed or taken from a message. */
export function checkQuestion(raw: string | null | undefined): Checked<string> {
  const question = cleanUserText(raw ?? '');
  if (!question) {
    return { ok: false, problem: 'The question is empty. Type a question, e.g. "What did Russia and North Korea agree to?"' };
  }
  if (question.length > MAX_QUESTION_CHARS) {
    return { ok: false, problem: `The question is ${question.length} characters long; keep it under ${MAX_QUESTION_CHARS}.` };
  }
  return { ok: true, value: question };
}

/**
 * A message's text as a question: long messages are cut at a word so the
 * context-menu command still works on them.
 */
export function questionFromMessage(content: string): { question: string; cut: boolean } {
  const text = cleanUserText(content);
  if (text.length <= MAX_QUESTION_CHARS) return { question: text, cut: false };
  const slice = cutAt(text, MAX_QUESTION_CHARS);
  const space = slice.lastIndexOf(' ');
  return { question: (space > MAX_QUESTION_CHARS / 2 ? slice.slice(0, space) : slice).trim(), cut: true };
}

/**
 * The article a user named: the autocomplete value (its id) or, typed by
 * hand, its title, the suggestion's label or a unique part of the title.
 */
export function resolveArticle(engine: SearchEngine, raw: string): ArticleSummary | null {
  const wanted = cleanUserText(raw);
  if (!wanted) return null;
  const articles = engine.articles();
  const byId = articles.find((a) => a.id === wanted || a.id === wanted.toLowerCase());
  if (byId) return byId;
  const folded = foldForMatch(wanted);
  // A client that sends the suggestion's label instead of its value still names one article.
  const byTitle = articles.find((a) => foldForMatch(a.title) === folded || foldForMatch(articleLabel(a)) === folded);
  if (byTitle) return byTitle;
  const partial = articles.filter((a) => foldForMatch(`${a.title} ${a.publisher ?? ''} ${a.id}`).includes(folded));
  return partial.length === 1 ? partial[0]! : null;
}

/** Autocomplete choices for an article option: title as the name, id as the value. */
export function articleChoices(engine: SearchEngine, typed: string, limit = 25): Array<{ name: string; value: string }> {
  const folded = foldForMatch(typed);
  return engine.articles()
    .filter((a) => !folded || foldForMatch(`${a.title} ${a.publisher ?? ''} ${a.id}`).includes(folded))
    .slice(0, limit)
    .map((a) => ({ name: articleLabel(a), value: a.id }));
}

/** How an article is named in autocomplete: its title and publisher, in at most 100 characters. */
function articleLabel(a: ArticleSummary): string {
  const label = a.publisher ? `${a.title} (${a.publisher})` : a.title;
  return label.length <= 100 ? label : `${cutAt(label, 99)}…`;
}

/** Autocomplete choices for the question: what was typed first, then questions the articles answer. */
export function questionChoices(engine: SearchEngine, typed: string, limit = 25): Array<{ name: string; value: string }> {
  // Searched no further than a question may go: a longer text cannot be sent anyway.
  const text = cutAt(cleanUserText(typed), MAX_QUESTION_CHARS);
  const suggestions = engine.suggest(text, limit + 1, 100);
  // A typed text over 100 characters cannot be a choice value without losing its end:
  // leaving it out keeps what the user typed as what gets sent.
  if (text.length > 100 && suggestions[0] === cutAt(text, 100)) suggestions.shift();
  return suggestions.filter((s) => s.length > 0).slice(0, limit).map((s) => ({ name: s, value: s }));
}

export interface AskRequest {
  question: string;
  k: number;
  offset: number;
  articleId: string | null;
}

export type AskOutcome =
  | { kind: 'answered'; answer: Answer; hasMore: boolean }
  /** `titles`: the first REFUSAL_TITLES articles' titles. */
  | { kind: 'refused'; answer: Answer; suggestions: string[]; titles: string[] };

export function ask(engine: SearchEngine, req: AskRequest): AskOutcome {
  const k = Math.min(MAX_RESULTS, Math.max(1, Math.trunc(req.k)));
  const probe = engine.answer(req.question, { k, offset: req.offset, ...(req.articleId ? { article: req.articleId } : {}) });
  if (!probe.answered) {
    // Only the titles a refusal shows: a large corpus has thousands.
    const titles = engine.articles().slice(0, REFUSAL_TITLES).map((a) => a.title);
    return { kind: 'refused', answer: probe, suggestions: refusalSuggestions(engine, probe), titles };
  }
  return { kind: 'answered', answer: probe, hasMore: probe.hasMore };
}

/**
 * Questions to try instead of a refused one: the question without the words
 * no article has, if what is left finds passages. Empty when nothing is close;
 * the caller then lists the article titles.
 */
export function refusalSuggestions(engine: SearchEngine, answer: Answer): string[] {
  const missing = new Set(answer.missingTerms.map((t) => t.toLowerCase()));
  const rest = answer.question.split(/\s+/).filter((w) => !missing.has(w.toLowerCase().replace(/[^\p{L}\p{N}'-]/gu, ''))).join(' ').trim();
  if (!rest || rest === answer.question.trim()) return [];
  const probe = engine.answer(rest, { k: SUGGESTION_PASSAGES });
  if (!probe.answered) return [];
  return suggestionsFrom(probe, 6, 100).slice(1, 6);
}
