/**
 * `npm run bench -- [--sizes seed,1k,10k,100k] [--questions N] [--runs R] [--k K] [--seed S] [--json]`
 * `npm run bench -- --discord [--sizes seed] [--kinds ask,autocomplete,compare] [--runs R] [--concurrency C] [--shards N] [--questions-file F] [--json]`
 *
 * For each corpus size: generates (or reuses) a seeded news-like corpus under
 * `.cache/bench/<N>/`, then measures it R times, each in a fresh child
 * process (`node --expose-gc --import tsx bench/measure.ts`) so heap and
 * RSS are that corpus's alone, and times R cold starts with and without a
 * snapshot (`bench/cold-start.ts`, each in a fresh process, compiled and
 * run with plain node as the operator commands are). Reports the
 * median of each figure over the runs. With `--discord`, the real bot answers
 * bursts of concurrent `/ask`, autocomplete and `/compare` through the
 * loopback Discord instead, and discord.js alone the same bursts
 * (bench/discord.ts). See docs/bench.md for what each column means.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUNDLED_CORPUS, compiledPath, ownModule, PROJECT_ROOT } from '../src/paths.ts';
import type { ColdStart } from './cold-start.ts';
import { BURST_KINDS, EVAL_QUESTIONS_FILE, readQuestionTexts, runDiscordBench, type BurstKind, type DiscordBenchResult } from './discord.ts';
import { DEFAULT_SEED, ensureCorpus } from './generate.ts';
import { median, type Measurement, type SystemResult } from './measure.ts';

const USAGE = 'npm run bench -- [--sizes seed,1k,10k,100k] [--questions N] [--runs R] [--k K] [--seed S] [--json]\n       npm run bench -- --discord [--sizes seed] [--kinds ask,autocomplete,compare] [--runs R] [--concurrency C] [--shards N] [--questions-file F] [--json]';
const MEASURE_SCRIPT = ownModule(import.meta.url, './measure');
/**
 * Cold starts are timed as an operator starts the bot or the CLI: the
 * compiled build (`npm run build`, which runBench runs first) with plain
 * node, without a TypeScript loader.
 */
const COLD_START_SCRIPT = { file: compiledPath('bench/cold-start.ts'), nodeArgs: [] };

export interface SizeReport {
  /** "seed" or the generated size ("1k", "10k", …). */
  size: string;
  corpus: string;
  runs: number;
  /** Time to generate the corpus in this run (and to write it, when the cached one differed). */
  generateMs: number;
  /** Median over runs of every figure. */
  median: Measurement;
  /** Pipeline latency over plain MiniSearch latency (medians), wall clock and CPU time. */
  ratio: { p50: number; p99: number; cpuP50: number; cpuP99: number };
  /** Medians over runs of a start with no snapshot (build and save), then one from the snapshot it saved. */
  coldStart: { build: ColdStart; snapshot: ColdStart };
}

export interface BenchReport {
  machine: { nproc: number; memoryGB: number; node: string; platform: string; cpu: string };
  options: { sizes: string[]; questions: number; runs: number; k: number; seed: number };
  results: SizeReport[];
  totalMs: number;
}

/** "seed" → null; "1k" → 1000; "100k" → 100000; "2500" → 2500. */
export function parseSize(size: string): number | null {
  if (size === 'seed') return null;
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(size.trim());
  if (!m) throw new Error(`--sizes: "${size}" is not a size (seed, 1k, 10k, 100k or a number of passages)`);
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1_000 : m[2]?.toLowerCase() === 'm' ? 1_000_000 : 1);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--sizes: "${size}" is not a whole number of passages`);
  return n;
}

/** Runs a bench script in a fresh process; its last line of output is its JSON result. */
function runChild<T>(script: { file: string; nodeArgs: string[] }, args: string[], nodeFlags: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, ...script.nodeArgs, script.file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      const name = path.basename(script.file);
      if (code !== 0) return reject(new Error(`${name} ${args.join(' ')} exited with code ${code}`));
      const line = out.trim().split('\n').pop() ?? '';
      try { resolve(JSON.parse(line) as T); } catch { reject(new Error(`${name} printed no result: ${out.slice(-500)}`)); }
    });
  });
}

/** A start with an empty snapshot folder (build and save), then one from the snapshot it saved. */
async function coldStarts(corpusDir: string): Promise<{ build: ColdStart; snapshot: ColdStart }> {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'summit-bench-index-'));
  try {
    const build = await runChild<ColdStart>(COLD_START_SCRIPT, ['--corpus', corpusDir, '--cache', cache]);
    const snapshot = await runChild<ColdStart>(COLD_START_SCRIPT, ['--corpus', corpusDir, '--cache', cache]);
    if (build.source !== 'built' || snapshot.source !== 'snapshot') throw new Error(`cold start: expected a build then a snapshot load, got ${build.source} then ${snapshot.source}`);
    return { build, snapshot };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** The median of each numeric field over several measurements (null when any run had none). */
function medianOf<T>(items: T[]): T {
  const first = items[0] as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(first)) {
    const values = items.map((m) => (m as Record<string, unknown>)[key]);
    if (values.every((v) => typeof v === 'number')) out[key] = median(values as number[]);
    else if (values.every((v) => v !== null && typeof v === 'object')) out[key] = medianOf(values as object[]);
    else out[key] = values.find((v) => v !== null) ?? null;
  }
  return out as T;
}

const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const pct = (v: number) => (Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)}%`);
const int = (v: number) => Math.round(v).toLocaleString('en-US');
const bytes = (v: number | null) => (v === null ? '–' : v >= 1024 * 1024 ? `${(v / 1024 / 1024).toFixed(1)} MB` : `${(v / 1024).toFixed(0)} kB`);
const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)}×` : '–');
const lat = (s: SystemResult) => `${ms(s.latencyMs.p50)} / ${ms(s.latencyMs.p99)}`;

export function formatTable(report: BenchReport): string {
  const r = report.results;
  const lines = [
    '**Build and memory**',
    '',
    '| corpus | passages | articles | load ms | build ms | passages/s | snapshot size | snapshot load ms | heap MB | RSS MB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...r.map(({ size, median: m }) => `| ${size} | ${int(m.passages)} | ${int(m.articles)} | ${ms(m.loadMs)} | ${ms(m.buildMs)} | ${int(m.passagesPerSecond)} | ${bytes(m.snapshotBytes)} | ${ms(m.snapshotLoadMs)} | ${m.heapMB.toFixed(0)} | ${m.rssMB.toFixed(0)} |`),
    '',
    `**Latency** (ms per question, over ${report.options.questions} questions, k = ${report.options.k}; median of ${report.options.runs} run${report.options.runs === 1 ? '' : 's'})`,
    '',
    '| corpus | pipeline p50 | p99 | max | MiniSearch p50 / p99 | ratio p50 | ratio p99 | wink-bm25 p50 / p99 |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...r.map(({ size, median: m, ratio: x }) => `| ${size} | ${ms(m.engine.latencyMs.p50)} | ${ms(m.engine.latencyMs.p99)} | ${ms(m.engine.latencyMs.max)} | ${lat(m.baseline)} | ${ratio(x.p50)} | ${ratio(x.p99)} | ${lat(m.wink)} |`),
    '',
    'The same, in CPU time of the process (all its threads, compiler and GC included; time spent waiting for a core is not counted):',
    '',
    '| corpus | pipeline p50 | p99 | max | MiniSearch p50 / p99 | ratio p50 | ratio p99 |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...r.map(({ size, median: m, ratio: x }) => `| ${size} | ${ms(m.engine.cpuMs.p50)} | ${ms(m.engine.cpuMs.p99)} | ${ms(m.engine.cpuMs.max)} | ${ms(m.baseline.cpuMs.p50)} / ${ms(m.baseline.cpuMs.p99)} | ${ratio(x.cpuP50)} | ${ratio(x.cpuP99)} |`),
    '',
    `**Cold start** (ms, a fresh process opening the corpus with \`loadEngine\`; median of ${report.options.runs} run${report.options.runs === 1 ? '' : 's'})`,
    '',
    '| corpus | from the snapshot: loadEngine | whole process | RSS MB | first answer | no snapshot (build + save): loadEngine | whole process |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...r.map(({ size, coldStart: { snapshot: s, build: b } }) => `| ${size} | ${ms(s.loadEngineMs)} | ${ms(s.processMs)} | ${s.rssMB.toFixed(0)} | ${ms(s.firstAnswerMs)} | ${ms(b.loadEngineMs)} | ${ms(b.processMs)} |`),
    '',
    '**Sanity: are the generated questions answerable?**',
    '',
    '| corpus | gold questions | hit@1 pipeline | hit@1 MiniSearch | hit@1 wink-bm25 | off-topic refused (pipeline) |',
    '|---|--:|--:|--:|--:|--:|',
    ...r.map(({ size, median: m }) => `| ${size} | ${int(m.goldQuestions)} | ${pct(m.engine.hitAt1)} | ${pct(m.baseline.hitAt1)} | ${pct(m.wink.hitAt1)} | ${pct(m.engine.offTopicRefused)} |`),
  ];
  const m = report.machine;
  lines.push('', `Machine: ${m.nproc} cores (${m.cpu}), ${m.memoryGB.toFixed(0)} GB RAM, Node ${m.node}, ${m.platform}. Whole bench: ${(report.totalMs / 1000).toFixed(0)} s.`);
  return lines.join('\n');
}

/** `npm run build` (a no-op when the build is up to date); its output goes to standard error, as the bench's progress does. */
function buildOrFail(): void {
  const build = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'build.mjs')], { stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error(`npm run build failed (exit code ${build.status ?? build.signal}); the cold starts and the Discord bench run the compiled code`);
}

export async function runBench(opts: BenchReport['options'], log: (line: string) => void): Promise<BenchReport> {
  const start = performance.now();
  buildOrFail();
  const results: SizeReport[] = [];
  for (const size of opts.sizes) {
    const n = parseSize(size);
    let corpusDir: string, generateMs = 0;
    const args: string[] = ['--k', String(opts.k)];
    if (n === null) {
      corpusDir = BUNDLED_CORPUS;
      args.push('--corpus', corpusDir, '--questions', String(opts.questions));
    } else {
      log(`${size}: preparing ${n.toLocaleString('en-US')} passages…`);
      const cached = ensureCorpus(n, opts.questions, opts.seed);
      generateMs = cached.generateMs;
      log(`${size}: generated in ${(generateMs / 1000).toFixed(1)} s, ${cached.generated ? 'written to' : 'the same as'} ${path.relative(process.cwd(), cached.dir) || cached.dir}`);
      corpusDir = cached.corpusDir;
      args.push('--corpus', corpusDir, '--questions-file', cached.questionsFile);
    }
    const runs: Measurement[] = [];
    const starts: Array<{ build: ColdStart; snapshot: ColdStart }> = [];
    for (let i = 0; i < opts.runs; i++) {
      const t0 = performance.now();
      const m = await runChild<Measurement>(MEASURE_SCRIPT, args, ['--expose-gc']);
      runs.push(m);
      const start = await coldStarts(corpusDir);
      starts.push(start);
      log(`${size}: run ${i + 1}/${opts.runs} in ${((performance.now() - t0) / 1000).toFixed(1)} s: build ${ms(m.buildMs)} ms, p50 ${ms(m.engine.latencyMs.p50)} ms, p99 ${ms(m.engine.latencyMs.p99)} ms, RSS ${m.rssMB.toFixed(0)} MB; cold start ${ms(start.snapshot.loadEngineMs)} ms from the snapshot, ${ms(start.build.loadEngineMs)} ms without`);
    }
    const med = medianOf(runs);
    if (n !== null && med.passages !== n) log(`${size}: warning: the engine indexed ${med.passages} passages, not ${n}`);
    results.push({
      size, corpus: path.relative(process.cwd(), corpusDir) || corpusDir, runs: opts.runs, generateMs, median: med,
      ratio: {
        p50: med.engine.latencyMs.p50 / med.baseline.latencyMs.p50, p99: med.engine.latencyMs.p99 / med.baseline.latencyMs.p99,
        cpuP50: med.engine.cpuMs.p50 / med.baseline.cpuMs.p50, cpuP99: med.engine.cpuMs.p99 / med.baseline.cpuMs.p99,
      },
      coldStart: medianOf(starts),
    });
  }
  return { machine: await machineInfo(), options: opts, results, totalMs: performance.now() - start };
}

export interface DiscordReport {
  machine: BenchReport['machine'];
  options: { sizes: string[]; kinds: BurstKind[]; runs: number; concurrency: number; shards: number; questionsFile: string | null; seed: number };
  results: Array<{ size: string; corpus: string; questionsFile: string; questions: number } & DiscordBenchResult>;
  totalMs: number;
}

async function machineInfo(): Promise<BenchReport['machine']> {
  const cpus = os.cpus();
  return { nproc: os.availableParallelism(), memoryGB: os.totalmem() / 1024 ** 3, node: process.version, platform: `${os.platform()} ${os.arch()}`, cpu: cpus[0]?.model.trim() ?? 'unknown' };
}

/** The bot through the loopback Discord, per corpus size: seed uses the development questions, generated sizes their own. */
export async function runDiscord(opts: DiscordReport['options'], log: (line: string) => void): Promise<DiscordReport> {
  buildOrFail();
  const start = performance.now();
  const results: DiscordReport['results'] = [];
  for (const size of opts.sizes) {
    const n = parseSize(size);
    let corpusDir = BUNDLED_CORPUS, questionsFile = opts.questionsFile ?? EVAL_QUESTIONS_FILE;
    if (n !== null) {
      const cached = ensureCorpus(n, 1000, opts.seed);
      corpusDir = cached.corpusDir;
      questionsFile = opts.questionsFile ?? cached.questionsFile;
    }
    let questions: string[];
    try {
      questions = readQuestionTexts(questionsFile);
    } catch (err) {
      throw new Error(`cannot read the questions in ${questionsFile} (${(err as Error).message}); pass --questions-file with one {"q": …} per line`);
    }
    log(`${size}: ${questions.length} questions from ${path.relative(process.cwd(), questionsFile)}`);
    const result = await runDiscordBench({
      corpusDir, questions, kinds: opts.kinds, rounds: opts.runs, concurrency: opts.concurrency, warmUpRounds: 2, shards: opts.shards, baseline: true,
      // The index snapshot the CLI and `npm start` use: a generated 100k corpus is built once, then loaded.
      indexCacheDir: path.join(PROJECT_ROOT, '.cache', 'index'),
    }, (line) => log(`${size}: ${line}`));
    results.push({ size, corpus: path.relative(process.cwd(), corpusDir) || corpusDir, questionsFile, questions: questions.length, ...result });
  }
  return { machine: await machineInfo(), options: opts, results, totalMs: performance.now() - start };
}

const KIND_NAMES: Record<BurstKind, string> = { ask: '`/ask`', autocomplete: 'autocomplete', compare: '`/compare`' };

export function formatDiscordTable(report: DiscordReport): string {
  const { runs, concurrency, shards } = report.options;
  const cpu = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  const rss = (v: Array<number | null>) => (v.some((x) => x === null) ? '–' : v.map((x) => x!.toFixed(0)).join(' + '));
  const m = report.machine;
  const rows = report.results.flatMap((r) => r.kinds.map((k) => ({ r, k, floor: r.baseline?.kinds.find((f) => f.kind === k.kind) })));
  return [
    `**Discord** (${shards === 1 ? '`npm start`' : `\`npm run start:sharded\`, ${shards} shards, the bursts dealt across a guild on each`}; ${concurrency} concurrent interactions per burst, ${runs} bursts of each kind after 2 unmeasured; interaction → callback in ms, median over the bursts of each burst's figure; autocomplete is on \`/ask question:\` with the question cut off inside a word)`,
    '',
    `| corpus | interactions | answered in the first response, within 3 s | p50 | p99 | max | whole burst | bot CPU ms / interaction | stand-in CPU ms / interaction | bot RSS MB${shards === 1 ? '' : ' (manager + shards)'} | bot ready in |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(({ r, k }) => `| ${r.size} ${KIND_NAMES[k.kind]} | ${int(k.interactions)} | ${int(k.answeredFirst)} | ${ms(k.median.p50)} | ${ms(k.median.p99)} | ${ms(k.median.max)} | ${ms(k.median.wallMs)} | ${cpu(k.cpuPerInteractionMs.bot)} | ${cpu(k.cpuPerInteractionMs.standIn)} | ${rss(r.rssMB)} | ${(r.startupMs / 1000).toFixed(1)} s |`),
    '',
    ...(rows.some((x) => x.floor) ? [
      '**The floor**: the same bursts, right after, answered by discord.js alone (`bench/echo-bot.ts`: the same client options, one fixed line or choice per interaction, no search, no embeds), and the bot\'s latency as a multiple of it',
      '',
      '| corpus | answered | p50 | p99 | max | whole burst | bot CPU ms / interaction | stand-in CPU ms / interaction | bot ÷ floor p50 | bot ÷ floor p99 |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
      ...rows.flatMap(({ r, k, floor: f }) => f ? [`| ${r.size} ${KIND_NAMES[k.kind]} | ${int(f.answeredFirst)} | ${ms(f.median.p50)} | ${ms(f.median.p99)} | ${ms(f.median.max)} | ${ms(f.median.wallMs)} | ${cpu(f.cpuPerInteractionMs.bot)} | ${cpu(f.cpuPerInteractionMs.standIn)} | ${ratio(k.median.p50 / f.median.p50)} | ${ratio(k.median.p99 / f.median.p99)} |`] : []),
      '',
    ] : []),
    `Machine: ${m.nproc} cores (${m.cpu}), ${m.memoryGB.toFixed(0)} GB RAM, Node ${m.node}, ${m.platform}; the bot and the stand-in share it. Whole bench: ${(report.totalMs / 1000).toFixed(0)} s.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' }, questions: { type: 'string' }, runs: { type: 'string' }, k: { type: 'string' },
      seed: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      discord: { type: 'boolean' }, concurrency: { type: 'string' }, shards: { type: 'string' }, 'questions-file': { type: 'string' }, kinds: { type: 'string' },
    },
  });
  if (values.help) { console.log(`Usage: ${USAGE}`); return; }
  const whole = (name: string, raw: string | undefined, fallback: number, min: number) => {
    const v = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(v) || v < min) throw new Error(`--${name} takes a whole number of at least ${min}, not "${raw}"`);
    return v;
  };
  const sizes = (values.sizes ?? (values.discord ? 'seed' : 'seed,1k,10k,100k')).split(',').map((s) => s.trim()).filter(Boolean);
  sizes.forEach(parseSize);
  if (values.discord) {
    const kinds = (values.kinds ?? BURST_KINDS.join(',')).split(',').map((k) => k.trim()).filter(Boolean);
    const unknown = kinds.filter((k) => !(BURST_KINDS as readonly string[]).includes(k));
    if (unknown.length || kinds.length === 0) throw new Error(`--kinds takes a comma-separated list of ${BURST_KINDS.join(', ')}, not "${values.kinds}"`);
    const opts = {
      sizes, kinds: kinds as BurstKind[], runs: whole('runs', values.runs, 10, 1), concurrency: whole('concurrency', values.concurrency, 100, 1), shards: whole('shards', values.shards, 1, 1),
      questionsFile: values['questions-file'] ? path.resolve(values['questions-file']) : null, seed: whole('seed', values.seed, DEFAULT_SEED, 0),
    };
    const report = await runDiscord(opts, (line) => console.error(line));
    console.log(values.json ? JSON.stringify(report, null, 2) : formatDiscordTable(report));
    if (report.results.some((r) => r.kinds.some((k) => k.answeredFirst < k.interactions))) process.exitCode = 1;
    return;
  }
  if (values.concurrency || values.shards || values['questions-file'] || values.kinds) throw new Error('--concurrency, --shards, --kinds and --questions-file go with --discord');
  const opts = {
    sizes, questions: whole('questions', values.questions, 1000, 1), runs: whole('runs', values.runs, 3, 1),
    k: whole('k', values.k, 3, 1), seed: whole('seed', values.seed, DEFAULT_SEED, 0),
  };
  const report = await runBench(opts, (line) => console.error(line));
  console.log(values.json ? JSON.stringify(report, null, 2) : formatTable(report));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    console.error(`Usage: ${USAGE}`);
    process.exit(1);
  });
}
