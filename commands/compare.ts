/**
 * /compare: how each outlet reports what a question asks. The best passage
 * of each article that answers it, one card per article, most relevant
 * first; the articles that do not cover it are named under them.
 */
import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { replyWithRefusal } from '../src/bot/answer-reply.ts';
import { checkQuestion, COMPARE_ARTICLES, MAX_QUESTION_CHARS } from '../src/bot/answering.ts';
import { compactAnswer, compareMessage } from '../src/bot/format.ts';
import { notice, respond } from '../src/bot/respond.ts';
import type { BotContext, Outcome } from '../src/bot/types.ts';

export const data = new SlashCommandBuilder()
  .setName('compare')
  .setDescription('How each outlet reports it: the best passage of each article that answers the question')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('question').setDescription('What to compare, e.g. "What does the pact say about military aggression?"')
    .setRequired(true).setMaxLength(MAX_QUESTION_CHARS))
  .addBooleanOption((o) => o.setName('hide').setDescription('Show the comparison only to you'));

export const cooldown = 'questions';

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<Outcome> {
  const checked = checkQuestion(interaction.options.getString('question'));
  if (!checked.ok) {
    await respond(interaction, notice(checked.problem));
    return { outcome: 'bad-question' };
  }
  const hide = interaction.options.getBoolean('hide') ?? false;
  const comparison = ctx.engine.compare(checked.value, { limit: COMPARE_ARTICLES });
  const { answer, rows } = comparison;
  // Answered over all the articles, yet by none of them alone: nothing to set side by side.
  if (!answer.answered || rows.length === 0) {
    return replyWithRefusal(interaction, ctx, answer.answered ? { ...answer, answered: false, refusal: 'too-little-covered', nearest: answer.results.slice(0, 3) } : answer);
  }
  const view = {
    question: answer.question, corrections: answer.corrections, missingTerms: answer.missingTerms, rows,
    uncovered: comparison.uncovered, notCompared: comparison.notCompared, articleCount: ctx.engine.articles().length,
  };
  const delivery = await respond(interaction, {
    visibility: hide ? 'private' : 'public',
    ...compareMessage(view),
    fallback: () => compactAnswer({ answer: { question: answer.question, results: rows } }, '**How each outlet reports it**'),
  });
  return {
    outcome: delivery === 'fallback' ? 'fallback-reply' : 'compared', answered: true, questionLength: checked.value.length,
    passageIds: rows.map((r) => r.passageId), hidden: hide || delivery === 'fallback',
  };
}
