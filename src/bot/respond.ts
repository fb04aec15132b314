/**
 * Every message the bot sends goes through here, and only here are its
 * flags, its visibility and its allowed_mentions set: a reply is public or
 * private, and pings nobody unless it names the one user it is addressed
 * to. Here too a reply Discord rejects as malformed is replaced by its
 * shorter private form, once, while Discord's window still allows it.
 */
import {
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionWebhook,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { logger } from '../logger.ts';
import type { MessagePayload } from './format.ts';

export type Repliable = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction;

export interface Reply extends Partial<MessagePayload> {
  /** Who sees it: everyone in the channel, or only the person who used the interaction. */
  visibility: 'public' | 'private';
  /** The one user a public reply may ping: the person an answer is addressed to. */
  mention?: string | null;
  /** A shorter form, sent privately instead when Discord rejects this one as malformed. */
  fallback?: () => string;
}

/** How a reply went out. */
export type Delivery = 'sent' | 'fallback';

/** A private notice: how every error, refusal reason and acknowledgement is sent. */
export const notice = (content: string): Reply => ({ visibility: 'private', content });

const NO_PINGS = { parse: [] as [] };

/**
 * Discord accepts the first response within 3 s of sending the interaction.
 * A retry started later than this after the bot received it would most
 * likely arrive too late, so it is not attempted.
 */
export const RETRY_WINDOW_MS = 2500;

/** When each interaction reached the bot (performance.now()), for the retry window. */
const receivedAt = new WeakMap<object, number>();
export function markReceived(interaction: object, at: number): void {
  receivedAt.set(interaction, at);
}
const ageOf = (interaction: object) => performance.now() - (receivedAt.get(interaction) ?? performance.now());

/** Thrown when the short form was refused too: nothing is left to send, and the router must not try again. */
export class ReplyRefused extends Error {
  override name = 'ReplyRefused';
}

function options(reply: Reply) {
  const mention = reply.visibility === 'public' ? reply.mention ?? null : null;
  return {
    ...(reply.content !== undefined ? { content: reply.content } : {}),
    ...(reply.embeds ? { embeds: reply.embeds } : {}),
    ...(reply.components ? { components: reply.components } : {}),
    ...(reply.visibility === 'private' ? { flags: MessageFlags.Ephemeral as const } : {}),
    allowedMentions: mention ? { parse: [] as [], users: [mention] } : NO_PINGS,
  };
}

/**
 * Sends `reply` as the interaction's next message: its first response, the
 * edit of a deferred one, or a follow-up after it.
 */
export async function respond(interaction: Repliable, reply: Reply): Promise<Delivery> {
  const first = !interaction.replied && !interaction.deferred;
  try {
    if (interaction.deferred && !interaction.replied) {
      // A deferred reply's visibility was fixed when it was deferred; an edit cannot change it.
      const { flags: _fixed, ...edit } = options(reply);
      await interaction.editReply(edit);
    } else if (interaction.replied || interaction.deferred) await interaction.followUp(options(reply));
    else await interaction.reply(options(reply));
    return 'sent';
  } catch (err) {
    const malformed = err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType;
    if (!malformed || !reply.fallback || !first) throw err;
    const ageMs = Math.round(ageOf(interaction));
    const where = { interactionId: interaction.id, code: err.code, status: err.status, ageMs };
    logger.error({ ...where, err }, 'Discord rejected the reply as malformed; sending its short form');
    if (ageMs > RETRY_WINDOW_MS) throw new ReplyRefused('no time left in the 3-second window for the short form', { cause: err });
    try {
      await interaction.reply(options(notice(reply.fallback())));
      return 'fallback';
    } catch (retryErr) {
      logger.warn({ ...where, err: retryErr }, 'the retried reply was refused too');
      throw new ReplyRefused('the short form was refused too', { cause: retryErr });
    }
  }
}

/** Replaces the message a button is on (its page, its buttons); never pings. */
export async function update(interaction: ButtonInteraction, payload: Partial<MessagePayload>): Promise<void> {
  await interaction.update({ ...payload, allowedMentions: NO_PINGS });
}

/** "Thinking…", seen by the user alone, for work that can outlast Discord's 3 s. */
export async function deferPrivately(interaction: Repliable): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
}

/** Edits an earlier reply through its webhook (the interaction itself long gone); never pings. */
export async function editOriginal(webhook: InteractionWebhook, payload: Partial<MessagePayload>): Promise<void> {
  await webhook.editMessage('@original', { ...payload, allowedMentions: NO_PINGS });
}
