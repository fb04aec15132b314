/**
 * The discord.js client: the Guilds intent only (slash commands need no
 * message content or member lists, so no privileged intents), no pings by
 * default, and a REST base taken from DISCORD_API_URL when one is set.
 */
import { Client, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';
import type { BotConfig, ShardConfig } from '../config.ts';

/** The gateway shards this process connects (see ShardConfig). */
export function shardOptions(shards: ShardConfig): Pick<ClientOptions, 'shards' | 'shardCount'> {
  switch (shards.kind) {
    case 'single':
      return { shards: [0], shardCount: 1 };
    case 'auto':
      return { shards: 'auto' };
    case 'fixed':
      return { shards: shards.ids, shardCount: shards.count };
  }
}

export function createClient(config: Pick<BotConfig, 'apiUrl' | 'shards'>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    // discord.js finds the gateway through GET {api}/v10/gateway/bot, so the REST base is enough.
    rest: config.apiUrl ? { api: config.apiUrl } : {},
    // The bot never reads channel history: do not keep messages that arrive with button presses.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    ...shardOptions(config.shards),
  });
}
