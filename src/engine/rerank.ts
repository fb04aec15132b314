/**
 * Stage 3, re-rank: MiniSearch's best passages scored again by how much of
 * the question each holds (coverage), how much one sentence holds (sentence),
 * how close together (proximity, phrase) and whether its best sentence holds
 * the kind of answer asked for; and the evidence the refusal is decided on.
 */
import type { IndexedCorpus } from './indexed-corpus.ts';
import { sentenceBound, sentenceCount } from './passage-table.ts';
import { conceptPositions, holdsConcept, minimalSpan } from './positions.ts';
import type { Query } from './query.ts';
import type { Concept } from './question.ts';
import type { Hit } from './retrieve.ts';
import type { Tuning } from './tuning.ts';
import type { RankFeatures } from './types.ts';

export interface Candidate {
  passage: number;
  score: number;
  features: RankFeatures;
}

/** What the refusal reads: the best candidate's share of the question, and the most concepts one candidate holds. */
export interface RefusalEvidence {
  coverage: number;
  wordsTogether: number;
}

/** The candidates best first (equal scores by passage, so the order never depends on the sort), and the refusal's evidence. */
export function rerank(hits: readonly Hit[], query: Query, corpus: IndexedCorpus, tuning: Tuning): { ranked: Candidate[]; evidence: RefusalEvidence } {
  const evidence: RefusalEvidence = { coverage: 0, wordsTogether: 0 };
  const bm25 = conceptBm25(hits, query.concepts);
  const topBm25 = Math.max(0, ...bm25);
  const ranked = hits.map((hit, i) => {
    const { candidate, refusal } = scoreCandidate(hit, bm25[i]! / topBm25, query, corpus, tuning);
    evidence.coverage = Math.max(evidence.coverage, refusal.coverage);
    evidence.wordsTogether = Math.max(evidence.wordsTogether, refusal.wordsTogether);
    return candidate;
  });
  ranked.sort((a, b) => b.score - a.score || a.passage - b.passage);
  return { ranked, evidence };
}

function scoreCandidate(hit: Hit, bm25: number, query: Query, corpus: IndexedCorpus, tuning: Tuning): { candidate: Candidate; refusal: RefusalEvidence } {
  const { conceptTerms, questionTerms, weights, totalWeight, refusalWeights, refusalTotal, wanted, sources, related } = query;
  const { data } = corpus;
  const { passage } = hit;
  const from = data.tokenStart[passage]!, to = data.tokenStart[passage + 1]!;
  const article = data.passageArticle[passage]!;
  const titleFrom = data.titleStart[article]!, titleTo = data.titleStart[article + 1]!;
  // Per concept: where it stands, and what a match of it counts for (1 for its own words, less for related ones).
  const positions: number[][] = [];
  const scale: number[] = [];
  let covered = 0, present = 0, refusalCovered = 0, refusalPresent = 0, refusalBySource = 0;
  for (let ci = 0; ci < conceptTerms.length; ci++) {
    let found = conceptPositions(data.tokenTerm, from, to, conceptTerms[ci]!);
    scale.push(1);
    if (found.length > 0) {
      covered += weights[ci]!;
      present++;
      if (refusalWeights[ci]! > 0) {
        refusalCovered += refusalWeights[ci]!;
        refusalPresent++;
      }
    } else if (holdsConcept(data.titleTerm, titleFrom, titleTo, conceptTerms[ci]!)) {
      covered += weights[ci]! * 0.5;
      refusalCovered += refusalWeights[ci]! * 0.5;
    } else if (sources?.[ci]?.has(article)) {
      // The article's publisher or author, credited as a title word is; for refusal, only beside other words it holds.
      covered += weights[ci]! * 0.5;
      refusalCovered += refusalWeights[ci]! * 0.5;
      refusalBySource += refusalWeights[ci]! * 0.5;
    } else if (related[ci]) {
      const match = relatedPositions(related[ci]!, data.tokenTerm, from, to);
      found = match.positions;
      if (match.best > 0) {
        // Found in other words: where, for closeness and the best sentence, but worth less than its own.
        scale[ci] = tuning.relatedWeight * match.best;
        covered += weights[ci]! * scale[ci]!;
        present++;
        refusalCovered += refusalWeights[ci]! * tuning.relatedRefusalWeight * match.best;
      }
    }
    positions.push(found);
  }
  // The best single sentence: how much of the question one sentence holds.
  let sentence = 0, answerShaped = 0;
  const sentences = sentenceCount(data, passage);
  for (let s = 0; s < sentences; s++) {
    const first = sentenceBound(data, passage, s), end = sentenceBound(data, passage, s + 1);
    let w = 0;
    for (let ci = 0; ci < positions.length; ci++) if (positions[ci]!.some((p) => p >= first && p < end)) w += weights[ci]! * scale[ci]!;
    if (w > sentence) {
      sentence = w;
      // Does the sentence that speaks to the question hold something of the asked-for kind that the question lacks?
      answerShaped = 0;
      if (wanted) for (let i = from + first; i < from + end; i++) if ((data.tokenKind[i]! & wanted) && !questionTerms.has(data.tokenTerm[i]!)) { answerShaped = 1; break; }
    }
  }
  const proximity = present >= 2 ? Math.min(1, (present - 1) / (minimalSpan(positions) - 1)) : 0;
  const phrase = conceptTerms.length > 1 ? adjacentPairs(positions) / (conceptTerms.length - 1) : 0;
  const features: RankFeatures = {
    bm25, coverage: covered / totalWeight, sentence: sentence / totalWeight, proximity, phrase, answerKind: answerShaped,
  };
  const { rerank: w } = tuning;
  const score = w.bm25 * features.bm25 + w.coverage * features.coverage + w.sentence * features.sentence
    + w.proximity * proximity + w.phrase * phrase + w.answerKind * answerShaped;
  return {
    candidate: { passage, score, features },
    refusal: { coverage: refusalCovered > refusalBySource ? refusalCovered / refusalTotal : 0, wordsTogether: refusalPresent },
  };
}

/**
 * MiniSearch's score per hit, multiplied by the number of the question's
 * concepts it matched rather than of query terms: MiniSearch multiplies by
 * the terms, and a concept asks for several (aliases, word families), so a
 * passage saying both "Russia" and "Moscow" counted the one concept twice.
 */
export function conceptBm25(hits: readonly Hit[], concepts: readonly Concept[]): number[] {
  const conceptsOfTerm = new Map<string, number[]>();
  concepts.forEach((c, ci) => {
    for (const alt of c.alternatives) for (const t of alt) {
      const list = conceptsOfTerm.get(t);
      if (!list) conceptsOfTerm.set(t, [ci]);
      else if (!list.includes(ci)) list.push(ci);
    }
  });
  return hits.map((hit) => {
    const matched = new Set<number>();
    for (const t of hit.terms) for (const ci of conceptsOfTerm.get(t) ?? []) matched.add(ci);
    return (hit.score / Math.max(1, hit.terms.length)) * Math.max(1, matched.size);
  });
}

/**
 * Concepts next to each other in the question and (nearly) so in the
 * passage, at most 3 tokens on: "war in Ukraine", "mutual aid". Counts such
 * pairs of neighbouring concepts.
 */
function adjacentPairs(positions: ReadonlyArray<readonly number[]>): number {
  let pairs = 0;
  for (let ci = 0; ci + 1 < positions.length; ci++) {
    if (positions[ci]!.some((a) => positions[ci + 1]!.some((b) => b > a && b - a <= 3))) pairs++;
  }
  return pairs;
}

/** Where the passage says a concept's word in other words (token offsets, ascending), and the best similarity found (0: none). */
export function relatedPositions(related: ReadonlyMap<number, number>, terms: Int32Array, from: number, to: number): { positions: number[]; best: number } {
  const positions: number[] = [];
  let best = 0;
  for (let i = from; i < to; i++) {
    const similarity = related.get(terms[i]!);
    if (similarity === undefined) continue;
    positions.push(i - from);
    if (similarity > best) best = similarity;
  }
  return { positions, best };
}
