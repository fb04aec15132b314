/**
 * Cold start of one corpus: a fresh process that reads the configuration and
 * opens the corpus through `loadEngine` (src/engine/snapshot.ts), as the bot
 * and the CLI do at start-up. Started by `bench/run.ts` from the build,
 * as the operator commands run (`npm run build` first):
 *   node dist/bench/cold-start.js --corpus DIR --cache DIR
 * and prints one JSON line (a ColdStart). With an empty cache folder it
 * measures a build and save; run again on the same folder, a snapshot load.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface ColdStart {
  /** 'built' (no snapshot: corpus read, index built and saved) or 'snapshot' (loaded). */
  source: 'built' | 'snapshot';
  /** From the process's start to a ready engine: Node, loading the modules, configuration, corpus and index. */
  processMs: number;
  /** `loadEngine(dir, { cacheDir })` alone: hashing the corpus, then loading the snapshot or building and saving one. */
  loadEngineMs: number;
  /** Resident memory when ready. */
  rssMB: number;
  passages: number;
  /**
   * The first question after start-up, through the whole pipeline: cold code,
   * and a misspelt word, which makes the engine build its word tree (it is
   * built when first needed, not at start-up).
   */
  firstAnswerMs: number;
}

/** Misspelt ("goverment"), so the first answer reads it as a typo. */
const FIRST_QUESTION = 'What did the goverment say about the agreement?';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, cache: { type: 'string' } } });
  if (!values.corpus || !values.cache) throw new Error('cold-start: --corpus DIR and --cache DIR are required');
  // Imported here, not at the top, so their loading is part of what is timed, as it is in the bot.
  const { loadCommonConfig } = await import('../src/config.ts');
  const { loadEngine } = await import('../src/engine/snapshot.ts');
  const { runPipeline } = await import('./pipeline.ts');
  const config = loadCommonConfig({ CORPUS_DIR: values.corpus, INDEX_CACHE_DIR: values.cache });
  const t0 = performance.now();
  const loaded = await loadEngine(config.corpusDir, { cacheDir: config.indexCacheDir });
  const ready = performance.now();
  if (loaded.snapshotProblem) throw new Error(`cold-start: ${loaded.snapshotProblem}`);
  const rssMB = process.memoryUsage().rss / 1024 / 1024;
  const t1 = performance.now();
  runPipeline(loaded.engine, FIRST_QUESTION);
  const firstAnswerMs = performance.now() - t1;
  const result: ColdStart = {
    source: loaded.source,
    // performance.now() counts from the process's start.
    processMs: ready,
    loadEngineMs: ready - t0,
    rssMB,
    passages: loaded.engine.passageCount,
    firstAnswerMs,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(1);
  });
}
