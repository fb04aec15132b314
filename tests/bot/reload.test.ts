/** Reloading the index: the serving one is replaced only by a usable one; overlapping requests share builds. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexReloader, watchFolder, type BuiltIndex } from '../../src/bot/reload.ts';
import { buildInBackground } from '../../src/engine/background-build.ts';
import { ConfigError, loadBotConfig } from '../../src/config.ts';
import { CorpusError, loadCorpus } from '../../src/engine/corpus.ts';
import { SearchEngine } from '../../src/engine/engine.ts';
import { BUNDLED_CORPUS } from '../../src/paths.ts';
import { mdArticle } from '../helpers.ts';

let bundled: SearchEngine;
let oneArticle: SearchEngine;
beforeAll(async () => {
  bundled = new SearchEngine(await loadCorpus(BUNDLED_CORPUS));
  oneArticle = new SearchEngine({ articles: (await loadCorpus(BUNDLED_CORPUS)).articles.slice(0, 1), aliases: [] });
});

const built = (engine: SearchEngine, problems: BuiltIndex['problems'] = []) => async (): Promise<BuiltIndex> => ({ engine, problems });

describe('IndexReloader', () => {
  it('swaps in a usable index and reports the files it skipped', async () => {
    const serving = { engine: oneArticle };
    const report = await new IndexReloader(serving, built(bundled, [{ file: 'bad.md', problem: 'empty file' }])).reload();
    expect(serving.engine).toBe(bundled);
    expect(report).toMatchObject({ replaced: true, keptBecause: null, now: { articles: 5 }, before: { articles: 1 }, problems: [{ file: 'bad.md', problem: 'empty file' }] });
  });

  it('keeps the serving index when no article is valid, when the folder is unusable, and when the build throws', async () => {
    const empty = new SearchEngine({ articles: [], aliases: [] });
    const cases: Array<[() => Promise<BuiltIndex>, RegExp]> = [
      [built(empty, [{ file: 'a.md', problem: 'empty file' }]), /^no usable article in the folder \(1 file\(s\) skipped\)$/],
      [async () => { throw new CorpusError('corpus folder /x does not exist'); }, /does not exist/],
      [async () => { throw new RangeError('out of memory while indexing'); }, /out of memory/],
    ];
    for (const [build, reason] of cases) {
      const serving = { engine: bundled };
      const report = await new IndexReloader(serving, build).reload();
      expect(serving.engine).toBe(bundled);
      expect(report.replaced).toBe(false);
      expect(report.keptBecause).toMatch(reason);
      expect(report.now).toEqual({ articles: 5, passages: bundled.passageCount });
    }
  });

  it('folds requests made during a reload into one more reload', async () => {
    let builds = 0;
    const gates: Array<() => void> = [];
    const serving = { engine: oneArticle };
    const reloader = new IndexReloader(serving, () => new Promise<BuiltIndex>((resolve) => {
      builds++;
      gates.push(() => resolve({ engine: bundled, problems: [] }));
    }));
    const first = reloader.reload();
    const second = reloader.reload();
    const third = reloader.reload();
    expect(third).toBe(second);
    expect(builds).toBe(1);
    gates.shift()!();
    await first;
    await new Promise((r) => setTimeout(r, 0));
    expect(builds).toBe(2);
    gates.shift()!();
    expect((await second).replaced).toBe(true);
    expect(builds).toBe(2);
  });
});

describe('building in the background', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'summit-reload-'));
    await writeFile(path.join(dir, 'good.md'), mdArticle({ id: 'good' }));
    await writeFile(path.join(dir, 'broken.md'), '---\ntitle: never closed\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives the same answers as an index built in place, and lists the files skipped', async () => {
    const { engine, corpus } = await buildInBackground({ dir, cacheDir: null });
    expect(corpus.problems).toEqual([{ file: 'broken.md', problem: 'broken front matter: no closing "---" line' }]);
    const inPlace = new SearchEngine(await loadCorpus(dir));
    expect(engine.answer('Where did Putin and Kim sign a treaty?')).toEqual(inPlace.answer('Where did Putin and Kim sign a treaty?'));
  });

  it('rejects with a CorpusError for a folder that does not exist', async () => {
    await expect(buildInBackground({ dir: path.join(dir, 'nope'), cacheDir: null })).rejects.toThrow(CorpusError);
  });

  it('the watcher calls once after a burst of changes, and ignores hidden files', async () => {
    let calls = 0;
    // A quiet time long enough that a loaded machine does not split the burst.
    const stop = watchFolder(dir, 1000, () => { calls++; }, (err) => { throw err; });
    try {
      await writeFile(path.join(dir, '.swap'), 'x');
      await new Promise((r) => setTimeout(r, 1500));
      expect(calls).toBe(0);
      for (let i = 0; i < 5; i++) await writeFile(path.join(dir, `new-${i}.md`), mdArticle({ id: `new-${i}` }));
      const deadline = Date.now() + 10_000;
      while (calls === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 1500));
      expect(calls).toBe(1);
    } finally {
      stop();
    }
  });
});

describe('CORPUS_WATCH', () => {
  const env = (value?: string) => ({ DISCORD_TOKEN: 'x'.repeat(30), DISCORD_APP_ID: '123456789012345678', CORPUS_WATCH: value });

  it('defaults to on (1 s of quiet), takes off or milliseconds', () => {
    expect(loadBotConfig(env()).corpusWatchMs).toBe(1000);
    expect(loadBotConfig(env('off')).corpusWatchMs).toBeNull();
    expect(loadBotConfig(env('250')).corpusWatchMs).toBe(250);
  });

  it.each(['10', 'soon', '1000000', '-5'])('rejects "%s" with a message naming the variable', (value) => {
    expect(() => loadBotConfig(env(value))).toThrow(ConfigError);
    expect(() => loadBotConfig(env(value))).toThrow(/^CORPUS_WATCH ".*" must be "on", "off" or milliseconds/);
  });
});
