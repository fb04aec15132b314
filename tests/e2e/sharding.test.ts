/**
 * Sharding end to end: `npm run start:sharded` (discord.js ShardingManager,
 * one process per shard) against a loopback Discord that requires 2 shards
 * and serves guilds on both. Each guild's /ask is answered by its own shard:
 * the stand-in dispatches it only on that shard's gateway connection, and the
 * interaction's log line comes from the process serving that shard.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, deployCommands, type LogLine, type ProcessOptions } from '../../testkit/bot-process.ts';
import { FakeDiscord, guildIdOnShard, makeUser, shardOfGuild } from '../../testkit/fake-discord.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.sharded.${'h'.repeat(27)}`;
const APP_ID = '623456789012345678';
const SHARDS = 2;
/** Two shards start 5.5 s apart, each loading the index first: generous, for a loaded machine. */
const SHARDED_START_MS = 120_000;

let fake: FakeDiscord;
let cacheDir: string;
let opts: ProcessOptions;
/** One guild on each shard. */
const guildOf: string[] = [];

beforeAll(async () => {
  fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID, shards: SHARDS }).start();
  for (let shard = 0; shard < SHARDS; shard++) guildOf.push(fake.addGuild(guildIdOnShard(shard, SHARDS)));
  cacheDir = await mkdtemp(path.join(tmpdir(), 'summit-shard-index-'));
  // Global commands: a sharded bot is in many servers. Snapshots on: the manager builds, the shards load.
  opts = { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, env: { INDEX_CACHE_DIR: cacheDir } };
  expect((await deployCommands(opts)).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await fake?.stop();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

/** Resident memory of a process, from /proc (Linux). */
async function rssMB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) / 1024;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Asks in `guildId` as a new user; resolves with the acknowledgement, the shard that got it and the log line of the answer. */
async function askIn(bot: BotProcess, guildId: string, question: string): Promise<{ status: number; type: number; shard: number; line: LogLine }> {
  const user = makeUser(`asker-${guildId.slice(-4)}-${Date.now() % 10_000}`);
  const { ack, record } = await fake.dispatch(fake.slashIn(guildId, 'ask', { question }, user));
  const line = await bot.waitForLog((l) => l.event === 'interaction' && l.userId === user.id);
  return { status: ack.status, type: ack.type, shard: record.shard, line };
}

describe('npm run start:sharded', () => {
  let manager: BotProcess;
  const pids = new Map<number, number>();

  beforeAll(async () => {
    // SHARD_COUNT unset: as many as the stand-in recommends.
    manager = new BotProcess('src/bot/sharded.ts', opts);
    await manager.waitForLog((l) => l.event === 'sharded-ready', SHARDED_START_MS);
    for (const l of manager.logs.filter((x) => x.event === 'shard-spawned')) pids.set(l.shard, l.pid);
  }, SHARDED_START_MS + 10_000);

  afterAll(async () => {
    if (manager?.running) await manager.stop('SIGKILL');
    for (const pid of pids.values()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('starts the shards Discord recommends, each identifying as its own shard with the Guilds intent only', () => {
    expect(manager.logs.find((l) => l.event === 'sharding')).toMatchObject({ shards: SHARDS, recommended: SHARDS });
    expect(fake.connectedShards()).toEqual([0, 1]);
    const identifies = [...fake.sessions].filter((s) => s.identified).map((s) => s.identify);
    expect(identifies.map((d) => d!.shard).sort()).toEqual([[0, SHARDS], [1, SHARDS]]);
    expect(identifies.every((d) => d!.intents === 1)).toBe(true);
    expect([...pids.keys()].sort()).toEqual([0, 1]);
    expect(new Set(pids.values()).size).toBe(SHARDS);
  });

  it('builds the index once in the manager; every shard loads the snapshot', () => {
    const indexLines = manager.logs.filter((l) => l.event === 'index');
    const [first, ...shards] = indexLines;
    expect(first).toMatchObject({ source: 'built' });
    expect(first!.shards).toBeUndefined(); // the manager's own line
    expect(shards.map((l) => [l.shards, l.source]).sort()).toEqual([[[0], 'snapshot'], [[1], 'snapshot']]);
  });

  it("answers each guild's /ask from that guild's shard, in the first response", async () => {
    for (let shard = 0; shard < SHARDS; shard++) {
      const guildId = guildOf[shard]!;
      expect(shardOfGuild(guildId, SHARDS)).toBe(shard);
      const answer = await askIn(manager, guildId, 'Is a road bridge being built?');
      expect(answer).toMatchObject({ status: 204, type: 4, shard });
      expect(answer.line).toMatchObject({ command: 'ask', guildId, answered: true, shards: [shard] });
    }
  });

  it('reports the memory of each shard process', async () => {
    const figures = await Promise.all([...pids].map(async ([shard, pid]) => [shard, +(await rssMB(pid)).toFixed(1)] as const));
    const managerRss = +(await rssMB(manager.pid!)).toFixed(1);
    console.log(`RSS per shard (MB, seed corpus, after answering): ${JSON.stringify(Object.fromEntries(figures))}; manager ${managerRss} MB`);
    for (const [, mb] of figures) expect(mb).toBeGreaterThan(0);
  });

  it('starts a shard again when it dies, and its guilds are answered again', async () => {
    const pid = pids.get(1)!;
    const readyBefore = manager.logs.filter((l) => l.event === 'shard-ready' && l.shard === 1).length;
    process.kill(pid, 'SIGKILL');
    await manager.waitForLog((l) => l.event === 'shard-died' && l.shard === 1);
    const deadline = Date.now() + 60_000;
    while (manager.logs.filter((l) => l.event === 'shard-ready' && l.shard === 1).length === readyBefore) {
      if (Date.now() > deadline) throw new Error('shard 1 was not started again');
      await new Promise((r) => setTimeout(r, 100));
    }
    await fake.waitForShards(SHARDS);
    const respawned = manager.logs.filter((l) => l.event === 'shard-spawned' && l.shard === 1).at(-1)!;
    expect(respawned.pid).not.toBe(pid);
    pids.set(1, respawned.pid);
    const answer = await askIn(manager, guildOf[1]!, 'road bridge');
    expect(answer).toMatchObject({ status: 204, type: 4, shard: 1 });
    expect(answer.line.shards).toEqual([1]);
  }, 90_000);

  it('/reload on one shard has the manager pass it on: every shard reloads', async () => {
    // /reload is a development-server command: registered in the guild on shard 0 only.
    expect((await deployCommands({ ...opts, guildId: guildOf[0]! })).code).toBe(0);
    const seen = manager.logs.length;
    const reloaded = (trigger: string, shard: number) => manager.waitForLog((l) =>
      manager.logs.indexOf(l) >= seen && l.event === 'corpus-reload' && l.trigger === trigger && (l.shards as number[] | undefined)?.[0] === shard, 60_000);
    const { ack, record } = await fake.dispatch(fake.slashIn(guildOf[0]!, 'reload', {}, makeUser('reload-admin')));
    expect(ack).toMatchObject({ status: 204, type: 5 });
    expect(record.shard).toBe(0);
    const [own, other] = await Promise.all([reloaded('command', 0), reloaded('other-shard', 1)]);
    expect(own).toMatchObject({ replaced: true, articles: 5 });
    expect(other).toMatchObject({ replaced: true, articles: 5 });
    const [edit] = await fake.waitForWebhooks(record, 1, 60_000);
    expect(edit!.body.content).toMatch(/^Reloaded: now serving 5 articles/);
    expect(edit!.body.content).toContain('the other shard reloads from the same folder');
    // Shard 1 still answers, from its new index.
    expect(await askIn(manager, guildOf[1]!, 'road bridge')).toMatchObject({ status: 204, type: 4, shard: 1 });
  }, 90_000);

  it('SIGTERM stops every shard and the manager exits 0', async () => {
    const { code } = await manager.stop('SIGTERM', 30_000);
    expect(code).toBe(0);
    for (const pid of pids.values()) expect(alive(pid)).toBe(false);
    expect(manager.stdout + manager.stderr).not.toContain(TOKEN);
  }, 40_000);
});

describe('a sharding manager killed outright', () => {
  it('takes its shards with it: none is left running unsupervised', async () => {
    const manager = new BotProcess('src/bot/sharded.ts', { ...opts, env: { ...opts.env, SHARD_COUNT: String(SHARDS) } });
    try {
      await manager.waitForLog((l) => l.event === 'sharded-ready', SHARDED_START_MS);
      const shardPids = manager.logs.filter((l) => l.event === 'shard-spawned').map((l) => l.pid as number);
      expect(shardPids).toHaveLength(SHARDS);
      await manager.stop('SIGKILL');
      const deadline = Date.now() + 30_000;
      while (shardPids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(shardPids.filter(alive)).toEqual([]);
    } finally {
      if (manager.running) await manager.stop('SIGKILL');
      for (const pid of manager.logs.filter((l) => l.event === 'shard-spawned').map((l) => l.pid as number)) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  }, SHARDED_START_MS + 40_000);
});

describe('npm start with SHARD_COUNT=2', () => {
  it('connects both shards from one process and answers the guilds of each', async () => {
    const bot = new BotProcess('src/bot/main.ts', { ...opts, env: { ...opts.env, SHARD_COUNT: String(SHARDS) } });
    try {
      await bot.waitForLog((l) => l.event === 'ready', 60_000);
      await fake.waitForShards(SHARDS);
      for (let shard = 0; shard < SHARDS; shard++) {
        const answer = await askIn(bot, guildOf[shard]!, 'road bridge');
        expect(answer).toMatchObject({ status: 204, type: 4, shard });
      }
    } finally {
      await bot.stop('SIGTERM');
    }
  }, 90_000);

  it('a SHARD_COUNT below what Discord requires stops the sharding manager with one line', async () => {
    const manager = new BotProcess('src/bot/sharded.ts', { ...opts, env: { ...opts.env, SHARD_COUNT: '1' } });
    const { code } = await manager.exited;
    expect(code).toBe(2);
    expect(manager.stderr.trim()).toMatch(/^summit-bot \(sharding manager\): SHARD_COUNT 1 is below the 2 shards Discord requires/);
  }, 60_000);
});
