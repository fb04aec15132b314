import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateCorpus, articleToMarkdown, ensureCorpus, readQuestions, writeCorpus } from '../bench/generate.ts';
import { mulberry32 } from '../bench/prng.ts';
import { loadCorpusStrict } from '../src/engine/corpus.ts';
import { SearchEngine } from '../src/engine/engine.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'bench-gen-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));

describe('bench generator', () => {
  it('mulberry32 is a fixed sequence for a seed', () => {
    const a = mulberry32(42), b = mulberry32(42);
    const seq = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seq);
    expect(seq.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43).next()).not.toBe(seq[0]);
  });

  it('gives the same files and questions for the same seed, without Math.random', () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => { throw new Error('Math.random used'); });
    try {
      const one = generateCorpus({ passages: 300, questions: 120, seed: 7 });
      const two = generateCorpus({ passages: 300, questions: 120, seed: 7 });
      writeCorpus(path.join(tmp, 'one'), one);
      writeCorpus(path.join(tmp, 'two'), two);
      expect(filesOf(path.join(tmp, 'two', 'corpus'))).toEqual(filesOf(path.join(tmp, 'one', 'corpus')));
      expect(readFileSync(path.join(tmp, 'two', 'questions.jsonl'), 'utf8')).toBe(readFileSync(path.join(tmp, 'one', 'questions.jsonl'), 'utf8'));
      const other = generateCorpus({ passages: 300, questions: 120, seed: 8 });
      expect(other.articles.map(articleToMarkdown)).not.toEqual(one.articles.map(articleToMarkdown));
    } finally {
      random.mockRestore();
    }
  });

  it('writes a corpus that loads strictly, with exactly N passages and the gold passages among them', async () => {
    const cached = ensureCorpus(500, 200, 11, path.join(tmp, 'cache'));
    expect(cached.generated).toBe(true);
    expect(ensureCorpus(500, 200, 11, path.join(tmp, 'cache')).generated).toBe(false);
    // A cached corpus the generator no longer makes (after a change to it, the analysis or a word table) is written again.
    const manifestFile = path.join(tmp, 'cache', '500', 'manifest.json');
    writeFileSync(manifestFile, readFileSync(manifestFile, 'utf8').replace(/"fingerprint": "\w+"/, '"fingerprint": "stale"'));
    expect(ensureCorpus(500, 200, 11, path.join(tmp, 'cache')).generated).toBe(true);

    const corpus = await loadCorpusStrict(cached.corpusDir);
    expect(corpus.problems).toEqual([]);
    const engine = new SearchEngine(corpus);
    expect(engine.passageCount).toBe(500);
    for (const a of corpus.articles) {
      expect(a.id).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
      expect(a.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(a.publisher).toBeTruthy();
    }
    const passageIds = new Set(corpus.articles.flatMap((a) => engine.passagesOf(a.id).map((p) => p.id)));
    const questions = readQuestions(cached.questionsFile);
    expect(questions).toHaveLength(200);
    const gold = questions.filter((q) => q.kind === 'gold');
    expect(gold.length).toBeGreaterThan(150);
    for (const q of gold) expect(passageIds.has(q.gold!)).toBe(true);
    expect(questions.some((q) => q.kind === 'off-topic')).toBe(true);
    expect(gold.some((q) => q.altered.includes('typo'))).toBe(true);
    expect(gold.some((q) => q.altered.includes('variant'))).toBe(true);
    // The questions are answerable: most gold questions find their passage first.
    const hits = gold.filter((q) => engine.answer(q.q, { k: 1 }).results[0]?.passageId === q.gold).length;
    expect(hits / gold.length).toBeGreaterThan(0.8);
  });
});
