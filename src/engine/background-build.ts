/**
 * Builds a corpus folder's index in a worker thread, so a process that is
 * serving (the bot) stays responsive while a new index is made; only loading
 * the finished index runs on the calling thread.
 */
import { Worker } from 'node:worker_threads';
import { RUNS_FROM_SOURCE } from '../paths.ts';
import { CorpusError, type LoadedCorpus } from './corpus.ts';
import { SearchEngine } from './engine.ts';

/**
 * The worker's entry. Worker threads do not inherit tsx's module hooks, so
 * the sources start from build-worker-boot.mjs, which registers them; the
 * build (dist/) runs the compiled worker as it is.
 */
const BUILD_WORKER = new URL(RUNS_FROM_SOURCE ? './build-worker-boot.mjs' : './build-worker.js', import.meta.url);

export interface BuildRequest {
  dir: string;
  cacheDir: string | null;
  /** Only make sure the snapshot is saved, and send back what was indexed rather than the index. */
  summaryOnly?: boolean;
}

/** What a build indexed, without the index. */
export interface IndexSummary {
  source: 'snapshot' | 'built';
  articles: number;
  passages: number;
  problems: LoadedCorpus['problems'];
  /** Why a snapshot that existed was not used (it is then rebuilt). */
  snapshotProblem: string | null;
}

export type BuildResult =
  /** `snapshot`: the engine's `toSnapshot()` bytes, handed over without a copy. */
  | { ok: true; corpus: LoadedCorpus; snapshot: Uint8Array }
  | { ok: true; summary: IndexSummary }
  | { ok: false; message: string; corpusError: boolean };

export interface BuiltInBackground {
  engine: SearchEngine;
  corpus: LoadedCorpus;
}

/**
 * Loads `dir` and builds its index off the calling thread (through the
 * snapshot cache when `cacheDir` is set). Rejects with a CorpusError when the
 * folder itself is unusable, or an Error when the build fails; files that
 * cannot be served are listed in `corpus.problems`, as by loadCorpus.
 */
export async function buildInBackground(request: Omit<BuildRequest, 'summaryOnly'>): Promise<BuiltInBackground> {
  const result = await runBuildWorker({ ...request, summaryOnly: false });
  if (!('snapshot' in result)) throw new Error('the index build sent back no index');
  return { engine: SearchEngine.fromSnapshot(result.corpus, result.snapshot), corpus: result.corpus };
}

/**
 * Builds and saves `dir`'s index snapshot in `cacheDir` (or finds it up to
 * date) in a worker thread, and says what it holds. The index itself is never
 * copied to the calling thread and its memory goes with the worker: for a
 * process that only prepares the snapshot for others (the sharding manager).
 */
export async function saveSnapshotInBackground(request: { dir: string; cacheDir: string }): Promise<IndexSummary> {
  const result = await runBuildWorker({ ...request, summaryOnly: true });
  if (!('summary' in result)) throw new Error('the index build sent back no summary');
  return result.summary;
}

function runBuildWorker(request: BuildRequest): Promise<Extract<BuildResult, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BUILD_WORKER, { workerData: request });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (result: BuildResult) => settle(() => {
      if (!result.ok) return reject(result.corpusError ? new CorpusError(result.message) : new Error(result.message));
      resolve(result);
    }));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the index build stopped (exit code ${code}) before it finished`))));
  });
}
