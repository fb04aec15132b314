/**
 * `npm run eval` — runs the question sets of eval-sets.json (or `--sets
 * FILE`) through the engine and prints hit@1, hit@3, MRR@5, refusals and
 * near-topic flags per set and per kind, then the misses. Figures match
 * shared/eval/score.mjs on the CLI's JSON.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCorpusStrict } from '../engine/corpus.ts';
import { toJsonAnswer } from '../engine/contract.ts';
import { SearchEngine } from '../engine/engine.ts';
import { emptyTally, figures, scoreOne, type EvalQuestion, type Miss, type Tally } from '../eval/score.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { parseCli, runCli, UsageError } from './common.ts';

const USAGE = 'npm run eval -- [--json] [--sets FILE] [--shared DIR] [--set NAME] [--quiet]';

/** The project's list of question sets. */
export const EVAL_SETS_FILE = path.join(PROJECT_ROOT, 'eval-sets.json');

export interface EvalSet {
  name: string;
  questions: string;
  corpus: string;
}

/**
 * The sets a list file names (see eval-sets.json), their paths resolved
 * against the file's folder, `{shared}` standing for `shared`.
 */
export function evalSets(shared: string, file = EVAL_SETS_FILE): EvalSet[] {
  let list: unknown;
  try {
    list = (JSON.parse(readFileSync(file, 'utf8')) as { sets?: unknown }).sets;
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  const valid = (s: unknown): s is EvalSet => typeof s === 'object' && s !== null
    && ['name', 'questions', 'corpus'].every((k) => typeof (s as Record<string, unknown>)[k] === 'string');
  if (!Array.isArray(list) || !list.every(valid)) throw new UsageError(`${file}: "sets" must be a list of {name, questions, corpus}`);
  const resolve = (p: string) => path.resolve(path.dirname(file), p.replaceAll('{shared}', shared));
  return list.map((s) => ({ name: s.name, questions: resolve(s.questions), corpus: resolve(s.corpus) }));
}

export async function readQuestions(file: string): Promise<EvalQuestion[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`question set ${file} cannot be read; pass --shared DIR (the folder holding eval/ and bench/)`);
  }
  return text.split('\n').filter((l) => l.trim()).map((l, i) => {
    try {
      return JSON.parse(l) as EvalQuestion;
    } catch {
      throw new UsageError(`${file}:${i + 1} is not JSON`);
    }
  });
}

export interface SetReport {
  name: string;
  overall: ReturnType<typeof figures>;
  byKind: Record<string, ReturnType<typeof figures>>;
  misses: Miss[];
}

/** Runs one question set through a fresh engine over its corpus. */
export async function runEvalSet(set: EvalSet, engine?: SearchEngine): Promise<SetReport> {
  const questions = await readQuestions(set.questions);
  const eng = engine ?? new SearchEngine(await loadCorpusStrict(set.corpus));
  const overall = emptyTally();
  const kinds = new Map<string, Tally>();
  const misses: Miss[] = [];
  for (const q of questions) {
    const answer = toJsonAnswer(eng.answer(q.q));
    const kindTally = kinds.get(q.kind) ?? emptyTally();
    kinds.set(q.kind, kindTally);
    scoreOne(q, answer, kindTally);
    const miss = scoreOne(q, answer, overall);
    if (miss) misses.push(miss);
  }
  return { name: set.name, overall: figures(overall), byKind: Object.fromEntries([...kinds].map(([k, t]) => [k, figures(t)])), misses };
}

const cell = (v: number | null, suffix = '%') => (v === null ? '–' : `${v}${suffix}`);

export function formatReport(reports: SetReport[], withMisses: boolean): string {
  const header = '| set | kind | n | hit@1 | hit@3 | MRR@5 | answerable refused | off-topic refused | near-topic flagged |';
  const rows = [header, '|---|---|---|---|---|---|---|---|---|'];
  for (const r of reports) {
    const line = (kind: string, f: SetReport['overall']) => `| ${r.name} | ${kind} | ${f.answerable + f.offtopic + f.neartopic} | ${cell(f.hit1)} | ${cell(f.hit3)} | ${cell(f.mrr5, '')} | ${cell(f.refusedAnswerable)} | ${cell(f.abstainOk)} | ${cell(f.nearOk)} |`;
    rows.push(line('**all**', r.overall));
    if (Object.keys(r.byKind).length > 1) for (const [kind, f] of Object.entries(r.byKind)) rows.push(line(kind, f));
  }
  if (withMisses) {
    for (const r of reports) {
      rows.push('', `misses in ${r.name} (${r.misses.length}):`);
      for (const m of r.misses) rows.push(`  ${m.id} [${m.kind}] ${m.detail}: ${m.question}`);
    }
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    json: { type: 'boolean' }, sets: { type: 'string' }, shared: { type: 'string' }, set: { type: 'string' }, quiet: { type: 'boolean' },
  }, USAGE);
  const shared = path.resolve(values.shared ?? path.join(PROJECT_ROOT, '..', 'shared'));
  const all = evalSets(shared, values.sets ? path.resolve(values.sets) : EVAL_SETS_FILE);
  const sets = all.filter((s) => !values.set || s.name === values.set);
  if (sets.length === 0) throw new UsageError(`no set named "${values.set}"; sets: ${all.map((s) => s.name).join(', ')}`);
  const reports: SetReport[] = [];
  for (const set of sets) reports.push(await runEvalSet(set));
  console.log(values.json ? JSON.stringify(reports) : formatReport(reports, !values.quiet));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) runCli(main);
