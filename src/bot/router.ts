/**
 * Dispatches interactions to the command modules by name (buttons by the
 * command named in their custom id) and keeps any failure inside the
 * interaction: a thrown error becomes a private "something went wrong" reply
 * and a log line, never a crash. Writes one log line per interaction.
 */
import type { Interaction } from 'discord.js';
import { logger } from '../logger.ts';
import { privately } from './answer-reply.ts';
import { parseCustomId } from './custom-ids.ts';
import type { BotContext, CommandContext, InteractionRecord, MessageCommand, SlashCommand } from './types.ts';

const WENT_WRONG = 'Something went wrong while answering. It has been logged; please try again in a moment.';

export function createRouter(
  base: BotContext,
  commands: { slash: readonly SlashCommand[]; message: readonly MessageCommand[] },
): (interaction: Interaction) => Promise<void> {
  const slash = new Map(commands.slash.map((c) => [c.data.name, c]));
  const message = new Map(commands.message.map((c) => [c.data.name, c]));

  return async function route(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const record: InteractionRecord = {
      kind: interaction.isCommand() || interaction.isContextMenuCommand() ? 'command'
        : interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : 'other',
      command: 'commandName' in interaction ? interaction.commandName : interaction.isButton() ? interaction.customId.split(':')[0] ?? '' : '',
      guildId: interaction.guildId,
      userId: interaction.user.id,
    };
    const ctx: CommandContext = { ...base, record };
    try {
      await dispatch(interaction, ctx);
    } catch (err) {
      record.outcome = 'error';
      logger.error({ err, interactionId: interaction.id, command: record.command }, 'interaction failed');
      await sayWentWrong(interaction);
    } finally {
      logger.info({ event: 'interaction', interactionId: interaction.id, ...record, latencyMs: Math.round((performance.now() - started) * 10) / 10 }, 'interaction');
    }
  };

  async function dispatch(interaction: Interaction, ctx: CommandContext): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const command = slash.get(interaction.commandName);
      if (!command) return unknownCommand(interaction, ctx);
      return command.execute(interaction, ctx);
    }
    if (interaction.isMessageContextMenuCommand()) {
      const command = message.get(interaction.commandName);
      if (!command) return unknownCommand(interaction, ctx);
      return command.execute(interaction, ctx);
    }
    if (interaction.isAutocomplete()) {
      const command = slash.get(interaction.commandName);
      // An empty list is the only valid "nothing to suggest"; the user's free text still works.
      if (!command?.autocomplete) return void (await interaction.respond([]));
      try {
        return await command.autocomplete(interaction, ctx);
      } catch (err) {
        if (!interaction.responded) await interaction.respond([]).catch(() => {});
        throw err;
      }
    }
    if (interaction.isButton()) {
      ctx.record.button = interaction.customId.slice(0, 100);
      const id = parseCustomId(interaction.customId);
      const command = id ? slash.get(id.command) : undefined;
      if (!id || !command?.button) {
        ctx.record.outcome = 'unknown-button';
        await interaction.reply(privately('This button belongs to an older version of the bot and no longer works. Run the command again.'));
        return;
      }
      return command.button(interaction, id, ctx);
    }
  }
}

async function unknownCommand(interaction: Interaction, ctx: CommandContext): Promise<void> {
  ctx.record.outcome = 'unknown-command';
  if (!interaction.isRepliable()) return;
  await interaction.reply(privately("I don't know that command: the command list is out of date. Ask the server admin to run `npm run deploy-commands`."));
}

async function sayWentWrong(interaction: Interaction): Promise<void> {
  if (!interaction.isRepliable()) return;
  try {
    const body = privately(WENT_WRONG);
    if (interaction.replied || interaction.deferred) await interaction.followUp(body);
    else await interaction.reply(body);
  } catch (err) {
    // The interaction may have expired or Discord may be down: the log is all that is left.
    logger.warn({ err, interactionId: interaction.id }, 'could not tell the user something went wrong');
  }
}
