/**
 * `npm run bench -- --discord`: the real bot process (the `npm start` entry
 * point, compiled, with a real discord.js Client) against the loopback stand-in Discord of
 * the test suite, answering bursts of concurrent interactions of each kind:
 * `/ask`, autocomplete on its question (a question cut off mid-word, as while
 * typing) and `/compare`.
 *
 * Latency is measured by the stand-in, from just before it writes the
 * INTERACTION_CREATE dispatch to the gateway socket to the moment it has read
 * and parsed the bot's callback request: what Discord itself would see. Both
 * processes share this machine, so the stand-in's own work (payloads, checks
 * of every reply against Discord's limits) competes with the bot for the
 * cores; its CPU time per interaction is reported beside the bot's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BotProcess, deployCommands } from '../testkit/bot-process.ts';
import { FakeDiscord, guildIdOnShard, makeUser, type Callback, type InteractionRecord } from '../testkit/fake-discord.ts';
import { compiledPath, PROJECT_ROOT } from '../src/paths.ts';
import { median, percentile } from './measure.ts';

/** The development questions: real questions of the kinds users ask, answerable and not. */
export const EVAL_QUESTIONS_FILE = path.join(PROJECT_ROOT, '..', 'shared', 'eval', 'summit-dev.jsonl');
/** Discord's window to acknowledge an interaction. */
export const RESPONSE_WINDOW_MS = 3000;

/** What a burst sends. */
export type BurstKind = 'ask' | 'autocomplete' | 'compare';
export const BURST_KINDS: readonly BurstKind[] = ['ask', 'autocomplete', 'compare'];

export interface DiscordBenchOptions {
  corpusDir: string;
  /** The kinds of interaction measured, one after another, each with its own warm-up; default `/ask` only. */
  kinds?: readonly BurstKind[];
  /** Asked in turn, as many times over as the bursts need. */
  questions: string[];
  rounds: number;
  concurrency: number;
  /** Unmeasured bursts first, so the timed ones run on JIT-compiled code with warm connections. */
  warmUpRounds: number;
  /** Where the bot keeps index snapshots (a large corpus starts in seconds instead of minutes); null for none. */
  indexCacheDir: string | null;
  /**
   * 1: `npm start`. More: `npm run start:sharded` against a Discord that
   * requires that many shards, with one guild per shard and the bursts dealt
   * out across them.
   */
  shards: number;
  /** Node flags for the bot process, e.g. `--cpu-prof --cpu-prof-dir=DIR` to see where its time goes. */
  botNodeArgs?: string[];
  /**
   * Then the same bursts against `echo-bot.ts` (discord.js alone, one fixed
   * line per interaction): the floor that the loopback Discord, discord.js and
   * this machine set. Single-process runs only.
   */
  baseline?: boolean;
}

export interface BurstResult {
  n: number;
  /** Acknowledged with a message (type 4: answer or refusal) that the stand-in accepted, inside 3 s. */
  answeredFirst: number;
  /** The interactions that were not, each with what went wrong. */
  failures: string[];
  p50: number;
  p99: number;
  max: number;
  /** First dispatch sent → last callback received. */
  wallMs: number;
  /** Every acknowledged interaction's latency, ascending. */
  latencies: number[];
}

/** One kind of interaction's bursts. */
export interface KindResult {
  kind: BurstKind;
  bursts: BurstResult[];
  /** Median over the measured bursts of each burst's figure. */
  median: { p50: number; p99: number; max: number; wallMs: number };
  answeredFirst: number;
  interactions: number;
  /** CPU time per measured interaction, of the bot's processes (all shards and their manager; null off Linux) and of the stand-in (this process). */
  cpuPerInteractionMs: { bot: number | null; standIn: number };
}

export interface DiscordBenchResult {
  startupMs: number;
  /** Each kind measured, in the order asked for; the fields below are its first kind's (`/ask` unless told otherwise). */
  kinds: KindResult[];
  bursts: BurstResult[];
  /** Median over the measured bursts of each burst's figure. */
  median: { p50: number; p99: number; max: number; wallMs: number };
  answeredFirst: number;
  interactions: number;
  /** CPU time per measured interaction, of the bot's processes (all shards and their manager; null off Linux) and of the stand-in (this process). */
  cpuPerInteractionMs: { bot: number | null; standIn: number };
  /** Resident memory after the bursts: the bot process, or the sharding manager then each shard (null off Linux). */
  rssMB: Array<number | null>;
  /** The same bursts answered by discord.js alone (see DiscordBenchOptions.baseline), when asked for. */
  baseline?: Pick<DiscordBenchResult, 'median' | 'answeredFirst' | 'cpuPerInteractionMs' | 'kinds'>;
}

/** The questions of a JSONL question file (`{"q": …}` per line: the eval sets and the generated bench questions). */
export function readQuestionTexts(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => String((JSON.parse(l) as { q: unknown }).q));
}

/** Resident memory of a process in MB, from /proc (Linux); null elsewhere. */
function processRssMB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const kB = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kB === undefined ? null : Number(kB) / 1024;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // After the command name, utime and stime are the 12th and 13th fields, in clock ticks of 10 ms.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function problemWith(ack: Callback | undefined, kind: BurstKind): string | null {
  if (!ack) return `no response within ${RESPONSE_WINDOW_MS} ms`;
  if (ack.latencyMs > RESPONSE_WINDOW_MS) return `late: ${ack.latencyMs.toFixed(0)} ms`;
  if (ack.status >= 300) return `callback rejected with ${ack.status} ${JSON.stringify(ack.error)}`;
  const wanted = kind === 'autocomplete' ? 8 : 4;
  if (ack.type !== wanted) return `first response was type ${ack.type}, not ${wanted === 8 ? 'choices (8)' : 'a message (4)'}`;
  return null;
}

/** What someone has typed of a question so far: cut off inside a word, the way autocomplete sees it. */
export function typedSoFar(question: string): string {
  const cut = question.slice(0, Math.max(3, Math.ceil(question.length * 0.6)));
  return /\s$/.test(cut) ? cut.trimEnd().slice(0, -1) || cut.trim() : cut;
}

/**
 * One burst: `concurrency` interactions of `kind` written to the gateway back
 * to back, then every first response awaited. Each comes from a different
 * user, as in a busy server (and clear of any per-user rate limit), in the
 * guilds given in turn.
 */
export async function burst(fake: FakeDiscord, questions: readonly string[], first: number, concurrency: number, guildIds: readonly string[] = [fake.guildId], kind: BurstKind = 'ask'): Promise<BurstResult> {
  // Payloads are built before the clock starts: that is the stand-in's bookkeeping, not Discord's latency.
  const payloads = Array.from({ length: concurrency }, (_, i) => {
    const guildId = guildIds[(first + i) % guildIds.length]!;
    const question = questions[(first + i) % questions.length]!;
    const user = makeUser(`user-${first + i}`);
    if (kind === 'autocomplete') return fake.slash('ask', { question: typedSoFar(question) }, user, 'question', guildId);
    return fake.slashIn(guildId, kind, { question }, user);
  });
  const started = performance.now();
  const records: InteractionRecord[] = payloads.map((p) => fake.dispatchInteraction(p));
  const acks = await Promise.all(records.map((r) => Promise.race([
    r.acknowledged,
    // A little past the window, so a late answer is seen as late rather than missing.
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), RESPONSE_WINDOW_MS + 2000).unref()),
  ])));
  const wallMs = performance.now() - started;
  const failures = acks.flatMap((ack, i) => {
    const problem = problemWith(ack, kind);
    return problem ? [`interaction ${records[i]!.id}: ${problem}`] : [];
  });
  const latencies = acks.filter((a): a is Callback => a !== undefined).map((a) => a.latencyMs).sort((a, b) => a - b);
  return {
    n: concurrency, answeredFirst: concurrency - failures.length, failures,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN, wallMs, latencies,
  };
}

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.bench.${'b'.repeat(27)}`;
const APP_ID = '323456789012345678';

/** One bot process through warm-up and measured bursts; `sent` counts the interactions already sent, so users and questions go on in turn. */
async function measureProcess(
  fake: FakeDiscord,
  script: string,
  run: ConstructorParameters<typeof BotProcess>[1],
  opts: Pick<DiscordBenchOptions, 'questions' | 'rounds' | 'concurrency' | 'warmUpRounds'> & { kinds: readonly BurstKind[]; sharded: boolean; guildIds: string[]; sent: number },
  log: (line: string) => void,
): Promise<Omit<DiscordBenchResult, 'baseline'> & { sent: number }> {
  const t0 = performance.now();
  const bot = new BotProcess(script, run);
  try {
    await bot.waitForLog((l) => l.event === (opts.sharded ? 'sharded-ready' : 'ready'), 10 * 60_000);
    const startupMs = performance.now() - t0;
    log(`discord: ready in ${(startupMs / 1000).toFixed(1)} s`);
    const pids = [bot.pid, ...bot.logs.filter((l) => l.event === 'shard-spawned').map((l) => l.pid as number)];
    const botCpuMs = () => pids.reduce<number | null>((sum, pid) => {
      const ms = processCpuMs(pid);
      return sum === null || ms === null ? null : sum + ms;
    }, 0);

    let { sent } = opts;
    // Every kind warmed up before any is measured: the first kind measured otherwise carries start-up work left over.
    for (const kind of opts.kinds) {
      for (let i = 0; i < opts.warmUpRounds; i++) {
        const r = await burst(fake, opts.questions, sent, opts.concurrency, opts.guildIds, kind);
        sent += r.n;
        log(`discord: ${kind}: warm-up ${i + 1}/${opts.warmUpRounds}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
      }
    }
    // Kinds take turns, burst by burst, so that whatever drifts over a run (the heap, the machine's load)
    // falls on each alike: measured one kind after another, the first measured came out slower, floor included.
    const measured = new Map(opts.kinds.map((kind) => [kind, { bursts: [] as BurstResult[], botCpuMs: 0 as number | null, standInCpuMs: 0 }]));
    for (let i = 0; i < opts.rounds; i++) {
      for (const kind of opts.kinds) {
        const m = measured.get(kind)!;
        const botBefore = botCpuMs();
        const standInBefore = process.cpuUsage();
        const r = await burst(fake, opts.questions, sent, opts.concurrency, opts.guildIds, kind);
        const botAfter = botCpuMs();
        const standIn = process.cpuUsage(standInBefore);
        sent += r.n;
        m.bursts.push(r);
        m.botCpuMs = m.botCpuMs === null || botBefore === null || botAfter === null ? null : m.botCpuMs + botAfter - botBefore;
        m.standInCpuMs += (standIn.user + standIn.system) / 1000;
        log(`discord: ${kind}: burst ${i + 1}/${opts.rounds}: ${r.answeredFirst}/${r.n} answered first, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, all answered in ${r.wallMs.toFixed(0)} ms`);
        for (const f of r.failures.slice(0, 5)) log(`discord:   ${f}`);
      }
    }
    const kinds: KindResult[] = opts.kinds.map((kind) => {
      const { bursts, botCpuMs: bot, standInCpuMs } = measured.get(kind)!;
      const interactions = bursts.reduce((n, r) => n + r.n, 0);
      const med = (pick: (r: BurstResult) => number) => median(bursts.map(pick));
      return {
        kind,
        bursts,
        median: { p50: med((r) => r.p50), p99: med((r) => r.p99), max: med((r) => r.max), wallMs: med((r) => r.wallMs) },
        answeredFirst: bursts.reduce((n, r) => n + r.answeredFirst, 0),
        interactions,
        cpuPerInteractionMs: { bot: bot === null ? null : bot / interactions, standIn: standInCpuMs / interactions },
      };
    });
    const [main] = kinds;
    return { sent, startupMs, kinds, ...main!, rssMB: pids.map(processRssMB) };
  } finally {
    if (bot.running) await bot.stop('SIGTERM');
  }
}

export async function runDiscordBench(opts: DiscordBenchOptions, log: (line: string) => void): Promise<DiscordBenchResult> {
  if (opts.questions.length === 0) throw new Error('no questions to ask');
  const sharded = opts.shards > 1;
  const fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID, shards: opts.shards }).start();
  const guildIds = sharded ? Array.from({ length: opts.shards }, (_, shard) => fake.addGuild(guildIdOnShard(shard, opts.shards))) : [fake.guildId];
  try {
    // A sharded bot's commands are global, as for a bot in many servers.
    const env = { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, guildId: sharded ? '' : fake.guildId, corpusDir: opts.corpusDir };
    const deployed = await deployCommands(env);
    if (deployed.code !== 0) throw new Error(`deploy-commands failed: ${deployed.stderr.trim()}`);
    const run = { ...env, nodeArgs: opts.botNodeArgs ?? [], env: { INDEX_CACHE_DIR: opts.indexCacheDir ?? 'off', SHARD_COUNT: sharded ? String(opts.shards) : '' } };
    // The compiled entry points, as `npm start` and `npm run start:sharded` run them (the caller builds first).
    const kinds = opts.kinds ?? ['ask'];
    const { sent, ...result } = await measureProcess(fake, compiledPath(sharded ? 'src/bot/sharded.ts' : 'src/bot/main.ts'), run,
      { ...opts, kinds, sharded, guildIds, sent: 0 }, (line) => log(line.replace('discord:', sharded ? `discord (bot, ${opts.shards} shards):` : 'discord (bot):')));
    if (!opts.baseline || sharded) return result;
    const floor = await measureProcess(fake, compiledPath('bench/echo-bot.ts'), { ...run, nodeArgs: [] },
      { ...opts, kinds, sharded: false, guildIds, sent }, (line) => log(line.replace('discord:', 'discord (discord.js alone):')));
    return { ...result, baseline: { median: floor.median, answeredFirst: floor.answeredFirst, cpuPerInteractionMs: floor.cpuPerInteractionMs, kinds: floor.kinds } };
  } finally {
    await fake.stop();
  }
}
