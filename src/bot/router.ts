/**
 * Dispatches interactions to the command modules by name (buttons by the
 * command named in their custom id) and keeps any failure inside the
 * interaction: a thrown error becomes a log line with the interaction id and,
 * while Discord's 3-second window allows, one retry in a form that fits (the
 * command's fallback, else a private "something went wrong"), never a crash.
 * Writes one log line per interaction.
 */
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes, type Interaction } from 'discord.js';
import { logger } from '../logger.ts';
import { privately } from './answer-reply.ts';
import { parseCustomId } from './custom-ids.ts';
import type { BotContext, CommandContext, InteractionRecord, MessageCommand, SlashCommand } from './types.ts';

const WENT_WRONG = 'Something went wrong while answering. It has been logged; please try again in a moment.';

/**
 * Discord accepts the first response within 3 s of sending the interaction.
 * A retry started later than this after the bot received it would most
 * likely arrive too late, so it is not attempted.
 */
export const RETRY_WINDOW_MS = 2500;

export function createRouter(
  base: BotContext,
  commands: { slash: readonly SlashCommand[]; message: readonly MessageCommand[] },
): (interaction: Interaction, receivedAt?: number) => Promise<void> {
  const slash = new Map(commands.slash.map((c) => [c.data.name, c]));
  const message = new Map(commands.message.map((c) => [c.data.name, c]));

  /** `receivedAt` (performance.now()) is when the interaction arrived, so the logged latency includes its wait in the queue. */
  return async function route(interaction: Interaction, receivedAt = performance.now()): Promise<void> {
    const record: InteractionRecord = {
      kind: interaction.isCommand() || interaction.isContextMenuCommand() ? 'command'
        : interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : 'other',
      command: 'commandName' in interaction ? interaction.commandName : interaction.isButton() ? interaction.customId.split(':')[0] ?? '' : '',
      guildId: interaction.guildId,
      userId: interaction.user.id,
    };
    const ctx: CommandContext = { ...base, record, fallbackReply: null };
    try {
      await dispatch(interaction, ctx);
    } catch (err) {
      await recover(interaction, ctx, err, receivedAt);
    } finally {
      logger.info({ event: 'interaction', interactionId: interaction.id, ...record, latencyMs: Math.round((performance.now() - receivedAt) * 10) / 10 }, 'interaction');
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

/**
 * After a failure: an interaction Discord no longer accepts (10062: its
 * window passed; 40060: already acknowledged) is only logged, as any reply
 * would be refused too. Anything else (a reply Discord rejected as malformed,
 * 5xx after discord.js's own retries, a bug) is logged and retried once, in
 * the command's fallback form or as a private "something went wrong", if the
 * window still allows.
 */
async function recover(interaction: Interaction, ctx: CommandContext, err: unknown, receivedAt: number): Promise<void> {
  const code = err instanceof DiscordAPIError ? err.code : null;
  const status = err instanceof DiscordAPIError || err instanceof HTTPError ? err.status : null;
  const ageMs = Math.round(performance.now() - receivedAt);
  const where = { interactionId: interaction.id, command: ctx.record.command, code, status, ageMs };
  if (code === RESTJSONErrorCodes.UnknownInteraction) {
    ctx.record.outcome = 'expired-before-reply';
    logger.warn({ ...where, err }, 'Discord no longer accepts a reply to this interaction (10062: its 3-second window passed)');
    return;
  }
  if (code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged) {
    ctx.record.outcome = 'already-acknowledged';
    logger.warn({ ...where, err }, 'this interaction was already acknowledged (40060); reply dropped');
    return;
  }
  ctx.record.outcome = 'error';
  logger.error({ ...where, err }, 'interaction failed');
  if (!interaction.isRepliable()) return;
  const firstResponse = !interaction.replied && !interaction.deferred;
  if (firstResponse && ageMs > RETRY_WINDOW_MS) {
    logger.warn(where, 'no time left in the 3-second window to retry the reply');
    return;
  }
  const fallback = code === RESTJSONErrorCodes.InvalidFormBodyOrContentType && ctx.fallbackReply ? ctx.fallbackReply() : null;
  const body = fallback ?? privately(WENT_WRONG);
  try {
    if (firstResponse) await interaction.reply(body);
    else await interaction.followUp(body);
    ctx.record.outcome = fallback ? 'fallback-reply' : 'error-reply';
  } catch (retryErr) {
    // The interaction may have expired or Discord may be down: the log is all that is left.
    logger.warn({ ...where, err: retryErr }, 'the retried reply was refused too');
  }
}
