/**
 * The CLI's JSON contract (README "JSON contract"): other tools read it, so
 * fields are listed explicitly here rather than dumped from engine objects.
 */
import type { NoteKind } from './clean.ts';
import type { Answer, ArticleSummary } from './engine.ts';

export interface JsonResult {
  passageId: string;
  articleId: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  /** Only when the article names its author. */
  author?: string;
  /** Only for a passage that is not story text: a photo caption or credit, a byline or author note, an attribution line. */
  kind?: NoteKind;
  text: string;
  score: number;
  highlight?: { start: number; end: number };
  alsoIn?: Array<{ passageId: string; articleId: string; title: string; publisher: string | null }>;
}

export interface JsonAnswer {
  question: string;
  answered: boolean;
  missingTerms: string[];
  results: JsonResult[];
}

export function toJsonAnswer(answer: Answer): JsonAnswer {
  return {
    question: answer.question,
    answered: answer.answered,
    missingTerms: answer.missingTerms,
    results: answer.results.map((r) => ({
      passageId: r.passageId, articleId: r.articleId, title: r.title, publisher: r.publisher,
      published: r.published, url: r.url, ...(r.author ? { author: r.author } : {}), ...(r.kind ? { kind: r.kind } : {}), text: r.text, score: r.score,
      ...(r.highlight ? { highlight: r.highlight } : {}),
      ...(r.alsoIn ? { alsoIn: r.alsoIn } : {}),
    })),
  };
}

export interface JsonSource {
  id: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  author: string | null;
  titleWritten: boolean;
  file: string;
  passages: number;
}

export function toJsonSource(a: ArticleSummary): JsonSource {
  return {
    id: a.id, title: a.title, publisher: a.publisher, published: a.published, url: a.url,
    author: a.author, titleWritten: a.titleWritten, file: a.file, passages: a.passageCount,
  };
}
