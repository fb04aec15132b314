/**
 * Replies with an answer or a refusal, and serves their buttons: shared by
 * /ask, /compare and the "Ask the articles" context menu. Each function
 * returns the Outcome the router logs.
 */
import type { ButtonInteraction, ChatInputCommandInteraction, InteractionWebhook, MessageContextMenuCommandInteraction } from 'discord.js';
import type { Answer, AnswerOptions, SearchEngine } from '../engine/engine.ts';
import { sentenceAt } from '../engine/suggest.ts';
import { cleanUserText } from '../engine/text.ts';
import { logger } from '../logger.ts';
import type { StoredAnswer } from './answers.ts';
import type { ParsedId } from './custom-ids.ts';
import {
  answerButtons,
  answerMessage,
  compactAnswer,
  escapeMarkdown,
  openedPassageMessage,
  postedPassageMessage,
  REFUSAL_TITLES,
  refusalMessage,
  truncate,
  type DisplayResult,
} from './format.ts';
import { editOriginal, notice, respond, update, type Repliable } from './respond.ts';
import type { BotContext, Outcome } from './types.ts';

/** A user's text shown back inside our own message: cleaned, at most 100 characters, Markdown and mentions escaped. */
export const quoteUserText = (text: string) => escapeMarkdown(truncate(cleanUserText(text), 100));

export interface AnswerRequest {
  /** The question as typed, or the key of a passage picked from the suggestions. */
  question: string;
  picked: boolean;
  k: number;
  articleId: string | null;
  hide: boolean;
  mentionUserId: string | null;
  note?: string | null;
}

const STALE_SUGGESTION = 'That suggestion names a passage the articles no longer hold (they have been reloaded since). Type your question again.';

/** The answer a request asks for: to the question, or with the picked passage first. Null for a passage no longer held. */
function answerFor(engine: SearchEngine, question: string, picked: boolean, opts: AnswerOptions): Answer | null {
  return picked ? engine.answerPicked(question, opts) : engine.answer(question, opts);
}

export async function replyWithAnswer(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  ctx: BotContext,
  req: AnswerRequest,
): Promise<Outcome> {
  const answer = answerFor(ctx.engine, req.question, req.picked, { k: req.k, offset: 0, ...(req.articleId ? { article: req.articleId } : {}) });
  const picked = req.picked ? { picked: 'passage' as const } : {};
  if (!answer) {
    await respond(interaction, notice(STALE_SUGGESTION));
    return { outcome: 'stale-suggestion', ...picked };
  }
  if (!answer.answered) return { ...(await replyWithRefusal(interaction, ctx, answer)), ...picked };

  // An ephemeral message is seen by the asker alone, so it cannot address anyone.
  const mentionUserId = req.hide ? null : req.mentionUserId;
  const note = req.hide && req.mentionUserId ? 'Not mentioning anyone: a hidden answer is visible only to you.' : req.note ?? null;
  const shown = answer.results.length;
  const passageIds = answer.results.map((r) => r.passageId);
  const articleCount = ctx.engine.articles().length;
  const payload = answerMessage(
    { answer, offset: 0, articleCount, mentionUserId, note },
    { key: interaction.id, askerId: interaction.user.id, nextOffset: shown, moreEnabled: answer.hasMore },
  );
  // Stored before replying: a fast click can reach the bot before the reply's HTTP response does.
  // The expiry keeps the reply's webhook (application id and token), not the interaction:
  // thousands of live answers must not hold thousands of interactions in memory.
  const { webhook } = interaction;
  ctx.answers.put(
    {
      key: interaction.id, question: req.question, picked: req.picked, askerId: interaction.user.id, k: req.k,
      articleId: req.articleId, nextOffset: shown, hasMore: answer.hasMore, passageIds, mentionUserId,
    },
    (entry) => expireButtons(webhook, entry),
  );
  let delivery;
  try {
    delivery = await respond(interaction, {
      visibility: req.hide ? 'private' : 'public',
      mention: mentionUserId,
      ...payload,
      fallback: () => compactAnswer({ answer }),
    });
  } catch (err) {
    ctx.answers.delete(interaction.id);
    throw err;
  }
  return {
    outcome: delivery === 'fallback' ? 'fallback-reply' : 'answered',
    answered: true, questionLength: answer.question.length, passageIds, hidden: req.hide || delivery === 'fallback', ...picked,
  };
}

/**
 * A refusal, always private (it helps only the asker): why, the words no
 * article holds, and the nearest passages to open, or the articles' titles.
 */
export async function replyWithRefusal(interaction: Repliable, ctx: BotContext, answer: Answer): Promise<Outcome> {
  const nearest = answer.nearest ?? [];
  // Only the titles a refusal shows: a large corpus has thousands.
  const titles = nearest.length ? [] : ctx.engine.articles().slice(0, REFUSAL_TITLES).map((a) => a.title);
  await respond(interaction, { visibility: 'private', ...refusalMessage(answer, nearest, titles) });
  return {
    outcome: 'refused', answered: false, refusal: answer.refusal, questionLength: answer.question.length,
    passageIds: nearest.map((r) => r.passageId), hidden: true,
  };
}

/** Greys out "More results" once the answer expires, so nobody presses a dead button. */
async function expireButtons(webhook: InteractionWebhook, entry: StoredAnswer): Promise<void> {
  if (!entry.hasMore) return;
  try {
    await editOriginal(webhook, { components: answerButtons({ key: entry.key, askerId: entry.askerId, nextOffset: entry.nextOffset, moreEnabled: false }) });
  } catch (err) {
    logger.warn({ err, key: entry.key }, 'could not disable the buttons of an expired answer');
  }
}

/** "More results": the next page, in place, for the asker only. */
export async function handleMore(interaction: ButtonInteraction, id: Extract<ParsedId, { action: 'more' }>, ctx: BotContext): Promise<Outcome> {
  if (interaction.user.id !== id.askerId) {
    await respond(interaction, notice('Only the person who asked can page through this answer. Ask your own question with /ask.'));
    return { outcome: 'not-asker' };
  }
  const dead = answerButtons({ key: id.key, askerId: id.askerId, nextOffset: id.offset, moreEnabled: false });
  const entry = ctx.answers.get(id.key);
  if (!entry) {
    await update(interaction, { components: dead });
    await respond(interaction, notice(`This answer has expired (buttons stay live for ${Math.round(ctx.answers.ttlMs / 60_000) || 1} minutes). Ask again with /ask to see more.`));
    return { outcome: 'expired' };
  }
  const answer = answerFor(ctx.engine, entry.question, entry.picked, { k: entry.k, offset: id.offset, ...(entry.articleId ? { article: entry.articleId } : {}) });
  if (!answer?.answered || answer.results.length === 0) {
    entry.hasMore = false;
    await update(interaction, { components: dead });
    await respond(interaction, notice('No more passages match this question.'));
    return { outcome: 'no-more', answered: false, questionLength: entry.question.length };
  }
  const nextOffset = id.offset + answer.results.length;
  entry.nextOffset = nextOffset;
  entry.hasMore = answer.hasMore;
  entry.passageIds = answer.results.map((r) => r.passageId);
  const payload = answerMessage(
    { answer, offset: id.offset, articleCount: ctx.engine.articles().length, mentionUserId: entry.mentionUserId },
    { key: id.key, askerId: id.askerId, nextOffset, moreEnabled: answer.hasMore },
  );
  await update(interaction, payload);
  return { outcome: 'page', answered: true, questionLength: answer.question.length, passageIds: entry.passageIds };
}

/** 👍/👎: acknowledged privately; the log line carries the vote and the passages the voter saw. */
export async function handleFeedback(interaction: ButtonInteraction, id: Extract<ParsedId, { action: 'feedback' }>, ctx: BotContext): Promise<Outcome> {
  const entry = ctx.answers.get(id.key);
  await respond(interaction, notice(id.vote === 'up' ? 'Thanks! Noted that this answer helped.' : "Thanks! Noted that this answer didn't help."));
  return { outcome: 'feedback', feedback: id.vote, passageIds: entry?.passageIds ?? [], ...(entry ? { questionLength: entry.question.length } : {}) };
}

/** A passage as an answer shows it, by id, its sentence at `offset` as the highlight; null when the articles no longer hold it. */
function passageToShow(engine: SearchEngine, passageId: string, offset: number): DisplayResult | null {
  const articleId = passageId.slice(0, passageId.lastIndexOf('#'));
  const article = engine.article(articleId);
  const passage = article ? engine.passagesOf(articleId).find((p) => p.id === passageId) : undefined;
  const span = passage ? sentenceAt(passage.text, offset) : null;
  if (!article || !passage || !span) return null;
  return {
    passageId, articleId, title: article.title, publisher: article.publisher, published: article.published,
    url: article.url, author: article.author, text: passage.text, highlight: span,
  };
}

/** A passage a refusal offered: "Open n" shows it to the asker; "Post publicly" then shows it to the channel. */
export async function handlePassage(interaction: ButtonInteraction, id: Extract<ParsedId, { action: 'open' | 'post' }>, ctx: BotContext): Promise<Outcome> {
  const shown = passageToShow(ctx.engine, id.passageId, id.offset);
  if (!shown) {
    await respond(interaction, notice('That passage is no longer in the articles (they have been reloaded since). Ask again with /ask.'));
    return { outcome: 'stale-passage' };
  }
  if (id.action === 'open') {
    await respond(interaction, { visibility: 'private', ...openedPassageMessage(shown) });
    return { outcome: 'opened', passageIds: [shown.passageId], hidden: true };
  }
  await respond(interaction, { visibility: 'public', ...postedPassageMessage(shown) });
  return { outcome: 'posted', passageIds: [shown.passageId], hidden: false };
}
