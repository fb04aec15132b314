/**
 * What the question commands share before anything is sent: checking a
 * question, and turning the engine's suggestions into autocomplete choices
 * within Discord's limits. No Discord types and no search here.
 */
import type { ArticleSummary, SearchEngine } from '../engine/engine.ts';
import { cleanUserText, cutAt } from '../engine/text.ts';
import { LIMITS, truncate } from './format.ts';
import type { Choice } from './types.ts';

export const MAX_QUESTION_CHARS = 300;
export const MAX_RESULTS = 5;
export const DEFAULT_RESULTS = 3;
/** Articles /compare sets side by side (see MAX_EMBEDS). */
export const COMPARE_ARTICLES = 8;

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

/** The `results` option, clamped: a forged value out of range still gets an answer. */
export const resultsWanted = (k: number | null) => Math.min(MAX_RESULTS, Math.max(1, Math.trunc(k ?? DEFAULT_RESULTS)));

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

/** How an article is named in autocomplete: its title and publisher. */
export function articleLabel(a: ArticleSummary): string {
  return a.publisher ? `${a.title} (${a.publisher})` : a.title;
}

// Characters cleanUserText removes: article text is cleaned when loaded, so it seldom holds one.
const UNCLEAN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\p{Cs}]|\p{M}{4}/u;
/** A choice's name: clean, on one line, cut to Discord's 100 characters. */
const choiceName = (text: string) => truncate(UNCLEAN.test(text) ? cleanUserText(text) : text.replace(/\s+/g, ' ').trim(), LIMITS.choiceName);

/** Autocomplete choices for an article option: the label as the name, the id as the value. */
export function articleChoices(engine: SearchEngine, typed: string): Choice[] {
  const text = cutAt(cleanUserText(typed), MAX_QUESTION_CHARS);
  return engine.suggest(text, { limit: LIMITS.choices, only: 'articles' })
    .flatMap((s) => (s.kind === 'article' ? [{ name: choiceName(articleLabel(s.article)), value: s.article.id }] : []));
}

/**
 * Autocomplete choices for a question: what was typed first (sent as it
 * is, so free text is one keystroke away), then passages that answer it
 * (📄 and the matching sentence) and articles whose title holds it (📰), each
 * with its suggestion key as the value.
 */
export function questionChoices(engine: SearchEngine, typed: string): Choice[] {
  // Searched no further than a question may go: a longer text cannot be sent anyway.
  const text = cutAt(cleanUserText(typed), MAX_QUESTION_CHARS);
  // cleanUserText trims, but a trailing space says the last word is finished (see Suggester.suggest).
  const asTyped = /\s$/.test(typed) && text.length < MAX_QUESTION_CHARS ? `${text} ` : text;
  const choices: Choice[] = [];
  // Over 100 characters the typed text cannot be a choice value without losing its end: it is not offered cut.
  if (text && text.length <= LIMITS.choiceValue) choices.push({ name: text, value: text });
  const names = new Set(choices.map((c) => c.name));
  for (const s of engine.suggest(asTyped, { limit: LIMITS.choices - 1 })) {
    const name = s.kind === 'passage' ? choiceName(`📄 ${s.sentence}`) : choiceName(`📰 ${articleLabel(s.article)}`);
    if (names.has(name) || s.key.length > LIMITS.choiceValue) continue;
    names.add(name);
    choices.push({ name, value: s.key });
  }
  return choices.slice(0, LIMITS.choices);
}
