/**
 * Stage 5, grouping: a passage that repeats a higher-ranked one from another
 * article is folded into that one's "also reported by" list, so the top 3
 * are three facts, not one fact three times.
 */
import type { IndexedCorpus } from './indexed-corpus.ts';
import type { Candidate } from './rerank.ts';
import type { Tuning } from './tuning.ts';

export interface FactGroup {
  lead: Candidate;
  also: Candidate[];
}

/**
 * Walks the ranking and folds each candidate that reports what a group's lead
 * reports, from an article the group does not have yet, into the first such
 * group; stops opening groups at `count` but goes on folding.
 */
export function groupSameFacts(ranked: readonly Candidate[], count: number, corpus: IndexedCorpus, tuning: Tuning): FactGroup[] {
  const same = sameFactTest(corpus, tuning);
  const articleOf = (c: Candidate) => corpus.data.passageArticle[c.passage]!;
  const groups: FactGroup[] = [];
  for (const c of ranked) {
    const article = articleOf(c);
    const group = groups.find((g) => articleOf(g.lead) !== article && !g.also.some((o) => articleOf(o) === article) && same(c, g.lead));
    if (group) group.also.push(c);
    else if (groups.length < count) groups.push({ lead: c, also: [] });
  }
  return groups;
}

/**
 * The rarity both bags hold: one merge of the two ascending runs, summed in
 * term order, so the same whichever bag is asked first.
 */
export function sharedWeight(a: Int32Array, b: Int32Array, idfOfTerm: Float64Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const x = a[i]!, y = b[j]!;
    if (x === y) {
      shared += idfOfTerm[x]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/**
 * Whether a candidate reports the same fact as a lead: most of its content
 * words (or of the lead's, whichever has fewer) are the lead's, weighted by
 * rarity (sharing "North Korea" and "agreement" is not saying the same thing).
 */
function sameFactTest(corpus: IndexedCorpus, tuning: Tuning): (c: Candidate, lead: Candidate) => boolean {
  const { idfOfTerm, passageWords: { start, term, weight } } = corpus;
  const words = (p: number) => term.subarray(start[p]!, start[p + 1]!);
  return (c, lead) => {
    const smaller = Math.min(weight[c.passage]!, weight[lead.passage]!);
    return sharedWeight(words(c.passage), words(lead.passage), idfOfTerm) / Math.max(1e-9, smaller) >= tuning.sameFactOverlap;
  };
}
