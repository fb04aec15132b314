/**
 * The real bot rides out gateway trouble injected in the stand-in: told to
 * reconnect (op 7), cut off abruptly, its session invalidated (op 9), or its
 * heartbeats left unacknowledged (a zombie connection). Each time it resumes
 * or identifies again, and answers the next interaction.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BotProcess } from '../../testkit/bot-process.ts';
import { startDeployedBot, stopDeployedBot } from '../../testkit/deployed-bot.ts';
import type { FakeDiscord } from '../../testkit/fake-discord.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.gateway.${'g'.repeat(27)}`;
const APP_ID = '523456789012345678';
let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  // Heartbeats every second, so a zombie connection is noticed within the test.
  ({ fake, bot } = await startDeployedBot({ token: TOKEN, applicationId: APP_ID, heartbeatIntervalMs: 1000 }));
}, 60_000);

afterAll(async () => {
  await stopDeployedBot(fake, bot);
});

const next = (event: 'resumed' | 'ready') => new Promise<void>((resolve) => fake.once(event, () => resolve()));

async function answersAgain(): Promise<void> {
  const { ack } = await fake.dispatch(fake.slash('ask', { question: 'road bridge' }));
  expect(ack.status).toBe(204);
  expect(ack.data.embeds.length).toBeGreaterThan(0);
  expect(bot.running).toBe(true);
}

it.each([
  ['told to reconnect (op 7)', 'resumed', () => fake.requestReconnect()],
  ['dropped without a close frame (1006)', 'resumed', () => fake.dropGateway()],
  ['its session invalidated, resumable (op 9, true)', 'resumed', () => fake.invalidateSession(true)],
  ['its session invalidated, not resumable (op 9, false): identifies again', 'ready', () => fake.invalidateSession(false)],
] as const)('%s: comes back and answers again', async (_name, event, fault) => {
  const back = next(event);
  fault();
  await back;
  await answersAgain();
}, 30_000);

it('heartbeats left unacknowledged (a zombie connection): reconnects, resumes and answers again', async () => {
  const [zombie] = [...fake.sessions];
  // Acknowledge again as soon as the bot speaks on a new connection.
  const onGateway = ({ session }: { session: unknown }) => { if (session !== zombie) fake.ackHeartbeats = true; };
  fake.on('gateway', onGateway);
  const back = next('resumed');
  fake.ackHeartbeats = false;
  try {
    await back;
  } finally {
    fake.off('gateway', onGateway);
    fake.ackHeartbeats = true;
  }
  expect(fake.sessions.has(zombie!)).toBe(false);
  await answersAgain();
}, 30_000);
