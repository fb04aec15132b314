/**
 * Reads a corpus folder: one article per `.md` file (YAML front matter, then
 * the text as scraped) or `.txt` file (first line is the title), plus an
 * optional `aliases.yaml`. Every problem names the file and says what to do.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cleanArticle, type CleanedArticle } from './clean.ts';
import { normalizeText } from './text.ts';

export interface ArticleMeta {
  /** Stable slug: the key of passage ids and of `/sources`. */
  id: string;
  title: string;
  publisher: string | null;
  /** ISO date (YYYY-MM-DD) when the article states it. */
  published: string | null;
  url: string | null;
  author: string | null;
  /** True when the headline was written for the corpus because the scrape had none. */
  titleWritten: boolean;
  /** File name inside the corpus folder. */
  file: string;
}

export interface Article extends ArticleMeta, CleanedArticle {}

/** A file that cannot be served, and why. */
export interface CorpusProblem {
  file: string;
  problem: string;
}

export interface LoadedCorpus {
  dir: string;
  articles: Article[];
  /** Groups of names for one thing (e.g. DPRK, North Korea), from aliases.yaml. */
  aliases: string[][];
  problems: CorpusProblem[];
}

/** Thrown when the folder itself cannot be used (missing, unreadable, nothing valid in it). */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

export const ALIASES_FILE = 'aliases.yaml';
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;
const ARTICLE_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The YAML parser, loaded when a file first needs it: a start from an index
 * snapshot parses no file, and loading the parser took 50-100 ms of it.
 */
let yaml: typeof import('yaml') | null = null;
const parseYaml = (text: string): unknown => (yaml ??= createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);

/** A problem found in one file; the loader turns it into a CorpusProblem. */
export class FileProblem extends Error {}

/** Derives a slug from a file name: "002 Russia & Korea.md" → "002-russia-korea". */
export function slugify(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64) || 'article';
}

/** Decodes a file's bytes as UTF-8 text, or says why it is not. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new FileProblem('empty file');
  if (bytes.includes(0)) throw new FileProblem('binary file (contains NUL bytes); save the article as UTF-8 text');
  try {
    return utf8.decode(bytes);
  } catch {
    throw new FileProblem('not UTF-8 text; re-save the file as UTF-8');
  }
}

/** Splits `---` front matter from the body. Returns null front matter when the file has none. */
export function splitFrontMatter(text: string): { frontMatter: string | null; body: string } {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/^---[ \t]*\n/.test(src)) return { frontMatter: null, body: src };
  const end = /\n---[ \t]*(?:\n|$)/.exec(src.slice(3));
  if (!end) throw new FileProblem('broken front matter: no closing "---" line');
  const start = src.indexOf('\n') + 1;
  return { frontMatter: src.slice(start, 3 + end.index + 1), body: src.slice(3 + end.index + end[0].length) };
}

const optionalString = (data: Record<string, unknown>, key: string): string | null => {
  const value = data[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  throw new FileProblem(`front matter field "${key}" must be text`);
};

/** Parses one article file's text into metadata and cleaned story. */
export function parseArticle(file: string, raw: string): Article {
  const ext = path.extname(file).toLowerCase();
  let data: Record<string, unknown> = {};
  let body: string;
  if (ext === '.txt') {
    body = raw.replace(/^\uFEFF/, '');
  } else {
    const split = splitFrontMatter(raw);
    body = split.body;
    if (split.frontMatter !== null) {
      let parsed: unknown;
      try {
        parsed = parseYaml(split.frontMatter);
      } catch (err) {
        const first = String((err as Error).message).split('\n')[0];
        throw new FileProblem(`broken front matter: ${first}`);
      }
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
        throw new FileProblem('broken front matter: expected "key: value" lines');
      }
      data = (parsed ?? {}) as Record<string, unknown>;
    }
  }
  body = normalizeText(body);

  let title = optionalString(data, 'title');
  if (title === null) {
    // Plain text (or Markdown without a title field): the first non-empty line is the headline.
    const lines = body.split('\n');
    const first = lines.findIndex((l) => l.trim() !== '');
    if (first >= 0 && (ext === '.txt' || /^#\s/.test(lines[first]!))) {
      title = lines[first]!.replace(/^#+\s*/, '').trim();
      body = lines.slice(first + 1).join('\n');
    }
  }
  if (!title) throw new FileProblem('no title: add "title:" to the front matter (or, in a .txt file, put the headline on the first line)');
  title = normalizeText(title).trim();

  const id = optionalString(data, 'id') ?? slugify(path.basename(file, ext));
  if (!SLUG.test(id)) throw new FileProblem(`id "${id}" is not a slug: use lower-case letters, digits and hyphens`);
  const published = optionalString(data, 'published');
  // Date.parse rolls "2024-02-30" over to March: the date must read back unchanged.
  const validDate = (d: string) => ISO_DATE.test(d) && !Number.isNaN(Date.parse(d)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  if (published !== null && !validDate(published)) {
    throw new FileProblem(`published "${published}" is not an ISO date (YYYY-MM-DD)`);
  }
  const url = optionalString(data, 'url');
  if (url !== null && !/^https?:\/\/\S+$/.test(url)) throw new FileProblem(`url "${url}" is not an http(s) address`);
  const publisher = optionalString(data, 'publisher');
  const author = optionalString(data, 'author');
  const titleWritten = data.title_written === true;

  const cleaned = cleanArticle(body, { title, author, publisher });
  if (cleaned.blocks.length === 0) throw new FileProblem('no story text left after cleaning');
  return { id, title, publisher, published, url, author, titleWritten, file, ...cleaned };
}

/** Parses aliases.yaml: a list of groups, each a list of names for one thing. */
export function parseAliases(raw: string): string[][] {
  let parsed: unknown;
  try {
    parsed = parseYaml(raw);
  } catch (err) {
    throw new FileProblem(`broken YAML: ${String((err as Error).message).split('\n')[0]}`);
  }
  if (parsed === null || parsed === undefined) return [];
  if (!Array.isArray(parsed)) throw new FileProblem('expected a list of alias groups, e.g. "- [DPRK, North Korea]"');
  return parsed.map((group, i) => {
    if (!Array.isArray(group) || group.length < 2 || !group.every((n) => typeof n === 'string' || typeof n === 'number')) {
      throw new FileProblem(`group ${i + 1} must be a list of at least two names`);
    }
    return group.map((n) => normalizeText(String(n)).trim());
  });
}

/** Two files whose stories hash alike are the same article (the loader serves only the first). */
export const storyHash = (a: Article) => createHash('sha256').update(a.blocks.map((b) => b.text).join('\n')).digest('hex');

/**
 * Loads every article of a folder. Files that cannot be served are listed in
 * `problems`, never thrown: the caller decides whether that is fatal.
 * Throws CorpusError only when the folder itself is unusable. `files` holds
 * contents the caller has already read, by file name, so they are not read twice.
 */
export async function loadCorpus(dir: string, files?: ReadonlyMap<string, Buffer>): Promise<LoadedCorpus> {
  const root = path.resolve(dir);
  let names: string[];
  try {
    names = (await readdir(root)).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CorpusError(`corpus folder ${dir} does not exist; pass --corpus DIR or set CORPUS_DIR`);
    if (code === 'ENOTDIR') throw new CorpusError(`corpus path ${dir} is not a folder`);
    throw new CorpusError(`corpus folder ${dir} cannot be read (${code ?? 'error'})`);
  }
  const realRoot = await realpath(root);
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  let aliases: string[][] = [];
  const byId = new Map<string, string>();
  const byText = new Map<string, string>();

  for (const name of names) {
    if (name.startsWith('.')) continue;
    const full = path.join(root, name);
    const read = async () => files?.get(name) ?? await readFile(full);
    try {
      const stat = await lstat(full);
      if (stat.isSymbolicLink()) {
        const target = await realpath(full).catch(() => null);
        if (target === null) throw new FileProblem('broken symbolic link');
        if (!target.startsWith(realRoot + path.sep)) throw new FileProblem('symbolic link leads outside the corpus folder');
      }
      const ext = path.extname(name).toLowerCase();
      if (name === ALIASES_FILE) {
        aliases = parseAliases(decodeText(await read()));
        continue;
      }
      if (stat.isDirectory()) continue;
      if (!ARTICLE_EXTENSIONS.has(ext)) throw new FileProblem('not an article: articles are .md (with front matter) or .txt files');
      const size = stat.isSymbolicLink() ? (await read()).length : stat.size;
      if (size > MAX_ARTICLE_BYTES) throw new FileProblem(`larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MiB; split it or trim it`);
      const article = parseArticle(name, decodeText(await read()));
      const sameId = byId.get(article.id);
      if (sameId) throw new FileProblem(`duplicate id "${article.id}" (also used by ${sameId}); give each article its own id`);
      const hash = storyHash(article);
      const sameText = byText.get(hash);
      if (sameText) throw new FileProblem(`duplicate article: same text as ${sameText}`);
      byId.set(article.id, name);
      byText.set(hash, name);
      articles.push(article);
    } catch (err) {
      if (err instanceof FileProblem) problems.push({ file: name, problem: err.message });
      else problems.push({ file: name, problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
    }
  }
  return { dir: root, articles, aliases, problems };
}

/** Strict loading for the CLI: any problem, or no article at all, is an error naming the file. */
export async function loadCorpusStrict(dir: string): Promise<LoadedCorpus> {
  return requireCleanCorpus(await loadCorpus(dir), dir);
}

/** Throws CorpusError naming the first bad file, or when there is no article at all. */
export function requireCleanCorpus(corpus: LoadedCorpus, dir: string): LoadedCorpus {
  const first = corpus.problems[0];
  if (first) throw new CorpusError(`${path.join(dir, first.file)}: ${first.problem}`);
  if (corpus.articles.length === 0) throw new CorpusError(`corpus folder ${dir} has no articles (.md or .txt files)`);
  return corpus;
}
