/**
 * The set-up end-to-end files share: a stand-in Discord, the commands
 * deployed to its guild, and the real bot started against it and ready.
 */
import { BotProcess, deployCommands, startBot, type ProcessOptions } from './bot-process.ts';
import { FakeDiscord, type FakeDiscordOptions } from './fake-discord.ts';

export async function startDeployedBot(discord: FakeDiscordOptions, botOptions: ProcessOptions = {}): Promise<{ fake: FakeDiscord; bot: BotProcess }> {
  const fake = await new FakeDiscord(discord).start();
  const opts = { token: discord.token, applicationId: discord.applicationId, apiUrl: fake.apiUrl, guildId: fake.guildId, ...botOptions };
  const deployed = await deployCommands(opts);
  if (deployed.code !== 0) {
    await fake.stop();
    throw new Error(`deploy-commands exited ${deployed.code}: ${deployed.stderr}`);
  }
  const bot = startBot(opts);
  await bot.waitForLog((l) => l.event === 'ready');
  return { fake, bot };
}

/** Stops what startDeployedBot started; either may be missing when set-up failed. */
export async function stopDeployedBot(fake: FakeDiscord | undefined, bot: BotProcess | undefined): Promise<void> {
  if (bot?.running) await bot.stop('SIGKILL');
  await fake?.stop();
}
