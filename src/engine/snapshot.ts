/**
 * Loads a corpus folder into a ready SearchEngine, through a snapshot cache:
 * the index is built once, saved under a key that hashes the corpus files and
 * the analysis settings, and loaded instead of rebuilt while the key matches.
 * A missing, stale or corrupt snapshot means a rebuild, never a failure.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus, type LoadedCorpus } from './corpus.ts';
import { createGunzip, gzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { promisify } from 'node:util';
import { engineOptions, SearchEngine, type EngineOptions, type EngineSettings } from './engine.ts';

/**
 * Bump when tokenising, cleaning, passage cutting or the snapshot's layout
 * changes, so old snapshots are not read with new rules.
 */
export const ANALYSIS_VERSION = 'summit-analysis-11';

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
  engine?: EngineSettings;
}

/**
 * Files read between two turns of the event loop while hashing. Reading is
 * synchronous: 13,000 small files read one by one took a third of the time
 * they took through the thread pool, and yielding between batches keeps the
 * process responsive.
 */
const READ_BATCH = 256;

/**
 * Hash of every file of the folder (name and bytes) and of the settings that
 * shape the index, with the bytes read, so that a rebuild need not read the
 * files again.
 */
export async function hashCorpus(dir: string, options: EngineOptions): Promise<{ key: string; files: Map<string, Buffer> }> {
  const hash = createHash('sha256').update(ANALYSIS_VERSION).update(JSON.stringify(options));
  const names = (await readdir(dir)).sort().filter((name) => !name.startsWith('.'));
  const files = new Map<string, Buffer>();
  for (let i = 0; i < names.length; i++) {
    if (i > 0 && i % READ_BATCH === 0) await new Promise(setImmediate);
    const name = names[i]!;
    let bytes: Buffer | null = null;
    try {
      bytes = readFileSync(path.join(dir, name));
    } catch { /* a folder or an unreadable file: loadCorpus reports it */ }
    hash.update(name).update('\0');
    if (bytes) {
      hash.update(`${bytes.length}\0`).update(bytes);
      files.set(name, bytes);
    } else hash.update('unreadable\0');
  }
  return { key: hash.digest('hex').slice(0, 32), files };
}

/** A snapshot file, gzip'd JSON: the engine's own snapshot (MiniSearch's `toJSON()` in it) and what it was made from. */
interface SnapshotFile {
  version: string;
  key: string;
  corpus: LoadedCorpus;
  engine: unknown;
}

const gzipAsync = promisify(gzip);

/**
 * Opens a corpus folder as an engine, using a snapshot when its key matches.
 * Corpus problems (bad files) are reported in `corpus.problems`, as by loadCorpus.
 */
export async function loadEngine(dir: string, opts: LoadEngineOptions): Promise<LoadedEngine> {
  const options = engineOptions(opts.engine);
  const build = async (files?: ReadonlyMap<string, Buffer>) => {
    const corpus = await loadCorpus(dir, files);
    return { corpus, engine: new SearchEngine(corpus, options) };
  };
  if (!opts.cacheDir) return { ...await build(), source: 'built', snapshotProblem: null };
  // A folder that cannot be listed is reported by loadCorpus below, in its own words.
  const hashed = await hashCorpus(path.resolve(dir), options).catch(() => null);
  if (hashed === null) return { ...await build(), source: 'built', snapshotProblem: null };
  const { key, files } = hashed;
  const file = path.join(opts.cacheDir, `index-${key}.json.gz`);
  let snapshotProblem: string | null = null;
  try {
    const saved = await readSnapshotFile(file);
    if (saved?.version !== ANALYSIS_VERSION || saved.key !== key || !Array.isArray(saved.corpus?.articles)) throw new Error('snapshot is for other settings');
    const engine = SearchEngine.fromSnapshotData(saved.corpus, saved.engine, options);
    return { engine, corpus: saved.corpus, source: 'snapshot', snapshotProblem: null };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') snapshotProblem = `${file}: ${(err as Error).message}`;
  }
  const { corpus, engine } = await build(files);
  files.clear();
  if (corpus.articles.length > 0) {
    // Story blocks are only needed to cut passages, which the snapshot already holds.
    const slim: LoadedCorpus = { ...corpus, articles: corpus.articles.map((a) => ({ ...a, blocks: [], dropped: [] })) };
    try {
      // Level 1: a fifth of level 6's time (0.1 against 0.5 s at 10k passages) for a snapshot a little larger.
      const bytes = await gzipAsync(JSON.stringify({ version: ANALYSIS_VERSION, key, corpus: slim, engine: engine.snapshotData() } satisfies SnapshotFile), { level: 1 });
      await mkdir(opts.cacheDir, { recursive: true });
      // Write then rename, so a reader never sees half a snapshot.
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file);
    } catch (err) {
      snapshotProblem = `could not save ${file}: ${(err as Error).message}`;
    }
  }
  return { engine, corpus, source: 'built', snapshotProblem };
}

/** A snapshot file's contents; throws when it is not gzip'd JSON (an older binary snapshot among them). */
async function readSnapshotFile(file: string): Promise<Partial<SnapshotFile> | null> {
  const text = await readGzipText(file);
  try {
    return JSON.parse(text) as Partial<SnapshotFile> | null;
  } catch {
    throw new Error('not a snapshot of this version (not JSON)');
  }
}

/**
 * A gzip'd file's text, decoded as it is unzipped: the small chunks die young,
 * where one unzipped Buffer (twice the text's size, at 100k passages 240 MB
 * outside the heap) lived until a full collection and was most of the
 * start-up's peak memory. Throws ENOENT as fs does.
 */
async function readGzipText(file: string): Promise<string> {
  const source = createReadStream(file);
  const unzip = createGunzip();
  source.on('error', (err) => unzip.destroy(err));
  const decoder = new StringDecoder('utf8');
  let text = '';
  try {
    for await (const chunk of source.pipe(unzip)) text += decoder.write(chunk as Buffer);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw err;
    throw new Error('not a snapshot of this version (not gzip)');
  }
  return text + decoder.end();
}
