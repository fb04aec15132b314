/**
 * `npm run add-article -- [--corpus DIR] [--force] PAGE.html|FOLDER …` — turns
 * saved web pages into corpus articles: one Markdown file per page, with the
 * front matter the page states. One line per page; a page that cannot be
 * added gets a line saying why, nothing is written for it, and the rest go on
 * (exit 1 when any failed). The running bot's folder watcher picks new files up.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCommonConfig } from '../config.ts';
import { CorpusError, FileProblem, loadCorpus, MAX_ARTICLE_BYTES, parseArticle, type Article } from '../engine/corpus.ts';
import { articleFile, entryOf, placeArticle, type CorpusFolder } from '../page-import/article-file.ts';
import { FIELDS, missingFields, type PageMeta } from '../page-import/metadata.ts';
import { decodePage, extractPage, PageProblem } from '../page-import/page.ts';
import { parseCli, runCli, UsageError } from './common.ts';

const USAGE = 'npm run add-article -- [--corpus DIR] [--force] PAGE.html|FOLDER …  (default DIR: CORPUS_DIR or the bundled corpus)';
const PAGE_FILE = /\.(?:html?|xhtml)$/i;

/** The folder pages are added to, created when missing; kept up to date as pages are written. */
async function openFolder(dir: string): Promise<CorpusFolder> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new CorpusError(`corpus path ${dir} is not a folder; pass --corpus DIR with a folder`);
    throw new CorpusError(`corpus folder ${dir} cannot be created (${code ?? (err as Error).message})`);
  }
  const corpus = await loadCorpus(dir);
  return { dir, entries: corpus.articles.map(entryOf), names: new Set((await readdir(dir)).map((n) => n.toLowerCase())) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function report(meta: PageMeta, article: Article): string {
  const bullets = article.blocks.filter((b) => b.kind === 'bullet').length;
  const parts = [plural(article.blocks.length - bullets, 'paragraph'), ...(bullets ? [plural(bullets, 'list item')] : []), plural(article.notes.filter((n) => n.kind === 'caption').length, 'caption')];
  const found = FIELDS.filter((f) => meta.found[f]);
  return `${parts.join(', ')}; found ${found.join(', ')}; missing ${missingFields(meta).join(', ') || 'none'}`;
}

/** Writes `text` to `file` without ever leaving it half-written; never over an existing file unless `replace`. */
async function writeArticle(file: string, text: string, replace: boolean): Promise<void> {
  const failed = (err: unknown) => new PageProblem(`cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  if (!replace) {
    try {
      await writeFile(file, text, { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new PageProblem(`${file} already exists; pass --force to overwrite it`);
      await rm(file, { force: true }); // 'wx' created it, so it holds nothing of anyone's; half a file would be served
      throw failed(err);
    }
    return;
  }
  // A hidden name, which the loader and the bot's watcher ignore, then one rename: a reload sees the old file or the new one.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (err) {
    throw failed(err);
  } finally {
    await rm(temp, { force: true });
  }
}

/** Adds one page to the folder; returns the line to print, or throws PageProblem. */
async function addPage(page: string, folder: CorpusFolder, force: boolean): Promise<string> {
  const bytes = await readFile(page).catch((err: NodeJS.ErrnoException) => {
    throw new PageProblem(`cannot be read (${err.code ?? err.message})`);
  });
  const extracted = extractPage(decodePage(bytes));
  let draft: Article;
  try {
    draft = parseArticle('new.md', articleFile(extracted, 'new'));
  } catch (err) {
    // What the loader would refuse (no story left once page furniture is gone, say) is not written.
    if (err instanceof FileProblem) throw new PageProblem(err.message);
    throw err;
  }
  const spot = placeArticle(draft, folder, force);
  const target = path.join(folder.dir, spot.file);
  const text = articleFile(extracted, spot.id);
  if (Buffer.byteLength(text) > MAX_ARTICLE_BYTES) {
    throw new PageProblem(`its story comes to over ${MAX_ARTICLE_BYTES / 1024 / 1024} MiB, more than the corpus loader reads from one file; split the page`);
  }
  await writeArticle(target, text, spot.replaces);
  const entry = entryOf({ ...draft, id: spot.id, file: spot.file });
  folder.entries = [...folder.entries.filter((e) => e.file !== spot.file), entry];
  folder.names.add(spot.file.toLowerCase());
  return `${spot.replaces ? 'replaced' : 'wrote'} ${target} (${report(extracted, draft)})`;
}

/** The pages a command-line argument names: the file itself, or a folder's .html and .htm files. */
async function pagesOf(arg: string): Promise<string[]> {
  const info = await stat(arg).catch(() => null);
  if (info === null) throw new PageProblem('no such file or folder');
  if (!info.isDirectory()) return [arg];
  const pages = (await readdir(arg, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith('.') && PAGE_FILE.test(e.name))
    .map((e) => path.join(arg, e.name))
    .sort();
  if (pages.length === 0) throw new PageProblem('a folder with no .html or .htm page in it');
  return pages;
}

async function main(): Promise<void> {
  const { values, positionals } = parseCli(process.argv.slice(2), {
    corpus: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) { console.log(`Usage: ${USAGE}`); return; }
  if (positionals.length === 0) throw new UsageError(`no page given. Usage: ${USAGE}`);
  const folder = await openFolder(values.corpus ?? loadCommonConfig().corpusDir);
  let failed = false;
  const fail = (file: string, err: unknown) => {
    failed = true;
    // Anything but a PageProblem is a fault of ours or of a library on this page: named, and the batch goes on.
    const why = err instanceof PageProblem ? err.message : `could not be converted (${err instanceof Error ? err.message : String(err)})`;
    console.error(`${file}: ${why}; nothing written`);
  };
  for (const arg of positionals) {
    let pages: string[];
    try {
      pages = await pagesOf(arg);
    } catch (err) {
      fail(arg, err);
      continue;
    }
    for (const page of pages) {
      try {
        console.log(`${page}: ${await addPage(page, folder, values.force === true)}`);
      } catch (err) {
        fail(page, err);
      }
    }
  }
  process.exitCode = failed ? 1 : 0;
}

runCli(main);
