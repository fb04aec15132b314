/**
 * The discord.js client: the Guilds intent only (slash commands need no
 * message content or member lists, so no privileged intents), no pings by
 * default, and a REST base taken from DISCORD_API_URL when one is set.
 */
import { Client, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';
import type { BotConfig, ShardConfig } from '../config.ts';

/** How often the REST client forgets the routes (one per interaction token) that have gone idle. */
export const REST_ROUTE_SWEEP_MS = 10_000;

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
    // Every embed, component and choice the bot sends is built in Discord's own
    // snake_case shape (the discord-api-types in format.ts), so it goes out as is.
    // The default transformer renames every key of every reply again through
    // lodash: about 30 µs a reply, as long as building it. (The stand-in Discord of the
    // tests rejects a component without its custom_id, as Discord does.)
    jsonTransformer: (data) => data,
    rest: {
      // discord.js finds the gateway through GET {api}/v10/gateway/bot, so the REST base is enough.
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      // At run time the bot calls only interaction endpoints (callbacks, and edits
      // through an interaction's webhook), which Discord exempts from the global
      // 50 requests/s; throttled to it, button expiries outpace it under load and
      // queue up without end. A 429 that Discord marks global is still obeyed.
      globalRequestsPerSecond: Infinity,
      // Every interaction token is a route of its own, used once or twice:
      // forget idle ones within seconds, not after the default hour.
      handlerSweepInterval: REST_ROUTE_SWEEP_MS,
    },
    // The bot never reads channel history, nor looks anyone up: do not keep the
    // messages that arrive with button presses, nor every user and member who
    // ever asked (a cache that would grow with the audience). Its own user stays.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
    ...shardOptions(config.shards),
  });
}
