/**
 * /ask: answers a question by quoting the passages that answer it, with
 * their sources. Answers in the first response: the index is in memory and
 * an answer takes milliseconds, so there is nothing to defer.
 */
import {
  InteractionContextType,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { handleFeedback, handleMore, privately, quoteUserText, replyWithAnswer, toldToSlowDown } from '../src/bot/answer-reply.ts';
import { articleChoices, checkQuestion, DEFAULT_RESULTS, MAX_QUESTION_CHARS, MAX_RESULTS, questionChoices, resolveArticle } from '../src/bot/answering.ts';
import type { ParsedId } from '../src/bot/custom-ids.ts';
import type { CommandContext } from '../src/bot/types.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Answer a question from the news articles, quoting the passages with their sources')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('question').setDescription('Your question, e.g. "What did Russia and North Korea agree to?"')
    .setRequired(true).setMaxLength(MAX_QUESTION_CHARS).setAutocomplete(true))
  .addIntegerOption((o) => o.setName('results').setDescription(`How many passages to show (1–${MAX_RESULTS}, default ${DEFAULT_RESULTS})`)
    .setMinValue(1).setMaxValue(MAX_RESULTS))
  .addStringOption((o) => o.setName('source').setDescription('Only search this article').setMaxLength(100).setAutocomplete(true))
  .addBooleanOption((o) => o.setName('hide').setDescription('Show the answer only to you'))
  .addUserOption((o) => o.setName('mention').setDescription('Address the answer to this person (they are pinged)'));

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  if (await toldToSlowDown(interaction, ctx)) return;
  const checked = checkQuestion(interaction.options.getString('question'));
  if (!checked.ok) {
    ctx.record.outcome = 'bad-question';
    await interaction.reply(privately(checked.problem));
    return;
  }
  const source = interaction.options.getString('source');
  let articleId: string | null = null;
  if (source !== null && source.trim() !== '') {
    const article = resolveArticle(ctx.engine, source);
    if (!article) {
      ctx.record.outcome = 'unknown-source';
      ctx.record.questionLength = checked.value.length;
      await interaction.reply(privately(`No article matches "${quoteUserText(source)}". Pick one from the suggestions while typing \`source\`, or see them all with /sources.`));
      return;
    }
    articleId = article.id;
  }
  const mention = interaction.options.getUser('mention');
  await replyWithAnswer(interaction, ctx, {
    question: checked.value,
    k: interaction.options.getInteger('results') ?? DEFAULT_RESULTS,
    articleId,
    hide: interaction.options.getBoolean('hide') ?? false,
    mentionUserId: mention?.id ?? null,
  });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value ?? '');
  const choices = focused.name === 'source' ? articleChoices(ctx.engine, typed) : questionChoices(ctx.engine, typed);
  await interaction.respond(choices);
}

export async function button(interaction: ButtonInteraction, id: ParsedId, ctx: CommandContext): Promise<void> {
  if (id.command !== 'ask') return;
  if (id.action === 'more') await handleMore(interaction, id, ctx);
  else await handleFeedback(interaction, id, ctx);
}
