/**
 * Routes each interaction to the handler of its kind, enforces the cooldown a
 * command declares before it runs, and writes the one log line per
 * interaction from what the handler returned. A failure stays inside the
 * interaction: it becomes a log line with the interaction id and, while
 * Discord's 3-second window allows, a private "something went wrong";
 * never a crash.
 */
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes, type Interaction } from 'discord.js';
import { logger } from '../logger.ts';
import { createHandlers } from './handlers.ts';
import { markReceived, notice, ReplyRefused, respond, RETRY_WINDOW_MS, type Repliable } from './respond.ts';
import type { BotContext, CommandRegistry, MessageCommand, Outcome, SlashCommand } from './types.ts';

const WENT_WRONG = 'Something went wrong while answering. It has been logged; please try again in a moment.';

type Kind = 'command' | 'context-menu' | 'autocomplete' | 'component' | 'other';

const kindOf = (interaction: Interaction): Kind =>
  interaction.isChatInputCommand() ? 'command'
    : interaction.isMessageContextMenuCommand() ? 'context-menu'
      : interaction.isAutocomplete() ? 'autocomplete'
        : interaction.isButton() ? 'component' : 'other';

export function createRouter(ctx: BotContext, registry: CommandRegistry): (interaction: Interaction, receivedAt?: number) => Promise<void> {
  const handlers = createHandlers(registry);

  /** `receivedAt` (performance.now()) is when the interaction arrived, so the logged latency includes its wait in the queue. */
  return async function route(interaction: Interaction, receivedAt = performance.now()): Promise<void> {
    markReceived(interaction, receivedAt);
    const kind = kindOf(interaction);
    const command = 'commandName' in interaction ? interaction.commandName : interaction.isButton() ? interaction.customId.split(':')[0] ?? '' : '';
    let outcome: Outcome;
    try {
      outcome = await dispatch(interaction);
    } catch (err) {
      outcome = await recover(interaction, command, err, receivedAt);
    }
    logger.info({
      event: 'interaction', interactionId: interaction.id, kind, command, guildId: interaction.guildId, userId: interaction.user.id,
      ...(interaction.isButton() ? { button: interaction.customId.slice(0, 100) } : {}),
      ...outcome, latencyMs: Math.round((performance.now() - receivedAt) * 10) / 10,
    }, 'interaction');
  };

  async function dispatch(interaction: Interaction): Promise<Outcome> {
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      const limited = await enforceCooldown(interaction, handlers.commandOf(interaction));
      if (limited) return limited;
      return interaction.isChatInputCommand() ? handlers.chatCommand(interaction, ctx) : handlers.contextMenu(interaction, ctx);
    }
    if (interaction.isAutocomplete()) return handlers.autocomplete(interaction, ctx);
    if (interaction.isButton()) return handlers.component(interaction, ctx);
    return { outcome: 'ignored' };
  }

  /**
   * The per-user limit a command declares, checked before it runs (so no
   * search is done): an Outcome when the user was told privately to slow down.
   */
  async function enforceCooldown(interaction: Repliable, command: SlashCommand | MessageCommand | null): Promise<Outcome | null> {
    const limiter = command?.cooldown ? ctx.cooldowns[command.cooldown] : undefined;
    if (!limiter) return null;
    const admission = limiter.take(interaction.user.id);
    if (admission.ok) return null;
    const { count, windowMs } = limiter.limit;
    const wait = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
    await respond(interaction, notice(`Slow down: you can ask ${count} question${count === 1 ? '' : 's'} every ${windowMs / 1000} seconds. Try again in ${wait} s.`));
    return { outcome: 'rate-limited' };
  }
}

/**
 * After a failure: an interaction Discord no longer accepts (10062: its
 * window passed; 40060: already acknowledged), or whose short form was
 * refused too, is only logged, as any reply would be refused as well.
 * Anything else (a reply Discord rejected, 5xx after discord.js's own
 * retries, a bug) is logged and answered with a private "something went
 * wrong" if the window still allows.
 */
async function recover(interaction: Interaction, command: string, err: unknown, receivedAt: number): Promise<Outcome> {
  const code = err instanceof DiscordAPIError ? err.code : null;
  const status = err instanceof DiscordAPIError || err instanceof HTTPError ? err.status : null;
  const ageMs = Math.round(performance.now() - receivedAt);
  const where = { interactionId: interaction.id, command, code, status, ageMs };
  if (err instanceof ReplyRefused) return { outcome: 'reply-refused' };
  if (code === RESTJSONErrorCodes.UnknownInteraction) {
    logger.warn({ ...where, err }, 'Discord no longer accepts a reply to this interaction (10062: its 3-second window passed)');
    return { outcome: 'expired-before-reply' };
  }
  if (code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged) {
    logger.warn({ ...where, err }, 'this interaction was already acknowledged (40060); reply dropped');
    return { outcome: 'already-acknowledged' };
  }
  logger.error({ ...where, err }, 'interaction failed');
  if (!interaction.isChatInputCommand() && !interaction.isMessageContextMenuCommand() && !interaction.isButton()) return { outcome: 'error' };
  if (!interaction.replied && !interaction.deferred && ageMs > RETRY_WINDOW_MS) {
    logger.warn(where, 'no time left in the 3-second window to retry the reply');
    return { outcome: 'error' };
  }
  try {
    await respond(interaction, notice(WENT_WRONG));
    return { outcome: 'error-reply' };
  } catch (retryErr) {
    // The interaction may have expired or Discord may be down: the log is all that is left.
    logger.warn({ ...where, err: retryErr }, 'the retried reply was refused too');
    return { outcome: 'error' };
  }
}
