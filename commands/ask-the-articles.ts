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
import { replyWithAnswer } from '../src/bot/answer-reply.ts';
import { checkQuestion, DEFAULT_RESULTS, MAX_QUESTION_CHARS, questionFromMessage } from '../src/bot/answering.ts';
import { notice, respond } from '../src/bot/respond.ts';
import type { BotContext, Outcome } from '../src/bot/types.ts';

export const data = new ContextMenuCommandBuilder()
  .setName('Ask the articles')
  .setType(ApplicationCommandType.Message)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export const cooldown = 'questions';

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<Outcome> {
  const { question, cut } = questionFromMessage(interaction.targetMessage.content ?? '');
  const checked = checkQuestion(question);
  if (!checked.ok) {
    await respond(interaction, notice('That message has no text to ask about (only attachments or embeds?). Pick a message with words in it, or use /ask.'));
    return { outcome: 'no-text' };
  }
  return replyWithAnswer(interaction, ctx, {
    question: checked.value,
    // A message's text is what someone wrote, never a suggestion's key.
    picked: false,
    k: DEFAULT_RESULTS,
    articleId: null,
    hide: true,
    mentionUserId: null,
    note: cut ? `The message is long: asked with its first ${MAX_QUESTION_CHARS} characters.` : null,
  });
}
