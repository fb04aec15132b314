/**
 * What the bot does with the discord.js client's events: interactions go to
 * the queue (and from there to the router); everything else about the
 * connection is logged.
 */
import { Events, type Client, type Interaction } from 'discord.js';
import { logger } from '../logger.ts';

export function listenToClient(client: Client, onInteraction: (interaction: Interaction, receivedAt: number) => void): void {
  client.on(Events.InteractionCreate, (interaction) => onInteraction(interaction, performance.now()));
  client.once(Events.ClientReady, (c) => {
    logger.info({ event: 'ready', user: c.user.tag, userId: c.user.id, guilds: c.guilds.cache.size, shards: [...c.ws.shards.keys()] }, `ready as ${c.user.tag}`);
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ event: 'discord-warn' }, message));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ event: 'shard-disconnect', code: event.code, shardId }, 'gateway connection closed for good'));
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ event: 'shard-reconnecting', shardId }, 'reconnecting to the gateway'));
  client.on(Events.Debug, (message) => logger.debug({ event: 'discord-debug' }, message));
}
