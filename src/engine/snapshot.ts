/**
 * Loads a corpus folder into a ready SearchEngine, through a snapshot cache:
 * the index is built once, saved under a key that hashes the corpus files and
 * the analysis settings, and loaded instead of rebuilt while the key matches.
 * A missing, stale or corrupt snapshot means a rebuild, never a failure.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus, type LoadedCorpus } from './corpus.ts';
import { DEFAULT_ENGINE_OPTIONS, SearchEngine, type EngineOptions, type EngineSnapshot } from './engine.ts';

/**
 * Bump when tokenising, cleaning or passage cutting changes, so old snapshots
 * are not read with new rules.
 */
export const ANALYSIS_VERSION = 'summit-analysis-3';

export interface LoadedEngine {
  engine: SearchEngine;
  corpus: LoadedCorpus;
  /** 'snapshot' when the index was loaded, 'built' when it was (re)built. */
  source: 'snapshot' | 'built';
  /** Why a snapshot was not used, when one existed but was unreadable. */
  snapshotProblem: string | null;
}

export interface LoadEngineOptions {
  /** Folder for snapshots; null disables them. */
  cacheDir: string | null;
  engine?: Partial<EngineOptions>;
}

/** Hash of every file of the folder (name and bytes) and of the settings that shape the index. */
export async function corpusKey(dir: string, options: EngineOptions): Promise<string> {
  const hash = createHash('sha256').update(ANALYSIS_VERSION).update(JSON.stringify(options));
  for (const name of (await readdir(dir)).sort()) {
    if (name.startsWith('.')) continue;
    const bytes = await readFile(path.join(dir, name)).catch(() => null);
    hash.update(name).update('\0').update(bytes ? createHash('sha256').update(bytes).digest('hex') : 'unreadable');
  }
  return hash.digest('hex').slice(0, 32);
}

interface SnapshotFile {
  version: string;
  key: string;
  corpus: LoadedCorpus;
  engine: EngineSnapshot;
}

async function build(dir: string, options: EngineOptions): Promise<LoadedEngine> {
  const corpus = await loadCorpus(dir);
  return { engine: new SearchEngine(corpus, options), corpus, source: 'built', snapshotProblem: null };
}

/**
 * Opens a corpus folder as an engine, using a snapshot when its key matches.
 * Corpus problems (bad files) are reported in `corpus.problems`, as by loadCorpus.
 */
export async function loadEngine(dir: string, opts: LoadEngineOptions): Promise<LoadedEngine> {
  const options = { ...DEFAULT_ENGINE_OPTIONS, ...opts.engine };
  if (!opts.cacheDir) return build(dir, options);
  // A folder that cannot be listed is reported by loadCorpus below, in its own words.
  const key = await corpusKey(path.resolve(dir), options).catch(() => null);
  if (key === null) return build(dir, options);
  const file = path.join(opts.cacheDir, `index-${key}.json`);
  let snapshotProblem: string | null = null;
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as SnapshotFile;
    if (saved.version !== ANALYSIS_VERSION || saved.key !== key) throw new Error('snapshot is for other settings');
    const engine = SearchEngine.fromSnapshot(saved.corpus, saved.engine, options);
    return { engine, corpus: saved.corpus, source: 'snapshot', snapshotProblem: null };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') snapshotProblem = `${file}: ${(err as Error).message}`;
  }
  const corpus = await loadCorpus(dir);
  const engine = new SearchEngine(corpus, options);
  if (corpus.articles.length > 0) {
    // Story blocks are only needed to cut passages, which the snapshot already holds.
    const slim: LoadedCorpus = { ...corpus, articles: corpus.articles.map((a) => ({ ...a, blocks: [], dropped: [] })) };
    const snapshot: SnapshotFile = { version: ANALYSIS_VERSION, key, corpus: slim, engine: engine.snapshotData() };
    try {
      await mkdir(opts.cacheDir, { recursive: true });
      // Write then rename, so a reader never sees half a snapshot.
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(snapshot));
      await rename(tmp, file);
    } catch (err) {
      snapshotProblem = `could not save ${file}: ${(err as Error).message}`;
    }
  }
  return { engine, corpus, source: 'built', snapshotProblem };
}
