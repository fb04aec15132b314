/**
 * The real bot rides out gateway trouble: told to reconnect (op 7) or cut
 * off abruptly, it resumes its session and keeps answering. A first use of
 * the stand-in's fault hooks; heavier fault tests build on the same ones.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BotProcess, deployCommands, startBot } from '../discord/bot-process.ts';
import { FakeDiscord } from '../discord/fake-discord.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.gateway.${'g'.repeat(27)}`;
const APP_ID = '523456789012345678';
let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID }).start();
  const opts = { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, guildId: fake.guildId };
  expect((await deployCommands(opts)).code).toBe(0);
  bot = startBot(opts);
  await bot.waitForLog((l) => l.event === 'ready');
}, 60_000);

afterAll(async () => {
  if (bot?.running) await bot.stop('SIGKILL');
  await fake?.stop();
});

const resumed = () => new Promise<void>((resolve) => fake.once('resumed', () => resolve()));

it.each([
  ['told to reconnect (op 7)', () => fake.requestReconnect()],
  ['dropped without a close frame', () => fake.dropGateway()],
])('%s: resumes and answers again', async (_name, fault) => {
  const back = resumed();
  fault();
  await back;
  const { ack } = await fake.dispatch(fake.slash('ask', { question: 'road bridge' }));
  expect(ack.status).toBe(204);
  expect(bot.running).toBe(true);
});
