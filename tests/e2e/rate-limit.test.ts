/**
 * The per-user question limit through the stand-in: past it, a private
 * "slow down, try again in N s" and no search; other users are unaffected.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BotProcess } from '../../testkit/bot-process.ts';
import { startDeployedBot, stopDeployedBot } from '../../testkit/deployed-bot.ts';
import { makeUser, type FakeDiscord } from '../../testkit/fake-discord.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.rate-limit.${'r'.repeat(27)}`;
const APP_ID = '723456789012345678';
const EPHEMERAL = 64;
// A window long enough that a loaded machine cannot let it lapse mid-test.
const LIMIT = { count: 3, seconds: 120 };
let fake: FakeDiscord;
let bot: BotProcess;
const alice = makeUser('alice');
const bob = makeUser('bob');

beforeAll(async () => {
  ({ fake, bot } = await startDeployedBot({ token: TOKEN, applicationId: APP_ID }, { env: { ASK_RATE_LIMIT: `${LIMIT.count}/${LIMIT.seconds}` } }));
}, 60_000);

afterAll(async () => {
  await stopDeployedBot(fake, bot);
});

const interactionLog = (id: string) => bot.waitForLog((l) => l.event === 'interaction' && l.interactionId === id);

it(`answers ${LIMIT.count} questions, then tells the asker privately to slow down and when to retry, without searching`, async () => {
  for (let i = 0; i < LIMIT.count; i++) {
    const { ack } = await fake.dispatch(fake.slash('ask', { question: 'road bridge' }, alice));
    expect(ack.data.embeds.length).toBeGreaterThan(0);
  }
  const over = fake.slash('ask', { question: 'road bridge' }, alice);
  const { ack } = await fake.dispatch(over);
  expect(ack.status).toBe(204);
  expect(ack.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  expect(ack.data.allowed_mentions).toEqual({ parse: [] });
  const m = /^Slow down: you can ask 3 questions every 120 seconds\. Try again in (\d+) s\.$/.exec(ack.data.content);
  expect(m, ack.data.content).not.toBeNull();
  expect(Number(m![1])).toBeGreaterThanOrEqual(1);
  expect(Number(m![1])).toBeLessThanOrEqual(LIMIT.seconds);
  // No search ran: the log line has the outcome and none of what answering records.
  const line = await interactionLog(over.id);
  expect(line).toMatchObject({ outcome: 'rate-limited', userId: alice.id });
  expect(line).not.toHaveProperty('answered');
  expect(line).not.toHaveProperty('questionLength');
});

it('"Ask the articles" and /compare share the same budget, declared on each command; another user is unaffected', async () => {
  const said = fake.userMessage('Is a road bridge being built?', bob);
  const menu = await fake.dispatch(fake.messageCommand('Ask the articles', said.id, alice));
  expect(menu.ack.data.content).toMatch(/^Slow down/);
  const compare = await fake.dispatch(fake.slash('compare', { question: 'road bridge' }, alice));
  expect(compare.ack.data.content).toMatch(/^Slow down/);
  expect(await interactionLog(compare.record.id)).toMatchObject({ outcome: 'rate-limited', command: 'compare' });
  // Commands that declare no cooldown are not limited.
  const sources = await fake.dispatch(fake.slash('sources', {}, alice));
  expect(sources.ack.data.embeds.length).toBeGreaterThan(0);
  const other = await fake.dispatch(fake.slash('ask', { question: 'road bridge' }, bob));
  expect(other.ack.data.embeds.length).toBeGreaterThan(0);
  expect(bot.running).toBe(true);
});
