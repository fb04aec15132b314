/**
 * /sources: the articles the bot answers from (paged when they do not fit),
 * or one article's details and first passages.
 */
import {
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { NO_PINGS, privately, quoteUserText } from '../src/bot/answer-reply.ts';
import { articleChoices, resolveArticle } from '../src/bot/answering.ts';
import type { ParsedId } from '../src/bot/custom-ids.ts';
import { articleMessage, sourcesMessage } from '../src/bot/format.ts';
import type { CommandContext } from '../src/bot/types.ts';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the articles the answers come from, or show one article')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('article').setDescription('Show this article and its first passages').setMaxLength(100).setAutocomplete(true))
  .addBooleanOption((o) => o.setName('hide').setDescription('Show the list only to you'));

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const hide = interaction.options.getBoolean('hide') ?? false;
  const flags = hide ? { flags: MessageFlags.Ephemeral as const } : {};
  ctx.record.hidden = hide;
  const wanted = interaction.options.getString('article');
  if (wanted === null || wanted.trim() === '') {
    ctx.record.outcome = 'list';
    await interaction.reply({ ...sourcesMessage(ctx.engine.articles(), 0), ...flags, allowedMentions: NO_PINGS });
    return;
  }
  const article = resolveArticle(ctx.engine, wanted);
  if (!article) {
    ctx.record.outcome = 'unknown-article';
    await interaction.reply(privately(`No article matches "${quoteUserText(wanted)}". Pick one from the suggestions while typing, or run /sources to see them all.`));
    return;
  }
  ctx.record.outcome = 'article';
  ctx.record.passageIds = ctx.engine.passagesOf(article.id).slice(0, 3).map((p) => p.id);
  await interaction.reply({ ...articleMessage(article, ctx.engine.passagesOf(article.id)), ...flags, allowedMentions: NO_PINGS });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  await interaction.respond(articleChoices(ctx.engine, String(interaction.options.getFocused() ?? '')));
}

/** Previous/Next: anyone may page a public list; the page is rebuilt from the current articles. */
export async function button(interaction: ButtonInteraction, id: ParsedId, ctx: CommandContext): Promise<void> {
  if (id.command !== 'sources') return;
  ctx.record.outcome = `page-${id.page}`;
  await interaction.update({ ...sourcesMessage(ctx.engine.articles(), id.page), allowedMentions: NO_PINGS });
}
