/**
 * The embed formatting, against Discord's limits (checked with the same rules
 * the stand-in enforces) and with long and odd passages.
 */
import type { NoteKind } from '../../src/engine/clean.ts';
import { describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../src/engine/engine.ts';
import { parseCustomId, askIds, sourcesIds } from '../../src/bot/custom-ids.ts';
import {
  CONTEXT_CHARS,
  PASSAGE_EMBED_CHARS,
  answerMessage,
  articleMessage,
  compactAnswer,
  compareMessage,
  escapeMarkdown,
  missingLine,
  passageBody,
  refusalMessage,
  sourcesMessage,
  truncate,
  type AnswerView,
  type CompareView,
  type DisplayResult,
} from '../../src/bot/format.ts';
import { embedSize, messageProblems } from '../../testkit/limits.ts';

function result(text: string, over: Partial<DisplayResult> = {}): DisplayResult {
  return {
    passageId: 'article-one#1', articleId: 'article-one', title: 'A headline', publisher: 'The Paper', published: '2024-06-19',
    url: 'https://example.com/a', text, highlight: null, ...over,
  };
}

/** A result whose highlight is the `n`th sentence (from 1) of a text made of `sentence(1…count)`. */
function highlighted(count: number, n: number, over: Partial<DisplayResult> = {}): DisplayResult {
  const text = Array.from({ length: count }, (_, i) => sentence(i + 1)).join(' ');
  const start = text.indexOf(sentence(n));
  return result(text, { highlight: { start, end: start + sentence(n).length }, ...over });
}

function view(results: DisplayResult[], over: Partial<AnswerView> = {}): AnswerView {
  return { answer: { question: 'What about the treaty?', matched: 42, corrections: [], missingTerms: [], results }, offset: 0, articleCount: 5, ...over };
}

/** Passage and article ids, or a placeholder for an unknown fact: none of it may reach what people read. */
const NOT_FOR_READERS = /[a-z0-9-]+#\d+|`article-|not stated|unknown|\bn\/a\b/i;
const readable = (msg: { content?: string; embeds: Array<Record<string, any>> }) =>
  [msg.content ?? '', ...msg.embeds.flatMap((e) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])].filter(Boolean).join('\n');

const buttons = { key: '1234567890123456789', askerId: '98765432109876543', nextOffset: 3, moreEnabled: true };
const sentence = (i: number) => `Sentence ${i} says the treaty was signed after long talks in the capital and was welcomed by many.`;

describe('escapeMarkdown', () => {
  it('escapes inline Markdown, mention syntax and masked links', () => {
    expect(escapeMarkdown('*a* _b_ ~~c~~ `d` ||e|| <@123> <#4> [x](y) \\')).toBe('\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` \\|\\|e\\|\\| \\<@123\\> \\<#4\\> \\[x\\](y) \\\\');
  });
  it('escapes block syntax only at line starts', () => {
    expect(escapeMarkdown('# h\n> q\n- l\n1. n\n-# s\nmid # - > 1.')).toBe('\\# h\n\\> q\n\\- l\n\\1. n\n\\-# s\nmid # - \\> 1.');
  });
  it('breaks @everyone and @here with a zero-width space', () => {
    expect(escapeMarkdown('@everyone @here @Everyone')).toBe('@\u200beveryone @\u200bhere @\u200bEveryone');
  });
  it('leaves plain prose as it is, and still sees a lone mark in it', () => {
    const prose = 'Kim Jong-un met Putin on June 19, 2024 - the first visit in 24 years (1.5 days); e-mail me.';
    expect(escapeMarkdown(prose)).toBe(prose);
    expect(escapeMarkdown(`${prose}\n2. next`)).toBe(`${prose}\n\\2. next`);
    expect(escapeMarkdown(`${prose} @here`)).toBe(`${prose} @\u200bhere`);
    expect(escapeMarkdown(`${prose} a|b`)).toBe(`${prose} a\\|b`);
    expect(escapeMarkdown(`  > ${prose}`)).toBe(`  \\> ${prose}`);
  });
});

describe('truncate', () => {
  it('cuts at a word with an ellipsis and never splits an emoji', () => {
    expect(truncate('one two three', 9)).toBe('one two…');
    const emoji = '👩‍🚀'.repeat(10);
    const cut = truncate(emoji, 12);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.slice(0, -1)).toBe('👩‍🚀'.repeat(cut.slice(0, -1).length / 5));
  });
});

describe('passageBody: the answering sentence first, in bold, then some context', () => {
  it('bold highlight, then the sentences after it, whole, as many as fit in the context budget, "…" when some are left out', () => {
    const out = passageBody(highlighted(6, 2), 700);
    expect(out).toBe(`**${sentence(2)}** ${sentence(3)} ${sentence(4)} ${sentence(5)} …`);
    expect(out.length - sentence(2).length - 5).toBeLessThanOrEqual(CONTEXT_CHARS);
    expect(passageBody(highlighted(3, 2), 700)).toBe(`**${sentence(2)}** ${sentence(3)}`);
  });

  it('when nothing follows it, the sentences before it on a line of their own, "…" when earlier ones are left out', () => {
    expect(passageBody(highlighted(2, 2), 700)).toBe(`**${sentence(2)}**\n${sentence(1)}`);
    expect(passageBody(highlighted(6, 6), 700)).toBe(`**${sentence(6)}**\n… ${sentence(3)} ${sentence(4)} ${sentence(5)}`);
  });

  it('no highlight: the first sentence is the one shown first', () => {
    const r = result([1, 2].map(sentence).join(' '));
    expect(passageBody(r, 700)).toBe(`**${sentence(1)}** ${sentence(2)}`);
  });

  it('a sentence longer than the budget is cut at a word inside the bold, markers balanced', () => {
    const text = `The zeppelin ${'crossed the valley, '.repeat(400)}and landed.`;
    for (const budget of [50, 333, 700]) {
      const out = passageBody(result(text), budget);
      expect(out.length).toBeLessThanOrEqual(budget);
      expect(out).toMatch(/^\*\*[^*]+…\*\*$/);
      expect(text.startsWith(out.slice(2, -3))).toBe(true);
    }
  });

  it('never cuts between a letter and its accent', () => {
    // The cut falls right after the 9th character, between "e" and U+0301.
    expect(truncate(`${'x'.repeat(8)}e\u0301${'y'.repeat(20)}`, 10)).toBe(`${'x'.repeat(8)}…`);
    expect(truncate('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('cuts one enormous word on a grapheme boundary', () => {
    const out = passageBody(result('🚀'.repeat(3000)), 600);
    expect(out.length).toBeLessThanOrEqual(600);
    expect(out).toMatch(/^\*\*(🚀)+…\*\*$/u);
  });

  it('counts escaping towards the budget, and leaves no escape dangling', () => {
    const out = passageBody(result('*_`|'.repeat(500)), 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out).not.toMatch(/(^|[^\\])\\…/);
  });
});

describe('answer embeds', () => {
  const odd = [
    '@everyone look: <@&123> **not bold** `code` ```js\nalert(1)``` ||spoiler|| > quote # heading treaty',
    '🚀👩‍🚀🇰🇵🇷🇺 treaty emoji '.repeat(200),
    `${'A'.repeat(5000)} treaty`,
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map(sentence).join(' '),
    'treaty '.repeat(1500),
  ];

  it.each([1, 3, 5])('%i long, odd passages: each embed at most 700 characters, a valid message, no ids or placeholders', (n) => {
    const results = Array.from({ length: n }, (_, i) => result(odd[i % odd.length]!, {
      passageId: `article-${i}#${i + 1}`,
      articleId: `article-${i}`,
      title: `${'Very long headline '.repeat(20)} ${i}`,
      alsoIn: [{ passageId: `other-${i}#2`, title: 'Other', publisher: 'Other Press' }],
    }));
    const msg = answerMessage(view(results), buttons);
    expect(messageProblems(msg)).toEqual([]);
    expect(msg.embeds).toHaveLength(n);
    for (const e of msg.embeds) {
      expect(embedSize(e as Record<string, unknown>)).toBeLessThanOrEqual(PASSAGE_EMBED_CHARS);
      expect(e.description).toMatch(/^\*\*/);
      expect(e.description).not.toMatch(/(?<!\u200b)@(everyone|here)/);
    }
    expect(readable(msg)).not.toMatch(NOT_FOR_READERS);
  });

  it('the source line says what is known and nothing for what is not', () => {
    const full = answerMessage(view([result('The treaty.', { author: 'Jane Doe' })]), buttons).embeds[0]!;
    expect(full.description).toBe('**The treaty.**\n\n— The Paper · 19 Jun 2024 · by Jane Doe');
    expect(full.url).toBe('https://example.com/a');
    const bare = answerMessage(view([result('The treaty.', { url: null, publisher: null, published: null })]), buttons).embeds[0]!;
    expect(bare.url).toBeUndefined();
    expect(bare.description).toBe('**The treaty.**');
    expect(readable({ embeds: [full, bare] })).not.toMatch(NOT_FOR_READERS);
  });

  it('names photo captions and bylines on the source line, and nothing for story paragraphs', () => {
    const line = (kind?: string) => answerMessage(view([result('The treaty.', kind ? { kind: kind as NoteKind } : {})]), buttons).embeds[0]!.description!.split('\n\n')[1];
    expect(line('caption')).toBe('— The Paper · 19 Jun 2024 · photo caption');
    expect(line('byline')).toBe('— The Paper · 19 Jun 2024 · byline');
    expect(line('paragraph')).toBe('— The Paper · 19 Jun 2024');
    expect(line()).toBe('— The Paper · 19 Jun 2024');
  });

  it('"also reported by" names the outlets, each once, by title when an article names no publisher', () => {
    const r = result('The treaty.', { alsoIn: [
      { passageId: 'b#3', title: 'B', publisher: 'The Hill' }, { passageId: 'b#4', title: 'B', publisher: 'The Hill' },
      { passageId: 'c#1', title: 'Putin Makes First Visit', publisher: null },
    ] });
    expect(answerMessage(view([r]), buttons).embeds[0]!.description).toMatch(/\nAlso reported by The Hill, Putin Makes First Visit$/);
  });

  it('the footer counts passages and articles; the header can address a user and names words no article has', () => {
    const msg = answerMessage(view([result('The treaty.'), result('The treaty too.', { articleId: 'b', passageId: 'b#2' })], {
      offset: 3, mentionUserId: '111111111111111111',
      answer: { question: 'Did NATO sign the treaty?', matched: 42, corrections: [], missingTerms: ['nato'], results: [result('The treaty.'), result('The treaty too.', { articleId: 'b', passageId: 'b#2' })] },
    }), buttons);
    expect(msg.embeds.at(-1)!.footer!.text).toBe('Passages 4–5 of 42 that matched · from 2 of 5 articles');
    expect(msg.embeds[0]!.footer).toBeUndefined();
    expect(msg.content).toBe('For <@111111111111111111>\n**Q:** Did NATO sign the treaty?\nNo article mentions **NATO**.');
  });

  it('missing words are named as the question wrote them, escaped', () => {
    expect(missingLine('Did NATO and the *EU* meet?', ['nato', 'eu'])).toBe('No article mentions **NATO** or **EU**.');
    expect(missingLine("What was Biden's response, and Xi’s?", ['biden', 'xi'])).toBe('No article mentions **Biden** or **Xi**.');
    expect(missingLine('a b c', ['a', 'b', 'c'])).toBe('No article mentions **a**, **b** or **c**.');
    expect(missingLine('q', [])).toBeNull();
  });

  it('buttons carry ids under 100 characters that parse back', () => {
    const msg = answerMessage(view([result('The treaty.')]), buttons);
    const ids = msg.components[0]!.components.map((c) => ('custom_id' in c ? c.custom_id : ''));
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    expect(ids.map(parseCustomId)).toEqual([
      { command: 'ask', action: 'more', askerId: buttons.askerId, key: buttons.key, offset: 3 },
      { command: 'ask', action: 'feedback', key: buttons.key, vote: 'up' },
      { command: 'ask', action: 'feedback', key: buttons.key, vote: 'down' },
    ]);
  });
});

describe('the compact answer (sent when Discord rejects the full one)', () => {
  it('fits one message, names every passage by its title and source, escapes the text, and shows no id', () => {
    const long = Array.from({ length: 60 }, (_, i) => sentence(i)).join(' ');
    const results = Array.from({ length: 5 }, (_, i) => result(`${long} <@1> **bold** @everyone`, { passageId: `article-one#${i + 1}`, title: `Headline *${i}*` }));
    const text = compactAnswer(view(results));
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(messageProblems({ content: text })).toEqual([]);
    for (let i = 1; i <= 5; i++) expect(text).toContain(`**Headline \\*${i - 1}\\*** — The Paper · 19 Jun 2024\n`);
    expect(text).toMatch(/^\*\*Q:\*\* What about the treaty\?\n\n/);
    expect(text).toMatch(/-# A short form of the answer/);
    expect(text).not.toMatch(/(?<!\\)<@/);
    expect(text).not.toMatch(NOT_FOR_READERS);
  });
});

describe('custom ids', () => {
  it('refuses ids the bot did not make', () => {
    for (const id of ['', 'ask', 'ask:more:x:y:z', 'ask:more:1:k:-1', 'ask:fb:k:maybe', 'sources:page:x:next', 'other:thing', 'ask:open:../x#1:0', 'ask:open:a#1', 'ask:post:a#1:x']) {
      expect(parseCustomId(id)).toBeNull();
    }
    expect(parseCustomId(askIds.more('1', 'abc', 12))).toMatchObject({ offset: 12 });
    expect(parseCustomId(sourcesIds.page(-1, 'prev'))).toEqual({ command: 'sources', action: 'page', page: 0 });
    const longest = `${'a'.repeat(64)}#999999`;
    expect(askIds.post(longest, 999_999).length).toBeLessThanOrEqual(100);
    expect(parseCustomId(askIds.open(longest, 2))).toEqual({ command: 'ask', action: 'open', passageId: longest, offset: 2 });
  });
});

describe('refusals', () => {
  it('name the missing words as written and list the article titles when no passage is near', () => {
    const msg = refusalMessage({ refusal: 'not-in-articles', missingTerms: ['bananas', '*peru*'], question: 'Bananas in *Peru*?' }, [], ['Title A', 'Title B']);
    expect(msg.content).toMatch(/^The articles don't cover that\.\nNo article mentions \*\*Bananas\*\* or \*\*\\\*peru\\\*\*\*\./);
    expect(msg.content).toContain('• Title A');
    expect(msg.components).toEqual([]);
    expect(messageProblems(msg)).toEqual([]);
  });

  it('introduce the nearest passages as passages, each with a button that opens it', () => {
    const near = [highlighted(3, 2, { title: 'Pact signed' }), highlighted(2, 1, { passageId: 'b#4', articleId: 'b', title: 'Other' })];
    const msg = refusalMessage({ refusal: 'names-not-in-articles', missingTerms: ['china'], question: 'What did China say?' }, near, ['Title A']);
    expect(msg.content).toContain('No article mentions **China**.\n\nClosest passages:\n1. Pact signed: "Sentence 2 says');
    expect(msg.content).toContain('\n2. Other: "Sentence 1 says');
    expect(msg.content).not.toContain('Title A');
    expect(msg.embeds).toEqual([]);
    expect(msg.components[0]!.components.map((c) => parseCustomId('custom_id' in c ? c.custom_id! : ''))).toEqual([
      { command: 'ask', action: 'open', passageId: 'article-one#1', offset: near[0]!.highlight!.start },
      { command: 'ask', action: 'open', passageId: 'b#4', offset: 0 },
    ]);
    expect(near[0]!.highlight!.start).toBeGreaterThan(0);
    expect(messageProblems(msg)).toEqual([]);
    expect(readable(msg)).not.toMatch(NOT_FOR_READERS);
  });
});

describe('/compare', () => {
  const compare = (rows: DisplayResult[], over: Partial<CompareView> = {}): CompareView => ({
    question: 'What about the treaty?', corrections: [], missingTerms: [], rows, uncovered: [], notCompared: 0, articleCount: 10, ...over,
  });

  it('one embed per article in the answer format; the footer names the outlets that do not cover it; within 6,000 for eight', () => {
    const long = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(sentence).join(' ');
    const rows = Array.from({ length: 8 }, (_, i) => result(long, { passageId: `a${i}#1`, articleId: `a${i}`, title: `Headline ${'x'.repeat(150)} ${i}` }));
    const msg = compareMessage(compare(rows, { uncovered: [{ title: 'No Publisher Story', publisher: null }, { title: 'T', publisher: 'DW News' }] }));
    expect(messageProblems(msg)).toEqual([]);
    expect(msg.embeds).toHaveLength(8);
    expect(msg.embeds.at(-1)!.footer!.text).toBe('8 of 10 articles answer it · Not covered by No Publisher Story, DW News');
    expect(msg.content).toBe('**How each outlet reports it:** What about the treaty?');
    expect(readable(msg)).not.toMatch(NOT_FOR_READERS);
  });
});

describe('/sources', () => {
  const article = (i: number): ArticleSummary => ({
    id: `article-${i}`, title: `Headline [${i}] with *stars*`, publisher: i % 2 ? 'WORLD' : null, published: i % 3 ? null : '2024-06-20',
    url: i % 2 ? `https://example.com/${i}` : null, author: null, titleWritten: false, file: `${i}.md`, passageCount: i,
  });

  it('fits one page, says only what is known, and pages with distinct button ids beyond it', () => {
    const one = sourcesMessage([1, 2, 3, 4, 5].map(article), 0);
    expect(one.components).toEqual([]);
    expect(one.embeds[0]!.description).toContain('**[Headline 1 with \\*stars\\*](https://example.com/1)**\nWORLD · 1 passage');
    expect(one.embeds[0]!.description).toContain('**Headline \\[2\\] with \\*stars\\***\n2 passages');
    expect(one.embeds[0]!.description).toContain('\nWORLD · 20 Jun 2024 · 3 passages');
    expect(readable(one)).not.toMatch(NOT_FOR_READERS);
    const many = Array.from({ length: 30 }, (_, i) => article(i + 1));
    const page = sourcesMessage(many, 1);
    expect(messageProblems(page)).toEqual([]);
    expect(page.embeds[0]!.footer!.text).toMatch(/30 articles · page 2 of 4/);
    const ids = page.components[0]!.components.map((c) => ('custom_id' in c ? c.custom_id : ''));
    expect(new Set(ids).size).toBe(2);
    expect(ids.map((id) => parseCustomId(id))).toEqual([
      { command: 'sources', action: 'page', page: 0 },
      { command: 'sources', action: 'page', page: 2 },
    ]);
  });

  it('an article with huge passages stays within limits, with only the facts it has and no ids', () => {
    const a = article(2);
    const passages = [1, 2, 3, 4].map((n) => ({ id: `article-2#${n}`, articleId: 'article-2', n, block: n, kind: 'paragraph' as const, text: `${'Long words here. '.repeat(800)}` }));
    const msg = articleMessage(a, passages);
    expect(messageProblems(msg)).toEqual([]);
    expect(msg.embeds[0]!.fields!.map((f) => f.name)).toEqual(['Passages']);
    expect(msg.embeds[0]!.description).toContain('…and 1 more passages');
    expect(readable(msg)).not.toMatch(NOT_FOR_READERS);
  });
});
