/**
 * `npm run start:sharded`: the bot as one process per gateway shard, under
 * discord.js's ShardingManager. Discord requires sharding past 2,500
 * servers; separate processes also spread the answering over the cores.
 *
 * The manager checks the configuration and the token, builds the index once
 * and saves its snapshot (INDEX_CACHE_DIR) so every shard loads it instead of
 * re-indexing, then starts the shards (SHARD_COUNT, or as many as Discord
 * recommends), restarts one that dies, passes a /reload that reached one
 * shard on to the others, and stops them all on SIGTERM/SIGINT.
 * Shards write their log lines to the manager's stdout, each line naming its
 * shard.
 */
import { once } from 'node:events';
import { loadBotConfigOrFail, type BotConfig } from '../config.ts';
import type { IndexSummary } from '../engine/background-build.ts';
import { logger, scrub } from '../logger.ts';
import { ownModule } from '../paths.ts';
import { isShardMessage, shardMessage } from './shard-messages.ts';

/** Each shard is the `npm start` entry point, run as the manager runs (compiled, or the source through tsx). */
const SHARD_ENTRY = ownModule(import.meta.url, './main');
/** How long a shard may take from its start to its gateway READY (it loads the index snapshot first). */
const SHARD_READY_TIMEOUT_MS = 120_000;
/** How long a stopping shard gets to close its connection before it is killed. */
const SHARD_STOP_TIMEOUT_MS = 8_000;

function fail(message: string, code: number): never {
  // Error messages can quote configuration, and so the token (pasted into the wrong variable, say).
  process.stderr.write(`summit-bot (sharding manager): ${scrub(message)}\n`);
  logger.flush();
  process.exit(code);
}

/**
 * The number of shards Discord recommends for this bot (GET /gateway/bot),
 * asked of DISCORD_API_URL when set: discord.js's own helper always asks
 * discord.com. Also proves the token before any shard starts.
 */
async function recommendedShards(config: BotConfig): Promise<number> {
  const { DiscordAPIError, REST, Routes } = await import('discord.js');
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  try {
    const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
    return shards;
  } catch (err) {
    if (err instanceof DiscordAPIError && err.status === 401) {
      fail('DISCORD_TOKEN was rejected by Discord; reset it in the Developer Portal (Bot → Reset Token) and paste the new one into .env', 1);
    }
    fail(`could not connect to ${config.apiUrl ? `DISCORD_API_URL ${config.apiUrl}` : 'discord.com'}: ${(err as Error).message.split('\n')[0]}`, 1);
  }
}

/**
 * Builds and saves the index snapshot once (or finds it up to date), so every
 * shard loads it instead of re-indexing. The build runs in a worker thread
 * whose memory goes with it: the manager itself never holds an index.
 */
async function prepareSnapshot(corpusDir: string, cacheDir: string): Promise<void> {
  const started = performance.now();
  // Loaded only now, like discord.js: a bad .env is reported before any of it.
  const { saveSnapshotInBackground } = await import('../engine/background-build.ts');
  const { CorpusError } = await import('../engine/corpus.ts');
  let summary: IndexSummary;
  try {
    summary = await saveSnapshotInBackground({ dir: corpusDir, cacheDir });
  } catch (err) {
    if (err instanceof CorpusError) fail(`${err.message} (CORPUS_DIR)`, 1);
    throw err;
  }
  if (summary.snapshotProblem) logger.warn({ event: 'index-snapshot', problem: summary.snapshotProblem }, 'index snapshot not used');
  for (const { file, problem } of summary.problems) logger.warn({ event: 'corpus-problem', file, problem }, `skipping ${file}: ${problem}`);
  if (summary.articles === 0) {
    fail(`no usable article in ${corpusDir}${summary.problems.length ? ` (${summary.problems.length} file(s) skipped, see above)` : ''}; set CORPUS_DIR to a folder of .md or .txt articles`, 1);
  }
  logger.info(
    { event: 'index', articles: summary.articles, passages: summary.passages, source: summary.source, ms: Math.round(performance.now() - started) },
    summary.source === 'snapshot' ? 'index snapshot up to date' : 'index built and saved for the shards',
  );
}

async function main(): Promise<void> {
  const config = loadBotConfigOrFail(fail);
  logger.level = config.logLevel;

  const recommended = await recommendedShards(config);
  let totalShards: number;
  if (config.shards.kind === 'fixed') {
    if (config.shards.count < recommended) {
      fail(`SHARD_COUNT ${config.shards.count} is below the ${recommended} shards Discord requires for this bot; raise it or set it to auto`, 2);
    }
    totalShards = config.shards.count;
  } else {
    totalShards = recommended;
  }

  if (config.indexCacheDir === null) {
    logger.warn({ event: 'index-snapshot', problem: 'INDEX_CACHE_DIR is off' }, 'INDEX_CACHE_DIR is off: every shard builds its own index');
  } else {
    await prepareSnapshot(config.corpusDir, config.indexCacheDir);
  }

  const { ShardingManager } = await import('discord.js');
  const manager = new ShardingManager(SHARD_ENTRY.file, {
    token: config.token,
    totalShards,
    mode: 'process',
    respawn: true,
    execArgv: SHARD_ENTRY.nodeArgs,
  });
  let stopping = false;
  manager.on('shardCreate', (shard) => {
    // Mode 'process': each shard is a child process, so `shard.process` is set.
    shard.on('spawn', () => logger.info({ event: 'shard-spawned', shard: shard.id, pid: shard.process?.pid }, `shard ${shard.id} started`));
    shard.on('ready', () => logger.info({ event: 'shard-ready', shard: shard.id }, `shard ${shard.id} is connected`));
    // A /reload reaches one shard; every shard has its own index, so the others reload too.
    shard.on('message', (message: unknown) => {
      if (!isShardMessage(message, 'reload-other-shards')) return;
      const others = [...manager.shards.values()].filter((other) => other.id !== shard.id);
      logger.info({ event: 'corpus-reload-relayed', from: shard.id, to: others.map((o) => o.id) }, `shard ${shard.id} reloads; passing it on to the other shards`);
      for (const other of others) {
        other.send(shardMessage('reload')).catch((err: unknown) => logger.warn({ event: 'corpus-reload-relayed', shard: other.id, err }, `could not ask shard ${other.id} to reload`));
      }
    });
    shard.on('death', () => {
      if (!stopping) logger.error({ event: 'shard-died', shard: shard.id, exitCode: shard.process?.exitCode ?? null }, `shard ${shard.id} stopped; starting it again`);
    });
  });

  async function stopShards(): Promise<void> {
    stopping = true;
    manager.respawn = false;
    await Promise.all([...manager.shards.values()].map(async (shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), SHARD_STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(force);
    }));
  }
  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    logger.info({ event: 'shutdown', signal }, 'stopping the shards');
    await stopShards();
    logger.flush();
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  logger.info({ event: 'sharding', shards: totalShards, recommended }, `starting ${totalShards} shard(s)`);
  try {
    // Shards start 5.5 s apart: Discord accepts one IDENTIFY per 5 s from a bot.
    await manager.spawn({ amount: totalShards, timeout: SHARD_READY_TIMEOUT_MS });
  } catch (err) {
    if (stopping) return;
    logger.error({ event: 'sharding-failed', err }, 'a shard did not start');
    await stopShards();
    fail(`a shard did not start (${err instanceof Error ? err.message : String(err)}); see its lines above`, 1);
  }
  logger.info({ event: 'sharded-ready', shards: totalShards }, `all ${totalShards} shard(s) connected`);
}

main().catch((err: unknown) => fail(`unexpected error: ${err instanceof Error ? err.message : String(err)}`, 1));
