/** Every command the bot serves: the bot's entry point and deploy-commands read this one list. */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { CommandRegistry } from '../src/bot/types.ts';
import * as askTheArticles from './ask-the-articles.ts';
import * as ask from './ask.ts';
import * as compare from './compare.ts';
import * as reload from './reload.ts';
import * as sources from './sources.ts';

export const registry: CommandRegistry = { slash: [ask, compare, sources, reload], message: [askTheArticles] };

/**
 * The registration body for a bulk overwrite (PUT) of the application's
 * commands: in the development guild every command, globally all but the
 * operator ones (/reload).
 */
export function commandsJSON(scope: 'guild' | 'global'): RESTPostAPIApplicationCommandsJSONBody[] {
  const slash = scope === 'guild' ? registry.slash : registry.slash.filter((c) => !c.devGuildOnly);
  return [...slash, ...registry.message].map((c) => c.data.toJSON());
}
