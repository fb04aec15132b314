/**
 * Discord's REST API misbehaving, injected in the stand-in: rate limits,
 * server errors, slow answers, and replies Discord refuses. The real bot
 * waits when told, retries what can be retried, logs the rest with the
 * interaction id, never crashes, and answers the next interaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../../testkit/bot-process.ts';
import { startDeployedBot, stopDeployedBot } from '../../testkit/deployed-bot.ts';
import { makeUser, type FakeDiscord, type FaultResponse, type RestRequest } from '../../testkit/fake-discord.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.rest-faults.${'f'.repeat(27)}`;
const APP_ID = '823456789012345678';
const EPHEMERAL = 64;
let fake: FakeDiscord;
let bot: BotProcess;
const alice = makeUser('alice');

type Json = Record<string, any>;

beforeAll(async () => {
  // A generous wait for acknowledgements: some tests hold them back on purpose.
  ({ fake, bot } = await startDeployedBot({ token: TOKEN, applicationId: APP_ID, dispatchTimeoutMs: 20_000 }));
}, 60_000);

afterAll(async () => {
  await stopDeployedBot(fake, bot);
});

const callbackPath = (payload: Json) => `/interactions/${payload.id}/${payload.token}/callback`;
const attempts = (path: string) => fake.requests.filter((r) => r.path === path);
const rateLimited = (seconds: number): FaultResponse => ({
  status: 429,
  headers: { 'retry-after': String(seconds), 'x-ratelimit-scope': 'user' },
  body: { message: 'You are being rate limited.', retry_after: seconds, global: false },
});
const rejected = (code: number, message: string): FaultResponse => ({ status: code === 10062 ? 404 : 400, body: { message, code, errors: {} } });

/** Answers the first `times` requests to `path` with `fault` (every one when times is Infinity). */
function failRequests(path: string, fault: FaultResponse, times = 1): () => void {
  let seen = 0;
  return fake.onRequest((req: RestRequest) => (req.path === path && seen++ < times ? fault : undefined));
}

/** The per-interaction log line, written once the bot is done with it (retries included). */
const finished = (id: string) => bot.waitForLog((l) => l.event === 'interaction' && l.interactionId === id);

async function answersNext(): Promise<void> {
  const { ack } = await fake.dispatch(fake.slash('ask', { question: 'road bridge' }, alice));
  expect(ack.status).toBe(204);
  expect(ack.data.embeds.length).toBeGreaterThan(0);
  expect(bot.running).toBe(true);
}

describe('rate limits and server errors', () => {
  it('429 with retry_after on the reply: waits as told, then the reply lands', async () => {
    const payload = fake.slash('ask', { question: 'road bridge' }, alice);
    const off = failRequests(callbackPath(payload), rateLimited(0.4));
    try {
      const { ack } = await fake.dispatch(payload);
      expect(ack.status).toBe(204);
      expect(ack.data.embeds.length).toBeGreaterThan(0);
    } finally {
      off();
    }
    const [first, second] = attempts(callbackPath(payload));
    expect(attempts(callbackPath(payload))).toHaveLength(2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(400);
  });

  it('429 on a follow-up message: waits, then the follow-up lands', async () => {
    const { record } = await fake.dispatch(fake.slash('ask', { question: 'What does the pact say about military aggression?', results: 2 }, alice));
    const message = record.original!;
    // A press on an answer the bot no longer holds: updated in place, then a private follow-up.
    const customId = `ask:more:${alice.id}:forgotten1:2`;
    message.components = [{ type: 1, components: [{ type: 2, style: 1, label: 'More results', custom_id: customId }] }];
    const press = fake.button(message.id, customId, alice);
    const followUpPath = `/webhooks/${APP_ID}/${press.token}`;
    const off = failRequests(followUpPath, rateLimited(0.4));
    try {
      const { record: pressed } = await fake.dispatch(press);
      const [followUp] = await fake.waitForWebhooks(pressed, 1, 15_000);
      expect(followUp!.status).toBe(200);
      expect(followUp!.body.content).toMatch(/^This answer has expired/);
    } finally {
      off();
    }
    const [first, second] = attempts(followUpPath);
    expect(attempts(followUpPath)).toHaveLength(2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(400);
  });

  it('a 502 on the reply: discord.js retries and the answer lands', async () => {
    const payload = fake.slash('ask', { question: 'road bridge' }, alice);
    const off = failRequests(callbackPath(payload), { status: 502, body: { message: 'Bad Gateway', code: 0 } });
    try {
      const { ack } = await fake.dispatch(payload);
      expect(ack.status).toBe(204);
      expect(ack.data.embeds.length).toBeGreaterThan(0);
      expect(ack.data.flags ?? 0).toBe(0);
    } finally {
      off();
    }
    expect(attempts(callbackPath(payload))).toHaveLength(2);
  });

  it('a 503 that does not go away: logged with the interaction id, no crash, the next question is answered', async () => {
    const payload = fake.slash('ask', { question: 'road bridge' }, alice);
    const off = failRequests(callbackPath(payload), { status: 503, body: { message: 'Service Unavailable', code: 0 } }, Infinity);
    try {
      fake.dispatchInteraction(payload);
      const failed = await bot.waitForLog((l) => l.msg === 'interaction failed' && l.interactionId === payload.id);
      expect(failed.status).toBe(503);
      await finished(payload.id);
    } finally {
      off();
    }
    expect(fake.interactions.get(payload.id)!.callbacks).toHaveLength(0);
    await answersNext();
  });

  it('a slow answer from Discord holds up no other interaction', async () => {
    const slow = fake.slash('ask', { question: 'road bridge' }, alice);
    const quick = fake.slash('ask', { question: 'Who is Yoon Suk Yeol?' }, alice);
    let quickAnswered!: () => void;
    const released = new Promise<void>((resolve) => (quickAnswered = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    // Discord sits on the slow reply until the quick one is answered (2.5 s at most, inside the window).
    const off = fake.onRequest(async (req) => {
      if (req.path === callbackPath(slow)) {
        held();
        await Promise.race([released, new Promise((r) => setTimeout(r, 2500))]);
      }
      return undefined;
    });
    const order: string[] = [];
    const onCallback = ({ record }: { record?: { id: string } }) => { if (record) order.push(record.id); };
    fake.on('callback', onCallback);
    try {
      const slowRecord = fake.dispatchInteraction(slow);
      await holding;
      const quickResult = await fake.dispatch(quick);
      quickAnswered();
      expect(quickResult.ack.status).toBe(204);
      const slowAck = await slowRecord.acknowledged;
      expect(slowAck.status).toBe(204);
      expect(order.filter((id) => id === slow.id || id === quick.id)).toEqual([quick.id, slow.id]);
    } finally {
      off();
      fake.off('callback', onCallback);
    }
  });
});

describe('replies Discord refuses', () => {
  it('50035 Invalid Form Body: retried once as a short private answer with the passages and their sources', async () => {
    const payload = fake.slash('ask', { question: 'road bridge' }, alice);
    const off = failRequests(callbackPath(payload), rejected(50035, 'Invalid Form Body'));
    try {
      const { ack, record } = await fake.dispatch(payload);
      expect(ack.status).toBe(204);
      expect(ack.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(ack.data.embeds ?? []).toHaveLength(0);
      expect(ack.data.allowed_mentions).toEqual({ parse: [] });
      expect(ack.data.content).toMatch(/^\*\*Q:\*\* road bridge\n\n\*\*Putin and Kim forge a comprehensive partnership pledging mutual support against aggression\*\*\nPutin mentioned plans for constructing a road bridge/);
      expect(ack.data.content).not.toMatch(/#\d/);
      expect(ack.data.content).toMatch(/A short form of the answer/);
      expect(record.original!.pinged).toEqual({ users: [], roles: [], everyone: false });
    } finally {
      off();
    }
    const line = await finished(payload.id);
    expect(line.outcome).toBe('fallback-reply');
    expect(bot.logs.find((l) => l.msg === 'Discord rejected the reply as malformed; sending its short form' && l.interactionId === payload.id)).toMatchObject({ code: 50035 });
    expect(attempts(callbackPath(payload))).toHaveLength(2);
  });

  it('50035 again on the retry: logged, and no third attempt', async () => {
    const payload = fake.slash('ask', { question: 'road bridge' }, alice);
    const off = failRequests(callbackPath(payload), rejected(50035, 'Invalid Form Body'), Infinity);
    try {
      fake.dispatchInteraction(payload);
      await bot.waitForLog((l) => l.msg === 'the retried reply was refused too' && l.interactionId === payload.id);
      await finished(payload.id);
    } finally {
      off();
    }
    expect(attempts(callbackPath(payload))).toHaveLength(2);
    await answersNext();
  });

  it('10062 Unknown interaction (the 3-second window passed): logged with the interaction id, not retried', async () => {
    const payload = fake.slash('ask', { question: 'road bridge' }, alice);
    // The reply reaches the stand-in after its 3-second window, so it answers 10062 as Discord would.
    const off = fake.onRequest((req) => (req.path === callbackPath(payload) ? { delayMs: fake.responseWindowMs + 500 } : undefined));
    try {
      const { ack } = await fake.dispatch(payload);
      expect(ack.status).toBe(404);
      expect(ack.error.code).toBe(10062);
      const line = await finished(payload.id);
      expect(line.outcome).toBe('expired-before-reply');
    } finally {
      off();
    }
    expect(bot.logs.some((l) => l.level === 40 && l.interactionId === payload.id && l.code === 10062)).toBe(true);
    expect(attempts(callbackPath(payload))).toHaveLength(1);
    await answersNext();
  });

  it('40060 already acknowledged: logged with the interaction id, not retried', async () => {
    const payload = fake.slash('ask', { question: 'road bridge' }, alice);
    const off = failRequests(callbackPath(payload), rejected(40060, 'Interaction has already been acknowledged.'));
    try {
      fake.dispatchInteraction(payload);
      const line = await finished(payload.id);
      expect(line.outcome).toBe('already-acknowledged');
    } finally {
      off();
    }
    expect(bot.logs.some((l) => l.level === 40 && l.interactionId === payload.id && l.code === 40060)).toBe(true);
    expect(attempts(callbackPath(payload))).toHaveLength(1);
    await answersNext();
  });

  it('no failure reached a user as a stack trace, and the token never reached the log', () => {
    for (const record of fake.interactions.values()) {
      for (const c of record.callbacks) expect(JSON.stringify(c.data ?? {})).not.toMatch(/\n\s+at |Error:/);
    }
    expect(bot.stdout + bot.stderr).not.toContain(TOKEN);
    expect(bot.running).toBe(true);
  });
});
