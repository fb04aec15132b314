import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpusStrict } from '../src/engine/corpus.ts';
import { DEFAULT_ENGINE_OPTIONS, SearchEngine } from '../src/engine/engine.ts';
import { ANALYSIS_VERSION, hashCorpus, loadEngine } from '../src/engine/snapshot.ts';
import { CORPUS, mdArticle, removeDir, tempCorpus } from './helpers.ts';

const QUESTIONS = [
  'What did Russia and North Korea agree to?',
  'Who is the spokesman of South Korea\'s Defense Ministry?',
  'pyongyang summitt putin',
  'What must each country do if the other is invaded?',
  'What time is it in New York?',
  'the of and',
];

/** Everything an engine tells a user, for comparing two engines. */
function behaviour(engine: SearchEngine) {
  return {
    answers: QUESTIONS.flatMap((q) => [engine.answer(q), engine.answer(q, { k: 10, offset: 1 }), engine.answer(q, { article: 'world-mutual-defense-pact' })]),
    articles: engine.articles(),
    passages: engine.articles().map((a) => engine.passagesOf(a.id)),
    suggestions: ['', 'treaty', 'kim jong', 'kim tre'].map((t) => engine.suggest(t, { limit: 24 })),
  };
}

let corpusDir: string, cacheDir: string, expected: ReturnType<typeof behaviour>;
beforeEach(async () => {
  corpusDir = await tempCorpus();
  await cp(CORPUS, corpusDir, { recursive: true });
  cacheDir = await tempCorpus();
  expected = behaviour(new SearchEngine(await loadCorpusStrict(CORPUS)));
});
afterEach(async () => {
  await removeDir(corpusDir);
  await removeDir(cacheDir);
});

const snapshotFiles = async () => (await readdir(cacheDir)).filter((f) => f.endsWith('.json.gz'));

describe('loadEngine with a snapshot folder', () => {
  it('builds and saves a snapshot once, then loads it; both engines answer exactly as a fresh one', async () => {
    const first = await loadEngine(corpusDir, { cacheDir });
    expect(first.source).toBe('built');
    expect(first.snapshotProblem).toBeNull();
    expect(await snapshotFiles()).toHaveLength(1);
    const second = await loadEngine(corpusDir, { cacheDir });
    expect(second.source).toBe('snapshot');
    expect(second.snapshotProblem).toBeNull();
    expect(behaviour(first.engine)).toEqual(expected);
    expect(behaviour(second.engine)).toEqual(expected);
    expect(second.corpus.articles.map((a) => a.id)).toEqual(first.corpus.articles.map((a) => a.id));
  });

  for (const [damage, change] of [
    ['garbage', () => Buffer.from('not a snapshot at all')],
    ['an empty file', () => Buffer.alloc(0)],
    ['a truncated file', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['one flipped byte', (bytes: Buffer) => { const out = Buffer.from(bytes); out[Math.floor(out.length * 0.7)]! ^= 0x10; return out; }],
  ] as const) {
    it(`rebuilds, says why, and replaces a snapshot that is ${damage}`, async () => {
      await loadEngine(corpusDir, { cacheDir });
      const [file] = await snapshotFiles();
      const full = path.join(cacheDir, file!);
      await writeFile(full, change(await readFile(full)));
      const loaded = await loadEngine(corpusDir, { cacheDir });
      expect(loaded.source).toBe('built');
      expect(loaded.snapshotProblem).toContain(full);
      expect(behaviour(loaded.engine)).toEqual(expected);
      expect((await loadEngine(corpusDir, { cacheDir })).source).toBe('snapshot');
    });
  }

  it('rebuilds when the articles change (the key is a hash of the files)', async () => {
    await loadEngine(corpusDir, { cacheDir });
    await writeFile(path.join(corpusDir, 'bridge.md'), mdArticle({ id: 'bridge' }, 'Kim Jong Un also inspected a new bridge over the Taedong river.\n'));
    const loaded = await loadEngine(corpusDir, { cacheDir });
    expect(loaded.source).toBe('built');
    expect(loaded.snapshotProblem).toBeNull();
    expect(loaded.engine.answer('Taedong').results[0]?.text).toContain('Taedong');
    expect(await snapshotFiles()).toHaveLength(2);
  });

  it('ignores a snapshot written under other analysis rules', async () => {
    const { key } = await hashCorpus(corpusDir, DEFAULT_ENGINE_OPTIONS);
    const corpus = await loadCorpusStrict(corpusDir);
    const engine = new SearchEngine(corpus).snapshotData();
    const file = path.join(cacheDir, `index-${key}.json.gz`);
    await writeFile(file, gzipSync(JSON.stringify({ version: 'summit-analysis-0', key, corpus, engine })));
    const loaded = await loadEngine(corpusDir, { cacheDir });
    expect(ANALYSIS_VERSION).not.toBe('summit-analysis-0');
    expect(loaded.source).toBe('built');
    expect(loaded.snapshotProblem).toMatch(/other settings/);
  });

  it('treats a snapshot in the old binary format as stale, and replaces it', async () => {
    const { key } = await hashCorpus(corpusDir, DEFAULT_ENGINE_OPTIONS);
    const file = path.join(cacheDir, `index-${key}.json.gz`);
    await writeFile(file, Buffer.concat([Buffer.from('SUMMITIX', 'latin1'), Buffer.alloc(64)]));
    const loaded = await loadEngine(corpusDir, { cacheDir });
    expect(loaded.source).toBe('built');
    expect(loaded.snapshotProblem).toMatch(/not a snapshot of this version/);
    expect(behaviour(loaded.engine)).toEqual(expected);
    expect((await loadEngine(corpusDir, { cacheDir })).source).toBe('snapshot');
  });

  it('rebuilds when the MiniSearch index inside the snapshot is of other passages', async () => {
    await loadEngine(corpusDir, { cacheDir });
    const [name] = await snapshotFiles();
    const file = path.join(cacheDir, name!);
    const saved = JSON.parse(gunzipSync(await readFile(file)).toString('utf8'));
    const other = new SearchEngine({ ...saved.corpus, articles: (await loadCorpusStrict(corpusDir)).articles.slice(0, 1) }).snapshotData();
    saved.engine.search = other.search;
    await writeFile(file, gzipSync(JSON.stringify(saved)));
    const loaded = await loadEngine(corpusDir, { cacheDir });
    expect(loaded.source).toBe('built');
    expect(loaded.snapshotProblem).toMatch(/search index is of other passages/);
  });

  it('answers even when the snapshot cannot be saved, and says why', async () => {
    const blocked = path.join(corpusDir, 'aliases.yaml', 'cache');
    const loaded = await loadEngine(corpusDir, { cacheDir: blocked });
    expect(loaded.source).toBe('built');
    expect(loaded.snapshotProblem).toMatch(/could not save/);
    expect(behaviour(loaded.engine)).toEqual(expected);
  });

  it('with snapshots off, builds every time and writes nothing', async () => {
    const loaded = await loadEngine(corpusDir, { cacheDir: null });
    expect(loaded.source).toBe('built');
    expect(await snapshotFiles()).toEqual([]);
  });
});

describe('engine snapshots', () => {
  it('round-trip through bytes', async () => {
    const corpus = await loadCorpusStrict(CORPUS);
    const bytes = new SearchEngine(corpus).toSnapshot();
    expect(behaviour(SearchEngine.fromSnapshot(corpus, bytes))).toEqual(expected);
  });

  it('refuse the articles of another corpus', async () => {
    const corpus = await loadCorpusStrict(CORPUS);
    const bytes = new SearchEngine(corpus).toSnapshot();
    expect(() => SearchEngine.fromSnapshot({ ...corpus, articles: corpus.articles.slice(1) }, bytes)).toThrow(/other articles/);
  });

  it('read plain JSON as well as gzip, and refuse what is not a snapshot', async () => {
    const corpus = await loadCorpusStrict(CORPUS);
    const engine = new SearchEngine(corpus);
    expect(behaviour(SearchEngine.fromSnapshot(corpus, Buffer.from(JSON.stringify(engine.snapshotData()))))).toEqual(expected);
    expect(() => SearchEngine.fromSnapshot(corpus, Buffer.from('{"format":"summit-engine-1"}'))).toThrow(/not an index snapshot/);
    expect(() => SearchEngine.fromSnapshot(corpus, Buffer.from('SUMMITIX'))).toThrow(/not JSON/);
    const data = engine.snapshotData();
    expect(() => SearchEngine.fromSnapshotData(corpus, { ...data, table: { ...data.table, tokenStart: 'AAAA' } })).toThrow(/passage table/);
    expect(() => SearchEngine.fromSnapshotData(corpus, { ...data, passages: { ...data.passages, text: [] } })).toThrow(/passages/);
  });
});
