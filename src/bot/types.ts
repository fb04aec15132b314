/**
 * The shape of a command module (discord.js guide layout) and what the router
 * hands it: the engine and answer store travel in a context object, not a
 * global, so tests and each shard process build their own.
 *
 * A command's functions return what happened (an Outcome) and the router
 * writes it to the interaction's log line: nothing else writes that line.
 */
import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  ContextMenuCommandBuilder,
  AutocompleteInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { SearchEngine } from '../engine/engine.ts';
import type { AnswerStore } from './answers.ts';
import type { ParsedId } from './custom-ids.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { ReloadReport } from './reload.ts';

/** What one interaction came to, as its log line reports it. */
export interface Outcome {
  /** e.g. `answered`, `refused`, `bad-question`, `fallback-reply`, `rate-limited`. */
  outcome: string;
  questionLength?: number;
  answered?: boolean;
  refusal?: string | null;
  /** The passages the reply shows (or offers), in order. */
  passageIds?: string[];
  hidden?: boolean;
  feedback?: 'up' | 'down';
  /** What a picked autocomplete suggestion was. */
  picked?: 'passage' | 'article';
  /** Autocomplete: how many choices were offered. */
  choices?: number;
}

/**
 * Named per-user limits a command can declare as its `cooldown`: commands
 * that name the same one share its budget.
 */
export type CooldownName = 'questions';

export interface BotContext {
  engine: SearchEngine;
  answers: AnswerStore;
  /** The limit of each cooldown name; a name without one (ASK_RATE_LIMIT off) is not limited. */
  cooldowns: Partial<Record<CooldownName, RateLimiter>>;
  /**
   * Rebuilds the index from the corpus folder; the new one serves only if
   * usable. Under the sharding manager the other shards are asked to reload
   * too: `otherShards` says how many.
   */
  reloadIndex(): Promise<{ report: ReloadReport; otherShards: number }>;
}

export interface Choice {
  name: string;
  value: string;
}

interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIApplicationCommandsJSONBody;
}

export interface SlashCommand {
  data: CommandData;
  /** Registered only in DISCORD_GUILD_ID (operator commands), never globally. */
  devGuildOnly?: boolean;
  /** The per-user limit this command counts against, enforced by the router before `execute`. */
  cooldown?: CooldownName;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<Outcome>;
  /** The choices for the option being typed; the router sends them. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Choice[];
  /** A press of one of this command's buttons (the first segment of the custom id names the command). */
  component?(interaction: ButtonInteraction, id: ParsedId, ctx: BotContext): Promise<Outcome>;
}

export interface MessageCommand {
  data: ContextMenuCommandBuilder;
  cooldown?: CooldownName;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<Outcome>;
}

export interface CommandRegistry {
  slash: readonly SlashCommand[];
  message: readonly MessageCommand[];
}
