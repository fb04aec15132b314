/**
 * `npm run check-corpus -- [DIR]` — validates a corpus folder before it is
 * served: one line per problem (file and reason), exit 1 when there is any.
 */
import path from 'node:path';
import { loadCommonConfig } from '../config.ts';
import { loadCorpus } from '../engine/corpus.ts';
import { parseCli, runCli, UsageError } from './common.ts';

const USAGE = 'npm run check-corpus -- [DIR]  (default: CORPUS_DIR or the bundled corpus)';

async function main(): Promise<void> {
  const { positionals } = parseCli(process.argv.slice(2), {}, USAGE);
  if (positionals.length > 1) throw new UsageError(`one folder at a time. Usage: ${USAGE}`);
  const dir = positionals[0] ?? loadCommonConfig().corpusDir;
  const corpus = await loadCorpus(dir);
  for (const { file, problem } of corpus.problems) console.log(`${path.join(dir, file)}: ${problem}`);
  if (corpus.articles.length === 0) console.log(`${dir}: no valid article (.md or .txt)`);
  const ok = corpus.problems.length === 0 && corpus.articles.length > 0;
  console.error(`${corpus.articles.length} article(s) valid, ${corpus.problems.length} problem(s)`);
  process.exitCode = ok ? 0 : 1;
}

runCli(main);
