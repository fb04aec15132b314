/**
 * Chat spellings and abbreviations read as what they stand for ("wat" →
 * "what", "govt" → "government", "b/c" → "because", "w/Putin" → "with
 * Putin"), before the question loses its stop words and is stemmed. The
 * table (`chat-words.txt`) is general chat English, written from general
 * knowledge rather than from any question set; see its header for the format.
 *
 * Applied to questions only: the articles are edited English.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../paths.ts';

/** In the source tree, also when the compiled build (dist/) runs: the build does not copy it. */
export const CHAT_WORDS_FILE = path.join(DATA_DIR, 'chat-words.txt');

export interface ChatWord {
  /** What the chat form stands for, in lower case; empty when it says nothing about the subject (lol, tbh). */
  expansion: string;
  /** Not read after a number: "300 bc" is a date, not "because". */
  notAfterNumber: boolean;
}

/** Parses the table: `<chat form>\t<expansion>[\t!after-number]` lines; `#` starts a comment line. */
export function parseChatWords(text: string): Map<string, ChatWord> {
  const table = new Map<string, ChatWord>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const [form, expansion = '', flag] = line.split('\t');
    if (!form || form !== form.trim().toLowerCase() || /\s/.test(form)) throw new Error(`chat words line ${i + 1}: the chat form must be one lower-case word`);
    if (flag !== undefined && flag !== '!after-number') throw new Error(`chat words line ${i + 1}: unknown flag "${flag}"`);
    if (table.has(form)) throw new Error(`chat words line ${i + 1}: "${form}" is listed twice`);
    table.set(form, { expansion: expansion.trim().toLowerCase(), notAfterNumber: flag === '!after-number' });
  });
  return table;
}

let table: Map<string, ChatWord> | null = null;

/** The bundled table, read once. */
export function chatWords(): Map<string, ChatWord> {
  table ??= parseChatWords(readFileSync(CHAT_WORDS_FILE, 'utf8'));
  return table;
}

/**
 * A candidate word: letters and digits with the combining marks on them (as
 * tokenize reads words: "n̶" is one word, not "n"), joined by inner
 * apostrophes, dots and slashes ("gov't", "b/c", "w/o", "U.S.": a dotted
 * acronym stays whole, so its "u" is never "you"), with a slash at its end
 * ("w/"). Each joiner must be followed by a letter or digit, so matching
 * never backtracks far. A word with marks is no chat form.
 */
const CANDIDATE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['./][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*\/?/gu;
const LOWER = /^[\p{Ll}\p{N}'./]+$/u;
/** "Govt", "Pls": one capital, then lower case (a lone capital, "U", is a symbol; capitals, "ATM", an acronym). */
const CAPITALISED = /^\p{Lu}[\p{Ll}\p{N}'./]+$/u;
const NUMBER = /^\d[\d.,]*$/;

/**
 * The question with its chat forms written out. A form is read in lower case,
 * or capitalised as the first word of a sentence; a capitalised word inside a
 * sentence is a name ("Ur"), and one in capitals an acronym ("ATM", "BC").
 */
export function expandChatWords(text: string, words: ReadonlyMap<string, ChatWord> = chatWords()): string {
  let out = '';
  let last = 0;
  let previousEnd = -1;
  let previousWord = '';
  for (const m of text.matchAll(CANDIDATE)) {
    const word = m[0];
    const start = m.index;
    const gap = text.slice(Math.max(0, previousEnd), start);
    const sentenceStart = previousEnd < 0 ? /^[\s"'(]*$/.test(gap) : /[.!?]["')]*\s+["'(]*$/.test(gap);
    const readable = (w: string) => LOWER.test(w) || (sentenceStart && CAPITALISED.test(w));
    let reading: string | null = null;
    const entry = readable(word) ? words.get(word.toLowerCase()) : undefined;
    if (entry) {
      if (!(entry.notAfterNumber && NUMBER.test(previousWord))) reading = entry.expansion;
    } else {
      // "w/Putin": a form that ends in a slash, glued to the next word.
      const slash = word.indexOf('/');
      const prefix = slash > 0 && slash + 1 < word.length && readable(word.slice(0, slash + 1)) ? words.get(word.slice(0, slash + 1).toLowerCase()) : undefined;
      if (prefix) reading = `${prefix.expansion} ${word.slice(slash + 1)}`;
    }
    previousEnd = start + word.length;
    previousWord = word;
    if (reading === null) continue;
    // A form that says nothing leaves a space, so the words on either side stay apart.
    out += text.slice(last, start) + (reading || ' ');
    last = start + word.length;
  }
  return last === 0 ? text : out + text.slice(last);
}
