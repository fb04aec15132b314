/**
 * Stage 5, grouping: a passage that repeats a higher-ranked one from another
 * article is folded into that one's "also reported by" list, so the top 3
 * are three facts, not one fact three times.
 */
import type { IndexedCorpus } from './indexed-corpus.ts';
import { sentenceBound } from './passage-table.ts';
import type { Candidate } from './rerank.ts';
import type { Tuning } from './tuning.ts';

export interface FactGroup {
  lead: Candidate;
  also: Candidate[];
}

/** Content words (term ids, each once, first occurrence order), as a set too, and the sum of their rarities. */
interface ContentTerms {
  terms: ArrayLike<number>;
  set: ReadonlySet<number>;
  weight: number;
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
 * Whether a candidate reports the same fact as a lead: most of its content
 * words (or of the lead's, whichever has fewer) are the lead's, weighted by
 * rarity (sharing "North Korea" and "agreement" is not saying the same
 * thing), or their fact sentences are alike. Remembers the leads' words and
 * each candidate's fact sentences for the one grouping it serves.
 */
function sameFactTest(corpus: IndexedCorpus, tuning: Tuning): (c: Candidate, lead: Candidate) => boolean {
  const { data, idfOfTerm, isContentTerm, contentStart, contentTerm, contentWeight } = corpus;
  const leadTerms = new Map<number, ReadonlySet<number>>();
  const leadSet = (p: number) => {
    let set = leadTerms.get(p);
    if (!set) leadTerms.set(p, (set = new Set(contentTerm.subarray(contentStart[p]!, contentStart[p + 1]!))));
    return set;
  };
  const sentenceTerms = (from: number, to: number): ContentTerms => {
    const set = new Set<number>();
    const terms: number[] = [];
    let weight = 0;
    for (let i = from; i < to; i++) {
      const t = data.tokenTerm[i]!;
      if (isContentTerm[t] !== 1 || set.has(t)) continue;
      set.add(t);
      terms.push(t);
      weight += idfOfTerm[t]!;
    }
    return { terms, set, weight };
  };
  const facts = new Map<Candidate, ContentTerms[]>();
  const factTerms = (c: Candidate) => {
    let list = facts.get(c);
    if (!list) {
      const start = data.tokenStart[c.passage]!;
      list = c.factSentences.map((s) => sentenceTerms(start + sentenceBound(data, c.passage, s), start + sentenceBound(data, c.passage, s + 1)));
      facts.set(c, list);
    }
    return list;
  };
  // Added in the order of the candidate's terms: the same sum to the last bit, whichever way it is asked.
  const sharedWeight = (mine: ArrayLike<number>, theirs: ReadonlySet<number>) => {
    let shared = 0;
    for (let i = 0; i < mine.length; i++) if (theirs.has(mine[i]!)) shared += idfOfTerm[mine[i]!]!;
    return shared;
  };
  return (c, lead) => {
    const mine = contentTerm.subarray(contentStart[c.passage]!, contentStart[c.passage + 1]!);
    const smaller = Math.min(contentWeight[c.passage]!, contentWeight[lead.passage]!);
    if (sharedWeight(mine, leadSet(lead.passage)) / Math.max(1e-9, smaller) >= tuning.sameFactOverlap) return true;
    // Dice rather than the overlap coefficient, so that a short sentence ("Putin traveled to Pyongyang to
    // meet Kim") is not the same fact as every longer one that holds its few words.
    let best = 0;
    for (const y of factTerms(lead)) {
      for (const x of factTerms(c)) best = Math.max(best, (2 * sharedWeight(x.terms, y.set)) / Math.max(1e-9, x.weight + y.weight));
    }
    return best >= tuning.sameFactSentence;
  };
}
