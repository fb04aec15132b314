/**
 * `npm run deploy-commands`: registers the bot's commands with one bulk
 * overwrite (PUT), in DISCORD_GUILD_ID when set (appears instantly, for
 * development) or globally. Run it after changing a command's options, not
 * on every start: registration is rate-limited.
 */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { commandsJSON } from '../commands/index.ts';
import { loadBotConfigOrFail } from './config.ts';
import { scrub } from './logger.ts';

function fail(message: string, code: number): never {
  // Error messages can quote configuration, and so the token (pasted into the wrong variable, say).
  process.stderr.write(`deploy-commands: ${scrub(message)}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const config = loadBotConfigOrFail(fail);
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const body = commandsJSON(config.guildId ? 'guild' : 'global');
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  try {
    const registered = (await rest.put(route, { body })) as Array<{ name: string; type?: number }>;
    const names = registered.map((c) => (c.type === 1 || c.type === undefined ? `/${c.name}` : `"${c.name}"`)).join(', ');
    process.stdout.write(config.guildId
      ? `Registered ${registered.length} commands in server ${config.guildId} (available now): ${names}\n`
      : `Registered ${registered.length} commands globally: ${names} (/reload is registered only in DISCORD_GUILD_ID)\n`);
  } catch (err) {
    if (err instanceof DiscordAPIError) {
      if (err.status === 401) fail('DISCORD_TOKEN was rejected; reset it in the Developer Portal (Bot → Reset Token) and update .env', 1);
      if (err.code === 10002) fail(`DISCORD_APP_ID ${config.applicationId} is not an application this token can manage; copy the Application ID from General Information`, 1);
      if (err.code === 50001 && config.guildId) fail(`the bot is not in server ${config.guildId}; invite it first (README, "Set it up") or fix DISCORD_GUILD_ID`, 1);
      fail(`Discord refused the commands (${err.status} ${err.message.split('\n')[0]})`, 1);
    }
    fail(`could not reach ${config.apiUrl ?? 'discord.com'}: ${(err as Error).message.split('\n')[0]}`, 1);
  }
}

void main();
