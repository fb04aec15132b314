/**
 * The embed formatting, against Discord's limits (checked with the same rules
 * the stand-in enforces) and with long and odd passages.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../src/engine/engine.ts';
import { parseCustomId, askIds, sourcesIds } from '../../src/bot/custom-ids.ts';
import {
  MAX_PASSAGE_CHARS,
  answerMessage,
  articleMessage,
  compactAnswer,
  escapeMarkdown,
  refusalMessage,
  renderPassage,
  sourcesMessage,
  truncate,
  type AnswerView,
  type DisplayResult,
} from '../../src/bot/format.ts';
import { embedSize, messageProblems } from '../discord/limits.ts';

function result(text: string, over: Partial<DisplayResult> = {}): DisplayResult {
  const words = [...text.matchAll(/\b(?:treaty|zeppelin|mast)\b/gi)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return {
    passageId: 'article-one#1', articleId: 'article-one', title: 'A headline', publisher: 'The Paper', published: '2024-06-19',
    url: 'https://example.com/a', text, highlight: null, matches: words, ...over,
  };
}

function view(results: DisplayResult[], over: Partial<AnswerView> = {}): AnswerView {
  return { answer: { question: 'What about the treaty?', matched: 42, corrections: [], results }, offset: 0, articleCount: 5, ...over };
}

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

describe('renderPassage', () => {
  it('returns a passage that fits whole, with matched words bold', () => {
    expect(renderPassage('The treaty holds.', [{ start: 4, end: 10 }], 100)).toBe('The **treaty** holds.');
  });

  it('cuts at a sentence boundary and marks the cut', () => {
    const text = [1, 2, 3, 4, 5].map(sentence).join(' ');
    const out = renderPassage(text, [], 250);
    expect(out.length).toBeLessThanOrEqual(250);
    expect(out).toBe(`${sentence(1)} ${sentence(2)} …`);
  });

  it('starts at the highlighted sentence when the opening would leave it out', () => {
    const text = [1, 2, 3, 4, 5].map(sentence).join(' ');
    const start = text.indexOf(sentence(4));
    const out = renderPassage(text, [], 250, { start, end: start + sentence(4).length });
    expect(out).toBe(`… ${sentence(4)} ${sentence(5)}`);
  });

  it('cuts a sentence longer than the budget at a word, keeping bold markers balanced', () => {
    const text = `The zeppelin ${'crossed the valley, '.repeat(400)}and landed.`;
    const r = result(text);
    for (const budget of [50, 333, 1000, 4000]) {
      const out = renderPassage(text, r.matches, budget);
      expect(out.length).toBeLessThanOrEqual(budget);
      expect(out.endsWith(' …')).toBe(true);
      expect((out.match(/\*\*/g) ?? []).length % 2).toBe(0);
      expect(text.startsWith(out.slice(0, -2).replace(/\*\*/g, ''))).toBe(true);
    }
  });

  it('never cuts between a letter and its accent', () => {
    // The cut falls right after the 9th character, between "e" and U+0301.
    expect(truncate(`${'x'.repeat(8)}e\u0301${'y'.repeat(20)}`, 10)).toBe(`${'x'.repeat(8)}…`);
    expect(truncate('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('cuts one enormous word on a grapheme boundary', () => {
    const text = '🚀'.repeat(3000);
    const out = renderPassage(text, [], 1001);
    expect(out.length).toBeLessThanOrEqual(1001);
    expect(out.replace(' …', '')).toMatch(/^(🚀)+$/u);
  });

  it('counts escaping towards the budget', () => {
    const text = '*_`|'.repeat(500);
    const out = renderPassage(text, [], 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out).not.toMatch(/(^|[^\\])\\ …$/); // no dangling escape before the ellipsis
  });
});

describe('answer embeds stay within Discord limits', () => {
  const odd = [
    '@everyone look: <@&123> **not bold** `code` ```js\nalert(1)``` ||spoiler|| > quote # heading treaty',
    '🚀👩‍🚀🇰🇵🇷🇺 treaty emoji '.repeat(200),
    `${'A'.repeat(5000)} treaty`,
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map(sentence).join(' '),
    'treaty '.repeat(1500),
  ];

  it.each([1, 3, 5])('%i long, odd passages fit: ≤ 4096 per description, ≤ 6000 in all, valid message', (n) => {
    const results = Array.from({ length: n }, (_, i) => result(odd[i % odd.length]!, {
      passageId: `article-${i}#${i + 1}`,
      articleId: `article-${i}`,
      title: `${'Very long headline '.repeat(20)} ${i}`,
    }));
    const msg = answerMessage(view(results), buttons);
    expect(messageProblems(msg)).toEqual([]);
    expect(msg.embeds).toHaveLength(n);
    expect(msg.embeds.reduce((s, e) => s + embedSize(e as Record<string, unknown>), 0)).toBeLessThanOrEqual(6000);
    for (const e of msg.embeds) {
      expect(e.title!.length).toBeLessThanOrEqual(256);
      expect(e.description!.length).toBeLessThanOrEqual(4096);
      expect(e.description).toMatch(/`article-\d+#\d+`$/);
      expect(e.description).not.toMatch(/@(everyone|here)/);
    }
  });

  it('shows each passage whole when it fits, up to the readability cap', () => {
    const text = [1, 2, 3].map(sentence).join(' ');
    const msg = answerMessage(view([result(text)]), buttons);
    expect(msg.embeds[0]!.description).toContain(text.replace(/treaty/g, '**treaty**'));
    const long = result([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map(sentence).join(' '));
    const passage = answerMessage(view([long]), buttons).embeds[0]!.description!.split('\n\n')[0]!;
    expect(passage.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    expect(passage).toMatch(/\. …$/);
  });

  it('links the title when there is a URL, and falls back to a plain title', () => {
    const withUrl = answerMessage(view([result('The treaty.')]), buttons).embeds[0]!;
    expect(withUrl.url).toBe('https://example.com/a');
    const without = answerMessage(view([result('The treaty.', { url: null, publisher: null, published: null })]), buttons).embeds[0]!;
    expect(without.url).toBeUndefined();
    expect(without.description).toContain('— Publisher not stated · `article-one#1`');
    expect(withUrl.description).toContain('— The Paper · 19 Jun 2024 · `article-one#1`');
  });

  it('labels a passage that is a note around the story (photo caption, byline, attribution) in its source line', () => {
    const caption = answerMessage(view([result('Putin and Kim smile. Pool Photo via The Associated Press', { passageId: 'article-one#9', kind: 'caption' })]), buttons).embeds[0]!;
    expect(caption.description).toContain('— The Paper · 19 Jun 2024 · photo caption · `article-one#9`');
    const byline = answerMessage(view([result('Jane Doe is a reporter.', { kind: 'byline', author: 'Jane Doe' })]), buttons).embeds[0]!;
    expect(byline.description).toContain('— The Paper · by Jane Doe · 19 Jun 2024 · byline · `article-one#1`');
    expect(answerMessage(view([result('The treaty.')]), buttons).embeds[0]!.description).not.toMatch(/caption|byline|attribution/);
  });

  it('the footer counts passages and articles; the header can address a user', () => {
    const msg = answerMessage(view([result('The treaty.'), result('The treaty too.', { articleId: 'b', passageId: 'b#2' })], { offset: 3, mentionUserId: '111111111111111111' }), buttons);
    expect(msg.embeds.at(-1)!.footer!.text).toBe('Passages 4–5 of 42 that matched · from 2 of 5 articles');
    expect(msg.embeds[0]!.footer).toBeUndefined();
    expect(msg.content).toMatch(/^For <@111111111111111111>\n\*\*Q:\*\* What about the treaty\?/);
  });

  it('renders "also reported by" when the engine provides it', () => {
    const r = result('The treaty.', { alsoIn: [{ passageId: 'b#3', title: 'B', publisher: 'The Hill' }, { passageId: 'c#1', title: 'C', publisher: null }] });
    expect(answerMessage(view([r]), buttons).embeds[0]!.description).toContain('Also reported by The Hill (`b#3`), C (`c#1`)');
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
  it('fits one message, names every passage and its title, and escapes the text', () => {
    const long = Array.from({ length: 60 }, (_, i) => sentence(i)).join(' ');
    const results = Array.from({ length: 5 }, (_, i) => result(`${long} <@1> **bold** @everyone`, { passageId: `article-one#${i + 1}`, title: `Headline *${i}*` }));
    const text = compactAnswer(view(results));
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(messageProblems({ content: text })).toEqual([]);
    for (let i = 1; i <= 5; i++) expect(text).toContain(`**Headline \\*${i - 1}\\*** · \`article-one#${i}\``);
    expect(text).toMatch(/^\*\*Q:\*\* What about the treaty\?\n\n/);
    expect(text).toMatch(/-# A short form of the answer/);
    expect(text).not.toMatch(/(?<!\\)<@/);
  });
});

describe('custom ids', () => {
  it('refuses ids the bot did not make', () => {
    for (const id of ['', 'ask', 'ask:more:x:y:z', 'ask:more:1:k:-1', 'ask:fb:k:maybe', 'sources:page:x:next', 'other:thing']) {
      expect(parseCustomId(id)).toBeNull();
    }
    expect(parseCustomId(askIds.more('1', 'abc', 12))).toMatchObject({ offset: 12 });
    expect(parseCustomId(sourcesIds.page(-1, 'prev'))).toEqual({ command: 'sources', action: 'page', page: 0 });
  });
});

describe('refusals', () => {
  it('names the missing words and offers suggestions, or the titles', () => {
    const text = refusalMessage({ refusal: 'not-in-articles', missingTerms: ['bananas', '*peru*'], question: 'q' }, [], ['Title A', 'Title B']);
    expect(text).toMatch(/don't cover that/);
    expect(text).toContain('No article mentions: **bananas**, **\\*peru\\***.');
    expect(text).toContain('• Title A');
    const suggested = refusalMessage({ refusal: 'too-little-covered', missingTerms: [], question: 'q' }, ['Who signed the treaty?'], ['Title A']);
    expect(suggested).toContain('• Who signed the treaty?');
    expect(suggested).not.toContain('Title A');
    expect(messageProblems({ content: text })).toEqual([]);
  });
});

describe('/sources', () => {
  const article = (i: number): ArticleSummary => ({
    id: `article-${i}`, title: `Headline [${i}] with *stars*`, publisher: i % 2 ? 'WORLD' : null, published: i % 3 ? null : '2024-06-20',
    url: i % 2 ? `https://example.com/${i}` : null, author: null, titleWritten: false, file: `${i}.md`, passageCount: i,
  });

  it('fits one page and pages with distinct button ids beyond it', () => {
    const one = sourcesMessage([1, 2, 3, 4, 5].map(article), 0);
    expect(one.components).toEqual([]);
    expect(one.embeds[0]!.description).toContain('**[Headline 1 with \\*stars\\*](https://example.com/1)**');
    expect(one.embeds[0]!.description).toContain('**Headline \\[2\\] with \\*stars\\***');
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

  it('an article with huge passages stays within limits', () => {
    const a = article(1);
    const passages = [1, 2, 3, 4].map((n) => ({ id: `article-1#${n}`, articleId: 'article-1', n, block: n, kind: 'paragraph' as const, text: `${'Long words here. '.repeat(800)}` }));
    const msg = articleMessage(a, passages);
    expect(messageProblems(msg)).toEqual([]);
    expect(msg.embeds[0]!.description).toContain('`article-1#3`');
    expect(msg.embeds[0]!.description).toContain('…and 1 more passages');
  });
});
