/**
 * The floor of `npm run bench -- --discord`: a bot made of discord.js alone.
 * It connects with the same client options as summit-bot and answers every
 * slash command at once with one fixed line (and every autocomplete with one
 * fixed choice), no search and no embeds, so the
 * bench can show what the loopback Discord and discord.js cost by themselves
 * (receiving the gateway event, building the interaction, the REST callback)
 * beside what the bot adds. Run compiled, as the bot is.
 */
import { Events } from 'discord.js';
import { createClient } from '../src/bot/client.ts';
import { loadBotConfigOrFail } from '../src/config.ts';
import { logger } from '../src/logger.ts';

const config = loadBotConfigOrFail((message, code): never => {
  process.stderr.write(`echo-bot: ${message}\n`);
  process.exit(code);
});
// As in main.ts: discord.js would read these itself, unvalidated.
delete process.env.SHARDS;
delete process.env.SHARD_COUNT;

const client = createClient(config);
client.once(Events.ClientReady, () => logger.info({ event: 'ready' }, 'echo bot ready'));
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isAutocomplete()) {
    interaction.respond([{ name: 'The articles', value: 'The articles' }]).catch((err: unknown) => logger.warn({ err }, 'echo choices failed'));
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  // A failed reply is only logged: the bench counts it as not answered.
  interaction.reply({ content: 'The articles say what they say.' }).catch((err: unknown) => logger.warn({ err }, 'echo reply failed'));
});
process.on('SIGTERM', () => {
  void client.destroy().finally(() => {
    logger.flush();
    process.exit(0);
  });
});
await client.login(config.token);
