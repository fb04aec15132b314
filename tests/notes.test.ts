/**
 * The notes around a story (photo captions and credits, bylines and author
 * notes, attribution lines) as passages of their own kind, after the story's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatAnswer } from '../src/cli/ask.ts';
import { toJsonAnswer } from '../src/engine/contract.ts';
import { loadCorpusStrict, type LoadedCorpus } from '../src/engine/corpus.ts';
import { SearchEngine, type Answer, type ResultPassage } from '../src/engine/engine.ts';
import { DEFAULT_PASSAGE_OPTIONS } from '../src/engine/passages.ts';
import { CORPUS } from './helpers.ts';

let corpus: LoadedCorpus;
let withNotes: SearchEngine;
let storyOnly: SearchEngine;
beforeAll(async () => {
  corpus = await loadCorpusStrict(CORPUS);
  withNotes = new SearchEngine(corpus, { passages: { ...DEFAULT_PASSAGE_OPTIONS, notes: true } });
  storyOnly = new SearchEngine(corpus, { passages: { ...DEFAULT_PASSAGE_OPTIONS, notes: false } });
});

describe('notes as passages', () => {
  it('are indexed after the story: the story passages keep their ids and texts', () => {
    for (const a of corpus.articles) {
      const story = storyOnly.passagesOf(a.id);
      const all = withNotes.passagesOf(a.id);
      expect(all.slice(0, story.length)).toEqual(story);
      expect(all.slice(story.length).map((p) => p.kind)).toEqual(a.notes.map((n) => n.kind));
    }
    expect(withNotes.passageCount).toBe(storyOnly.passageCount + 7);
  });

  it('answer what only a caption, a byline or an attribution line says', () => {
    const photo = withNotes.answer('Who took the photo of Putin and Kim walking after the talks?');
    expect(photo.results[0]!.text).toMatch(/Gavriil Grigorov, Sputnik, Kremlin Pool Photo/);
    const earlier = withNotes.answer('When did Putin and Kim meet in Vladivostok?');
    expect(earlier.results[0]!.text).toMatch(/Vladivostok, Russia April 25, 2019/);
    const university = withNotes.answer('Which university did Lauren Canterberry graduate from?');
    expect(university.results[0]!.text).toMatch(/University of Georgia/);
    const outlet = withNotes.answer('What is Deutsche Welle?');
    expect(outlet.results[0]!.text).toMatch(/^DW News is a global news TV program/);
    // Without notes, none of it is in any passage.
    for (const q of ['Who took the photo of Putin and Kim walking after the talks?', 'Which university did Lauren Canterberry graduate from?']) {
      expect(storyOnly.answer(q).results.map((r) => r.text).join(' ')).not.toMatch(/Grigorov|University of Georgia/);
    }
  });

  it('come back from the engine marked by kind; story passages carry none', () => {
    const photo = withNotes.answer('Who took the photo of Putin and Kim walking after the talks?');
    expect(photo.results[0]!.kind).toBe('caption');
    const json = toJsonAnswer(photo);
    expect(json.results[0]!.kind).toBe('caption');
    const bio = withNotes.answer('Which university did Lauren Canterberry graduate from?');
    expect(bio.results[0]!.kind).toBe('byline');
    expect(withNotes.answer('What is Deutsche Welle?').results[0]!.kind).toBe('attribution');
    const story = toJsonAnswer(withNotes.answer('What did Russia and North Korea agree to?'));
    for (const r of story.results) expect('kind' in r).toBe(false);
  });

  it('keep their kind through an index snapshot', () => {
    const options = { passages: { ...DEFAULT_PASSAGE_OPTIONS, notes: true } };
    const loaded = SearchEngine.fromSnapshot(corpus, withNotes.toSnapshot(), options);
    for (const a of corpus.articles) expect(loaded.passagesOf(a.id)).toEqual(withNotes.passagesOf(a.id));
    const q = 'Who took the photo of Putin and Kim walking after the talks?';
    expect(toJsonAnswer(loaded.answer(q))).toEqual(toJsonAnswer(withNotes.answer(q)));
  });

  it('never make boilerplate a passage: copyright, newsletter, donate, comments, site chrome, licence', () => {
    const texts = corpus.articles.flatMap((a) => withNotes.passagesOf(a.id).map((p) => p.text));
    for (const pattern of [/copyright|all rights reserved/i, /newsletter|sign up to receive/i, /\bdonate\b/i, /leave a reply|comments/i, /\blogo\b|official website/i,
      /licensed under|creative commons/i, /media bias rating|allsides/i, /dig deeper|original video/i]) {
      expect(texts.filter((t) => pattern.test(t))).toEqual([]);
    }
  });
});

describe('the kind of a note in what is shown', () => {
  const result = (over: Partial<ResultPassage>): ResultPassage => ({
    passageId: 'world-mutual-defense-pact#4', articleId: 'world-mutual-defense-pact', title: 'T', publisher: 'WORLD', published: null, url: null,
    author: null, text: 'Putin and Kim smile.', score: 1, highlight: null, sentences: [{ start: 0, end: 20 }], matches: [],
    features: { bm25: 1, coverage: 1, sentence: 1, proximity: 0, phrase: 0, answerKind: 0 } as ResultPassage['features'], ...over,
  });
  const answer = (results: ResultPassage[]): Answer => ({ question: 'q', answered: true, missingTerms: [], corrections: [], results, hasMore: false, nearest: [], matched: 1, coverage: 1, refusal: null });

  it('is an optional "kind" field of the JSON contract, absent for story paragraphs and bullets', () => {
    const json = toJsonAnswer(answer([result({ kind: 'caption' }), result({ passageId: 'world-mutual-defense-pact#1' })]));
    expect(json.results[0]!.kind).toBe('caption');
    expect('kind' in json.results[1]!).toBe(false);
    expect(JSON.stringify(json.results[0])).toMatch(/"url":null,"kind":"caption","text":/);
  });

  it('is labelled in the CLI\'s readable answer', () => {
    const text = formatAnswer(answer([result({ kind: 'byline' }), result({ passageId: 'world-mutual-defense-pact#1', kind: undefined })]));
    expect(text).toContain('    world-mutual-defense-pact#4  byline  score 1');
    expect(text).toContain('    world-mutual-defense-pact#1  score 1');
  });
});
