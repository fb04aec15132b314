/**
 * Message context menu "Ask the articles": runs the selected message's text as
 * a question and answers privately, so checking a claim someone made does
 * not turn into a public reply to them.
 */
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { privately, replyWithAnswer, toldToSlowDown } from '../src/bot/answer-reply.ts';
import { checkQuestion, DEFAULT_RESULTS, MAX_QUESTION_CHARS, questionFromMessage } from '../src/bot/answering.ts';
import type { CommandContext } from '../src/bot/types.ts';

export const data = new ContextMenuCommandBuilder()
  .setName('Ask the articles')
  .setType(ApplicationCommandType.Message)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: CommandContext): Promise<void> {
  if (await toldToSlowDown(interaction, ctx)) return;
  const { question, cut } = questionFromMessage(interaction.targetMessage.content ?? '');
  const checked = checkQuestion(question);
  if (!checked.ok) {
    ctx.record.outcome = 'no-text';
    await interaction.reply(privately('That message has no text to ask about (only attachments or embeds?). Pick a message with words in it, or use /ask.'));
    return;
  }
  await replyWithAnswer(interaction, ctx, {
    question: checked.value,
    k: DEFAULT_RESULTS,
    articleId: null,
    hide: true,
    mentionUserId: null,
    note: cut ? `The message is long: asked with its first ${MAX_QUESTION_CHARS} characters.` : null,
  });
}
