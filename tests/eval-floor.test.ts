import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalSets, formatReport, runEvalSet, type SetReport } from '../src/cli/eval.ts';
import { RUN_SHARED, requireShared, removeDir, runCommand, runScript, SHARED, tempCorpus, type Run } from './helpers.ts';

/** The figures score.mjs prints; the engine's report must give the same. */
const SCORER_KEYS = ['answerable', 'hit1', 'hit3', 'mrr5', 'offtopic', 'abstainOk', 'neartopic', 'nearOk'] as const;
const scorerFigures = (f: Record<string, unknown>) => Object.fromEntries(SCORER_KEYS.map((k) => [k, f[k]]));

describe.skipIf(!RUN_SHARED)('evaluation on the shared question sets', () => {
  const reports = new Map<string, SetReport>();
  /** `npm run eval -- --json --set summit-dev`, spawned. */
  let evalRun: Run;
  /** score.mjs on the CLI's batch JSON output, per set. */
  const scored = new Map<string, Run>();
  let dir: string;

  beforeAll(async () => {
    requireShared();
    dir = await tempCorpus();
    const sets = evalSets(SHARED);
    // The processes run while this worker scores the sets in-process (the squad set is the slow part).
    const spawned = Promise.all([
      runCommand('npm', ['run', '--silent', 'eval', '--', '--json', '--set', 'summit-dev']).then((r) => { evalRun = r; }),
      ...sets.map(async (set) => {
        const questions = (await readFile(set.questions, 'utf8')).split('\n').filter((l) => l.trim())
          .map((l) => (JSON.parse(l) as { q: string }).q);
        // The summit sets are asked of the bundled corpus, as the judge asks them; the others name theirs.
        const corpusArgs = set.name.startsWith('summit-') ? [] : ['--corpus', set.corpus];
        const asked = await runScript('src/cli/ask.ts', ['--json', ...corpusArgs, '-'], { input: `${questions.join('\n')}\n` });
        if (asked.code !== 0 || asked.stderr) throw new Error(`ask failed on ${set.name}: ${asked.stderr}`);
        const answers = path.join(dir, `${set.name}.jsonl`);
        await writeFile(answers, asked.stdout);
        scored.set(set.name, await runCommand(process.execPath, [path.join(SHARED, 'eval', 'score.mjs'), set.questions, answers, '--json', '--quiet']));
      }),
    ]);
    for (const set of sets) reports.set(set.name, await runEvalSet(set));
    await spawned;
  }, 120_000);
  afterAll(() => removeDir(dir));

  describe('ranking floors (issue 2)', () => {
    it('summit-dev: hit@1 >= 80%, hit@3 >= 92%, off-topic refused >= 80%', () => {
      const f = reports.get('summit-dev')!.overall;
      expect(f.answerable).toBeGreaterThanOrEqual(28);
      expect(f.offtopic).toBeGreaterThanOrEqual(6);
      expect(f.hit1).toBeGreaterThanOrEqual(80);
      expect(f.hit3).toBeGreaterThanOrEqual(92);
      expect(f.abstainOk).toBeGreaterThanOrEqual(80);
    });

    it('squad2-dev5: hit@1 >= 85%', () => {
      const f = reports.get('squad2-dev5')!.overall;
      expect(f.answerable).toBe(705);
      expect(f.hit1).toBeGreaterThanOrEqual(85);
    });
  });

  /** A set's question counts exactly, its figures at least `min` (percentages), and at most `maxRefused`% of answerable questions refused. */
  const holdsFloors = (name: string, counts: Record<'answerable' | 'offtopic' | 'neartopic', number>,
    min: Record<'hit1' | 'hit3' | 'abstainOk' | 'nearOk', number>, maxRefused: number) => () => {
    const f = reports.get(name)!.overall;
    for (const [key, n] of Object.entries(counts)) expect(f[key as keyof typeof counts], key).toBe(n);
    for (const [key, floor] of Object.entries(min)) expect(f[key as keyof typeof min], key).toBeGreaterThanOrEqual(floor);
    expect(f.refusedAnswerable).toBeLessThanOrEqual(maxRefused);
  };

  // What the quality work (issue 4) has reached so far, pinned so it cannot slip back unnoticed.
  describe('quality reached (regression floors)', () => {
    // hit@3 was 100% while a second same-fact rule (fact sentences alike by Dice >= 0.41) folded three "first visit
    // in 24 years" passages into one and d06's Vietnam passage came third; the rule went in issue 14 (it also hid
    // summit-dev-2 n062's answer, and changed nothing elsewhere), and d06 is fourth: 96.4%.
    it('summit-dev: hit@1 >= 85%, hit@3 >= 96%, off-topic refused 100%, near-topic flagged 100%, no answerable refused', () => {
      const f = reports.get('summit-dev')!.overall;
      expect(f.hit1).toBeGreaterThanOrEqual(85);
      expect(f.hit3).toBeGreaterThanOrEqual(96);
      expect(f.abstainOk).toBe(100);
      expect(f.nearOk).toBe(100);
      expect(f.refusedAnswerable).toBe(0);
    });

    // The second development set (issue 14), with chat-spelt (casual) and caption/byline (detail) questions. Measured:
    // hit@1 75.6%, hit@3 86.7%, 6.7% of answerable refused, off-topic refused and near-topic flagged 100% (the scorer
    // compares a near-topic question's "missing" word, "China", case-sensitively, so n141 counts only when refused);
    // 68.9% and 75.6% before captions, bylines and attribution lines were indexed.
    it('summit-dev-2: hit@1 >= 70%, hit@3 >= 79%, at most 12% of answerable refused, off-topic refused >= 66%, near-topic flagged >= 50%', () => {
      const f = reports.get('summit-dev-2')!.overall;
      expect(f.answerable).toBe(45);
      expect(f.offtopic).toBe(6);
      expect(f.neartopic).toBe(4);
      expect(f.hit1).toBeGreaterThanOrEqual(70);
      expect(f.hit3).toBeGreaterThanOrEqual(79);
      expect(f.refusedAnswerable).toBeLessThanOrEqual(12);
      expect(f.abstainOk).toBeGreaterThanOrEqual(66);
      expect(f.nearOk).toBeGreaterThanOrEqual(50);
    });

    it('squad2-dev5: hit@1 >= 90%, hit@3 >= 97% (issue 4 targets), at most 2% of answerable questions refused', () => {
      const f = reports.get('squad2-dev5')!.overall;
      expect(f.hit1).toBeGreaterThanOrEqual(90);
      expect(f.hit3).toBeGreaterThanOrEqual(97);
      expect(f.refusedAnswerable).toBeLessThanOrEqual(2);
    });

    // Held-out questions (tests/fixtures/summit-holdout.jsonl), never fitted question by question. Measured: hit@1 77.3%,
    // hit@3 79.5%, 4.5% of answerable refused, off-topic and near-topic 100% (59.1%, 63.6% and 18.2% before WordNet
    // bridging, questions naming a source and swapped letters; 75%, 77.3% and 9.1% before related words). Floors sit
    // a few points (for off- and near-topic: one question) below, to catch a regression, not to set a target.
    it('summit-holdout: hit@1 >= 72%, hit@3 >= 75%, at most 7% of answerable refused, off-topic refused >= 90%, near-topic flagged >= 83%',
      holdsFloors('summit-holdout', { answerable: 44, offtopic: 10, neartopic: 6 }, { hit1: 72, hit3: 75, abstainOk: 90, nearOk: 83 }, 7));

    // A second holdout (issue 14), 70 questions written by a helper who read only the articles and the question format,
    // measured once before any change it could have informed: hit@1 76.9%, hit@3 88.5%, 3.8% of answerable refused,
    // off-topic refused and near-topic flagged 100%. Floors as for the first.
    it('summit-holdout-2: hit@1 >= 72%, hit@3 >= 84%, at most 6% of answerable refused, off-topic refused >= 90%, near-topic flagged >= 87%',
      holdsFloors('summit-holdout-2', { answerable: 52, offtopic: 10, neartopic: 8 }, { hit1: 72, hit3: 84, abstainOk: 90, nearOk: 87 }, 6));

    it('the report lists each set, per kind, and the misses', () => {
      const text = formatReport([...reports.values()], true);
      expect(text).toMatch(/^\| set \| kind \| n \| hit@1 \| hit@3 \| MRR@5 \|/);
      expect(text).toContain('| summit-dev | **all** | 37 |');
      expect(text).toContain('| summit-dev | offtopic |');
      expect(text).toContain('| summit-dev-2 | **all** | 55 |');
      expect(text).toContain('| summit-dev-2 | casual |');
      expect(text).toContain('| summit-dev-2 | detail |');
      expect(text).toContain('| squad2-dev5 | **all** | 705 |');
      expect(text).toContain('| summit-holdout | **all** | 60 |');
      expect(text).toContain('| summit-holdout | paraphrase |');
      expect(text).toContain(`misses in summit-dev (${reports.get('summit-dev')!.misses.length}):`);
    });
  });

  describe('figures equal those of shared/eval/score.mjs on the CLI\'s JSON output', () => {
    it('summit-dev: npm run eval -- --json (spawned)', () => {
      expect(evalRun.code).toBe(0);
      const ours = JSON.parse(evalRun.stdout) as SetReport[];
      expect(ours.map((r) => r.name)).toEqual(['summit-dev']);
      const reference = JSON.parse(scored.get('summit-dev')!.stdout) as Record<string, unknown>;
      expect(scorerFigures(ours[0]!.overall)).toEqual(scorerFigures(reference));
    });

    it('squad2-dev5 (ask --corpus): runEvalSet, what npm run eval prints', () => {
      const reference = JSON.parse(scored.get('squad2-dev5')!.stdout) as Record<string, unknown>;
      expect(scorerFigures(reports.get('squad2-dev5')!.overall)).toEqual(scorerFigures(reference));
    });

    it('summit-dev-2 (ask on the bundled corpus): runEvalSet, what npm run eval prints', () => {
      const reference = JSON.parse(scored.get('summit-dev-2')!.stdout) as Record<string, unknown>;
      expect(scorerFigures(reports.get('summit-dev-2')!.overall)).toEqual(scorerFigures(reference));
    });

    it('summit-holdout (ask on the bundled corpus): runEvalSet, what npm run eval prints', () => {
      const reference = JSON.parse(scored.get('summit-holdout')!.stdout) as Record<string, unknown>;
      expect(scorerFigures(reports.get('summit-holdout')!.overall)).toEqual(scorerFigures(reference));
    });

    it('summit-holdout-2 (ask on the bundled corpus): runEvalSet, what npm run eval prints', () => {
      const reference = JSON.parse(scored.get('summit-holdout-2')!.stdout) as Record<string, unknown>;
      expect(scorerFigures(reports.get('summit-holdout-2')!.overall)).toEqual(scorerFigures(reference));
    });

    it('summit-dev in-process equals the spawned run', () => {
      expect((JSON.parse(evalRun.stdout) as SetReport[])[0]).toEqual(reports.get('summit-dev'));
    });
  });
});
