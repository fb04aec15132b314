/**
 * Reloading the articles without a restart: a new index is built (in the
 * background) and replaces the serving one only when it is usable. A folder
 * that cannot be read, a build that fails, or a corpus with no valid article
 * leaves the last good index serving; files that cannot be served are
 * reported, as at start-up. No Discord types: /reload and the folder watcher
 * both call this.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { CorpusProblem } from '../engine/corpus.ts';
import type { SearchEngine } from '../engine/engine.ts';

export interface BuiltIndex {
  engine: SearchEngine;
  problems: CorpusProblem[];
}

export interface IndexSize {
  articles: number;
  passages: number;
}

export interface ReloadReport {
  /** True when the new index now serves. */
  replaced: boolean;
  /** The index serving after the reload, and before it. */
  now: IndexSize;
  before: IndexSize;
  /** Files of the folder that cannot be served, and why. */
  problems: CorpusProblem[];
  /** Why the serving index was kept, when it was. */
  keptBecause: string | null;
  ms: number;
}

const sizeOf = (engine: SearchEngine): IndexSize => ({ articles: engine.articles().length, passages: engine.passageCount });

/**
 * Builds an index's suggestion tree on a later turn of the event loop: then
 * neither the reload's report nor someone's first keystroke waits for it.
 */
export function prepareSoon(engine: SearchEngine): void {
  setImmediate(() => engine.prepareSuggestions()).unref();
}

export class IndexReloader {
  private current: Promise<ReloadReport> | null = null;
  private next: Promise<ReloadReport> | null = null;

  /**
   * @param serving holds the engine every new interaction reads; a reload swaps it
   * @param build makes a new index from the corpus folder
   */
  constructor(private readonly serving: { engine: SearchEngine }, private readonly build: () => Promise<BuiltIndex>) {}

  /**
   * Rebuilds the index. Requests during a reload are folded into one more
   * reload after it (files may have changed since it started), so a burst of
   * changes costs at most two builds.
   */
  reload(): Promise<ReloadReport> {
    if (this.next) return this.next;
    if (!this.current) return this.begin();
    this.next = this.current.then(() => {
      this.next = null;
      return this.begin();
    });
    return this.next;
  }

  private begin(): Promise<ReloadReport> {
    const run = this.run();
    this.current = run;
    void run.finally(() => {
      if (this.current === run) this.current = null;
    });
    return run;
  }

  /** Never rejects: every failure becomes a report that keeps the serving index. */
  private async run(): Promise<ReloadReport> {
    const started = performance.now();
    const before = sizeOf(this.serving.engine);
    const report = (replaced: boolean, problems: CorpusProblem[], keptBecause: string | null): ReloadReport => ({
      replaced, now: sizeOf(this.serving.engine), before, problems, keptBecause, ms: Math.round(performance.now() - started),
    });
    let built: BuiltIndex;
    try {
      built = await this.build();
    } catch (err) {
      return report(false, [], err instanceof Error ? err.message : String(err));
    }
    if (built.engine.articles().length === 0) {
      return report(false, built.problems, `no usable article in the folder${built.problems.length ? ` (${built.problems.length} file(s) skipped)` : ''}`);
    }
    this.serving.engine = built.engine;
    prepareSoon(built.engine);
    return report(true, built.problems, null);
  }
}

/**
 * Calls `onChange` once the folder has been quiet for `debounceMs` after a
 * change, so saving ten files triggers one reload. Hidden files (editors'
 * swap files, .DS_Store) are ignored. Returns a function that stops watching.
 */
export function watchFolder(dir: string, debounceMs: number, onChange: () => void, onError: (err: Error) => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      if (name !== null && String(name).startsWith('.')) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        onChange();
      }, debounceMs);
      timer.unref();
    });
  } catch (err) {
    onError(err as Error);
    return () => {};
  }
  watcher.on('error', (err) => {
    // The folder was removed or became unreadable: stop watching, the serving index stays.
    if (timer) clearTimeout(timer);
    watcher.close();
    onError(err);
  });
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
