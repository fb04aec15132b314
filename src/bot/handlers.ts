/**
 * One handler per kind of interaction: a slash command, a context-menu
 * command, an autocomplete request, a button press. Each finds the command
 * that owns the interaction and returns what came of it; the router logs it.
 */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import { parseCustomId } from './custom-ids.ts';
import { notice, respond, type Repliable } from './respond.ts';
import type { BotContext, CommandRegistry, MessageCommand, Outcome, SlashCommand } from './types.ts';

export interface Handlers {
  chatCommand(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<Outcome>;
  contextMenu(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<Outcome>;
  autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<Outcome>;
  component(interaction: ButtonInteraction, ctx: BotContext): Promise<Outcome>;
  /** The command an interaction runs, for the router's cooldown; null for autocomplete, buttons and unknown names. */
  commandOf(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction): SlashCommand | MessageCommand | null;
}

export function createHandlers(registry: CommandRegistry): Handlers {
  const slash = new Map(registry.slash.map((c) => [c.data.name, c]));
  const message = new Map(registry.message.map((c) => [c.data.name, c]));
  return {
    commandOf: (interaction) => (interaction.isChatInputCommand() ? slash.get(interaction.commandName) : message.get(interaction.commandName)) ?? null,

    async chatCommand(interaction, ctx) {
      const command = slash.get(interaction.commandName);
      return command ? command.execute(interaction, ctx) : unknownCommand(interaction);
    },

    async contextMenu(interaction, ctx) {
      const command = message.get(interaction.commandName);
      return command ? command.execute(interaction, ctx) : unknownCommand(interaction);
    },

    async autocomplete(interaction, ctx) {
      // An empty list is the only valid "nothing to suggest"; the user's free text still works.
      let choices: ReturnType<NonNullable<SlashCommand['autocomplete']>> = [];
      try {
        choices = slash.get(interaction.commandName)?.autocomplete?.(interaction, ctx) ?? [];
      } catch (err) {
        if (!interaction.responded) await interaction.respond([]).catch(() => {});
        throw err;
      }
      await interaction.respond(choices);
      return { outcome: 'choices', choices: choices.length };
    },

    async component(interaction, ctx) {
      const id = parseCustomId(interaction.customId);
      const command = id ? slash.get(id.command) : undefined;
      if (!id || !command?.component) {
        await respond(interaction, notice('This button belongs to an older version of the bot and no longer works. Run the command again.'));
        return { outcome: 'unknown-button' };
      }
      return command.component(interaction, id, ctx);
    },
  };
}

async function unknownCommand(interaction: Repliable): Promise<Outcome> {
  await respond(interaction, notice("I don't know that command: the command list is out of date. Ask the server admin to run `npm run deploy-commands`."));
  return { outcome: 'unknown-command' };
}
