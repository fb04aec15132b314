/**
 * Stage 5, grouping: a passage that repeats a higher-ranked one from another
 * article is folded into that one's "also reported by" list, so the top 3
 * are three facts, not one fact three times.
 */
import type { ContentBags, IndexedCorpus } from './indexed-corpus.ts';
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
 * rarity (sharing "North Korea" and "agreement" is not saying the same
 * thing), or their fact sentences are alike.
 */
function sameFactTest(corpus: IndexedCorpus, tuning: Tuning): (c: Candidate, lead: Candidate) => boolean {
  const { data, idfOfTerm, passageWords, sentenceWords } = corpus;
  const words = (bags: ContentBags, r: number) => bags.term.subarray(bags.start[r]!, bags.start[r + 1]!);
  return (c, lead) => {
    const smaller = Math.min(passageWords.weight[c.passage]!, passageWords.weight[lead.passage]!);
    const shared = sharedWeight(words(passageWords, c.passage), words(passageWords, lead.passage), idfOfTerm);
    if (shared / Math.max(1e-9, smaller) >= tuning.sameFactOverlap) return true;
    // Dice rather than the overlap coefficient, so that a short sentence ("Putin traveled to Pyongyang to
    // meet Kim") is not the same fact as every longer one that holds its few words.
    let best = 0;
    for (const ls of lead.factSentences) {
      const y = data.sentenceStart[lead.passage]! + ls;
      for (const cs of c.factSentences) {
        const x = data.sentenceStart[c.passage]! + cs;
        const both = sentenceWords.weight[x]! + sentenceWords.weight[y]!;
        best = Math.max(best, (2 * sharedWeight(words(sentenceWords, x), words(sentenceWords, y), idfOfTerm)) / Math.max(1e-9, both));
      }
    }
    return best >= tuning.sameFactSentence;
  };
}
