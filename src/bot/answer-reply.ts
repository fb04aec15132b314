/**
 * Replies with an answer (or a refusal) and serves its buttons. Shared by
 * /ask and the "Ask the articles" context menu; the "More results" and
 * feedback buttons of both route here through the ask module.
 */
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionWebhook,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { cleanUserText } from '../engine/text.ts';
import { logger } from '../logger.ts';
import { ask } from './answering.ts';
import type { StoredAnswer } from './answers.ts';
import type { ParsedId } from './custom-ids.ts';
import { answerButtons, answerMessage, compactAnswer, escapeMarkdown, refusalMessage, truncate, type AnswerButtonsState } from './format.ts';
import type { CommandContext } from './types.ts';

/** Replies never ping anyone unless a user was named with `mention`. */
export const NO_PINGS = { parse: [] as [] };

/** A reply only the user sees, pinging no one: how every error, refusal and notice is sent. */
export const privately = (content: string) => ({ content, flags: MessageFlags.Ephemeral as const, allowedMentions: NO_PINGS });

/** A user's text shown back inside our own message: cleaned, at most 100 characters, Markdown and mentions escaped. */
export const quoteUserText = (text: string) => escapeMarkdown(truncate(cleanUserText(text), 100));

/**
 * The per-user question limit, checked before any search: true when the user
 * was told privately to slow down, and the command must stop there.
 */
export async function toldToSlowDown(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  ctx: CommandContext,
): Promise<boolean> {
  if (!ctx.askLimiter) return false;
  const admission = ctx.askLimiter.take(interaction.user.id);
  if (admission.ok) return false;
  ctx.record.outcome = 'rate-limited';
  const { count, windowMs } = ctx.askLimiter.limit;
  const wait = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
  await interaction.reply(privately(`Slow down: you can ask ${count} question${count === 1 ? '' : 's'} every ${windowMs / 1000} seconds. Try again in ${wait} s.`));
  return true;
}

export interface AnswerRequest {
  question: string;
  k: number;
  articleId: string | null;
  hide: boolean;
  mentionUserId: string | null;
  note?: string | null;
}

export async function replyWithAnswer(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  ctx: CommandContext,
  req: AnswerRequest,
): Promise<void> {
  const outcome = ask(ctx.engine, { question: req.question, k: req.k, offset: 0, articleId: req.articleId });
  const { answer } = outcome;
  Object.assign(ctx.record, {
    questionLength: req.question.length,
    answered: answer.answered,
    refusal: answer.refusal,
    passageIds: answer.results.map((r) => r.passageId),
    hidden: req.hide || outcome.kind === 'refused',
  });

  if (outcome.kind === 'refused') {
    // A refusal helps only the asker; posting it publicly would be noise.
    await interaction.reply(privately(refusalMessage(answer, outcome.suggestions, outcome.titles)));
    return;
  }

  // An ephemeral message is seen by the asker alone, so it cannot address anyone.
  const mentionUserId = req.hide ? null : req.mentionUserId;
  const note = req.hide && req.mentionUserId ? 'Not mentioning anyone: a hidden answer is visible only to you.' : req.note ?? null;
  const k = answer.results.length;
  const buttons: AnswerButtonsState = { key: interaction.id, askerId: interaction.user.id, nextOffset: k, moreEnabled: outcome.hasMore };
  const payload = answerMessage(
    { answer, offset: 0, articleCount: ctx.engine.articles().length, mentionUserId, note },
    buttons,
  );
  // Stored before replying: a fast click can reach the bot before the reply's HTTP response does.
  // The expiry keeps the reply's webhook (application id and token), not the interaction:
  // thousands of live answers must not hold thousands of interactions in memory.
  const { webhook } = interaction;
  ctx.answers.put(
    {
      key: interaction.id, question: req.question, askerId: interaction.user.id, k: req.k,
      articleId: req.articleId, nextOffset: k, hasMore: outcome.hasMore, passageIds: ctx.record.passageIds ?? [],
      mentionUserId,
    },
    (entry) => expireButtons(webhook, entry),
  );
  // If Discord rejects this form, the router sends the passages in a plain private message instead.
  ctx.fallbackReply = () => privately(compactAnswer({ answer, offset: 0, articleCount: ctx.engine.articles().length }));
  try {
    await interaction.reply({
      ...payload,
      ...(req.hide ? { flags: MessageFlags.Ephemeral } : {}),
      allowedMentions: mentionUserId ? { parse: [], users: [mentionUserId] } : NO_PINGS,
    });
  } catch (err) {
    ctx.answers.delete(interaction.id);
    throw err;
  }
}

/** Greys out "More results" once the answer expires, so nobody presses a dead button. */
async function expireButtons(webhook: InteractionWebhook, entry: StoredAnswer): Promise<void> {
  if (!entry.hasMore) return;
  try {
    await webhook.editMessage('@original', {
      components: answerButtons({ key: entry.key, askerId: entry.askerId, nextOffset: entry.nextOffset, moreEnabled: false }),
      allowedMentions: NO_PINGS,
    });
  } catch (err) {
    logger.warn({ err, key: entry.key }, 'could not disable the buttons of an expired answer');
  }
}

/** "More results": the next page, in place, for the asker only. */
export async function handleMore(
  interaction: ButtonInteraction,
  id: Extract<ParsedId, { action: 'more' }>,
  ctx: CommandContext,
): Promise<void> {
  if (interaction.user.id !== id.askerId) {
    ctx.record.outcome = 'not-asker';
    await interaction.reply(privately('Only the person who asked can page through this answer. Ask your own question with /ask.'));
    return;
  }
  const dead = answerButtons({ key: id.key, askerId: id.askerId, nextOffset: id.offset, moreEnabled: false });
  const entry = ctx.answers.get(id.key);
  if (!entry) {
    ctx.record.outcome = 'expired';
    await interaction.update({ components: dead, allowedMentions: NO_PINGS });
    await interaction.followUp(privately(`This answer has expired (buttons stay live for ${Math.round(ctx.answers.ttlMs / 60_000) || 1} minutes). Ask again with /ask to see more.`));
    return;
  }

  const outcome = ask(ctx.engine, { question: entry.question, k: entry.k, offset: id.offset, articleId: entry.articleId });
  ctx.record.questionLength = entry.question.length;
  ctx.record.answered = outcome.kind === 'answered' && outcome.answer.results.length > 0;
  if (outcome.kind === 'refused' || outcome.answer.results.length === 0) {
    ctx.record.outcome = 'no-more';
    entry.hasMore = false;
    await interaction.update({ components: dead, allowedMentions: NO_PINGS });
    await interaction.followUp(privately('No more passages match this question.'));
    return;
  }
  const { answer } = outcome;
  const nextOffset = id.offset + answer.results.length;
  entry.nextOffset = nextOffset;
  entry.hasMore = outcome.hasMore;
  entry.passageIds = answer.results.map((r) => r.passageId);
  ctx.record.passageIds = entry.passageIds;
  ctx.record.outcome = 'page';
  const payload = answerMessage(
    { answer, offset: id.offset, articleCount: ctx.engine.articles().length, mentionUserId: entry.mentionUserId },
    { key: id.key, askerId: id.askerId, nextOffset, moreEnabled: outcome.hasMore },
  );
  // Edits never ping, but the payload says so explicitly like every other reply.
  await interaction.update({ ...payload, allowedMentions: NO_PINGS });
}

/** 👍/👎: logged with the passages the voter saw, acknowledged privately. */
export async function handleFeedback(
  interaction: ButtonInteraction,
  id: Extract<ParsedId, { action: 'feedback' }>,
  ctx: CommandContext,
): Promise<void> {
  const entry = ctx.answers.get(id.key);
  ctx.record.feedback = id.vote;
  ctx.record.passageIds = entry?.passageIds ?? [];
  logger.info(
    { event: 'feedback', vote: id.vote, answer: id.key, userId: interaction.user.id, passageIds: entry?.passageIds ?? null, questionLength: entry?.question.length ?? null },
    'feedback',
  );
  await interaction.reply(privately(id.vote === 'up' ? 'Thanks! Noted that this answer helped.' : "Thanks! Noted that this answer didn't help."));
}
