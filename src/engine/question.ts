/**
 * Question analysis: from what a user typed to the concepts the answer must
 * speak of. A concept is one content word, or a name of several words
 * ("Security Council", "Xi Jinping"), with the other names it goes by
 * (aliases) as alternatives.
 */
import { isStopWord, termsOf, tokenize, withoutPossessive, type Token } from './analysis.ts';
import { expandChatWords } from './chat-words.ts';
import { normalizeText } from './text.ts';

export interface Concept {
  /** The question's words for it, as typed. */
  words: string[];
  /** Term sequences, any one of which expresses the concept (its own words first, then aliases). */
  alternatives: string[][];
  /** A name: capitalised words or an alias group. */
  isName: boolean;
  /**
   * What the question asks about, not a word it mentions: the subject after
   * the question's auxiliary ("What did China say…", "Did the European Union…"),
   * a possessor ("Biden's response"), a source ("according to NATO"), or one
   * joined to such a one by "and" / "or" ("Did Putin and Xi agree…"). A name
   * no article holds refuses the question only here (see decide.ts).
   */
  isSubject: boolean;
  /**
   * Set when the concept is one word no article holds and its other
   * alternatives are words that mean the same (see SearchEngine.bridgeSynonyms):
   * the word is still reported missing, and a match counts for less.
   */
  bridged?: boolean;
}

export interface AnalysedQuestion {
  /** The question as read: normalised, chat spellings written out ("wat" → "what", see chat-words.ts). */
  text: string;
  concepts: Concept[];
}

/** Alias groups turned into term sequences, longest first so "North Korea" wins over "Korea". */
export interface AliasTable {
  entries: Array<{ terms: string[]; group: number }>;
  groups: string[][][];
}

export function buildAliasTable(groups: string[][]): AliasTable {
  const termGroups = groups.map((names) => names.map(termsOf).filter((t) => t.length > 0));
  const entries = termGroups.flatMap((seqs, group) => seqs.map((terms) => ({ terms, group })));
  entries.sort((a, b) => b.terms.length - a.terms.length);
  return { entries, groups: termGroups };
}

/** The verbs that open a question ("did", "has"): the name right after one, or after its article, is its subject. */
const AUXILIARIES = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'shall', 'may', 'might', 'must']);
const ARTICLES = new Set(['the', 'a', 'an']);

/**
 * Whether the concept on tokens i … j − 1 is the subject of the question (see
 * Concept.isSubject); `subjectEnd` is where the last subject before it ended (−1: none).
 */
function isSubjectAt(text: string, tokens: Token[], i: number, j: number, subjectEnd: number): boolean {
  const word = (k: number) => tokens[k]?.word.toLowerCase() ?? '';
  const last = tokens[j - 1]!;
  if (withoutPossessive(last.word) !== last.word || /^['\u2019]s?\b/.test(text.slice(last.end))) return true;
  let k = i - 1;
  if (ARTICLES.has(word(k))) k--;
  if (AUXILIARIES.has(word(k))) return true;
  if (word(i - 2) === 'according' && word(i - 1) === 'to') return true;
  return (word(i - 1) === 'and' || word(i - 1) === 'or') && subjectEnd === i - 1;
}

const startsAt = (tokens: Token[], i: number, terms: string[]) => terms.every((t, j) => tokens[i + j]?.term === t);
const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);
/** "iPhone", "eBay", "McDonald": a capital after a small letter marks a name even first in a question. */
const hasInnerCapital = (word: string) => /\p{Ll}\p{Lu}/u.test(word);
const sameSeq = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** A question as typed, normalised, with its chat spellings read as what they stand for ("abt" → "about"). */
export function prepareQuestion(question: string): string {
  return expandChatWords(normalizeText(question).trim()).trim();
}

/**
 * Splits a question into concepts: chat spellings read first (see
 * prepareQuestion), then stop words and question words dropped; names are
 * kept whole.
 */
export function analyseQuestion(question: string, aliases: AliasTable): AnalysedQuestion {
  return conceptsOf(prepareQuestion(question), aliases);
}

/** analyseQuestion on a question already prepared (prepareQuestion), as the engine has it once it has read misspellings. */
export function conceptsOf(text: string, aliases: AliasTable): AnalysedQuestion {
  const tokens = tokenize(text);
  const concepts: Concept[] = [];
  let subjectEnd = -1;
  const push = (concept: Omit<Concept, 'isSubject'>, from: number, to: number) => {
    const isSubject = isSubjectAt(text, tokens, from, to, subjectEnd);
    if (isSubject) subjectEnd = to;
    concepts.push({ ...concept, isSubject });
  };
  let i = 0;
  while (i < tokens.length) {
    // A one-word alias that is also a stop word ("us" for U.S.) counts only when written as the name ("US").
    const alias = aliases.entries.find((e) => startsAt(tokens, i, e.terms) && !(e.terms.length === 1 && isStopWord(tokens[i]!.word)));
    if (alias) {
      const words = tokens.slice(i, i + alias.terms.length).map((t) => t.word);
      const group = aliases.groups[alias.group]!;
      push({ words, alternatives: [alias.terms, ...group.filter((seq) => !sameSeq(seq, alias.terms))], isName: true }, i, i + alias.terms.length);
      i += alias.terms.length;
      continue;
    }
    const token = tokens[i]!;
    if (isStopWord(token.word)) { i++; continue; }
    // Capitalised words in a row, not at the very start, make one name ("Xi Jinping", "Security Council").
    let j = i + 1;
    if (isCapitalised(token.word) && i > 0) {
      while (j < tokens.length && isCapitalised(tokens[j]!.word) && !isStopWord(tokens[j]!.word)
        && /^\s+$/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))
        && !aliases.entries.some((e) => startsAt(tokens, j, e.terms))) j++;
    }
    const span = tokens.slice(i, j);
    push({ words: span.map((t) => t.word), alternatives: [span.map((t) => t.term)], isName: j - i > 1 || (i > 0 && isCapitalised(token.word)) || hasInnerCapital(token.word) }, i, j);
    i = j;
  }
  // "Putin ... Putin's": one concept, asked once.
  const unique = concepts.filter((c, k) => concepts.findIndex((d) => sameSeq(d.alternatives[0]!, c.alternatives[0]!)) === k);
  return { text, concepts: unique };
}
