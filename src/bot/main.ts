/**
 * `npm start`: the bot's entry point. Configuration comes from the
 * environment (and .env); a bad value stops the bot with one line saying
 * which variable and what to do, without a stack trace.
 */
import { loadBotConfigOrFail } from '../config.ts';
import { logger, scrub } from '../logger.ts';
import type { RunningBot } from './bot.ts';
import { listenToProcess } from './process-events.ts';

function fail(message: string, code: number): never {
  // Error messages can quote configuration, and so the token (pasted into the wrong variable, say).
  process.stderr.write(`summit-bot: ${scrub(message)}\n`);
  process.exit(code);
}

let bot: RunningBot | null = null;
listenToProcess(async () => {
  await bot?.stop();
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
  // discord.js, the engine and the commands load only once the configuration is known to be
  // good, so a typo in .env is reported in well under a second. This entry point is the one
  // place the commands and the bot meet: nothing else in src/bot imports commands/.
  const [{ startBot, StartupError }, { registry }] = await Promise.all([import('./bot.ts'), import('../../commands/index.ts')]);
  try {
    bot = await startBot(config, registry);
  } catch (err) {
    if (err instanceof StartupError) fail(err.message, 1);
    throw err;
  }
}

main().catch((err: unknown) => fail(`unexpected error at startup: ${err instanceof Error ? err.message : String(err)}`, 1));
