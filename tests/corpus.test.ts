import { copyFile, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyBlock, cleanArticle, isHeadlineRepeat, splitBlocks } from '../src/engine/clean.ts';
import {
  CorpusError, decodeText, loadCorpus, loadCorpusStrict, parseAliases, parseArticle, slugify, splitFrontMatter,
  type Article, type LoadedCorpus,
} from '../src/engine/corpus.ts';
import { DEFAULT_PASSAGE_OPTIONS, isNoteKind, splitArticle, type Passage } from '../src/engine/passages.ts';
import { CORPUS, RUN_SHARED, requireShared, mdArticle, removeDir, SHARED, tempCorpus } from './helpers.ts';

const dirs: string[] = [];
async function corpusOf(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempCorpus(files);
  dirs.push(dir);
  return dir;
}
afterAll(async () => { await Promise.all(dirs.map(removeDir)); });

describe('front matter', () => {
  it('splits front matter from the body', () => {
    expect(splitFrontMatter('---\ntitle: T\n---\nBody\n')).toEqual({ frontMatter: 'title: T\n', body: 'Body\n' });
  });

  it('accepts CRLF line ends and a BOM', () => {
    expect(splitFrontMatter('\uFEFF---\r\ntitle: T\r\n---\r\nBody')).toEqual({ frontMatter: 'title: T\n', body: 'Body' });
  });

  it('returns no front matter when the file does not start with ---', () => {
    expect(splitFrontMatter('Title\n\nBody')).toEqual({ frontMatter: null, body: 'Title\n\nBody' });
  });

  it('reads every field, leaving unknown ones null', () => {
    const a = parseArticle('x.md', mdArticle({ author: 'Lauren Canterberry' }));
    expect(a).toMatchObject({
      id: 'test-article', title: 'A test article', publisher: 'Test Press', published: '2024-06-19',
      url: 'https://example.com/a', author: 'Lauren Canterberry', titleWritten: false, file: 'x.md',
    });
    const bare = parseArticle('bare.md', mdArticle({ id: null, publisher: null, published: null, url: null }));
    expect(bare).toMatchObject({ id: 'bare', publisher: null, published: null, url: null, author: null });
  });

  it('marks a headline written for the corpus', () => {
    expect(parseArticle('x.md', mdArticle({ title_written: 'true' })).titleWritten).toBe(true);
  });

  it('ignores YAML comments and normalises the title', () => {
    const a = parseArticle('x.md', '---\n# a note for operators\ntitle: "Korea\u2019s pact \u2014 signed"\n---\nKim signed the treaty.\n');
    expect(a.title).toBe("Korea's pact - signed");
  });

  it('derives the id from the file name when front matter has none', () => {
    expect(parseArticle('002 Russia & Korea.md', mdArticle({ id: null })).id).toBe('002-russia-korea');
    expect(slugify('Pyöngyang Summit!!')).toBe('pyongyang-summit');
    expect(slugify('???')).toBe('article');
  });

  it('takes a Markdown "# Heading" first line as the title when front matter has none', () => {
    const a = parseArticle('h.md', '# Putin visits Pyongyang\n\nPutin and Kim signed a treaty on Wednesday.\n');
    expect(a.title).toBe('Putin visits Pyongyang');
    expect(a.blocks.map((b) => b.text)).toEqual(['Putin and Kim signed a treaty on Wednesday.']);
  });
});

describe('.txt articles', () => {
  it('takes the first non-empty line as the title and the rest as the story', () => {
    const a = parseArticle('raw scrape.txt', '\n\nPutin visits Pyongyang\n\nPutin and Kim signed a treaty on Wednesday.\n\nKim called it an alliance.\n');
    expect(a.title).toBe('Putin visits Pyongyang');
    expect(a.id).toBe('raw-scrape');
    expect(a.publisher).toBeNull();
    expect(a.blocks.map((b) => b.text)).toEqual(['Putin and Kim signed a treaty on Wednesday.', 'Kim called it an alliance.']);
  });

  it('does not read "---" lines of a .txt file as front matter', () => {
    const a = parseArticle('a.txt', '---\nPutin and Kim signed a treaty on Wednesday.\n');
    expect(a.title).toBe('---');
  });
});

describe('aliases.yaml', () => {
  it('parses groups of names', () => {
    expect(parseAliases('- [North Korea, DPRK]\n- [U.S., United States]\n')).toEqual([['North Korea', 'DPRK'], ['U.S.', 'United States']]);
    expect(parseAliases('# only a comment\n')).toEqual([]);
  });

  it.each([
    ['not a list', 'DPRK: North Korea\n', /list of alias groups/],
    ['a group of one', '- [DPRK]\n', /group 1 must be a list of at least two names/],
    ['broken YAML', '- [DPRK, North Korea\n', /broken YAML/],
  ])('rejects %s', (_case, raw, message) => {
    expect(() => parseAliases(raw)).toThrow(message);
  });

  it('the bundled aliases load and map DPRK to North Korea', async () => {
    const corpus = await loadCorpusStrict(CORPUS);
    expect(corpus.aliases.some((g) => g.includes('DPRK') && g.includes('North Korea'))).toBe(true);
  });
});

describe('decodeText', () => {
  it('decodes UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Pyöngyang'))).toBe('Pyöngyang');
  });
});

/** Every way an article file can be bad: the problem's wording, and a file that triggers it. */
const BAD_FILES: Array<{ name: string; file: string; content: string | Uint8Array; problem: RegExp }> = [
  { name: 'empty file', file: 'empty.md', content: '', problem: /empty file/ },
  { name: 'not UTF-8', file: 'latin1.txt', content: Uint8Array.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' au lait\n\nText.\n')]), problem: /not UTF-8/ },
  { name: 'binary (NUL bytes)', file: 'binary.md', content: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]), problem: /binary file/ },
  { name: 'front matter with no closing ---', file: 'open.md', content: '---\ntitle: T\nPutin and Kim met.\n', problem: /broken front matter: no closing "---"/ },
  { name: 'front matter that is not YAML', file: 'yaml.md', content: '---\ntitle: [unclosed\n---\nPutin and Kim met.\n', problem: /broken front matter/ },
  { name: 'front matter that is a list', file: 'list.md', content: '---\n- title\n- T\n---\nPutin and Kim met.\n', problem: /broken front matter: expected "key: value" lines/ },
  { name: 'front matter that is a plain string', file: 'scalar.md', content: '---\njust some words\n---\nPutin and Kim met.\n', problem: /broken front matter: expected "key: value" lines/ },
  { name: 'no title', file: 'untitled.md', content: mdArticle({ title: null }), problem: /no title/ },
  { name: 'blank title', file: 'blank-title.md', content: mdArticle({ title: '"   "' }), problem: /no title/ },
  { name: 'title that is not text', file: 'list-title.md', content: mdArticle({ title: '[a, b]' }), problem: /"title" must be text/ },
  { name: 'bad id', file: 'bad-id.md', content: mdArticle({ id: '"Not A Slug!"' }), problem: /id "Not A Slug!" is not a slug/ },
  { name: 'published not ISO', file: 'date.md', content: mdArticle({ published: '19 June 2024' }), problem: /published "19 June 2024" is not an ISO date/ },
  { name: 'published month 13', file: 'date13.md', content: mdArticle({ published: '2024-13-01' }), problem: /published "2024-13-01" is not an ISO date/ },
  { name: 'published day that does not exist', file: 'feb30.md', content: mdArticle({ published: '2024-02-30' }), problem: /published "2024-02-30" is not an ISO date/ },
  { name: 'bad url', file: 'url.md', content: mdArticle({ url: 'example.com/a' }), problem: /url "example.com\/a" is not an http\(s\) address/ },
  { name: 'non-http url', file: 'ftp.md', content: mdArticle({ url: 'ftp://example.com/a' }), problem: /is not an http\(s\) address/ },
  { name: 'no story left after cleaning', file: 'chrome.md', content: mdArticle({}, 'Logo\n\nCopyright 2024 Test Press. All rights reserved.\n'), problem: /no story text left/ },
  { name: 'unsupported extension', file: 'page.html', content: '<p>Putin and Kim met.</p>', problem: /not an article: articles are \.md .* or \.txt/ },
];

describe('bad article files', () => {
  for (const bad of BAD_FILES) {
    it(`${bad.name}: lenient load lists it as a problem, keeps the good file`, async () => {
      const dir = await corpusOf({ 'good.md': mdArticle({ id: 'good' }), [bad.file]: bad.content });
      const corpus = await loadCorpus(dir);
      expect(corpus.problems).toHaveLength(1);
      expect(corpus.problems[0]!.file).toBe(bad.file);
      expect(corpus.problems[0]!.problem).toMatch(bad.problem);
      expect(corpus.articles.map((a) => a.id)).toEqual(['good']);
    });

    it(`${bad.name}: strict load throws a CorpusError naming the file and the problem`, async () => {
      const dir = await corpusOf({ 'good.md': mdArticle({ id: 'good' }), [bad.file]: bad.content });
      const error = await loadCorpusStrict(dir).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(CorpusError);
      const message = (error as Error).message;
      expect(message).toContain(path.join(dir, bad.file));
      expect(message).toMatch(bad.problem);
      expect(message).not.toContain('\n');
    });
  }

  it('duplicate id: the second file is refused, naming the first', async () => {
    const dir = await corpusOf({
      'a.md': mdArticle({ id: 'same' }, 'Putin and Kim signed a treaty.\n'),
      'b.md': mdArticle({ id: 'same' }, 'Kim called the pact an alliance.\n'),
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((a) => a.file)).toEqual(['a.md']);
    expect(corpus.problems).toEqual([{ file: 'b.md', problem: expect.stringMatching(/duplicate id "same" \(also used by a\.md\)/) }]);
    await expect(loadCorpusStrict(dir)).rejects.toThrow(new RegExp(`b\\.md: duplicate id "same"`));
  });

  it('duplicate id between a .txt file name and a front matter id', async () => {
    const dir = await corpusOf({
      'a.md': mdArticle({ id: 'b' }, 'Putin and Kim signed a treaty.\n'),
      'b.txt': 'Title\n\nKim called the pact an alliance.\n',
    });
    expect((await loadCorpus(dir)).problems).toEqual([{ file: 'b.txt', problem: expect.stringMatching(/duplicate id "b"/) }]);
  });

  it('duplicate article text under another id is refused, naming the first', async () => {
    const dir = await corpusOf({
      'a.md': mdArticle({ id: 'one', title: 'One' }),
      'b.txt': 'Two\n\nPutin and Kim signed a treaty in Pyongyang on Wednesday.\n',
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.problems).toEqual([{ file: 'b.txt', problem: 'duplicate article: same text as a.md' }]);
    await expect(loadCorpusStrict(dir)).rejects.toThrow(/b\.txt: duplicate article: same text as a\.md/);
  });

  it('a symbolic link leading outside the folder is refused', async () => {
    const outside = await corpusOf({ 'secret.md': mdArticle({ id: 'secret' }) });
    const dir = await corpusOf({ 'good.md': mdArticle({ id: 'good', title: 'Good' }, 'Kim called the pact an alliance.\n') });
    await symlink(path.join(outside, 'secret.md'), path.join(dir, 'link.md'));
    const corpus = await loadCorpus(dir);
    expect(corpus.problems).toEqual([{ file: 'link.md', problem: 'symbolic link leads outside the corpus folder' }]);
    expect(corpus.articles.map((a) => a.id)).toEqual(['good']);
    await expect(loadCorpusStrict(dir)).rejects.toThrow(/link\.md: symbolic link leads outside the corpus folder/);
  });

  it('a symbolic link into a sibling folder with a shared name prefix is refused', async () => {
    const dir = await corpusOf({ 'good.md': mdArticle({ id: 'good' }) });
    const sibling = `${dir}-evil`;
    dirs.push(sibling);
    await mkdir(sibling);
    await writeFile(path.join(sibling, 'x.md'), mdArticle({ id: 'x' }, 'Kim called the pact an alliance.\n'));
    await symlink(path.join(sibling, 'x.md'), path.join(dir, 'link.md'));
    expect((await loadCorpus(dir)).problems).toEqual([{ file: 'link.md', problem: 'symbolic link leads outside the corpus folder' }]);
  });

  it('a broken symbolic link is refused', async () => {
    const dir = await corpusOf({ 'good.md': mdArticle({ id: 'good' }) });
    await symlink(path.join(dir, 'nowhere.md'), path.join(dir, 'dangling.md'));
    expect((await loadCorpus(dir)).problems).toEqual([{ file: 'dangling.md', problem: 'broken symbolic link' }]);
  });

  it('a symbolic link to a file inside the folder is served', async () => {
    const dir = await corpusOf({ 'sub/real.md': mdArticle({ id: 'real' }) });
    await symlink(path.join(dir, 'sub', 'real.md'), path.join(dir, 'link.md'));
    const corpus = await loadCorpus(dir);
    expect(corpus.problems).toEqual([]);
    expect(corpus.articles.map((a) => a.file)).toEqual(['link.md']);
  });

  it('a broken aliases.yaml is a problem naming aliases.yaml', async () => {
    const dir = await corpusOf({ 'good.md': mdArticle(), 'aliases.yaml': '- [DPRK]\n' });
    await expect(loadCorpusStrict(dir)).rejects.toThrow(/aliases\.yaml: group 1 must be a list of at least two names/);
  });

  it('skips hidden files and sub-folders', async () => {
    const dir = await corpusOf({ 'good.md': mdArticle(), '.DS_Store': Uint8Array.from([0, 1, 2]), 'drafts/x.bin': 'x' });
    const corpus = await loadCorpus(dir);
    expect(corpus.problems).toEqual([]);
    expect(corpus.articles).toHaveLength(1);
  });
});

describe('unusable corpus folders', () => {
  it('a missing folder is a CorpusError naming it and the way out', async () => {
    const missing = path.join(await corpusOf({}), 'no-such-folder');
    for (const load of [loadCorpus, loadCorpusStrict]) {
      const error = await load(missing).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(CorpusError);
      expect((error as Error).message).toBe(`corpus folder ${missing} does not exist; pass --corpus DIR or set CORPUS_DIR`);
    }
  });

  it('a file in place of the folder is a CorpusError', async () => {
    const dir = await corpusOf({ 'a.md': mdArticle() });
    await expect(loadCorpus(path.join(dir, 'a.md'))).rejects.toThrow(/is not a folder/);
  });

  it('an empty folder loads leniently but strictly says it has no articles', async () => {
    const dir = await corpusOf({});
    expect(await loadCorpus(dir)).toMatchObject({ articles: [], problems: [] });
    await expect(loadCorpusStrict(dir)).rejects.toThrow(`corpus folder ${dir} has no articles (.md or .txt files)`);
  });

  it('a folder holding only aliases.yaml has no articles', async () => {
    const dir = await corpusOf({ 'aliases.yaml': '- [DPRK, North Korea]\n' });
    await expect(loadCorpusStrict(dir)).rejects.toThrow(/has no articles/);
  });
});

// ---------------------------------------------------------------------------
// Boilerplate rules on the real articles.

/** Passages with the articles' notes (captions, bylines, attribution lines) after the story's. */
const WITH_NOTES = { ...DEFAULT_PASSAGE_OPTIONS, notes: true };

/** Text that is never story: none of it may reach a story passage (the first twelve: no passage at all). */
const NOT_STORY: Array<[string, RegExp]> = [
  ['copyright line', /copyright|all rights reserved|may not be published/i],
  ['"For the latest news"', /for the latest news/i],
  ['newsletter pitch', /newsletter|sign up to receive|subscrib/i],
  ['donate', /\bdonate\b/i],
  ['"Leave a Reply"', /leave a reply|email address will not be published/i],
  ['comments', /^comments$|comment below|load the latest comments/i],
  ['bias rating', /media bias rating|allsides/i],
  ['logo', /\blogo\b/i],
  ['"Official website"', /official website/i],
  ['"Original video here"', /original video/i],
  ['"Dig deeper"', /dig deeper/i],
  ['licence line', /licensed under|creative commons/i],
  // Notes: kept out of the story, each a passage of its own kind after the story's.
  ['AI-summary note', /generated by AI/i],
  ['photo credit', /REUTERS|ATTENTION EDITORS|Pool Photo|via The Associated Press$/],
  ['byline or bio', /Lauren Canterberry|is a reporter for/],
  ['contributor credit', /contributed\.$/],
  ['publisher blurb', /is a global news TV program/],
];

/** What is never returned at all: copyright, pitches, comments, site chrome, licence lines. */
const BOILERPLATE = NOT_STORY.slice(0, NOT_STORY.findIndex(([w]) => w === 'AI-summary note'));

function expectNoBoilerplate(passages: Passage[], except: string[] = []) {
  expect(passages.length).toBeGreaterThan(20);
  const story = passages.filter((p) => !isNoteKind(p.kind));
  for (const [what, pattern] of NOT_STORY.filter(([w]) => !except.includes(w))) {
    const offending = story.filter((p) => pattern.test(p.text)).map((p) => `${p.id}: ${p.text.slice(0, 80)}`);
    expect(offending, what).toEqual([]);
  }
  for (const [what, pattern] of BOILERPLATE.filter(([w]) => !except.includes(w))) {
    const offending = passages.filter((p) => pattern.test(p.text)).map((p) => `${p.id}: ${p.text.slice(0, 80)}`);
    expect(offending, what).toEqual([]);
  }
}

describe('cleaning the bundled corpus', () => {
  let corpus: LoadedCorpus;
  let passages: Passage[];
  const article = (id: string): Article => corpus.articles.find((a) => a.id === id)!;
  beforeAll(async () => {
    corpus = await loadCorpusStrict(CORPUS);
    passages = corpus.articles.flatMap((a) => splitArticle(a, WITH_NOTES));
  });

  it('loads the five articles without problems', () => {
    expect(corpus.problems).toEqual([]);
    expect(corpus.articles.map((a) => a.id).sort()).toEqual([
      'dw-mutual-defense-agreement', 'putin-first-visit-in-24-years', 'putin-kim-comprehensive-partnership',
      'the-hill-deal-covers-military-assistance', 'world-mutual-defense-pact',
    ]);
  });

  it('no passage holds page furniture or pitches, and no story passage a caption, byline or credit', () => {
    expectNoBoilerplate(passages);
  });

  it('no passage repeats a headline', () => {
    for (const a of corpus.articles) {
      for (const p of passages.filter((q) => q.articleId === a.id)) {
        expect(p.text.toLowerCase().startsWith(a.title.toLowerCase()), p.id).toBe(false);
      }
    }
    expect(article('world-mutual-defense-pact').dropped.filter((d) => d.rule === 'headline-repeat')).toHaveLength(2);
  });

  const notes = (id: string, kind: string) => article(id).notes.filter((n) => n.kind === kind).map((n) => n.text);

  it('keeps photo captions as caption notes, out of the story', () => {
    expect(notes('world-mutual-defense-pact', 'caption')).toEqual([expect.stringMatching(/^Russian President Vladimir Putin, left, .* via The Associated Press$/)]);
    expect(notes('putin-kim-comprehensive-partnership', 'caption')).toEqual([expect.stringMatching(/^Russian President Vladimir Putin \(R\) meets .*THIRD PARTY\.$/)]);
  });

  it('keeps the WORLD byline and author bio as byline notes', () => {
    const bylines = notes('world-mutual-defense-pact', 'byline');
    expect(bylines[0]).toBe('Lauren Canterberry');
    expect(bylines[1]).toMatch(/^Lauren Canterberry is a reporter for WORLD\. .* both in 2017\./);
    expect(bylines).toHaveLength(2);
  });

  it('keeps "The Associated Press contributed.", what DW News is and the AI-summary note as attribution notes', () => {
    expect(notes('the-hill-deal-covers-military-assistance', 'attribution')).toEqual(['The Associated Press contributed.']);
    expect(notes('dw-mutual-defense-agreement', 'attribution')).toEqual([
      expect.stringMatching(/^DW News is a global news TV program broadcast by German public state-owned international broadcaster Deutsche Welle \(DW\)\.$/),
      'This summary has been generated by AI.',
    ]);
  });

  it('holds no other notes, and story text in none', () => {
    expect(corpus.articles.map((a) => [a.id, a.notes.map((n) => n.kind)])).toEqual([
      ['dw-mutual-defense-agreement', ['attribution', 'attribution']],
      ['putin-first-visit-in-24-years', []],
      ['putin-kim-comprehensive-partnership', ['caption']],
      ['the-hill-deal-covers-military-assistance', ['attribution']],
      ['world-mutual-defense-pact', ['caption', 'byline', 'byline']],
    ]);
  });

  it('puts the notes after the story, one passage each: the story keeps its passage numbers', () => {
    const storyOnly = corpus.articles.flatMap((a) => splitArticle(a, { ...DEFAULT_PASSAGE_OPTIONS, notes: false }));
    expect(passages.filter((p) => !isNoteKind(p.kind))).toEqual(storyOnly);
    for (const a of corpus.articles) {
      const own = passages.filter((p) => p.articleId === a.id);
      const story = own.filter((p) => !isNoteKind(p.kind));
      expect(own.slice(0, story.length)).toEqual(story);
      expect(own.slice(story.length).map((p) => [p.kind, p.text])).toEqual(a.notes.map((n) => [n.kind, n.text]));
      expect(own.map((p) => p.n)).toEqual(own.map((_, i) => i + 1));
      expect(own.slice(story.length).map((p) => p.block)).toEqual(a.notes.map((_, i) => a.blocks.length + i));
    }
    expect(passages.find((p) => p.kind === 'byline' && p.text.startsWith('Lauren Canterberry is'))?.id).toBe('world-mutual-defense-pact#6');
  });

  it('without notes, no passage is a note', () => {
    const story = corpus.articles.flatMap((a) => splitArticle(a, { ...DEFAULT_PASSAGE_OPTIONS, notes: false }));
    expect(story.length).toBe(passages.length - 7);
    expect(story.filter((p) => isNoteKind(p.kind))).toEqual([]);
  });

  it('keeps the story: a reporter\'s paragraph that mentions security and a news agency stays', () => {
    expect(passages.some((p) => /TASS Russian News Agency/.test(p.text) && /security ties/.test(p.text))).toBe(true);
    expect(passages.some((p) => p.text.startsWith('What else is happening in the region?'))).toBe(true);
    expect(passages.some((p) => p.text.includes('permanent member of the Security Council'))).toBe(true);
  });

  it('makes each DW bullet a passage of its own, after the lead paragraph', () => {
    const dw = passages.filter((p) => p.articleId === 'dw-mutual-defense-agreement');
    expect(dw.map((p) => p.kind)).toEqual(['paragraph', ...Array(9).fill('bullet'), 'attribution', 'attribution']);
    expect(dw[1]!.text).toBe('Russia and North Korea have signed a new defense agreement pledging mutual aid if either country faces military aggression.');
    for (const p of dw.slice(1, 10)) expect(p.text).not.toMatch(/•/);
  });

  it('normalises the story text: no curly quotes or long dashes remain', () => {
    for (const p of passages) expect(p.text, p.id).not.toMatch(/[\u2018\u2019\u201C\u201D\u2013\u2014]/);
  });
});

describe.skipIf(!RUN_SHARED)('cleaning the raw seed files dropped in as .txt', () => {
  let corpus: LoadedCorpus;
  let passages: Passage[];
  beforeAll(async () => {
    requireShared();
    const seeds = path.join(SHARED, 'corpus-seeds');
    const dir = await corpusOf({});
    for (const name of await readdir(seeds)) await copyFile(path.join(seeds, name), path.join(dir, name));
    corpus = await loadCorpusStrict(dir);
    passages = corpus.articles.flatMap((a) => splitArticle(a, WITH_NOTES));
  });

  it('loads all five seeds', () => {
    expect(corpus.articles).toHaveLength(5);
  });

  it('no passage holds boilerplate (bar the publisher blurb: a .txt file names no publisher to recognise)', () => {
    expectNoBoilerplate(passages, ['publisher blurb']);
  });

  it('drops headline repeats even when the scraped headline carries the site name ("Headline | SITE")', () => {
    const world = corpus.articles.find((a) => a.title.endsWith('| WORLD'))!;
    expect(world).toBeDefined();
    const texts = passages.filter((p) => p.articleId === world.id).map((p) => p.text);
    expect(texts).not.toContain('Russia and North Korea sign mutual defense pact');
  });
});

// ---------------------------------------------------------------------------
// The rules one by one, each with a story sentence it must leave alone.

describe('classifyBlock', () => {
  const ctx = { title: 'Russia and North Korea sign mutual defense pact', publisher: 'WORLD', author: 'Lauren Canterberry' };
  const rule = (text: string, c: Parameters<typeof classifyBlock>[1] = ctx) => classifyBlock(text, c)?.rule ?? null;

  it.each([
    ['copyright', 'Copyright 2024 Nexstar Media, Inc. All rights reserved.'],
    ['copyright', '© 2024 Test Press'],
    ['copyright', 'This material may not be published, broadcast, rewritten, or redistributed.'],
    ['licence', 'Image is licensed under the Creative Commons Attribution 4.0 License.'],
    ['licence', 'Photo: CC BY-SA 4.0'],
    ['latest-news-promo', 'For the latest news, weather, sports, and streaming video, head to The Hill.'],
    ['newsletter', 'Sign up to receive The Sift email newsletter each weekday morning.'],
    ['newsletter', 'Subscribe now for unlimited access.'],
    ['donate', 'Sound journalism, grounded in facts | Donate'],
    ['donate', 'Donate today to support independent journalism.'],
    ['comments', 'Please wait while we load the latest comments...'],
    ['comments', 'Your email address will not be published. Required fields are marked *'],
    ['ai-summary', 'This summary has been generated by AI.'],
    ['ai-summary', 'This article was written with artificial intelligence.'],
    ['bias-rating', 'AllSides Media Bias Rating: Center'],
    ['promo', 'Dig deeper: Read the report in The Sift.'],
    ['promo', 'Original video here.'],
    ['promo', 'Read more: Putin in Pyongyang'],
    ['site-chrome', 'Logo'],
    ['site-chrome', 'Official website:'],
    ['site-chrome', 'Share'],
    ['headline-repeat', 'Russia and North Korea sign mutual defense pact'],
    ['headline-repeat', 'RUSSIA AND NORTH KOREA SIGN MUTUAL DEFENSE PACT.'],
    ['headline-repeat', 'Russia and North Korea sign mutual defense pact | WORLD'],
    ['publisher-blurb', 'WORLD is a news outlet based in North Carolina.'],
    ['byline', 'Lauren Canterberry'],
    ['byline', 'By John Smith'],
    ['byline', 'Jane Doe is a staff reporter for the paper.'],
    ['contributor-credit', 'The Associated Press contributed.'],
    ['contributor-credit', 'Reuters contributed to this report.'],
    ['caption', 'Putin and Kim in Pyongyang, June 19, 2024. REUTERS/Staff'],
    ['caption', 'Kim smiles during the talks. Pool Photo via The Associated Press'],
    ['caption', 'Caption: Crowds lined the route of the motorcade.'],
    ['fragment', 'Lauren Smith'],
  ])('%s: %s', (expected, text) => {
    expect(rule(text)).toBe(expected);
  });

  it('keeps captions, bylines and attribution lines as notes of their kind; drops the rest', () => {
    expect(classifyBlock('Putin in Pyongyang. REUTERS/Staff', ctx)?.keepAs).toBe('caption');
    expect(classifyBlock('By John Smith', ctx)?.keepAs).toBe('byline');
    expect(classifyBlock('Lauren Canterberry', ctx)?.keepAs).toBe('byline');
    expect(classifyBlock('Jane Doe is a staff reporter for the paper.', ctx)?.keepAs).toBe('byline');
    expect(classifyBlock('The Associated Press contributed.', ctx)?.keepAs).toBe('attribution');
    expect(classifyBlock('WORLD is a news outlet based in North Carolina.', ctx)?.keepAs).toBe('attribution');
    expect(classifyBlock('This summary has been generated by AI.', ctx)?.keepAs).toBe('attribution');
    for (const dropped of ['Logo', 'Copyright 2024 X. All rights reserved.', 'AllSides Media Bias Rating: Center', 'Sound journalism | Donate',
      'Sign up to receive The Sift email newsletter each weekday morning.', 'Image is licensed under the Creative Commons Attribution 4.0 License.']) {
      expect([dropped, classifyBlock(dropped, ctx)?.keepAs]).toEqual([dropped, undefined]);
    }
  });

  it.each([
    'The pact covers economic, political, and security ties, Putin said.',
    'Kim signed what the state-run TASS Russian News Agency characterized as a comprehensive strategic partnership agreement.',
    'Russia pledged to donate wheat to North Korea, the ministry said.',
    'Both countries subscribe to the principle of mutual defense.',
    'Seoul urged its allies to sign up to new sanctions.',
    'Comments by Kim were broadcast on state television.',
    'Russia contributed troops to the effort.',
    'Russia will share technology with North Korea.',
    'The firm was licensed to export oil to Pyongyang.',
    'For the latest round of talks, Putin flew to Pyongyang.',
    'Kim accused the West of media bias in its coverage of the summit.',
    'Russia and North Korea sign mutual defense pact, then pledge more trade.',
    'Pyongyang 2024',
    '"We will win."',
  ])('keeps story: %s', (text) => {
    expect(rule(text)).toBeNull();
  });

  it('a long paragraph that quotes boilerplate words is story', () => {
    const long = `${'Putin and Kim discussed the pact at length in Pyongyang. '.repeat(8)}All rights reserved, Kim joked.`;
    expect(rule(long)).toBeNull();
  });

  it('the publisher blurb rule needs the publisher', () => {
    expect(rule('WORLD is a news outlet based in North Carolina.', { title: 'T' })).toBeNull();
  });
});

describe('splitBlocks and cleanArticle', () => {
  it('blank lines separate paragraphs; wrapped lines join', () => {
    expect(splitBlocks('One line\nwrapped.\n\n\nTwo.')).toEqual([
      { kind: 'paragraph', text: 'One line wrapped.' }, { kind: 'paragraph', text: 'Two.' },
    ]);
  });

  it('each bullet line is a block of its own, marker removed', () => {
    expect(splitBlocks('Lead.\n  • First point.\n- Second point.\n* Third point.\n1. Fourth point.\nAfter.')).toEqual([
      { kind: 'paragraph', text: 'Lead.' },
      { kind: 'bullet', text: 'First point.' },
      { kind: 'bullet', text: 'Second point.' },
      { kind: 'bullet', text: 'Third point.' },
      { kind: 'bullet', text: 'Fourth point.' },
      { kind: 'paragraph', text: 'After.' },
    ]);
  });

  it('a hyphenated word at a line start is not a bullet', () => {
    expect(splitBlocks('-based forces moved.')).toEqual([{ kind: 'paragraph', text: '-based forces moved.' }]);
  });

  it('everything from a comment section on is dropped, however story-like', () => {
    const cleaned = cleanArticle('Putin and Kim signed a treaty.\n\nLeave a Reply\n\nGreat article, Putin and Kim signed a treaty!\n', { title: 'T' });
    expect(cleaned.blocks.map((b) => b.text)).toEqual(['Putin and Kim signed a treaty.']);
    expect(cleaned.dropped.map((d) => d.rule)).toEqual(['comment-section', 'comment-section']);
  });

  it('records what it dropped and why', () => {
    const cleaned = cleanArticle('T\n\nKim spoke.\n\nCopyright 2024 X. All rights reserved.', { title: 'T' });
    expect(cleaned.dropped).toEqual([{ rule: 'headline-repeat', text: 'T' }, { rule: 'copyright', text: 'Copyright 2024 X. All rights reserved.' }]);
  });

  it('isHeadlineRepeat: the headline with a site name on either side', () => {
    expect(isHeadlineRepeat('Putin visits Pyongyang - Reuters', 'Putin visits Pyongyang')).toBe(true);
    expect(isHeadlineRepeat('Putin visits Pyongyang', 'Putin visits Pyongyang | WORLD')).toBe(true);
    expect(isHeadlineRepeat('Putin visits Pyongyang again', 'Putin visits Pyongyang')).toBe(false);
  });
});
