/**
 * Stage 6, presentation: a ranked passage as a result a reader sees, with the
 * words that matched the question and the sentence that answers it marked
 * as offsets into the passage's text.
 */
import { wordSpans } from './analysis.ts';
import type { IndexedCorpus } from './indexed-corpus.ts';
import { isNoteKind } from './passages.ts';
import { sentenceBound, sentenceCount } from './passage-table.ts';
import { findSeq, holdsConcept } from './positions.ts';
import type { Query } from './query.ts';
import { relatedPositions, type Candidate } from './rerank.ts';
import type { Tuning } from './tuning.ts';
import type { Citation, ResultPassage, Span } from './types.ts';

export function present(c: Candidate, query: Query, corpus: IndexedCorpus, tuning: Tuning): ResultPassage {
  const { conceptTerms, weights } = query;
  const { data } = corpus;
  const index = c.passage;
  const p = corpus.passages[index]!;
  const article = corpus.articles[data.passageArticle[index]!]!;
  const articleNumber = data.passageArticle[index]!;
  const from = data.tokenStart[index]!, to = data.tokenStart[index + 1]!;
  const spans = new Int32Array(p.text.length + 1);
  wordSpans(p.text, spans);
  const sentences = sentenceCount(data, index);
  const sentenceOf = (token: number) => {
    let s = 0;
    while (sentenceBound(data, index, s + 1) <= token) s++;
    return s;
  };
  // Per concept and sentence: how strongly the concept matched there: its own words (1), only an alias
  // (aliasWeight) or only related words (as the ranking counts them).
  const strength = new Float64Array(conceptTerms.length * sentences);
  const matches: Span[] = [];
  for (let ci = 0; ci < conceptTerms.length; ci++) {
    const alternatives = conceptTerms[ci]!;
    const matchesBefore = matches.length;
    alternatives.forEach((alt, ai) => {
      const matchStrength = ai === 0 ? 1 : tuning.aliasWeight;
      for (let i = findSeq(data.tokenTerm, from, to, alt, from); i >= 0; i = findSeq(data.tokenTerm, from, to, alt, i + 1)) {
        const token = i - from;
        matches.push({ start: spans[2 * token]!, end: spans[2 * (token + alt.length - 1) + 1]! });
        const at = ci * sentences + sentenceOf(token);
        strength[at] = Math.max(strength[at]!, matchStrength);
      }
    });
    // As the re-rank reads related words: only for a concept neither the text nor the title nor the source holds.
    const related = query.related[ci];
    if (matches.length > matchesBefore || !related || holdsConcept(data.titleTerm, data.titleStart[articleNumber]!, data.titleStart[articleNumber + 1]!, alternatives)
      || query.sources?.[ci]?.has(articleNumber)) continue;
    const { positions, best } = relatedPositions(related, data.tokenTerm, from, to);
    for (const token of positions) {
      const at = ci * sentences + sentenceOf(token);
      strength[at] = Math.max(strength[at]!, tuning.relatedWeight * best);
    }
  }
  // Array.prototype.sort is stable: equal starts stay in the order found.
  matches.sort((a, b) => a.start - b.start);
  // Each sentence as offsets: from its first word to the end of its text, the space before the next left out.
  const sentenceSpans: Span[] = [];
  for (let s = 0; s < sentences; s++) {
    const end = s + 1 < sentences ? spans[2 * sentenceBound(data, index, s + 1)]! : p.text.length;
    sentenceSpans.push({ start: spans[2 * sentenceBound(data, index, s)]!, end: p.text.slice(0, end).trimEnd().length });
  }
  // The sentence that holds most of the question, weighed as the ranking weighs it, is the one a reader should see first.
  let highlight: Span | null = null;
  let bestWeight = 0;
  for (let s = 0; s < sentences; s++) {
    let w = 0;
    for (let ci = 0; ci < conceptTerms.length; ci++) w += weights[ci]! * strength[ci * sentences + s]!;
    if (w > bestWeight) {
      bestWeight = w;
      highlight = { ...sentenceSpans[s]! };
    }
  }
  return {
    passageId: p.id, articleId: p.articleId, title: article.title, publisher: article.publisher,
    published: article.published, url: article.url, author: article.author, ...(isNoteKind(p.kind) ? { kind: p.kind } : {}), text: p.text,
    score: Math.round(c.score * 1000) / 1000, highlight, sentences: sentenceSpans, matches, features: c.features,
  };
}

/** A passage named under another as "also reported by". */
export function citation(passage: number, corpus: IndexedCorpus): Citation {
  const p = corpus.passages[passage]!;
  const a = corpus.articles[corpus.data.passageArticle[passage]!]!;
  return { passageId: p.id, articleId: p.articleId, title: a.title, publisher: a.publisher };
}
