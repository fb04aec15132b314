/**
 * Scores answers against a question set exactly as shared/eval/score.mjs
 * does (a test holds the two to the same figures): hit@1, hit@3 and MRR@5 over
 * answerable questions, refusals of off-topic ones, flags of near-topic ones.
 */
import type { JsonAnswer, JsonResult } from '../engine/contract.ts';

export interface EvalQuestion {
  id: string;
  kind: string;
  q: string;
  gold?: string[];
  missing?: string[];
}

export interface Tally {
  answerable: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Answerable questions the engine refused. */
  refused: number;
  offtopic: number;
  offtopicRefused: number;
  neartopic: number;
  neartopicFlagged: number;
}

export interface Miss {
  id: string;
  kind: string;
  question: string;
  detail: string;
}

export const normForMatch = (s: string) => s.normalize('NFKC').toLowerCase()
  .replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-')
  .replace(/\s+/g, ' ');

// What a reader sees of a result: the passage, its article's title and (if given) its author.
const resultText = (r: JsonResult & { author?: unknown }) =>
  normForMatch([r.text, r.title, r.author].filter((v): v is string => typeof v === 'string').join(' \n '));

export const emptyTally = (): Tally => ({ answerable: 0, hit1: 0, hit3: 0, mrr: 0, refused: 0, offtopic: 0, offtopicRefused: 0, neartopic: 0, neartopicFlagged: 0 });

/** Adds one question's outcome to a tally; returns a miss when it was not a clean hit. */
export function scoreOne(q: EvalQuestion, a: JsonAnswer, tally: Tally): Miss | null {
  const results = a.answered ? a.results : [];
  const miss = (detail: string): Miss => ({ id: q.id, kind: q.kind, question: q.q, detail });
  if (q.gold) {
    tally.answerable++;
    if (!a.answered) tally.refused++;
    const gold = q.gold.map(normForMatch);
    const rank = results.slice(0, 5).findIndex((r) => gold.some((g) => resultText(r).includes(g)));
    if (rank === 0) tally.hit1++;
    if (rank >= 0 && rank < 3) tally.hit3++;
    if (rank >= 0) tally.mrr += 1 / (rank + 1);
    return rank === 0 ? null : miss(`rank=${rank < 0 ? '-' : rank + 1}${a.answered ? '' : ' (abstained)'}`);
  }
  if (q.kind === 'offtopic') {
    tally.offtopic++;
    if (!a.answered) { tally.offtopicRefused++; return null; }
    return miss('answered off-topic');
  }
  if (q.kind === 'neartopic') {
    tally.neartopic++;
    const flagged = a.missingTerms.map(normForMatch);
    const ok = !a.answered || (q.missing ?? []).some((m) => flagged.some((f) => f.startsWith(m.slice(0, 4))));
    if (ok) { tally.neartopicFlagged++; return null; }
    return miss('near-topic not flagged');
  }
  return null;
}

const pct = (a: number, b: number) => (b ? +((100 * a) / b).toFixed(1) : null);

/** The figures of a tally, rounded as score.mjs rounds them. */
export function figures(t: Tally) {
  return {
    answerable: t.answerable,
    hit1: pct(t.hit1, t.answerable),
    hit3: pct(t.hit3, t.answerable),
    mrr5: t.answerable ? +(t.mrr / t.answerable).toFixed(3) : null,
    refusedAnswerable: pct(t.refused, t.answerable),
    offtopic: t.offtopic,
    abstainOk: pct(t.offtopicRefused, t.offtopic),
    neartopic: t.neartopic,
    nearOk: pct(t.neartopicFlagged, t.neartopic),
  };
}
