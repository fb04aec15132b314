/**
 * `npm run add-article` as an operator runs it: saved pages in, corpus files
 * out, one line per page, and `npm run ask` answering from what it wrote.
 */
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpusStrict } from '../src/engine/corpus.ts';
import { removeDir, ROOT, runScript, tempCorpus, type Run } from './helpers.ts';

const PAGES = path.join(ROOT, 'tests', 'fixtures', 'pages');
const addArticle = (...args: string[]) => runScript('src/cli/add-article.ts', args);
const ask = (dir: string, question: string) => runScript('src/cli/ask.ts', ['--corpus', dir, '--json', '-k', '1', question]);
const lines = (text: string) => text.split('\n').filter(Boolean);
const TREATY = 'putin-and-kim-sign-mutual-defence-treaty-in-pyongyang';

const dirs: string[] = [];
afterAll(async () => { await Promise.all(dirs.map(removeDir)); });
async function tempDir(): Promise<string> {
  const dir = await tempCorpus();
  dirs.push(dir);
  return dir;
}

describe('a folder of saved pages into a corpus folder that does not exist yet', () => {
  let dir: string;
  let run: Run;
  beforeAll(async () => {
    dir = path.join(await tempDir(), 'new-corpus');
    run = await addArticle('--corpus', dir, PAGES, path.join(PAGES, 'missing.html'));
  }, 60_000);

  it('writes one file per article page and prints one line for each, with the fields found and missing', async () => {
    expect(lines(run.stdout)).toEqual([
      `${path.join(PAGES, 'json-ld.html')}: wrote ${path.join(dir, `${TREATY}.md`)} (5 paragraphs, 2 captions; found title, publisher, published, url, author; missing none)`,
      `${path.join(PAGES, 'open-graph.html')}: wrote ${path.join(dir, 'seoul-weighs-its-answer-to-the-moscow-pyongyang-pact.md')} (5 paragraphs, 0 captions; found title, publisher, published, url; missing author)`,
      `${path.join(PAGES, 'plain.html')}: wrote ${path.join(dir, 'putin-ends-asia-trip-with-vietnam-deals-on-energy-and-education.md')} (4 paragraphs, 1 caption; found title; missing publisher, published, url, author)`,
      `${path.join(PAGES, 'yaml-title.html')}: wrote ${path.join(dir, 'fiery-friendship-what-kim-s-1-ally-gets-from-the-pact-and-what-i.md')} (3 paragraphs, 0 captions; found title, publisher, author; missing published ("June 22, 2024" is not an ISO date), url)`,
    ]);
  });

  it('gives every page that is no article one line naming the file and the reason, writes nothing for it, and exits 1', async () => {
    expect(lines(run.stderr)).toEqual([
      `${path.join(PAGES, 'empty.html')}: empty file; nothing written`,
      `${path.join(PAGES, 'index.html')}: no article: an index page, its text is teasers under 4 headlines that link to other pages; nothing written`,
      `${path.join(PAGES, 'login.html')}: no article: the page has no story-length paragraphs (a login, search or error page?); nothing written`,
      `${path.join(PAGES, 'not-html.html')}: not an HTML page (no <html>, <head> or <body> tag); nothing written`,
      `${path.join(PAGES, 'missing.html')}: no such file or folder; nothing written`,
    ]);
    expect(run.code).toBe(1);
    expect((await readdir(dir)).length).toBe(4);
  });

  it('writes files the loader serves without a problem', async () => {
    const corpus = await loadCorpusStrict(dir);
    expect(corpus.articles.map((a) => [a.id, a.publisher, a.published, a.author])).toEqual([
      ['fiery-friendship-what-kim-s-1-ally-gets-from-the-pact-and-what-i', 'The Ledger', null, 'Tomás Reyes'],
      [TREATY, 'The Harbour Herald', '2024-06-19', 'Mira Okafor'],
      ['putin-ends-asia-trip-with-vietnam-deals-on-energy-and-education', null, null, null],
      ['seoul-weighs-its-answer-to-the-moscow-pyongyang-pact', 'Northern Dispatch', '2024-06-21', null],
    ]);
  });

  it('npm run ask answers from the new articles', async () => {
    const [talks, seoul] = await Promise.all([ask(dir, 'How long did the talks before the signing last?'), ask(dir, 'Which ambassador did South Korea summon?')]);
    expect(talks.code).toBe(0);
    const talksAnswer = JSON.parse(talks.stdout);
    expect(talksAnswer.results[0]).toMatchObject({ articleId: TREATY, publisher: 'The Harbour Herald', published: '2024-06-19' });
    expect(talksAnswer.results[0].text).toContain('talks that lasted almost nine hours');
    expect(JSON.parse(seoul.stdout).results[0].text).toContain('summoned the Russian ambassador, Georgy Zinoviev');
  }, 60_000);
});

describe('the same page twice', () => {
  it('in one batch: written once, then refused with one line', async () => {
    const dir = await tempDir();
    const page = path.join(PAGES, 'json-ld.html');
    const run = await addArticle('--corpus', dir, page, page);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toHaveLength(1);
    expect(lines(run.stderr)).toEqual([`${page}: ${path.join(dir, `${TREATY}.md`)} already holds this page (same url); pass --force to replace it; nothing written`]);
    expect(await readdir(dir)).toEqual([`${TREATY}.md`]);
  });

  it('again later: the file is left untouched unless --force, which replaces it and keeps its id', async () => {
    const dir = await tempDir();
    const file = path.join(dir, `${TREATY}.md`);
    expect((await addArticle('--corpus', dir, path.join(PAGES, 'json-ld.html'))).code).toBe(0);
    // The same story, saved again after the site corrected it (same url), and renamed by hand in the corpus.
    const updated = path.join(dir, '..', 'updated-page.html');
    await writeFile(updated, (await readFile(path.join(PAGES, 'json-ld.html'), 'utf8')).replace('almost nine hours', 'almost ten hours'));
    await writeFile(file, (await readFile(file, 'utf8')).replace(`id: ${TREATY}`, 'id: treaty'));
    const before = await readFile(file, 'utf8');
    const { mtimeMs } = await stat(file);

    const refused = await addArticle('--corpus', dir, updated);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(lines(refused.stderr)).toEqual([`${updated}: ${file} already holds this page (same url); pass --force to replace it; nothing written`]);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await stat(file)).mtimeMs).toBe(mtimeMs);

    const forced = await addArticle('--corpus', dir, '--force', updated);
    expect(forced.code).toBe(0);
    expect(lines(forced.stdout)).toHaveLength(1);
    expect(forced.stdout.startsWith(`${updated}: replaced ${file} (5 paragraphs`)).toBe(true);
    const after = await readFile(file, 'utf8');
    expect(after).toContain('almost ten hours');
    expect(after).toContain('id: treaty\n');
    expect(await readdir(dir)).toEqual([`${TREATY}.md`]);
  }, 60_000);

  it('a different article whose title gives a taken file name gets the next free name; the other file is untouched', async () => {
    const dir = await tempDir();
    const other = '---\ntitle: Putin and Kim sign mutual defence treaty in Pyongyang\n---\nAn older story under the same headline, from another paper, about the same day in Pyongyang.\n';
    await writeFile(path.join(dir, `${TREATY}.md`), other);
    const run = await addArticle('--corpus', dir, path.join(PAGES, 'json-ld.html'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${path.join(dir, `${TREATY}-2.md`)}`);
    expect(await readFile(path.join(dir, `${TREATY}.md`), 'utf8')).toBe(other);
    expect((await loadCorpusStrict(dir)).articles.map((a) => a.id).sort()).toEqual([TREATY, `${TREATY}-2`]);
  });
});

describe('bad input', () => {
  it('no page, or an unknown flag: one line and exit 2', async () => {
    const dir = await tempDir();
    const [none, flag] = await Promise.all([addArticle('--corpus', dir), addArticle('--corpus', dir, '--overwrite', 'x.html')]);
    expect(none.code).toBe(2);
    expect(lines(none.stderr)).toEqual([expect.stringMatching(/^error: no page given\. Usage: npm run add-article -- /)]);
    expect(flag.code).toBe(2);
    expect(lines(flag.stderr)).toEqual([expect.stringMatching(/^error: unknown option '--overwrite'/)]);
  });

  it('a corpus path that is a file, and a folder with no page in it: one line each', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'a-file'), 'x');
    await mkdir(path.join(dir, 'empty-folder'));
    await copyFile(path.join(PAGES, 'plain.html'), path.join(dir, 'plain.html'));
    const [notFolder, noPages] = await Promise.all([
      addArticle('--corpus', path.join(dir, 'a-file'), path.join(dir, 'plain.html')),
      addArticle('--corpus', path.join(dir, 'corpus'), path.join(dir, 'empty-folder')),
    ]);
    expect(notFolder.code).toBe(2);
    expect(lines(notFolder.stderr)).toEqual([`error: corpus path ${path.join(dir, 'a-file')} is not a folder; pass --corpus DIR with a folder`]);
    expect(noPages.code).toBe(1);
    expect(lines(noPages.stderr)).toEqual([`${path.join(dir, 'empty-folder')}: a folder with no .html or .htm page in it; nothing written`]);
  });

  it('a story too large for the loader to read: one line, nothing written', async () => {
    const dir = await tempDir();
    const paragraph = `<p>${'Putin and Kim signed a treaty in Pyongyang that commits each country to help the other if attacked. '.repeat(3)}</p>\n`;
    const big = path.join(dir, 'big.html');
    await writeFile(big, `<html><head><title>A long story</title></head><body><article>${paragraph.repeat(7500)}</article></body></html>`);
    const run = await addArticle('--corpus', path.join(dir, 'corpus'), big);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([`${big}: its story comes to over 2 MiB, more than the corpus loader reads from one file; split the page; nothing written`]);
    expect(await readdir(path.join(dir, 'corpus'))).toEqual([]);
  }, 60_000);
});
