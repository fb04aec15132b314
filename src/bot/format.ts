/**
 * Turns engine answers and article lists into Discord message payloads.
 *
 * Pure functions over plain API JSON (no Client, no I/O), so every limit
 * Discord enforces can be unit-tested here rather than discovered as a 400 in
 * production. Article text is untrusted: it is escaped so it can neither break
 * the embed's Markdown nor render as a mention. What people read names
 * articles by title and outlet, never by id: ids travel in custom ids and logs.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { Answer, ArticleSummary, ResultPassage } from '../engine/engine.ts';
import { withoutPossessive } from '../engine/analysis.ts';
import { NOTE_LABELS, type Passage } from '../engine/passages.ts';
import type { NoteKind } from '../engine/clean.ts';
import { sentenceSpans } from '../engine/text.ts';
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
 * Most characters of one passage's embed (title, passage, source, footer):
 * a reply is read in a chat, where the sentence that answers and a little
 * around it is what people take in, not the whole paragraph.
 */
export const PASSAGE_EMBED_CHARS = 700;
/** Most characters of context after the answering sentence. */
export const CONTEXT_CHARS = 300;
/** Articles a refusal lists when it has no passage to offer. */
export const REFUSAL_TITLES = 10;
/** Most passage embeds in one message: eight of at most 700 characters stay inside Discord's 6,000 for all embeds. */
export const MAX_EMBEDS = 8;

const COLOR = 0x3b6ea5;
const ELLIPSIS = '…';

/**
 * What an answer embed shows of a result: only these fields, so ranking
 * details the engine adds never change the formatting.
 */
export type DisplayResult = Pick<ResultPassage, 'passageId' | 'articleId' | 'title' | 'publisher' | 'published' | 'url' | 'text' | 'highlight'> & {
  /** The passage's sentences as the engine split them; split here when absent (a passage shown without an answer). */
  sentences?: ReadonlyArray<{ start: number; end: number }>;
  /** The article's author when known. */
  author?: string | null;
  /** What the passage is when it is not story text (a caption, a byline); absent for story paragraphs. */
  kind?: NoteKind;
  /** Passages of other articles that report the same fact. */
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


/** The longest prefix of `text`, cut at a word, whose escaped form (see escapeMarkdown) fits in `room`, with "…" when cut. */
function fitEscaped(text: string, room: number): string {
  const escaped = escapeMarkdown(text);
  if (escaped.length <= room) return escaped;
  // Escaping only lengthens, so the cut is found on the plain text: the longest that still fits once escaped.
  let lo = 0, hi = Math.min(text.length, room), best = '';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = mid === 0 ? '' : escapeMarkdown(truncate(text, mid));
    if (candidate.length <= room) {
      best = candidate;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

// Most text is already one line with single spaces: testing is cheaper than replacing.
const oneLine = (text: string) => (/[^\S ]| {2}|^ | $/.test(text) ? text.replace(/\s+/g, ' ').trim() : text);

// ---------------------------------------------------------------------------
// Answers

/** As many whole sentences of `text` from its start as fit in `budget` once escaped, " …" when some are left out. */
function wholeSentences(text: string, budget: number): string {
  let kept = '';
  const spans = sentenceSpans(text);
  for (const [i, s] of spans.entries()) {
    const next = `${kept ? `${kept} ` : ''}${escapeMarkdown(oneLine(text.slice(s.start, s.end)))}`;
    const more = i < spans.length - 1 ? ` ${ELLIPSIS}` : '';
    if (next.length + more.length > budget) return kept ? `${kept} ${ELLIPSIS}` : fitEscaped(oneLine(text), budget);
    kept = next;
  }
  return kept;
}

/** "19 Jun 2024". Made once: toLocaleDateString sets up a formatter on every call, which took most of an answer's formatting. */
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

export function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return DATE_FORMAT.format(date);
}

/** How a passage that is not story text is named on its source line. */

/** "WORLD · 19 Jun 2024 · by Lauren Canterberry · photo caption": what is known of a passage's source, nothing for what is not. */
function sourceLine(r: DisplayResult): string | null {
  const parts: string[] = [];
  if (r.publisher) parts.push(escapeMarkdown(truncate(oneLine(r.publisher), 100)));
  const date = formatDate(r.published);
  if (date) parts.push(date);
  if (r.author) parts.push(`by ${escapeMarkdown(truncate(oneLine(r.author), 100))}`);
  const kind = r.kind ? NOTE_LABELS[r.kind] : undefined;
  if (kind) parts.push(kind);
  return parts.length ? `— ${parts.join(' · ')}` : null;
}

/** How an outlet is named: its publisher, or the article's title when the article names none. */
const outletName = (a: { title: string; publisher: string | null }) => escapeMarkdown(truncate(oneLine(a.publisher ?? a.title), 60));

/** "Also reported by The Hill, DW News": the other outlets that report the same fact, each once. */
function alsoLine(r: DisplayResult): string | null {
  if (!r.alsoIn?.length) return null;
  const names = [...new Set(r.alsoIn.map(outletName))];
  const shown = names.slice(0, 5).join(', ');
  return `Also reported by ${shown}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`;
}

/** A result's sentences: the engine's, which it split when it indexed the passage, else split now. */
const sentencesOf = (r: Pick<DisplayResult, 'text' | 'sentences'>) => r.sentences ?? sentenceSpans(r.text);

/** Where in a passage its answering sentence is: the engine's highlight, else the first sentence. */
export function highlightSpan(r: Pick<DisplayResult, 'text' | 'highlight' | 'sentences'>): { start: number; end: number } {
  if (r.highlight && r.highlight.end > r.highlight.start) return r.highlight;
  return sentencesOf(r)[0] ?? { start: 0, end: r.text.length };
}


/**
 * A passage as a reader takes it in: the sentence that answers, in bold,
 * then up to CONTEXT_CHARS of what follows it (or, when nothing follows,
 * of what comes before it) in whole sentences, "…" marking what is left out;
 * in at most `budget` characters.
 */
export function passageBody(r: Pick<DisplayResult, 'text' | 'highlight' | 'sentences'>, budget: number): string {
  const hi = highlightSpan(r);
  // `**` must touch the text it bolds, and four characters go to the markers.
  const bold = `**${fitEscaped(oneLine(r.text.slice(hi.start, hi.end)), Math.max(1, budget - 4))}**`;
  const room = Math.min(CONTEXT_CHARS, budget - bold.length - 1);
  const spans = sentencesOf(r);
  const after = spans.filter((s) => s.start >= hi.end);
  const before = spans.filter((s) => s.end <= hi.start);
  if (room < 20 || (!after.length && !before.length)) return bold;
  const sentence = (s: { start: number; end: number }) => oneLine(r.text.slice(s.start, s.end));
  if (after.length) {
    let context = '';
    for (const [i, s] of after.entries()) {
      const more = i < after.length - 1 ? ` ${ELLIPSIS}` : '';
      const next = `${context ? `${context} ` : ''}${escapeMarkdown(sentence(s))}`;
      if (next.length + more.length > room) {
        // Not even the next sentence whole: cut it at a word instead of showing nothing.
        if (!context) context = fitEscaped(sentence(s), room);
        else context += ` ${ELLIPSIS}`;
        return `${bold} ${context}`;
      }
      context = next;
    }
    return `${bold} ${context}`;
  }
  // Nothing follows: the sentences just before it, on a line of their own, the closest kept first.
  let context = '';
  let from = before.length;
  while (from > 0) {
    const next = `${escapeMarkdown(sentence(before[from - 1]!))}${context ? ` ${context}` : ''}`;
    if (next.length + 2 > room) break;
    context = next;
    from--;
  }
  if (!context) return bold;
  return `${bold}\n${from > 0 ? `${ELLIPSIS} ` : ''}${context}`;
}

/** Characters of an embed that count towards the 6,000 total. */
export function embedLength(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0)
    + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/**
 * One passage as an embed, in at most PASSAGE_EMBED_CHARS: the article's
 * title (linked when its URL is known), the passage (see passageBody), its
 * source line and who else reports it; `footer` when given.
 */
export function passageEmbed(r: DisplayResult, footer: string | null = null): APIEmbed {
  const embed: APIEmbed = { title: truncate(escapeMarkdown(oneLine(r.title)), 200), color: COLOR };
  if (r.url && /^https?:\/\/\S+$/.test(r.url)) embed.url = r.url;
  if (footer) embed.footer = { text: truncate(footer, 300) };
  const tail = [sourceLine(r), alsoLine(r)].filter((l): l is string => l !== null).map((l) => truncate(l, 300)).join('\n');
  const budget = PASSAGE_EMBED_CHARS - embedLength(embed) - (tail ? tail.length + 2 : 0);
  const body = passageBody(r, budget);
  embed.description = tail ? `${body}\n\n${tail}` : body;
  return embed;
}

/**
 * "No article mentions **NATO**.": the words of the question no article
 * holds, each as the question wrote it (the engine reports them in lower case).
 */
export function missingLine(question: string, missingTerms: readonly string[]): string | null {
  if (!missingTerms.length) return null;
  const written = new Map<string, string>();
  for (const word of question.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'\u2019-]*/gu) ?? []) {
    // The engine reports "Biden's" as "biden": shown as "Biden".
    const bare = withoutPossessive(word);
    for (const shown of [word, bare]) if (!written.has(shown.toLowerCase())) written.set(shown.toLowerCase(), shown);
  }
  const names = missingTerms.slice(0, 8).map((t) => `**${escapeMarkdown(written.get(t.toLowerCase()) ?? t)}**`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return `No article mentions ${list}.`;
}

export interface AnswerView {
  answer: Pick<Answer, 'question' | 'matched' | 'corrections' | 'missingTerms'> & { results: DisplayResult[] };
  /** Rank of the first result shown, from 0. */
  offset: number;
  /** Articles in the corpus, for the footer. */
  articleCount: number;
  /** User to address ("For @user"), already validated by the caller. */
  mentionUserId?: string | null;
  /** A note for the asker shown above the answer (e.g. a mention that was ignored). */
  note?: string | null;
}

/** The question as shown back: one line, escaped, cut. */
const questionLine = (question: string, max: number) => `**Q:** ${truncate(escapeMarkdown(oneLine(question)), max)}`;

/** The lines above an answer: who it is for, the question, corrections, the words no article holds. */
function answerContent(view: AnswerView): string {
  const { answer } = view;
  const lines: string[] = [];
  if (view.mentionUserId) lines.push(`For <@${view.mentionUserId}>`);
  lines.push(questionLine(answer.question, 600));
  if (answer.corrections.length) {
    lines.push(`-# Read ${answer.corrections.slice(0, 5).map((c) => `"${escapeMarkdown(c.from)}" as "${escapeMarkdown(c.to)}"`).join(', ')}.`);
  }
  const missing = missingLine(answer.question, answer.missingTerms);
  if (missing) lines.push(missing);
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

/** One embed per passage (see passageEmbed); the last one's footer says how many passages and articles matched. */
export function answerEmbeds(view: AnswerView): APIEmbed[] {
  const results = view.answer.results.slice(0, MAX_EMBEDS);
  return results.map((r, i) => passageEmbed(r, i === results.length - 1 ? answerFooter(view) : null));
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
 * when Discord rejects the full one, so the asker still gets the passages and
 * where they come from. Each passage gets an equal share of the 2,000 characters.
 */
export function compactAnswer(view: { answer: { question: string; results: DisplayResult[] } }, heading: string | null = null): string {
  const head = heading ?? questionLine(view.answer.question, 300);
  const note = '-# A short form of the answer: Discord would not take the full one.';
  const results = view.answer.results.slice(0, MAX_EMBEDS);
  const share = Math.floor((LIMITS.content - head.length - note.length - 4) / Math.max(1, results.length)) - 2;
  const blocks = results.map((r) => {
    const source = [`**${truncate(escapeMarkdown(oneLine(r.title)), 120)}**`, sourceLine(r)].filter(Boolean).join(' ');
    const hi = highlightSpan(r);
    return `${source}\n${fitEscaped(oneLine(r.text.slice(hi.start)), Math.max(0, share - source.length - 1))}`;
  });
  return truncate([head, ...blocks, note].join('\n\n'), LIMITS.content);
}

// ---------------------------------------------------------------------------
// Refusals and the passages they offer

/** The reason a question is refused, in one sentence. */
function refusalReason(refusal: Answer['refusal']): string {
  if (refusal === 'no-content-words') {
    return 'That question has no words to look up, only words like "what" or "the". Ask about something specific, such as a person, a place or an agreement.';
  }
  if (refusal === 'too-little-covered') return "The articles touch on that but don't answer it, so there is nothing to quote.";
  return "The articles don't cover that.";
}

/**
 * The private reply when the engine will not answer: why, the words no
 * article holds, and the passages nearest to the question, each with a
 * button that opens it; the article titles when none is near.
 */
export function refusalMessage(
  answer: Pick<Answer, 'refusal' | 'missingTerms' | 'question'>,
  nearest: readonly DisplayResult[],
  titles: readonly string[],
): MessagePayload {
  const lines = [refusalReason(answer.refusal)];
  const missing = missingLine(answer.question, answer.missingTerms);
  if (missing) lines.push(missing);
  const shown = nearest.slice(0, 5);
  if (shown.length) {
    lines.push('', 'Closest passages:');
    shown.forEach((r, i) => {
      const hi = highlightSpan(r);
      lines.push(`${i + 1}. ${escapeMarkdown(truncate(oneLine(r.title), 90))}: "${fitEscaped(oneLine(r.text.slice(hi.start, hi.end)), 160)}"`);
    });
  } else if (titles.length) {
    lines.push('', 'The articles are:', ...titles.slice(0, REFUSAL_TITLES).map((t) => `• ${escapeMarkdown(truncate(oneLine(t), 150))}`));
  }
  lines.push('', '-# Try other words, or see every article with /sources.');
  const components: MessagePayload['components'] = shown.length ? [{
    type: 1,
    components: shown.map((r, i) => ({
      type: 2 as const, style: 2 as const, label: `Open ${i + 1}`, custom_id: askIds.open(r.passageId, highlightSpan(r).start),
    })),
  }] : [];
  return { content: truncate(lines.join('\n'), LIMITS.content), embeds: [], components };
}

/** A passage opened from a refusal: shown to the asker alone, with a button to post it for everyone. */
export function openedPassageMessage(r: DisplayResult): MessagePayload {
  return {
    content: '-# Only you can see this passage. Post it to share it with the channel.',
    embeds: [passageEmbed(r)],
    components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Post publicly', custom_id: askIds.post(r.passageId, highlightSpan(r).start) }] }],
  };
}

/** The same passage, posted for the channel. */
export function postedPassageMessage(r: DisplayResult): MessagePayload {
  return { embeds: [passageEmbed(r)], components: [] };
}

// ---------------------------------------------------------------------------
// /compare

export interface CompareView {
  question: string;
  corrections: Answer['corrections'];
  missingTerms: string[];
  /** The best passage of each article that answers, most relevant first. */
  rows: DisplayResult[];
  /** The articles that do not answer it. */
  uncovered: ReadonlyArray<{ title: string; publisher: string | null }>;
  notCompared: number;
  articleCount: number;
}

export function compareFooter(view: CompareView): string {
  const parts = [`${view.rows.length} of ${view.articleCount} article${view.articleCount === 1 ? '' : 's'} answer it`];
  if (view.uncovered.length) {
    const names = [...new Set(view.uncovered.map(outletName))];
    parts.push(`Not covered by ${names.slice(0, 8).join(', ')}${names.length > 8 ? ` and ${names.length - 8} more` : ''}`);
  }
  if (view.notCompared) parts.push(`${view.notCompared} more not compared`);
  return parts.join(' · ');
}

/** "How each outlet reports it": one embed per article, in the answer's format, the articles that do not cover it in the footer. */
export function compareMessage(view: CompareView): MessagePayload {
  const lines = [`**How each outlet reports it:** ${truncate(escapeMarkdown(oneLine(view.question)), 600)}`];
  if (view.corrections.length) {
    lines.push(`-# Read ${view.corrections.slice(0, 5).map((c) => `"${escapeMarkdown(c.from)}" as "${escapeMarkdown(c.to)}"`).join(', ')}.`);
  }
  const missing = missingLine(view.question, view.missingTerms);
  if (missing) lines.push(missing);
  const rows = view.rows.slice(0, MAX_EMBEDS);
  const embeds = rows.map((r, i) => passageEmbed(r, i === rows.length - 1 ? compareFooter(view) : null));
  return { content: truncate(lines.join('\n'), LIMITS.content), embeds, components: [] };
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
  const title = truncate(oneLine(a.title), 200);
  // Brackets cannot be escaped inside a masked link's text: drop them there.
  if (a.url && /^https?:\/\/\S+$/.test(a.url)) return `**[${escapeMarkdown(title.replace(/[[\]]/g, ''))}](${a.url.replace(/\(/g, '%28').replace(/\)/g, '%29')})**`;
  return `**${escapeMarkdown(title)}**`;
}

/** "DW News · 19 Jun 2024 · by Jane Doe · 10 passages": what is known of an article, nothing for what is not. */
function articleMeta(a: ArticleSummary): string {
  const date = formatDate(a.published);
  return [
    ...(a.publisher ? [escapeMarkdown(truncate(oneLine(a.publisher), 100))] : []),
    ...(date ? [date] : []),
    ...(a.author ? [`by ${escapeMarkdown(truncate(oneLine(a.author), 100))}`] : []),
    `${a.passageCount} passage${a.passageCount === 1 ? '' : 's'}`,
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
  const footer = `${articles.length} article${articles.length === 1 ? '' : 's'}${pages > 1 ? ` · page ${p + 1} of ${pages}` : ''} · /sources article:<title> for one article's passages`;
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

/** One article: what is known of it and its first passages, each cut at a sentence to fit. */
export function articleMessage(a: ArticleSummary, passages: readonly Passage[], shown = 3): MessagePayload {
  const fields = [
    ...(a.publisher ? [{ name: 'Publisher', value: truncate(escapeMarkdown(oneLine(a.publisher)), LIMITS.fieldValue), inline: true }] : []),
    ...(a.published ? [{ name: 'Published', value: formatDate(a.published) ?? a.published, inline: true }] : []),
    ...(a.author ? [{ name: 'Author', value: truncate(escapeMarkdown(oneLine(a.author)), LIMITS.fieldValue), inline: true }] : []),
    { name: 'Passages', value: String(a.passageCount), inline: true },
  ];
  const heading = a.titleWritten ? '-# Headline written for this collection (the original had none).\n\n' : '';
  const first = passages.slice(0, shown);
  const per = Math.min(1000, Math.floor((LIMITS.description - heading.length - 200) / Math.max(1, first.length)) - 4);
  const body = first.map((p) => wholeSentences(p.text, per)).join('\n\n');
  const more = passages.length > first.length
    ? `\n\n-# …and ${passages.length - first.length} more passages. Ask about this article with /ask, picking it under \`source\`.`
    : '';
  const embed: APIEmbed = {
    title: truncate(escapeMarkdown(oneLine(a.title)), LIMITS.title),
    description: truncate(`${heading}${body}${more}`, LIMITS.description),
    color: COLOR,
    fields,
  };
  if (a.url && /^https?:\/\/\S+$/.test(a.url)) embed.url = a.url;
  return { embeds: [embed], components: [] };
}
