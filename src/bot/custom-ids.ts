/**
 * Button custom ids: what a button press needs to be handled, in at most 100
 * characters. The first segment names the command module that owns the
 * button, so the router can dispatch presses like commands.
 *
 * The question itself does not fit (it may be 300 characters), so answers
 * carry a key into the bot's answer store; the asker's id travels in the id
 * itself so a press by someone else is refused even after the store forgot it.
 * A passage a refusal offers is named by its id and where its highlighted
 * sentence starts: it needs no store, and outlives a restart.
 */

export type Vote = 'up' | 'down';

export type ParsedId =
  | { command: 'ask'; action: 'more'; askerId: string; key: string; offset: number }
  | { command: 'ask'; action: 'feedback'; key: string; vote: Vote }
  /** A passage a refusal offered: open it privately, or post it for the channel; `offset` is where its highlight starts. */
  | { command: 'ask'; action: 'open' | 'post'; passageId: string; offset: number }
  | { command: 'sources'; action: 'page'; page: number };

const SNOWFLAKE = /^\d{1,21}$/;
const KEY = /^[A-Za-z0-9]{1,24}$/;
const PASSAGE_ID = /^[a-z0-9][a-z0-9-]{0,63}#\d{1,6}$/;

export const askIds = {
  more: (askerId: string, key: string, offset: number) => `ask:more:${askerId}:${key}:${offset}`,
  feedback: (key: string, vote: Vote) => `ask:fb:${key}:${vote}`,
  open: (passageId: string, offset: number) => `ask:open:${passageId}:${offset}`,
  post: (passageId: string, offset: number) => `ask:post:${passageId}:${offset}`,
};

export const sourcesIds = {
  // The suffix keeps Previous and Next distinct when both would name the same page.
  page: (page: number, which: 'prev' | 'next') => `sources:page:${Math.max(0, page)}:${which}`,
};

/** Parses a custom id this bot made; null for anything else (old versions, forged ids). */
export function parseCustomId(id: string): ParsedId | null {
  const parts = id.split(':');
  if (parts[0] === 'ask' && parts[1] === 'more' && parts.length === 5) {
    const [, , askerId = '', key = '', offset = ''] = parts;
    if (SNOWFLAKE.test(askerId) && KEY.test(key) && /^\d{1,3}$/.test(offset)) {
      return { command: 'ask', action: 'more', askerId, key, offset: Number(offset) };
    }
  }
  if (parts[0] === 'ask' && parts[1] === 'fb' && parts.length === 4) {
    const [, , key = '', vote = ''] = parts;
    if (KEY.test(key) && (vote === 'up' || vote === 'down')) return { command: 'ask', action: 'feedback', key, vote };
  }
  if (parts[0] === 'ask' && (parts[1] === 'open' || parts[1] === 'post') && parts.length === 4) {
    const [, action, passageId = '', offset = ''] = parts;
    if (PASSAGE_ID.test(passageId) && /^\d{1,6}$/.test(offset)) return { command: 'ask', action: action as 'open' | 'post', passageId, offset: Number(offset) };
  }
  if (parts[0] === 'sources' && parts[1] === 'page' && parts.length === 4 && /^\d{1,4}$/.test(parts[2] ?? '')) {
    return { command: 'sources', action: 'page', page: Number(parts[2]) };
  }
  return null;
}
