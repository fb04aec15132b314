/**
 * `npm start`: the bot's entry point. Configuration comes from the
 * environment (and .env); a bad value stops the bot with one line saying
 * which variable and what to do, without a stack trace.
 */
import { loadBotConfigOrFail } from '../config.ts';
import { logger, scrub } from '../logger.ts';
import type { RunningBot } from './bot.ts';

function fail(message: string, code: number): never {
  // Error messages can quote configuration, and so the token (pasted into the wrong variable, say).
  process.stderr.write(`summit-bot: ${scrub(message)}\n`);
  process.exit(code);
}

let bot: RunningBot | null = null;
let shuttingDown = false;

async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ event: 'shutdown', signal }, 'shutting down');
  // A stuck close must not keep a stop request from stopping the process.
  const force = setTimeout(() => process.exit(0), 5000);
  force.unref();
  try {
    await bot?.stop();
  } catch (err) {
    logger.warn({ err }, 'error while closing the Discord connection');
  }
  logger.flush();
  process.exit(0);
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// A shard process whose sharding manager has gone must not live on unsupervised.
if (process.send) process.on('disconnect', () => void shutdown('manager-disconnected'));
process.on('unhandledRejection', (reason) => {
  // Interaction failures are caught by the router; anything reaching here is a bug worth a loud log, not a crash.
  logger.error({ err: reason }, 'unhandled promise rejection');
});
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception; exiting so a supervisor can restart a clean process');
  logger.flush();
  process.exit(1);
});

async function main(): Promise<void> {
  const config = loadBotConfigOrFail(fail);
  logger.level = config.logLevel;
  // discord.js reads SHARDS and SHARD_COUNT from the environment itself whenever
  // the client's options equal its defaults, unvalidated ("auto" becomes NaN);
  // config.shards holds them validated, and the client is given that.
  delete process.env.SHARDS;
  delete process.env.SHARD_COUNT;
  // Each line of a shard process says which shards it serves (its manager's output mixes them all).
  if (config.shards.kind === 'fixed') logger.setBindings({ shards: config.shards.ids });
  // discord.js and the engine load only once the configuration is known to be
  // good, so a typo in .env is reported in well under a second.
  const { startBot, StartupError } = await import('./bot.ts');
  try {
    bot = await startBot(config);
  } catch (err) {
    if (err instanceof StartupError) fail(err.message, 1);
    throw err;
  }
  if (shuttingDown) await bot.stop();
}

main().catch((err: unknown) => fail(`unexpected error at startup: ${err instanceof Error ? err.message : String(err)}`, 1));
