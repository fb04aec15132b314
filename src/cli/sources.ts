/** `npm run sources -- [--json] [--corpus DIR]` — the articles, their metadata and passage counts. */
import { toJsonSource } from '../engine/contract.ts';
import { openEngine, parseCli, runCli, UsageError } from './common.ts';

const USAGE = 'npm run sources -- [--json] [--corpus DIR]';

async function main(): Promise<void> {
  const { values, positionals } = parseCli(process.argv.slice(2), { json: { type: 'boolean' }, corpus: { type: 'string' } }, USAGE);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}". Usage: ${USAGE}`);
  const engine = await openEngine(values.corpus);
  const sources = engine.articles().map(toJsonSource);
  if (values.json) {
    console.log(JSON.stringify(sources));
    return;
  }
  for (const s of sources) {
    console.log(`${s.id}  (${s.passages} passages)`);
    console.log(`  ${s.title}${s.titleWritten ? '  [headline written for the corpus]' : ''}`);
    const known = [s.publisher, s.published, s.author, s.url].filter(Boolean);
    if (known.length) console.log(`  ${known.join(' · ')}`);
  }
}

runCli(main);
