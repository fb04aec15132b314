/** The question helpers and autocomplete choices, on the bundled corpus. */
import { beforeAll, describe, expect, it } from 'vitest';
import { articleChoices, checkQuestion, questionChoices, questionFromMessage, resultsWanted } from '../../src/bot/answering.ts';
import { AnswerStore } from '../../src/bot/answers.ts';
import { openEngine } from '../../src/bot/bot.ts';
import type { SearchEngine } from '../../src/engine/engine.ts';
import { BUNDLED_CORPUS } from '../../src/paths.ts';

let engine: SearchEngine;
beforeAll(async () => {
  engine = await openEngine(BUNDLED_CORPUS);
});

describe('questions', () => {
  it('checks empty and over-long questions with a message saying what to do', () => {
    expect(checkQuestion('  ')).toMatchObject({ ok: false, problem: expect.stringMatching(/empty.*Type a question/) });
    expect(checkQuestion('x'.repeat(301))).toMatchObject({ ok: false, problem: expect.stringMatching(/301 characters.*under 300/) });
    expect(checkQuestion('  road\n bridge ')).toEqual({ ok: true, value: 'road bridge' });
  });

  it('cuts a long message at a word to make a question', () => {
    const { question, cut } = questionFromMessage('word '.repeat(100));
    expect(cut).toBe(true);
    expect(question.length).toBeLessThanOrEqual(300);
    expect(question.endsWith('word')).toBe(true);
  });
});

describe('autocomplete choices', () => {
  it('are at most 25, names and values 1–100 characters, for any input', () => {
    for (const typed of ['', 'r', 'road bridge', 'Putin', '@everyone', '🚀', 'x'.repeat(300), 'what is the', 'kim tre', 'warning sho']) {
      const choices = questionChoices(engine, typed);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('question: the typed text first, then 📄 passages and 📰 articles whose values are their keys', () => {
    const choices = questionChoices(engine, 'putin makes first vis');
    expect(choices[0]).toEqual({ name: 'putin makes first vis', value: 'putin makes first vis' });
    expect(choices.slice(1).every((c) => /^(📄|📰) /u.test(c.name))).toBe(true);
    expect(choices.find((c) => c.name.startsWith('📰'))).toEqual({ name: '📰 Putin Makes First Visit to North Korea in 24 Years', value: 'a:putin-first-visit-in-24-years' });
    for (const c of choices.filter((x) => x.name.startsWith('📄'))) expect(c.value).toMatch(/^p:[a-z0-9-]+#\d+:\d+$/);
    // Each passage suggestion shows the start of its sentence.
    const shots = questionChoices(engine, 'warning sho')[1]!;
    expect(shots.name).toMatch(/^📄 South Korean troops on Tuesday fired warning shots .*…$/u);
  });

  it('articles: filtered by title, publisher or id, valued by id', () => {
    expect(articleChoices(engine, 'dw').map((c) => c.value)).toEqual(['dw-mutual-defense-agreement']);
    expect(articleChoices(engine, '').length).toBe(5);
    expect(articleChoices(engine, 'no such thing')).toEqual([]);
    // What a client shows as the suggestion, sent instead of its value, names the same article.
    for (const choice of articleChoices(engine, '')) expect(engine.findArticle(choice.name)?.id).toBe(choice.value);
  });

  it('results: clamped to 1–5', () => {
    expect([resultsWanted(null), resultsWanted(0), resultsWanted(99), resultsWanted(2)]).toEqual([3, 1, 5, 2]);
  });
});

describe('AnswerStore', () => {
  it('expires entries and calls back once, and bounds its size', async () => {
    const expired: string[] = [];
    const store = new AnswerStore(30, 2);
    const entry = (key: string) => ({ key, question: 'q', picked: false, askerId: '1', k: 3, articleId: null, nextOffset: 3, hasMore: true, passageIds: [], mentionUserId: null });
    store.put(entry('a'), (e) => expired.push(e.key));
    store.put(entry('b'), (e) => expired.push(e.key));
    store.put(entry('c'), (e) => expired.push(e.key));
    expect(expired).toEqual(['a']); // evicted to stay within 2
    expect(store.get('b')).toBeDefined();
    await new Promise((r) => setTimeout(r, 80));
    expect(store.get('b')).toBeUndefined();
    expect(expired.sort()).toEqual(['a', 'b', 'c']);
    expect(store.size).toBe(0);
  });
});
