/**
 * The stand-in's own rules, driven by a bare WebSocket and fetch (no
 * discord.js), so a bot test that passes means the bot obeyed them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakeDiscord } from '../../testkit/fake-discord.ts';

const TOKEN = 'stand-in-self-test-token-0123456789';
const APP_ID = '423456789012345678';
let fake: FakeDiscord;
let ws: WebSocket;
const dispatches: any[] = [];

const api = (path: string, init: RequestInit & { json?: unknown } = {}) => fetch(`${fake.apiUrl}/v10${path}`, {
  ...init,
  headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  body: init.json === undefined ? init.body : JSON.stringify(init.json),
});
const callback = (p: any, body: unknown) => api(`/interactions/${p.id}/${p.token}/callback`, { method: 'POST', json: body, headers: { authorization: '' } });

beforeAll(async () => {
  fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID }).start();
  const put = await api(`/applications/${APP_ID}/guilds/${fake.guildId}/commands`, {
    method: 'PUT',
    json: [{ name: 'ask', description: 'Ask', type: 1, options: [{ name: 'question', description: 'q', type: 3, required: true, autocomplete: true }] }],
  });
  expect(put.status).toBe(200);
  ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  ws.on('message', (raw) => {
    const p = JSON.parse(String(raw));
    if (p.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: TOKEN, intents: 1, properties: {} } }));
    if (p.op === 0) dispatches.push(p);
  });
  await fake.waitForReady();
});

afterAll(async () => {
  ws?.close();
  await fake?.stop();
});

describe('gateway', () => {
  it('sends READY then GUILD_CREATE with increasing sequence numbers', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(dispatches.slice(0, 2).map((d) => [d.t, d.s])).toEqual([['READY', 1], ['GUILD_CREATE', 2]]);
    expect(dispatches[0].d.application.id).toBe(APP_ID);
  });

  it('closes with 4014 when privileged intents are asked for, 4004 for a wrong token', async () => {
    const close = (d: unknown) => new Promise<number>((resolve) => {
      const c = new WebSocket(fake.gatewayUrl);
      c.on('message', (raw) => { if (JSON.parse(String(raw)).op === 10) c.send(JSON.stringify({ op: 2, d })); });
      c.on('close', (code) => resolve(code));
    });
    expect(await close({ token: TOKEN, intents: 1 | (1 << 15) })).toBe(4014);
    expect(await close({ token: 'nope', intents: 1 })).toBe(4004);
  });
});

describe('REST rules', () => {
  it('needs the bot token for registration and the gateway', async () => {
    const res = await fetch(`${fake.apiUrl}/v10/gateway/bot`);
    expect(res.status).toBe(401);
  });

  it('accepts one acknowledgement and refuses a second with 40060', async () => {
    const p = fake.slash('ask', { question: 'hi' });
    const record = fake.dispatchInteraction(p);
    expect((await callback(p, { type: 4, data: { content: 'one' } })).status).toBe(204);
    const second = await callback(p, { type: 4, data: { content: 'two' } });
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ code: 40060 });
    expect(record.callbacks.map((c) => c.status)).toEqual([204, 400]);
  });

  it('refuses an acknowledgement after the 3-second window with 10062', async () => {
    fake.responseWindowMs = 50;
    try {
      const p = fake.slash('ask', { question: 'hi' });
      fake.dispatchInteraction(p);
      await new Promise((r) => setTimeout(r, 120));
      const late = await callback(p, { type: 4, data: { content: 'late' } });
      expect(late.status).toBe(404);
      expect(await late.json()).toMatchObject({ code: 10062, message: 'Unknown interaction' });
    } finally {
      fake.responseWindowMs = 3000;
    }
  });

  it('rejects over-limit messages with Discord-style 400 errors naming the field', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ content: 'x'.repeat(2001) }, ['data', 'content']],
      [{ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, ['data', 'embeds']],
      [{ embeds: [{ description: 'x'.repeat(4097) }] }, ['data', 'embeds', '0', 'description']],
      [{ embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] }, ['data', 'embeds']],
      [{ embeds: [{ title: 'x'.repeat(257) }] }, ['data', 'embeds', '0', 'title']],
      [{ content: 'a', components: [{ type: 1, components: [{ type: 2, style: 1, label: 'b', custom_id: 'x'.repeat(101) }] }] }, ['data', 'components', '0', 'components', '0', 'custom_id']],
    ];
    for (const [data, path] of cases) {
      const p = fake.slash('ask', { question: 'hi' });
      fake.dispatchInteraction(p);
      const res = await callback(p, { type: 4, data });
      expect(res.status).toBe(400);
      const body: any = await res.json();
      expect(body.code).toBe(50035);
      let node = body.errors;
      for (const key of path) node = node?.[key];
      expect(node?._errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
    const empty = fake.slash('ask', { question: 'hi' });
    fake.dispatchInteraction(empty);
    expect(await (await callback(empty, { type: 4, data: {} })).json()).toMatchObject({ code: 50006 });
  });

  it('checks autocomplete results: at most 25 choices, names up to 100', async () => {
    const p = fake.autocomplete('ask', { question: 'h' }, 'question');
    fake.dispatchInteraction(p);
    const res = await callback(p, { type: 8, data: { choices: Array.from({ length: 26 }, (_, i) => ({ name: `${i}`, value: `${i}` })) } });
    expect(res.status).toBe(400);
    const ok = fake.autocomplete('ask', { question: 'h' }, 'question');
    fake.dispatchInteraction(ok);
    expect((await callback(ok, { type: 4, data: { content: 'wrong type' } })).status).toBe(400);
  });

  it('computes who a message pings from allowed_mentions', () => {
    expect(fake.pingsOf('<@1> <@&2> @everyone', undefined)).toEqual({ users: ['1'], roles: ['2'], everyone: true });
    expect(fake.pingsOf('<@1> <@&2> @everyone', { parse: [] })).toEqual({ users: [], roles: [], everyone: false });
    expect(fake.pingsOf('<@1> <@3>', { parse: [], users: ['3'] })).toEqual({ users: ['3'], roles: [], everyone: false });
  });

  it('lets hooks inject faults (e.g. a 429) on any route', async () => {
    const off = fake.onRequest((req) => (req.path === '/gateway/bot' ? { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.1, global: false }, headers: { 'retry-after': '1' } } : undefined));
    try {
      expect((await api('/gateway/bot')).status).toBe(429);
    } finally {
      off();
    }
    expect((await api('/gateway/bot')).status).toBe(200);
  });
});
