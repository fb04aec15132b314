/**
 * /sources: the articles the bot answers from (paged when they do not fit),
 * or one article's details and first passages.
 */
import {
  InteractionContextType,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { quoteUserText } from '../src/bot/answer-reply.ts';
import { articleChoices } from '../src/bot/answering.ts';
import type { ParsedId } from '../src/bot/custom-ids.ts';
import { articleMessage, sourcesMessage } from '../src/bot/format.ts';
import { notice, respond, update } from '../src/bot/respond.ts';
import type { BotContext, Choice, Outcome } from '../src/bot/types.ts';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the articles the answers come from, or show one article')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('article').setDescription('Show this article and its first passages').setMaxLength(100).setAutocomplete(true))
  .addBooleanOption((o) => o.setName('hide').setDescription('Show the list only to you'));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<Outcome> {
  const hide = interaction.options.getBoolean('hide') ?? false;
  const visibility = hide ? 'private' : 'public';
  const wanted = interaction.options.getString('article');
  if (wanted === null || wanted.trim() === '') {
    await respond(interaction, { visibility, ...sourcesMessage(ctx.engine.articles(), 0) });
    return { outcome: 'list', hidden: hide };
  }
  const article = ctx.engine.findArticle(wanted);
  if (!article) {
    await respond(interaction, notice(`No article matches "${quoteUserText(wanted)}". Pick one from the suggestions while typing, or run /sources to see them all.`));
    return { outcome: 'unknown-article' };
  }
  const passages = ctx.engine.passagesOf(article.id);
  await respond(interaction, { visibility, ...articleMessage(article, passages) });
  return { outcome: 'article', hidden: hide, passageIds: passages.slice(0, 3).map((p) => p.id) };
}

export function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Choice[] {
  return articleChoices(ctx.engine, String(interaction.options.getFocused() ?? ''));
}

/** Previous/Next: anyone may page a public list; the page is rebuilt from the current articles. */
export async function component(interaction: ButtonInteraction, id: ParsedId, ctx: BotContext): Promise<Outcome> {
  if (id.command !== 'sources') return { outcome: 'unknown-button' };
  await update(interaction, sourcesMessage(ctx.engine.articles(), id.page));
  return { outcome: `page-${id.page}` };
}
