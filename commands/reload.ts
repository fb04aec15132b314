/**
 * /reload (server admins): rebuilds the index from the corpus folder without
 * a restart and says what was loaded and what was skipped. The serving index
 * is replaced only by a usable one. Registered in DISCORD_GUILD_ID only.
 *
 * Under the sharding manager each shard is a process with its own index: the
 * shard that receives /reload reloads and has the manager pass it on to the
 * others; the reply reports this shard's reload.
 */
import {
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { NO_PINGS, privately } from '../src/bot/answer-reply.ts';
import { reloadMessage } from '../src/bot/format.ts';
import type { CommandContext } from '../src/bot/types.ts';

export const data = new SlashCommandBuilder()
  .setName('reload')
  .setDescription('Reload the articles from the corpus folder (admins)')
  // "0": nobody but administrators until a server admin grants it (Server Settings → Integrations).
  .setDefaultMemberPermissions(0)
  .setContexts(InteractionContextType.Guild);

export const devGuildOnly = true;

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  if (!interaction.inGuild()) {
    ctx.record.outcome = 'not-in-guild';
    await interaction.reply(privately('/reload works only in the server the bot is managed from.'));
    return;
  }
  // A rebuild can take longer than Discord's 3 seconds: acknowledge first, report when done.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { report, otherShards } = await ctx.reloadIndex();
  ctx.record.outcome = report.replaced ? 'reloaded' : 'kept';
  await interaction.editReply({ content: reloadMessage(report, otherShards), allowedMentions: NO_PINGS });
}
