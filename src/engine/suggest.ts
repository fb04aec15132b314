/**
 * Suggestions while someone types a question, and finding the article someone
 * named: the engine side of autocomplete. No Discord here: the caller says how
 * many suggestions it can show and cuts them to its own limits.
 *
 * Passages are suggested through the engine's own answer, so a suggestion is
 * ranked as a question would be. What the answer cannot do is read a word
 * still being typed ("warning sho", "kim tre"): the last word, when nothing
 * follows it yet, is first completed from the words of the passages (a radix
 * tree of the words, most frequent first), and each completion is asked in
 * turn. Articles are matched on their title, publisher, author and id by a
 * small MiniSearch index (one document per article), every typed word
 * required, the last one as a prefix.
 */
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { isStopWord, wordSpans } from './analysis.ts';
import type { Answer, AnswerOptions, ArticleSummary } from './engine.ts';
import { foldAccents, foldForMatch, sentenceSpans } from './text.ts';

export type AnswerFn = (question: string, opts: AnswerOptions) => Answer;

export interface SuggestPassage {
  id: string;
  articleId: string;
  text: string;
}

export interface PassageSuggestion {
  kind: 'passage';
  /** What to send back to pick it: see suggestionKey. */
  key: string;
  passageId: string;
  articleId: string;
  /** The sentence of the passage that answers what was typed (the engine's highlight), whole. */
  sentence: string;
}

export interface ArticleSuggestion {
  kind: 'article';
  key: string;
  article: ArticleSummary;
}

export type Suggestion = PassageSuggestion | ArticleSuggestion;

export interface SuggestOptions {
  /** Most suggestions to return. */
  limit: number;
  /** Articles only (an option that names an article). */
  only?: 'articles';
}

/** A suggestion picked, as its key names it. */
export type PickedSuggestion =
  | { kind: 'passage'; passageId: string; offset: number }
  | { kind: 'article'; articleId: string };

/**
 * Keys are short and stable while the article is unchanged: a passage's id
 * and where in it its sentence starts, or an article's id. A key of an
 * article since removed names nothing, which the caller can say.
 */
export const suggestionKey = {
  passage: (passageId: string, offset: number) => `p:${passageId}:${offset}`,
  article: (articleId: string) => `a:${articleId}`,
};

const PASSAGE_KEY = /^p:([a-z0-9][a-z0-9-]{0,63}#\d{1,6}):(\d{1,6})$/;
const ARTICLE_KEY = /^a:([a-z0-9][a-z0-9-]{0,63})$/;

/** The suggestion a value names, or null when it is anything else (typed text). */
export function parseSuggestionKey(value: string): PickedSuggestion | null {
  const passage = PASSAGE_KEY.exec(value);
  if (passage) return { kind: 'passage', passageId: passage[1]!, offset: Number(passage[2]) };
  const article = ARTICLE_KEY.exec(value);
  return article ? { kind: 'article', articleId: article[1]! } : null;
}

/** Completions of the last word tried, most frequent first: each is one more answer to work out. */
const COMPLETIONS = 3;
/** Passages asked for per completion: three completions fill the 24 a caller typically shows. */
const PASSAGES_PER_QUESTION = 8;
/** At most this many article suggestions among the passages (the field is for questions). */
const ARTICLE_SLOTS = 5;

/** A word as the completion tree keys it: accents folded, lower case. */
const wordKey = (word: string) => foldAccents(word).toLowerCase();

interface TypedWord {
  word: string;
  start: number;
  end: number;
}

function wordsOf(text: string): TypedWord[] {
  const spans = new Int32Array(text.length + 1);
  const n = wordSpans(text, spans);
  const words: TypedWord[] = [];
  for (let i = 0; i < n; i += 2) words.push({ word: text.slice(spans[i]!, spans[i + 1]!), start: spans[i]!, end: spans[i + 1]! });
  return words;
}

/** The sentence of `text` that holds offset `at`, or null when `at` is past its end. */
export function sentenceAt(text: string, at: number): { start: number; end: number } | null {
  if (at < 0 || at >= text.length) return null;
  return sentenceSpans(text).find((s) => s.end > at) ?? null;
}

export class Suggester {
  /** Word → how many times the passages use it; made on the first suggestion, not with the index. */
  private wordCounts: SearchableMap<number> | null = null;
  private articleIndex: MiniSearch<{ n: number; title: string; publisher: string; author: string; id: string }> | null = null;
  private readonly articleById: Map<string, ArticleSummary>;
  private readonly passageById = new Map<string, SuggestPassage>();

  constructor(
    private readonly passages: readonly SuggestPassage[],
    private readonly articles: readonly ArticleSummary[],
    private readonly answer: AnswerFn,
  ) {
    this.articleById = new Map(articles.map((a) => [a.id, a]));
  }

  /**
   * Builds what suggesting needs (the word tree: about 0.15 s at 10k
   * passages, ten times that at 100k), so that a first keystroke does not wait for it.
   */
  prepare(): void {
    this.wordCounts ??= this.countWords();
  }

  /**
   * Passages whose text answers what is typed so far, then articles whose
   * title (or publisher, author, id) holds every typed word; with nothing
   * typed, the articles. At most `limit`.
   */
  suggest(typed: string, { limit, only }: SuggestOptions): Suggestion[] {
    const text = typed.replace(/\s+/g, ' ').trim();
    if (limit <= 0) return [];
    if (only === 'articles' || !text) return this.matchingArticles(text, limit);
    const articles = this.matchingArticles(text, Math.min(ARTICLE_SLOTS, limit));
    // A space typed after the last word finishes it, as punctuation does.
    const passages = this.matchingPassages(text, limit - articles.length, /\s$/.test(typed));
    return [...passages, ...articles].slice(0, limit);
  }

  /**
   * The article someone named: a suggestion's key, its id, its title (or the
   * title with its publisher, as a suggestion shows it), or words that only
   * one article's title, publisher, author or id holds. Null when none or
   * several match.
   */
  findArticle(typed: string): ArticleSummary | null {
    const text = typed.replace(/\s+/g, ' ').trim();
    if (!text) return null;
    const picked = parseSuggestionKey(text);
    if (picked?.kind === 'article') return this.articleById.get(picked.articleId) ?? null;
    const byId = this.articleById.get(text) ?? this.articleById.get(text.toLowerCase());
    if (byId) return byId;
    // Letters and digits only: a label such as "📰 Title (Publisher)" names its article too.
    const bare = (s: string) => foldForMatch(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const wanted = bare(text);
    if (!wanted) return null;
    const exact = this.articles.filter((a) => bare(a.title) === wanted || bare(`${a.title} ${a.publisher ?? ''}`) === wanted);
    if (exact.length === 1) return exact[0]!;
    const folded = foldForMatch(text);
    const partial = this.articles.filter((a) => foldForMatch(`${a.title} ${a.publisher ?? ''} ${a.author ?? ''} ${a.id}`).includes(folded));
    if (partial.length === 1) return partial[0]!;
    if (partial.length > 1) return null;
    const words = this.searchArticles(text, 2);
    return words.length === 1 ? words[0]! : null;
  }

  /**
   * What `answerFirst` makes of a picked passage's key: asked its sentence,
   * with the passage as the one to rank first. Null when the key is not a
   * passage key, or names a passage or sentence these articles no longer hold.
   */
  answerPicked<T>(key: string, answerFirst: (question: string, first: { passageId: string; articleId: string }) => T): T | null {
    const picked = parseSuggestionKey(key);
    if (picked?.kind !== 'passage') return null;
    if (this.passageById.size === 0) for (const p of this.passages) this.passageById.set(p.id, p);
    const passage = this.passageById.get(picked.passageId);
    const span = passage ? sentenceAt(passage.text, picked.offset) : null;
    if (!passage || !span) return null;
    return answerFirst(passage.text.slice(span.start, span.end), { passageId: passage.id, articleId: passage.articleId });
  }

  private matchingArticles(text: string, limit: number): ArticleSuggestion[] {
    const found = text ? this.searchArticles(text, limit) : this.articles.slice(0, limit);
    return found.map((article) => ({ kind: 'article', key: suggestionKey.article(article.id), article }));
  }

  private searchArticles(text: string, limit: number): ArticleSummary[] {
    if (!this.articleIndex) {
      this.articleIndex = new MiniSearch({
        idField: 'n',
        fields: ['title', 'publisher', 'author', 'id'],
        processTerm: (term) => wordKey(term),
        searchOptions: {
          combineWith: 'AND',
          prefix: (_term, i, terms) => i === terms.length - 1,
          // Typos in longer words only: a short word one letter off is another word.
          fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
          boost: { title: 2 },
        },
      });
      this.articleIndex.addAll(this.articles.map((a, n) => ({ n, title: a.title, publisher: a.publisher ?? '', author: a.author ?? '', id: a.id })));
    }
    return this.articleIndex.search(text).slice(0, limit).map((hit) => this.articles[hit.id as number]!);
  }

  /**
   * Passages for what is typed: the engine's answer to it, or, while its last
   * word is still being typed, to it with that word completed.
   */
  private matchingPassages(text: string, limit: number, lastWordFinished: boolean): PassageSuggestion[] {
    if (limit <= 0) return [];
    const words = wordsOf(text);
    const last = words.at(-1);
    let questions = [text];
    // A word is still being typed when nothing (no space, no punctuation) follows it.
    if (last && last.end === text.length && !lastWordFinished) {
      const before = text.slice(0, last.start).trim();
      if (last.word.length < 2) questions = before ? [before] : [];
      else {
        const completions = this.completions(last.word);
        if (completions.length) questions = completions.map((c) => (before ? `${before} ${c}` : c));
      }
    }
    const out: PassageSuggestion[] = [];
    const seen = new Set<string>();
    for (const question of questions) {
      const answer = this.answer(question, { k: PASSAGES_PER_QUESTION });
      if (!answer.answered) continue;
      for (const r of answer.results) {
        if (seen.has(r.passageId)) continue;
        seen.add(r.passageId);
        // The engine's highlight is the sentence: no need to split the passage into sentences again.
        const span = r.highlight ?? r.sentences[0] ?? { start: 0, end: r.text.length };
        out.push({ kind: 'passage', key: suggestionKey.passage(r.passageId, span.start), passageId: r.passageId, articleId: r.articleId, sentence: r.text.slice(span.start, span.end) });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  /**
   * Words of the passages that begin with `prefix`, most used first; the
   * prefix itself first when it is a word of theirs. Stop words only when
   * nothing else begins so: "th" is more likely "threat" than "the".
   */
  private completions(prefix: string): string[] {
    const counts = this.wordCounts ??= this.countWords();
    const key = wordKey(prefix);
    const found: Array<[string, number]> = [];
    for (const [word, count] of counts.atPrefix(key)) found.push([word, count]);
    found.sort((a, b) => (a[0] === key ? -1 : b[0] === key ? 1 : b[1] - a[1]));
    const content = found.filter(([word]) => word === key || !isStopWord(word));
    return (content.length ? content : found).slice(0, COMPLETIONS).map(([word]) => word);
  }

  private countWords(): SearchableMap<number> {
    // Counted in a hash map first: a radix tree insert per word of every passage took ten times as long.
    const counts = new Map<string, number>();
    let spans = new Int32Array(4096);
    for (const p of this.passages) {
      if (spans.length < p.text.length + 1) spans = new Int32Array(p.text.length + 1);
      const n = wordSpans(p.text, spans);
      for (let i = 0; i < n; i += 2) {
        const word = p.text.slice(spans[i]!, spans[i + 1]!);
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
    const tree = new SearchableMap<number>();
    for (const [word, count] of counts) {
      const key = wordKey(word);
      tree.set(key, (tree.get(key) ?? 0) + count);
    }
    return tree;
  }
}
