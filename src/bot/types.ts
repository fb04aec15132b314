/**
 * The shape of a command module (discord.js guide layout) and what the router
 * hands it: the engine and answer store travel in a context object, not a
 * global, so tests and a future sharded setup can build their own.
 */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ContextMenuCommandBuilder,
  InteractionReplyOptions,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { SearchEngine } from '../engine/engine.ts';
import type { AnswerStore } from './answers.ts';
import type { ParsedId } from './custom-ids.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { ReloadReport } from './reload.ts';

/** What the per-interaction log line says; handlers fill in what they know. */
export interface InteractionRecord {
  kind: 'command' | 'autocomplete' | 'button' | 'other';
  command: string;
  guildId: string | null;
  userId: string;
  questionLength?: number;
  answered?: boolean;
  refusal?: string | null;
  passageIds?: string[];
  hidden?: boolean;
  button?: string;
  feedback?: 'up' | 'down';
  outcome?: string;
}

export interface BotContext {
  engine: SearchEngine;
  answers: AnswerStore;
  /** The per-user limit on questions; null when ASK_RATE_LIMIT is off. */
  askLimiter: RateLimiter | null;
  /**
   * Rebuilds the index from the corpus folder; the new one serves only if
   * usable. Under the sharding manager the other shards are asked to reload
   * too: `otherShards` says how many.
   */
  reloadIndex(): Promise<{ report: ReloadReport; otherShards: number }>;
}

export interface CommandContext extends BotContext {
  record: InteractionRecord;
  /**
   * A smaller, private form of the reply the command is about to send, for
   * the router to send instead if Discord rejects that reply as malformed.
   * Made only then: nearly every reply is accepted.
   */
  fallbackReply: (() => InteractionReplyOptions) | null;
}

interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIApplicationCommandsJSONBody;
}

export interface SlashCommand {
  data: CommandData;
  /** Registered only in DISCORD_GUILD_ID (operator commands), never globally. */
  devGuildOnly?: boolean;
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  button?(interaction: ButtonInteraction, id: ParsedId, ctx: CommandContext): Promise<void>;
}

export interface MessageCommand {
  data: ContextMenuCommandBuilder;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: CommandContext): Promise<void>;
}
