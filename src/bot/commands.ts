/** Every command the bot serves: the router and deploy-commands read this one list. */
import * as askTheArticles from '../../commands/ask-the-articles.ts';
import * as ask from '../../commands/ask.ts';
import * as reload from '../../commands/reload.ts';
import * as sources from '../../commands/sources.ts';
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { MessageCommand, SlashCommand } from './types.ts';

export const slashCommands: readonly SlashCommand[] = [ask, sources, reload];
export const messageCommands: readonly MessageCommand[] = [askTheArticles];

/**
 * The registration body for a bulk overwrite (PUT) of the application's
 * commands: in the development guild every command, globally all but the
 * operator ones (/reload).
 */
export function commandsJSON(scope: 'guild' | 'global'): RESTPostAPIApplicationCommandsJSONBody[] {
  const slash = scope === 'guild' ? slashCommands : slashCommands.filter((c) => !c.devGuildOnly);
  return [...slash, ...messageCommands].map((c) => c.data.toJSON());
}
