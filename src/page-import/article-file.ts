/**
 * An extracted page as a corpus file, and where it goes in a corpus folder.
 * The front matter is written by the `yaml` package, so a title with colons,
 * quotes or `#` reads back as it was; the story keeps only the blocks the
 * corpus loader would keep, by the loader's own rules. Pure.
 */
import path from 'node:path';
import { Document } from 'yaml';
import { classifyBlocks } from '../engine/clean.ts';
import { slugify, storyHash, type Article } from '../engine/corpus.ts';
import { normalizeText } from '../engine/text.ts';
import { FIELDS, missingFields } from './metadata.ts';
import { PageProblem, type ExtractedPage } from './page.ts';

const MAX_ID = 64;

/** The Markdown corpus file for `page`, with id `id`. */
export function articleFile(page: ExtractedPage, id: string): string {
  const front = new Document(Object.fromEntries([['id', id], ...FIELDS.flatMap((f) => (page.found[f] ? [[f, page.found[f]]] : []))]));
  const missing = missingFields(page);
  // As in the bundled articles' comments: whoever reads the file sees that a field was not forgotten.
  if (missing.length) front.commentBefore = ` Left out, as the page does not state them: ${missing.join(', ')}.`;
  // Judged as the loader will see them (it normalises quotes and dashes first); written as the page has them.
  const norm = (s: string | undefined) => (s === undefined ? null : normalizeText(s));
  const ctx = { title: norm(page.found.title) ?? '', publisher: norm(page.found.publisher), author: norm(page.found.author) };
  const verdicts = classifyBlocks(page.blocks.map((b) => ({ ...b, text: normalizeText(b.text) })), ctx);
  // Story, captions and credits stay (the loader sets the last two apart); page furniture goes.
  const body = page.blocks.flatMap((b, i) => {
    const { verdict } = verdicts[i]!;
    if (verdict !== null && verdict.keepAs === undefined) return [];
    return [b.kind === 'bullet' ? `- ${b.text}` : b.text];
  });
  return `---\n${front.toString({ lineWidth: 0 })}---\n${body.join('\n\n')}\n`;
}

/** An article already in the folder, as far as placing a new one needs. */
export interface CorpusEntry {
  file: string;
  id: string;
  url: string | null;
  hash: string;
}

export const entryOf = (a: Article): CorpusEntry => ({ file: a.file, id: a.id, url: a.url, hash: storyHash(a) });

/** A corpus folder pages are being added to. */
export interface CorpusFolder {
  dir: string;
  entries: CorpusEntry[];
  /** Every file name in it, lower case (broken files' too: they are not to be written over). */
  names: Set<string>;
}

export interface Placement {
  file: string;
  id: string;
  /** True when the file is there already and holds this page (only with --force). */
  replaces: boolean;
}

/**
 * Where `article` (the page as the loader reads it) goes in `folder`. A page
 * already there (same url or same story) is refused unless `force`, which
 * replaces its file and keeps its id, so passage ids already quoted still
 * lead to it. Any other page gets the slug of its title, with -2, -3… when
 * that id or file name is taken.
 */
export function placeArticle(article: Article, folder: CorpusFolder, force: boolean): Placement {
  const sameUrl = (e: CorpusEntry) => article.url !== null && e.url === article.url;
  const hash = storyHash(article);
  const same = folder.entries.find((e) => sameUrl(e) || e.hash === hash);
  if (same) {
    const file = path.join(folder.dir, same.file);
    if (!force) throw new PageProblem(`${file} already holds this page (${sameUrl(same) ? 'same url' : 'same text'}); pass --force to replace it`);
    if (!/\.(?:md|markdown)$/i.test(same.file)) throw new PageProblem(`${file} already holds this page as plain text; --force replaces only .md files, so remove it first`);
    return { file: same.file, id: same.id, replaces: true };
  }
  const base = slugify(article.title);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const id = `${base.slice(0, MAX_ID - suffix.length)}${suffix}`;
    if (!folder.entries.some((e) => e.id === id) && !folder.names.has(`${id}.md`)) return { file: `${id}.md`, id, replaces: false };
  }
}
