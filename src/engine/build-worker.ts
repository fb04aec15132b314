/**
 * Runs in a worker thread (see background-build.ts): loads a corpus folder
 * and builds its index, then hands the index back as snapshot data. The
 * main thread keeps serving while this works.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CorpusError, type LoadedCorpus } from './corpus.ts';
import { loadEngine } from './snapshot.ts';
import type { BuildRequest, BuildResult } from './background-build.ts';

const { dir, cacheDir, summaryOnly } = workerData as BuildRequest;
let result: BuildResult;
try {
  const { corpus, engine, source, snapshotProblem } = await loadEngine(dir, { cacheDir });
  if (summaryOnly) {
    result = { ok: true, summary: { source, articles: corpus.articles.length, passages: engine.passageCount, problems: corpus.problems, snapshotProblem } };
  } else {
    // Story blocks are only needed to cut passages, which the snapshot holds: no need to copy them back.
    const slim: LoadedCorpus = { ...corpus, articles: corpus.articles.map((a) => ({ ...a, blocks: [], dropped: [] })) };
    result = { ok: true, corpus: slim, snapshot: engine.toSnapshot() };
  }
} catch (err) {
  result = { ok: false, message: err instanceof Error ? err.message : String(err), corpusError: err instanceof CorpusError };
}
// The snapshot's bytes are moved to the main thread, not copied.
parentPort!.postMessage(result, 'snapshot' in result ? [result.snapshot.buffer as ArrayBuffer] : []);
