/**
 * Builds a corpus folder's index in a worker thread, so a process that is
 * serving (the bot) stays responsive while a new index is made; only loading
 * the finished index runs on the calling thread.
 */
import { Worker } from 'node:worker_threads';
import { CorpusError, type LoadedCorpus } from './corpus.ts';
import { SearchEngine, type EngineSnapshot } from './engine.ts';

export interface BuildRequest {
  dir: string;
  cacheDir: string | null;
}

export type BuildResult =
  | { ok: true; corpus: LoadedCorpus; snapshot: EngineSnapshot }
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
export function buildInBackground(request: BuildRequest): Promise<BuiltInBackground> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./build-worker-boot.mjs', import.meta.url), { workerData: request });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (result: BuildResult) => settle(() => {
      if (!result.ok) return reject(result.corpusError ? new CorpusError(result.message) : new Error(result.message));
      try {
        resolve({ engine: SearchEngine.fromSnapshot(result.corpus, result.snapshot), corpus: result.corpus });
      } catch (err) {
        reject(err);
      }
    }));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the index build stopped (exit code ${code}) before it finished`))));
  });
}
