/**
 * Starting and stopping the bot: load the articles, build the index, log in.
 * Startup problems throw a StartupError whose message is the one line a
 * server owner needs (what is wrong, what to do).
 */
import { DiscordjsErrorCodes, type Client, type Interaction } from 'discord.js';
import type { BotConfig } from '../config.ts';
import { CorpusError } from '../engine/corpus.ts';
import type { SearchEngine } from '../engine/engine.ts';
import { buildInBackground } from '../engine/background-build.ts';
import { loadEngine } from '../engine/snapshot.ts';
import { logger } from '../logger.ts';
import { AnswerStore } from './answers.ts';
import { createClient } from './client.ts';
import { listenToClient } from './client-events.ts';
import { createFairQueue } from './fair-queue.ts';
import { RateLimiter } from './rate-limit.ts';
import { IndexReloader, prepareSoon, watchFolder, type ReloadReport } from './reload.ts';
import { createRouter } from './router.ts';
import { isShardMessage, shardMessage } from './shard-messages.ts';
import type { BotContext, CommandRegistry } from './types.ts';

export class StartupError extends Error {
  override name = 'StartupError';
}

export interface RunningBot {
  client: Client;
  /** The index serving now (replaced by reloads). */
  readonly engine: SearchEngine;
  stop(): Promise<void>;
}

/**
 * Loads the corpus leniently: serve the valid articles, log the rest, refuse
 * only when none is valid. Uses the CLI's index snapshot (INDEX_CACHE_DIR)
 * when the corpus is unchanged, so a large corpus starts fast.
 */
export async function openEngine(corpusDir: string, cacheDir: string | null = null): Promise<SearchEngine> {
  const started = performance.now();
  let loaded;
  try {
    loaded = await loadEngine(corpusDir, { cacheDir });
  } catch (err) {
    if (err instanceof CorpusError) throw new StartupError(`${err.message} (CORPUS_DIR)`);
    throw err;
  }
  const { corpus, engine, source, snapshotProblem } = loaded;
  if (snapshotProblem) logger.warn({ event: 'index-snapshot', problem: snapshotProblem }, 'index snapshot not used');
  for (const { file, problem } of corpus.problems) logger.warn({ event: 'corpus-problem', file, problem }, `skipping ${file}: ${problem}`);
  if (corpus.articles.length === 0) {
    throw new StartupError(`no usable article in ${corpus.dir}${corpus.problems.length ? ` (${corpus.problems.length} file(s) skipped, see above)` : ''}; set CORPUS_DIR to a folder of .md or .txt articles`);
  }
  logger.info(
    { event: 'index', articles: engine.articles().length, passages: engine.passageCount, source, ms: Math.round(performance.now() - started) },
    source === 'snapshot' ? 'index loaded from a snapshot' : 'articles indexed',
  );
  return engine;
}

export async function startBot(config: BotConfig, registry: CommandRegistry): Promise<RunningBot> {
  const engine = await openEngine(config.corpusDir, config.indexCacheDir);

  const client = createClient(config);
  const answers = new AnswerStore(config.buttonTtlSeconds * 1000);
  // "questions": /ask, /compare and "Ask the articles" share one budget per user (ASK_RATE_LIMIT).
  const cooldowns = config.askRateLimit ? { questions: new RateLimiter(config.askRateLimit) } : {};
  // Every interaction reads `context.engine` when it starts; a reload swaps it.
  // Set when the sharding manager started this process (one shard of several, each with its own index).
  const shardUtil = client.shard;
  const context: BotContext = {
    engine, answers, cooldowns,
    async reloadIndex() {
      const otherShards = shardUtil ? shardUtil.count - 1 : 0;
      // Passed on before this shard's own build, so the shards rebuild side by side.
      if (shardUtil && otherShards > 0) {
        shardUtil.send(shardMessage('reload-other-shards')).catch((err: unknown) => logger.warn({ event: 'corpus-reload', err }, 'could not ask the other shards to reload'));
      }
      return { report: await reloadAndLog('command'), otherShards };
    },
  };
  const reloader = new IndexReloader(context, async () => {
    const built = await buildInBackground({ dir: config.corpusDir, cacheDir: config.indexCacheDir });
    return { engine: built.engine, problems: built.corpus.problems };
  });
  async function reloadAndLog(trigger: 'command' | 'watcher' | 'other-shard'): Promise<ReloadReport> {
    const report = await reloader.reload();
    for (const { file, problem } of report.problems) logger.warn({ event: 'corpus-problem', file, problem, trigger }, `skipping ${file}: ${problem}`);
    const line = { event: 'corpus-reload', trigger, replaced: report.replaced, ...report.now, before: report.before, problems: report.problems.length, ms: report.ms };
    if (report.replaced) logger.info(line, 'articles reloaded');
    else logger.warn({ ...line, keptBecause: report.keptBecause }, `kept the serving index: ${report.keptBecause}`);
    return report;
  }
  // Each process (each shard) watches the folder itself, so a change reaches all of them.
  const stopWatching = config.corpusWatchMs === null ? () => {} : watchFolder(
    config.corpusDir,
    config.corpusWatchMs,
    () => void reloadAndLog('watcher'),
    (err) => logger.warn({ event: 'corpus-watch', err }, 'stopped watching the corpus folder; /reload still works'),
  );
  const onManagerMessage = (message: unknown) => {
    if (isShardMessage(message, 'reload')) void reloadAndLog('other-shard');
  };
  if (shardUtil) process.on('message', onManagerMessage);
  const route = createRouter(context, registry);
  const interactions = createFairQueue(({ interaction, receivedAt }: { interaction: Interaction; receivedAt: number }) => void route(interaction, receivedAt));
  listenToClient(client, (interaction, receivedAt) => interactions.push({ interaction, receivedAt }));

  try {
    await client.login(config.token);
  } catch (err) {
    stopWatching();
    await client.destroy().catch(() => {});
    const code = (err as { code?: unknown }).code;
    if (code === DiscordjsErrorCodes.TokenInvalid) {
      throw new StartupError('DISCORD_TOKEN was rejected by Discord; reset it in the Developer Portal (Bot → Reset Token) and paste the new one into .env');
    }
    if (code === DiscordjsErrorCodes.DisallowedIntents) {
      throw new StartupError('Discord refused the gateway intents; this bot needs none of the privileged ones, so check that DISCORD_TOKEN belongs to this bot');
    }
    const where = config.apiUrl ? `DISCORD_API_URL ${config.apiUrl}` : 'discord.com';
    throw new StartupError(`could not connect to ${where}: ${(err as Error).message.split('\n')[0]}`);
  }

  prepareSoon(context.engine);

  let stopping: Promise<void> | null = null;
  return {
    client,
    get engine() {
      return context.engine;
    },
    stop() {
      stopping ??= (async () => {
        stopWatching();
        process.off('message', onManagerMessage);
        answers.clear();
        await client.destroy();
      })();
      return stopping;
    },
  };
}
