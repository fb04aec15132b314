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
import { parseSuggestionKey } from '../src/engine/suggest.ts';
import { handleFeedback, handleMore, handlePassage, quoteUserText, replyWithAnswer } from '../src/bot/answer-reply.ts';
import { articleChoices, checkQuestion, DEFAULT_RESULTS, MAX_QUESTION_CHARS, MAX_RESULTS, questionChoices, resultsWanted } from '../src/bot/answering.ts';
import type { ParsedId } from '../src/bot/custom-ids.ts';
import { articleMessage } from '../src/bot/format.ts';
import { notice, respond } from '../src/bot/respond.ts';
import type { BotContext, Choice, Outcome } from '../src/bot/types.ts';

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

export const cooldown = 'questions';

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<Outcome> {
  const checked = checkQuestion(interaction.options.getString('question'));
  if (!checked.ok) {
    await respond(interaction, notice(checked.problem));
    return { outcome: 'bad-question' };
  }
  const hide = interaction.options.getBoolean('hide') ?? false;
  const picked = parseSuggestionKey(checked.value);
  if (picked?.kind === 'article') {
    // A picked article: its /sources card, as /sources article: would show it.
    const article = ctx.engine.findArticle(checked.value);
    if (!article) {
      await respond(interaction, notice('That suggestion names an article that is no longer loaded. Type your question again, or see the articles with /sources.'));
      return { outcome: 'stale-suggestion', picked: 'article' };
    }
    await respond(interaction, { visibility: hide ? 'private' : 'public', ...articleMessage(article, ctx.engine.passagesOf(article.id)) });
    return { outcome: 'article', picked: 'article', hidden: hide, passageIds: ctx.engine.passagesOf(article.id).slice(0, 3).map((p) => p.id) };
  }
  const source = interaction.options.getString('source');
  let articleId: string | null = null;
  if (source !== null && source.trim() !== '') {
    const article = ctx.engine.findArticle(source);
    if (!article) {
      await respond(interaction, notice(`No article matches "${quoteUserText(source)}". Pick one from the suggestions while typing \`source\`, or see them all with /sources.`));
      return { outcome: 'unknown-source', questionLength: checked.value.length };
    }
    articleId = article.id;
  }
  return replyWithAnswer(interaction, ctx, {
    question: checked.value,
    picked: picked?.kind === 'passage',
    k: resultsWanted(interaction.options.getInteger('results')),
    articleId,
    hide,
    mentionUserId: interaction.options.getUser('mention')?.id ?? null,
  });
}

export function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Choice[] {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value ?? '');
  return focused.name === 'source' ? articleChoices(ctx.engine, typed) : questionChoices(ctx.engine, typed);
}

export async function component(interaction: ButtonInteraction, id: ParsedId, ctx: BotContext): Promise<Outcome> {
  if (id.command !== 'ask') return { outcome: 'unknown-button' };
  if (id.action === 'more') return handleMore(interaction, id, ctx);
  if (id.action === 'feedback') return handleFeedback(interaction, id, ctx);
  return handlePassage(interaction, id, ctx);
}
