/** Every command the bot serves: the router and deploy-commands read this one list. */
import * as askTheArticles from '../../commands/ask-the-articles.ts';
import * as ask from '../../commands/ask.ts';
import * as sources from '../../commands/sources.ts';
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { MessageCommand, SlashCommand } from './types.ts';

export const slashCommands: readonly SlashCommand[] = [ask, sources];
export const messageCommands: readonly MessageCommand[] = [askTheArticles];

/** The registration body for a bulk overwrite (PUT) of the application's commands. */
export function commandsJSON(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...slashCommands, ...messageCommands].map((c) => c.data.toJSON());
}
