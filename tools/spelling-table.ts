/**
 * `npm run spelling-table`: writes data/spellings.txt, the British →
 * American spellings as index terms that the analysis reads (see
 * src/engine/spellings.ts), from the word list of the
 * `american-british-english-translator` package (data/british_spellings.json,
 * MIT; a dev dependency). Run it after changing how words become index
 * terms: a test checks the committed table is what this makes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stemTermOf } from '../src/engine/analysis.ts';
import { formatSpellingTable, SPELLING_TABLE_FILE, spellingEntries } from '../src/engine/spellings.ts';

const PACKAGE = 'american-british-english-translator';
export const SPELLING_SOURCE = `${PACKAGE} 0.2.1 (MIT), data/british_spellings.json`;

/** The table's text as the package's word list gives it. */
export function spellingTableFromPackage(): string {
  const require = createRequire(import.meta.url);
  const { version } = require(`${PACKAGE}/package.json`) as { version: string };
  if (version !== '0.2.1') throw new Error(`expected ${PACKAGE} 0.2.1, found ${version}`);
  const list = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/data/british_spellings.json`), 'utf8')) as Record<string, string>;
  return formatSpellingTable(spellingEntries(Object.entries(list), stemTermOf), SPELLING_SOURCE);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const text = spellingTableFromPackage();
  writeFileSync(SPELLING_TABLE_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), SPELLING_TABLE_FILE)} (${(text.length / 1024).toFixed(0)} kB)`);
}
