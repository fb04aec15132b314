/**
 * The stand-in's sharding rules, driven by bare WebSockets (no discord.js):
 * what a sharded bot test relies on.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakeDiscord, guildIdOnShard, shardOfGuild } from '../../testkit/fake-discord.ts';

const TOKEN = 'stand-in-shard-test-token-0123456789';
const APP_ID = '423456789012345679';
let fake: FakeDiscord;
const open: WebSocket[] = [];

beforeAll(async () => {
  fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID, shards: 2 }).start();
  const put = await fetch(`${fake.apiUrl}/v10/applications/${APP_ID}/commands`, {
    method: 'PUT',
    headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ name: 'ask', description: 'Ask', type: 1, options: [{ name: 'question', description: 'q', type: 3, required: true }] }]),
  });
  expect(put.status).toBe(200);
});

afterAll(async () => {
  for (const ws of open) ws.close();
  await fake?.stop();
});

/** A raw gateway connection that identifies with `shard`; resolves with its dispatches (live) or its close code. */
function connect(shard: [number, number] | undefined): { dispatches: any[]; closed: Promise<number> } {
  const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  open.push(ws);
  const dispatches: any[] = [];
  ws.on('message', (raw) => {
    const p = JSON.parse(String(raw));
    if (p.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: TOKEN, intents: 1, properties: {}, ...(shard ? { shard } : {}) } }));
    if (p.op === 0) dispatches.push(p);
  });
  return { dispatches, closed: new Promise((resolve) => ws.on('close', (code) => resolve(code))) };
}

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

it('guild ids are assigned to shards by (id >> 22) % count', () => {
  for (const count of [1, 2, 3, 16]) {
    for (let shard = 0; shard < count; shard++) {
      const id = guildIdOnShard(shard, count);
      expect(shardOfGuild(id, count)).toBe(shard);
      expect(Number((BigInt(id) >> 22n) % BigInt(count))).toBe(shard);
    }
  }
});

it('recommends 2 shards and refuses an IDENTIFY with fewer (4011) or an impossible shard (4010)', async () => {
  const res = await fetch(`${fake.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${TOKEN}` } });
  expect(((await res.json()) as { shards: number }).shards).toBe(2);
  expect(await connect(undefined).closed).toBe(4011);
  expect(await connect([0, 1]).closed).toBe(4011);
  expect(await connect([2, 2]).closed).toBe(4010);
});

it('tells each shard of its own guilds only, and dispatches a guild\'s interactions on its shard\'s connection', async () => {
  const onZero = fake.addGuild(guildIdOnShard(0, 2));
  const onOne = fake.addGuild(guildIdOnShard(1, 2));
  const zero = connect([0, 2]);
  const one = connect([1, 2]);
  await fake.waitForShards(2);
  const guildsOf = (c: { dispatches: any[] }) => c.dispatches.filter((d) => d.t === 'GUILD_CREATE').map((d) => d.d.id);
  await until(() => guildsOf(zero).includes(onZero) && guildsOf(one).includes(onOne));
  for (const [conn, shard] of [[zero, 0], [one, 1]] as const) {
    const ready = conn.dispatches.find((d) => d.t === 'READY');
    expect(ready.d.shard).toEqual([shard, 2]);
    expect(ready.d.guilds.map((g: any) => shardOfGuild(g.id, 2))).toEqual(ready.d.guilds.map(() => shard));
    expect(guildsOf(conn).every((id: string) => shardOfGuild(id, 2) === shard)).toBe(true);
  }

  const toOne = fake.dispatchInteraction(fake.slashIn(onOne, 'ask', { question: 'hi' }));
  const toZero = fake.dispatchInteraction(fake.slashIn(onZero, 'ask', { question: 'hi' }));
  expect([toOne.shard, toZero.shard]).toEqual([1, 0]);
  const interactionsOf = (c: { dispatches: any[] }) => c.dispatches.filter((d) => d.t === 'INTERACTION_CREATE').map((d) => d.d.id);
  await until(() => interactionsOf(one).includes(toOne.id) && interactionsOf(zero).includes(toZero.id));
  expect(interactionsOf(one)).not.toContain(toZero.id);
  expect(interactionsOf(zero)).not.toContain(toOne.id);
});
