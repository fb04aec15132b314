/**
 * Load, through the loopback Discord with the real bot process (a real
 * discord.js Client): a burst of 1,000 /ask, 100 at a time, every one
 * answered in its first response within Discord's 3 s; then 10,000
 * sequential /ask, with the bot's heap (after forced garbage collection)
 * after the first 1,000 and after all 10,000 no more than 10% apart.
 *
 * Each interaction comes from a different user, as in a busy server (and
 * clear of any per-user rate limit). The questions are the development set's,
 * answerable and not, in turn. Latencies are reported, not asserted, beyond
 * Discord's own 3 s window.
 *
 * Answers' buttons stay live for 5 s here (BUTTON_TTL_SECONDS), not 14
 * minutes: the answer store keeps every live answer by design (at most
 * 10,000). Each heap is taken once the answers so far have expired, so both
 * are the bot at rest and whatever grows between them is a leak (how many
 * answers are live at a moment depends on how fast the bot answers).
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { burst, EVAL_QUESTIONS_FILE, readQuestionTexts, RESPONSE_WINDOW_MS } from '../../bench/discord.ts';
import { percentile } from '../../bench/measure.ts';
import { REST_ROUTE_SWEEP_MS } from '../../src/bot/client.ts';
import { BotProcess, deployCommands, ROOT, startBot, type LogLine } from '../../testkit/bot-process.ts';
import { FakeDiscord, makeUser } from '../../testkit/fake-discord.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.load.${'l'.repeat(27)}`;
const APP_ID = '723456789012345678';
const HEAP_PROBE = path.join(ROOT, 'testkit', 'heap-probe.ts');
const BUTTON_TTL_SECONDS = 5;

let fake: FakeDiscord;
let bot: BotProcess;
const questions = readQuestionTexts(EVAL_QUESTIONS_FILE);
let sent = 0;

beforeAll(async () => {
  fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID }).start();
  const opts = { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, guildId: fake.guildId };
  expect((await deployCommands(opts)).code).toBe(0);
  bot = startBot({ ...opts, buttonTtlSeconds: BUTTON_TTL_SECONDS, nodeArgs: ['--expose-gc', '--import', HEAP_PROBE] });
  await bot.waitForLog((l) => l.event === 'ready', 60_000);
  // A bot in service is warm: one unmeasured burst compiles the answering code first.
  sent += (await burst(fake, questions, sent, 100)).n;
}, 120_000);

afterAll(async () => {
  if (bot?.running) await bot.stop('SIGKILL');
  await fake?.stop();
});

/**
 * The heap at rest: every answer given so far has expired and its buttons were
 * taken off, and the REST client has forgotten the interactions' routes (both
 * are per-interaction state that is meant to go, not to be counted as growth).
 */
async function heapAtRest(): Promise<LogLine> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(BUTTON_TTL_SECONDS * 1000, REST_ROUTE_SWEEP_MS) + 2000));
  return heap();
}

/** The bot's heap after forced garbage collection (see heap-probe.ts). */
async function heap(): Promise<LogLine> {
  const before = bot.logs.filter((l) => l.event === 'heap-probe').length;
  process.kill(bot.pid!, 'SIGUSR2');
  return bot.waitForLog((l) => l.event === 'heap-probe' && bot.logs.filter((x) => x.event === 'heap-probe').indexOf(l) >= before, 30_000);
}

const mb = (bytes: number) => +(bytes / 1024 / 1024).toFixed(1);

it('a burst of 1,000 /ask, 100 at a time: every one answered in its first response, none lost, none late', async () => {
  const first = sent;
  const failures: string[] = [];
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < 10; i++) {
    const r = await burst(fake, questions, sent, 100);
    sent += r.n;
    failures.push(...r.failures);
    latencies.push(...r.latencies);
  }
  const seconds = (performance.now() - started) / 1000;
  expect(failures).toEqual([]);
  expect(latencies).toHaveLength(1000);
  // None lost or answered twice: one accepted acknowledgement each, and one log line each.
  const records = [...fake.interactions.values()].slice(first, first + 1000);
  expect(records.every((r) => r.callbacks.length === 1 && r.callbacks[0]!.status === 204 && r.callbacks[0]!.type === 4)).toBe(true);
  const answeredUsers = new Set(records.map((r) => r.payload.member.user.id));
  const deadline = Date.now() + 10_000;
  const logged = () => bot.logs.filter((l) => l.event === 'interaction' && answeredUsers.has(l.userId)).length;
  while (logged() < 1000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(logged()).toBe(1000);

  latencies.sort((a, b) => a - b);
  const stats = { n: latencies.length, p50Ms: +percentile(latencies, 50).toFixed(1), p99Ms: +percentile(latencies, 99).toFixed(1), maxMs: +latencies.at(-1)!.toFixed(1), seconds: +seconds.toFixed(1) };
  console.log(`burst of 1,000 /ask, 100 at a time: ${JSON.stringify(stats)}`);
  expect(stats.maxMs).toBeLessThanOrEqual(RESPONSE_WINDOW_MS);
}, 180_000);

it('10,000 sequential /ask: heap after all of them within 10% of heap after the first 1,000', async () => {
  const total = 10_000;
  const failures: string[] = [];
  let afterFirst: LogLine | null = null;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const user = makeUser(`sequential-${i}`);
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: questions[(sent + i) % questions.length]! }, user));
    if (ack.status !== 204 || ack.type !== 4 || ack.latencyMs > RESPONSE_WINDOW_MS) failures.push(`${record.id}: ${ack.status} type ${ack.type} after ${ack.latencyMs.toFixed(0)} ms`);
    if (i + 1 === 1000) afterFirst = await heapAtRest();
  }
  sent += total;
  const afterAll = await heapAtRest();
  const seconds = (performance.now() - started) / 1000;
  expect(failures).toEqual([]);
  const figures = {
    heapAfter1000MB: mb(afterFirst!.heapUsed), heapAfter10000MB: mb(afterAll.heapUsed), growth: +(afterAll.heapUsed / afterFirst!.heapUsed - 1).toFixed(3),
    rssAfter1000MB: mb(afterFirst!.rss), rssAfter10000MB: mb(afterAll.rss), seconds: +seconds.toFixed(1),
  };
  console.log(`10,000 sequential /ask, bot heap after forced GC: ${JSON.stringify(figures)}`);
  expect(afterAll.heapUsed).toBeLessThanOrEqual(afterFirst!.heapUsed * 1.1);
}, 600_000);
