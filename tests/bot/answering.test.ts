/** The Discord-free answering helpers, on the bundled corpus. */
import { beforeAll, describe, expect, it } from 'vitest';
import { articleChoices, ask, checkQuestion, questionChoices, questionFromMessage, resolveArticle } from '../../src/bot/answering.ts';
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
    for (const typed of ['', 'r', 'road bridge', 'Putin', '@everyone', '🚀', 'x'.repeat(300), 'what is the']) {
      const choices = questionChoices(engine, typed);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('articles: filtered by title, publisher or id', () => {
    expect(articleChoices(engine, 'dw').map((c) => c.value)).toEqual(['dw-mutual-defense-agreement']);
    expect(articleChoices(engine, '').length).toBe(5);
    expect(articleChoices(engine, 'no such thing')).toEqual([]);
  });

  it('resolve an article by id, exact title or a unique part', () => {
    expect(resolveArticle(engine, 'world-mutual-defense-pact')?.id).toBe('world-mutual-defense-pact');
    expect(resolveArticle(engine, 'PUTIN MAKES FIRST VISIT TO NORTH KOREA IN 24 YEARS')?.id).toBe('putin-first-visit-in-24-years');
    expect(resolveArticle(engine, 'The Hill')?.id).toBe('the-hill-deal-covers-military-assistance');
    expect(resolveArticle(engine, 'North Korea')).toBeNull(); // ambiguous
    // What a client shows as the suggestion, sent instead of its value.
    for (const choice of articleChoices(engine, '')) expect(resolveArticle(engine, choice.name)?.id).toBe(choice.value);
  });
});

describe('ask', () => {
  it('pages without repeating passages and knows when there is more', () => {
    const q = 'What does the pact say about military aggression?';
    const first = ask(engine, { question: q, k: 2, offset: 0, articleId: null });
    const second = ask(engine, { question: q, k: 2, offset: 2, articleId: null });
    expect(first.kind).toBe('answered');
    expect(first.kind === 'answered' && first.hasMore).toBe(true);
    const ids = (o: typeof first) => o.answer.results.map((r) => r.passageId);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
  });

  it('refusals carry suggestions when the rest of the question finds something', () => {
    const refused = ask(engine, { question: 'Did Putin eat bananas?', k: 3, offset: 0, articleId: null });
    expect(refused.kind).toBe('refused');
    if (refused.kind !== 'refused') return;
    expect(refused.answer.missingTerms).toContain('bananas');
    expect(refused.titles).toHaveLength(5);
  });
});

describe('AnswerStore', () => {
  it('expires entries and calls back once, and bounds its size', async () => {
    const expired: string[] = [];
    const store = new AnswerStore(30, 2);
    const entry = (key: string) => ({ key, question: 'q', askerId: '1', k: 3, articleId: null, nextOffset: 3, hasMore: true, passageIds: [], mentionUserId: null });
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
