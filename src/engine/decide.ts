/**
 * Stage 4, the decision: answer, or say plainly that the articles do not.
 * A question is refused when it has no content words, when no passage holds
 * any of them, when it names someone or something no article mentions, or
 * when no passage covers enough of it (see Tuning.minCoverage and
 * minWordsTogether).
 */
import type { Query } from './query.ts';
import type { RefusalEvidence } from './rerank.ts';
import type { EngineOptions, RefusalReason } from './types.ts';

export function decide(query: Query, matched: number, evidence: RefusalEvidence, options: EngineOptions): RefusalReason | null {
  if (query.concepts.length === 0) return 'no-content-words';
  if (matched === 0) return 'not-in-articles';
  // A question about a person, place or thing no article names ("What did Xi Jinping say…") cannot be
  // answered from them, however well its other words match. One that only mentions it ("kim putin
  // treaty NATO") is answered, the name reported missing, when the articles hold the rest of it: as
  // many of its other words together in one passage as a long question needs (minWordsTogether).
  const { minCoverage, minWordsTogether } = options.tuning;
  const missingName = (subject: boolean) => query.concepts.some((c, ci) => c.isName && c.isSubject === subject && query.conceptDf[ci] === 0);
  if (options.refuseMissingNames && (missingName(true) || (missingName(false) && evidence.wordsTogether < minWordsTogether))) return 'names-not-in-articles';
  if (evidence.coverage < minCoverage && evidence.wordsTogether < minWordsTogether) return 'too-little-covered';
  return null;
}
