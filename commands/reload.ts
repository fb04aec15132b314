/**
 * /reload (server admins): rebuilds the index from the corpus folder without
 * a restart and says what was loaded and what was skipped. The serving index
 * is replaced only by a usable one. Registered in DISCORD_GUILD_ID only.
 *
 * Under the sharding manager each shard is a process with its own index: the
 * shard that receives /reload reloads and has the manager pass it on to the
 * others; the reply reports this shard's reload.
 */
import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { reloadMessage } from '../src/bot/format.ts';
import { deferPrivately, notice, respond } from '../src/bot/respond.ts';
import type { BotContext, Outcome } from '../src/bot/types.ts';

export const data = new SlashCommandBuilder()
  .setName('reload')
  .setDescription('Reload the articles from the corpus folder (admins)')
  // "0": nobody but administrators until a server admin grants it (Server Settings → Integrations).
  .setDefaultMemberPermissions(0)
  .setContexts(InteractionContextType.Guild);

export const devGuildOnly = true;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<Outcome> {
  if (!interaction.inGuild()) {
    await respond(interaction, notice('/reload works only in the server the bot is managed from.'));
    return { outcome: 'not-in-guild' };
  }
  // A rebuild can take longer than Discord's 3 seconds: acknowledge first, report when done.
  await deferPrivately(interaction);
  const { report, otherShards } = await ctx.reloadIndex();
  await respond(interaction, notice(reloadMessage(report, otherShards)));
  return { outcome: report.replaced ? 'reloaded' : 'kept', hidden: true };
}
