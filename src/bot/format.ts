/**
 * Turns engine answers and article lists into Discord message payloads.
 *
 * Pure functions over plain API JSON (no Client, no I/O), so every limit
 * Discord enforces can be unit-tested here rather than discovered as a 400 in
 * production. Article text is untrusted: it is escaped so it can neither break
 * the embed's Markdown nor render as a mention.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { Answer, ArticleSummary, ResultPassage } from '../engine/engine.ts';
import { NOTE_LABELS, type Passage } from '../engine/passages.ts';
import { sentenceSpans as splitIntoSentenceSpans } from '../engine/text.ts';
import { REFUSAL_TITLES } from './answering.ts';
import { askIds, sourcesIds } from './custom-ids.ts';
import type { IndexSize, ReloadReport } from './reload.ts';

/** Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
} as const;

/**
 * Longest passage shown in an answer. Passages are normally under 1,000
 * characters; a scraped run-on paragraph can be far longer, and a wall of text
 * in a chat reads worse than a clean cut with the passage id to look it up.
 */
export const MAX_PASSAGE_CHARS = 1500;

const COLOR = 0x3b6ea5;
const ELLIPSIS = '…';

/**
 * What an answer embed shows of a result: only these fields, so ranking
 * details the engine adds never change the formatting. `alsoIn` ("also
 * reported by") is optional.
 */
export type DisplayResult = Pick<ResultPassage, 'passageId' | 'articleId' | 'title' | 'publisher' | 'published' | 'url' | 'kind' | 'text' | 'highlight' | 'matches'> & {
  /** The article's author when known (the engine's results have it; "who wrote…" is answered by it). */
  author?: string | null;
  alsoIn?: ReadonlyArray<{ passageId: string; title: string; publisher: string | null }>;
};

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

// ---------------------------------------------------------------------------
// Escaping and cutting

// Anything escapeMarkdown would change: inline syntax, a block mark at a line start, a mention.
const NEEDS_ESCAPE = /[\\*_~`|<>[\]@]|^\s*(?:[#>-]|\d+\.)(?=\s|#|$)/m;

/**
 * Escapes text so Discord shows it literally. Backslash-escaping punctuation is
 * always safe in Discord Markdown (a backslash before punctuation is dropped),
 * so inline syntax is escaped anywhere and block syntax at line starts.
 * `<` is escaped because `<@id>`, `<#id>`, `<t:…>` render as mentions and
 * timestamps; `@everyone`/`@here` get a zero-width space so no client or
 * future allowed_mentions slip can turn them into pings.
 */
export function escapeMarkdown(text: string): string {
  // Most of a passage needs no escaping, and a reply escapes it piece by piece
  // (between bold words): one test instead of three replaces per piece.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/[\\*_~`|<>[\]]/g, '\\$&')
    .replace(/^(\s*)([#>-]|\d+\.)(?=\s|#|$)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`)
    .replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** Cuts plain text to `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  const cut = safeCut(text, room);
  const space = lastSpace(cut);
  return `${(space > room / 2 ? cut.slice(0, space) : cut).trimEnd()}${ELLIPSIS}`;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The longest prefix of `text` of at most `max` UTF-16 units that ends on a grapheme boundary. */
function safeCut(text: string, max: number): string {
  if (text.length <= max) return text;
  // Between two ASCII characters there is always a grapheme boundary, except
  // inside CR LF (UAX #29): the usual case, without segmenting (which costs
  // more than building the rest of a reply).
  const before = text.charCodeAt(max - 1);
  const after = text.charCodeAt(max);
  if (before < 0x80 && after < 0x80 && !(before === 0x0d && after === 0x0a)) return text.slice(0, max);
  let end = 0;
  for (const { index } of graphemes.segment(text.slice(0, max + 16))) {
    if (index > max) break;
    end = index;
  }
  return text.slice(0, end);
}

/** Index of the last whitespace character of `text`, or -1. */
function lastSpace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (/\s/.test(text[i]!)) return i;
  return -1;
}

interface Span {
  start: number;
  end: number;
}

/** Sentence spans of `text` (the engine's one splitter); the whole text when it has no sentence. */
export function sentenceSpans(text: string): Span[] {
  const spans = splitIntoSentenceSpans(text);
  return spans.length ? spans : [{ start: 0, end: text.length }];
}

/** Sorted, merged, clipped match ranges. */
function mergeRanges(ranges: readonly Span[], length: number): Span[] {
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** Escaped text of [start, end) with the matched ranges in bold. */
function renderRange(text: string, matches: readonly Span[], start: number, end: number): string {
  let out = '';
  let at = start;
  for (const m of matches) {
    const s = Math.max(m.start, start);
    const e = Math.min(m.end, end);
    if (e <= s || s < at) continue;
    out += escapeMarkdown(text.slice(at, s));
    const word = text.slice(s, e);
    // `**` around whitespace does not render as bold: keep the space outside.
    out += word.trim() ? `**${escapeMarkdown(word)}**` : escapeMarkdown(word);
    at = e;
  }
  return out + escapeMarkdown(text.slice(at, end));
}

/**
 * Renders a passage in at most `budget` characters: escaped, matched words in
 * bold. When it must be cut, whole sentences are kept (starting from the
 * sentence the engine highlighted when the start would not fit with it), with
 * "…" where text was left out; a single sentence too long for the budget is
 * cut at a word.
 */
export function renderPassage(
  text: string,
  matches: readonly Span[],
  budget: number,
  highlight: Span | null = null,
): string {
  return fitPassage(renderFully(text, matches), budget, highlight);
}

/** A passage rendered whole (escaped, matches in bold), with what cutting it needs. */
interface RenderedPassage {
  text: string;
  merged: Span[];
  full: string;
}

function renderFully(text: string, matches: readonly Span[]): RenderedPassage {
  const merged = mergeRanges(matches, text.length);
  return { text, merged, full: renderRange(text, merged, 0, text.length) };
}

/** renderPassage for a passage already rendered whole: an answer sizes its embeds from that rendering first. */
function fitPassage({ text, merged, full }: RenderedPassage, budget: number, highlight: Span | null): string {
  if (full.length <= budget) return full;

  const spans = sentenceSpans(text);
  const wrap = (s: number, e: number) =>
    `${s > 0 ? `${ELLIPSIS} ` : ''}${renderRange(text, merged, s, e)}${e < text.length ? ` ${ELLIPSIS}` : ''}`;
  /** Most whole sentences from `first` that fit, or null when not even one does. */
  const widest = (first: number): { text: string; last: number } | null => {
    let best: { text: string; last: number } | null = null;
    for (let last = first; last < spans.length; last++) {
      const candidate = wrap(spans[first]!.start, spans[last]!.end);
      if (candidate.length > budget) break;
      best = { text: candidate, last };
    }
    return best;
  };

  const hi = highlight ? Math.max(0, spans.findIndex((s) => s.end > highlight.start)) : 0;
  const fromStart = widest(0);
  // Keep the opening when it reaches the highlighted sentence; otherwise begin at it.
  if (fromStart && fromStart.last >= hi) return fromStart.text;
  const fromHighlight = widest(hi);
  if (fromHighlight) return fromHighlight.text;
  if (fromStart) return fromStart.text;

  // Not even one sentence fits: cut the sentence at the last word that fits,
  // or, in one enormous "word" (a URL, a run of symbols), at a grapheme.
  const { start, end } = spans[hi]!;
  const words = [...text.slice(start, end).matchAll(/\s+/g)].map((m) => start + m.index);
  const cuts = words.length ? words : [...graphemes.segment(text.slice(start, end))].map((g) => start + g.index).slice(1);
  let lo = 0, top = cuts.length - 1, best = '';
  while (lo <= top) {
    const mid = (lo + top) >> 1;
    const candidate = wrap(start, cuts[mid]!);
    if (candidate.length <= budget) {
      best = candidate;
      lo = mid + 1;
    } else top = mid - 1;
  }
  return best || ELLIPSIS;
}

// ---------------------------------------------------------------------------
// Answers

/** "19 Jun 2024". Made once: toLocaleDateString sets up a formatter on every call, which took most of an answer's formatting. */
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

export function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return DATE_FORMAT.format(date);
}

/** "DW News · by Jane Doe · 19 Jun 2024 · `dw#3`": where a passage comes from, in one line. */
function citationLine(r: DisplayResult): string {
  const parts = [escapeMarkdown(r.publisher ?? 'Publisher not stated')];
  if (r.author) parts.push(`by ${escapeMarkdown(r.author)}`);
  const date = formatDate(r.published);
  if (date) parts.push(date);
  if (r.kind) parts.push(NOTE_LABELS[r.kind]);
  parts.push(`\`${r.passageId.replace(/`/g, "'")}\``);
  return `— ${parts.join(' · ')}`;
}

function alsoInLine(r: DisplayResult): string | null {
  if (!r.alsoIn?.length) return null;
  const names = r.alsoIn.slice(0, 5).map((a) => `${escapeMarkdown(a.publisher ?? a.title)} (\`${a.passageId.replace(/`/g, "'")}\`)`);
  const more = r.alsoIn.length > 5 ? ` and ${r.alsoIn.length - 5} more` : '';
  return truncate(`Also reported by ${names.join(', ')}${more}`, 400);
}

export interface AnswerView {
  answer: Pick<Answer, 'question' | 'matched' | 'corrections'> & { results: DisplayResult[] };
  /** Rank of the first result shown, from 0. */
  offset: number;
  /** Articles in the corpus, for the footer. */
  articleCount: number;
  /** User to address ("For @user"), already validated by the caller. */
  mentionUserId?: string | null;
  /** A note for the asker shown above the answer (e.g. a mention that was ignored). */
  note?: string | null;
}

/** The header line(s) of an answer: who it is for, the question, corrections. */
function answerContent(view: AnswerView): string {
  const lines: string[] = [];
  if (view.mentionUserId) lines.push(`For <@${view.mentionUserId}>`);
  lines.push(`**Q:** ${truncate(escapeMarkdown(view.answer.question.replace(/\s+/g, ' ').trim()), 600)}`);
  if (view.answer.corrections.length) {
    lines.push(`-# Read ${view.answer.corrections.slice(0, 5).map((c) => `"${escapeMarkdown(c.from)}" as "${escapeMarkdown(c.to)}"`).join(', ')}.`);
  }
  if (view.note) lines.push(`-# ${truncate(view.note, 300)}`);
  return truncate(lines.join('\n'), LIMITS.content);
}

export function answerFooter(view: AnswerView): string {
  const { results, matched } = view.answer;
  const first = view.offset + 1;
  const last = view.offset + results.length;
  const articles = new Set(results.map((r) => r.articleId)).size;
  const range = first === last ? `Passage ${first}` : `Passages ${first}–${last}`;
  return `${range} of ${matched} that matched · from ${articles} of ${view.articleCount} article${view.articleCount === 1 ? '' : 's'}`;
}

/** Characters of an embed that count towards the 6,000 total. */
export function embedLength(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0)
    + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/**
 * One embed per passage: the linked article title, the passage (cut to fit,
 * matched words bold), its source line and passage id; the last embed's footer
 * says how many passages and articles matched. The 6,000-character budget is
 * shared out so short passages leave room for long ones.
 */
export function answerEmbeds(view: AnswerView): APIEmbed[] {
  const results = view.answer.results.slice(0, LIMITS.embeds);
  const footer = answerFooter(view);
  const shells = results.map((r, i) => {
    const tail = [citationLine(r), alsoInLine(r)].filter((l): l is string => l !== null).join('\n');
    const embed: APIEmbed = { title: truncate(escapeMarkdown(r.title), LIMITS.title), color: COLOR };
    if (r.url && /^https?:\/\/\S+$/.test(r.url)) embed.url = r.url;
    if (i === results.length - 1) embed.footer = { text: truncate(footer, LIMITS.footer) };
    return { r, embed, tail, rendered: renderFully(r.text, r.matches) };
  });
  // Fixed parts first; what is left is shared among the passages (water-filling).
  const separator = 2; // "\n\n" between passage and citation
  const fixed = shells.reduce((n, s) => n + embedLength(s.embed) + s.tail.length + separator, 0);
  let left = LIMITS.embedTotal - fixed;
  const wants = shells.map((s) => Math.min(
    MAX_PASSAGE_CHARS,
    LIMITS.description - s.tail.length - separator,
    s.rendered.full.length,
  ));
  const budgets = new Array<number>(shells.length).fill(0);
  const order = wants.map((w, i) => ({ w, i })).sort((a, b) => a.w - b.w);
  order.forEach(({ w, i }, rank) => {
    const share = Math.floor(left / (order.length - rank));
    budgets[i] = Math.max(0, Math.min(w, share));
    left -= budgets[i]!;
  });
  return shells.map(({ r, embed, tail, rendered }, i) => {
    const passage = budgets[i]! >= 40 ? fitPassage(rendered, budgets[i]!, r.highlight) : '';
    return { ...embed, description: passage ? `${passage}\n\n${tail}` : tail };
  });
}

export interface AnswerButtonsState {
  key: string;
  askerId: string;
  /** Offset of the page "More results" would show. */
  nextOffset: number;
  moreEnabled: boolean;
}

export function answerButtons(s: AnswerButtonsState): APIActionRowComponent<APIButtonComponent>[] {
  return [{
    type: 1,
    components: [
      { type: 2, style: 1, label: 'More results', custom_id: askIds.more(s.askerId, s.key, s.nextOffset), disabled: !s.moreEnabled },
      { type: 2, style: 2, emoji: { name: '👍' }, custom_id: askIds.feedback(s.key, 'up') },
      { type: 2, style: 2, emoji: { name: '👎' }, custom_id: askIds.feedback(s.key, 'down') },
    ],
  }];
}

export function answerMessage(view: AnswerView, buttons: AnswerButtonsState): MessagePayload {
  return { content: answerContent(view), embeds: answerEmbeds(view), components: answerButtons(buttons) };
}

/**
 * The answer as one short plain message (no embeds, no buttons): what is sent
 * when Discord rejects the full answer, so the asker still gets the passages
 * and their ids. Each passage gets an equal share of the 2,000 characters.
 */
export function compactAnswer(view: AnswerView): string {
  const head = `**Q:** ${truncate(escapeMarkdown(view.answer.question.replace(/\s+/g, ' ').trim()), 300)}`;
  const note = '-# A short form of the answer: Discord would not take the full one.';
  const results = view.answer.results.slice(0, LIMITS.embeds);
  const share = Math.floor((LIMITS.content - head.length - note.length - 4) / Math.max(1, results.length)) - 2;
  const blocks = results.map((r) => {
    const source = `**${truncate(escapeMarkdown(r.title), 120)}** · \`${r.passageId.replace(/`/g, "'")}\``;
    return `${source}\n${truncate(escapeMarkdown(r.text.replace(/\s+/g, ' ')), Math.max(0, share - source.length - 1))}`;
  });
  return truncate([head, ...blocks, note].join('\n\n'), LIMITS.content);
}

// ---------------------------------------------------------------------------
// Refusals and errors

/**
 * The private reply when the engine will not answer: why, which words no
 * article has, and questions or articles to try instead.
 */
export function refusalMessage(
  answer: Pick<Answer, 'refusal' | 'missingTerms' | 'question'>,
  suggestions: readonly string[],
  titles: readonly string[],
): string {
  const lines: string[] = [];
  if (answer.refusal === 'no-content-words') {
    lines.push('That question has no words to look up, only words like "what" or "the". Ask about something specific, such as a person, a place or an agreement.');
  } else if (answer.refusal === 'too-little-covered') {
    lines.push("The articles touch on that but don't answer it, so there is nothing to quote.");
  } else {
    lines.push("The articles don't cover that.");
  }
  if (answer.missingTerms.length) {
    lines.push(`No article mentions: ${answer.missingTerms.slice(0, 10).map((t) => `**${escapeMarkdown(t)}**`).join(', ')}.`);
  }
  if (suggestions.length) {
    lines.push('', 'Questions the articles can answer:', ...suggestions.slice(0, 5).map((s) => `• ${escapeMarkdown(s)}`));
  } else if (titles.length) {
    lines.push('', 'The articles are:', ...titles.slice(0, REFUSAL_TITLES).map((t) => `• ${escapeMarkdown(t)}`));
  }
  lines.push('', '-# Try other words, or see every article with /sources.');
  return truncate(lines.join('\n'), LIMITS.content);
}

// ---------------------------------------------------------------------------
// /reload

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a reload did: what serves now, or why the old index was kept, and each file skipped. */
/** The /reload report; `otherShards`: how many other shard processes were asked to reload too. */
export function reloadMessage(report: ReloadReport, otherShards = 0): string {
  const size = (s: IndexSize) => `${plural(s.articles, 'article')}, ${plural(s.passages, 'passage')}`;
  const lines = [report.replaced
    ? `Reloaded: now serving ${size(report.now)} (before: ${size(report.before)}), in ${report.ms} ms.`
    : `Kept the articles already serving (${size(report.now)}): ${escapeMarkdown(report.keptBecause ?? 'the new index could not be used')}.`];
  if (otherShards > 0) lines.push(`That was this shard; ${otherShards === 1 ? 'the other shard reloads' : `the other ${otherShards} shards reload`} from the same folder (see the bot's log).`);
  if (report.problems.length) {
    lines.push('', `Skipped ${plural(report.problems.length, 'file')}:`);
    lines.push(...report.problems.slice(0, 15).map((p) => `• \`${p.file.replace(/`/g, "'")}\`: ${escapeMarkdown(p.problem)}`));
    if (report.problems.length > 15) lines.push(`…and ${report.problems.length - 15} more (see the log).`);
  }
  return truncate(lines.join('\n'), LIMITS.content);
}

// ---------------------------------------------------------------------------
// /sources

export const SOURCES_PER_PAGE = 8;

function articleHeading(a: ArticleSummary): string {
  const title = truncate(a.title, 200);
  // Brackets cannot be escaped inside a masked link's text: drop them there.
  if (a.url && /^https?:\/\/\S+$/.test(a.url)) return `**[${escapeMarkdown(title.replace(/[[\]]/g, ''))}](${a.url.replace(/\(/g, '%28').replace(/\)/g, '%29')})**`;
  return `**${escapeMarkdown(title)}**`;
}

function articleMeta(a: ArticleSummary): string {
  const date = formatDate(a.published);
  return [
    escapeMarkdown(a.publisher ?? 'Publisher not stated'),
    date ?? 'date not stated',
    `${a.passageCount} passage${a.passageCount === 1 ? '' : 's'}`,
    `\`${a.id}\``,
  ].join(' · ');
}

export function sourcesPageCount(total: number): number {
  return Math.max(1, Math.ceil(total / SOURCES_PER_PAGE));
}

/** One page of the article list, with Previous/Next buttons when there is more than one page. */
export function sourcesMessage(articles: readonly ArticleSummary[], page: number): MessagePayload {
  const pages = sourcesPageCount(articles.length);
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = articles.slice(p * SOURCES_PER_PAGE, (p + 1) * SOURCES_PER_PAGE);
  const description = truncate(
    shown.map((a) => `${articleHeading(a)}\n${articleMeta(a)}`).join('\n\n') || 'No articles are loaded.',
    LIMITS.description,
  );
  const footer = `${articles.length} article${articles.length === 1 ? '' : 's'}${pages > 1 ? ` · page ${p + 1} of ${pages}` : ''} · /sources article:<name> for one article's passages`;
  const embed: APIEmbed = { title: 'The articles I answer from', description, color: COLOR, footer: { text: footer } };
  const components: MessagePayload['components'] = pages > 1 ? [{
    type: 1,
    components: [
      { type: 2, style: 2, label: 'Previous', custom_id: sourcesIds.page(p - 1, 'prev'), disabled: p === 0 },
      { type: 2, style: 2, label: 'Next', custom_id: sourcesIds.page(p + 1, 'next'), disabled: p >= pages - 1 },
    ],
  }] : [];
  return { embeds: [embed], components };
}

/** One article: its details and first passages, each cut to fit. */
export function articleMessage(a: ArticleSummary, passages: readonly Passage[], shown = 3): MessagePayload {
  const fields = [
    { name: 'Publisher', value: truncate(escapeMarkdown(a.publisher ?? 'not stated'), LIMITS.fieldValue), inline: true },
    { name: 'Published', value: formatDate(a.published) ?? 'not stated', inline: true },
    { name: 'Passages', value: String(a.passageCount), inline: true },
  ];
  if (a.author) fields.push({ name: 'Author', value: truncate(escapeMarkdown(a.author), LIMITS.fieldValue), inline: true });
  const heading = `\`${a.id}\`${a.titleWritten ? ' · headline written for this collection (the original had none)' : ''}`;
  const first = passages.slice(0, shown);
  const per = Math.floor((LIMITS.description - heading.length - 200) / Math.max(1, first.length)) - 20;
  const body = first.map((p) => `\`${p.id}\`\n${renderPassage(p.text, [], Math.min(per, 1000))}`).join('\n\n');
  const more = passages.length > first.length ? `\n\n-# …and ${passages.length - first.length} more passages. Ask about this article with /ask source:${a.id}.` : '';
  const embed: APIEmbed = {
    title: truncate(escapeMarkdown(a.title), LIMITS.title),
    description: truncate(`${heading}\n\n${body}${more}`, LIMITS.description),
    color: COLOR,
    fields,
  };
  if (a.url && /^https?:\/\/\S+$/.test(a.url)) embed.url = a.url;
  return { embeds: [embed], components: [] };
}
