/**
 * What a saved web page states about its story, for the front matter of a
 * corpus file: Open Graph and article meta tags, schema.org JSON-LD, the
 * canonical link, `<title>` and `<h1>`. A field the page does not state is
 * absent; one it states in a form that cannot be used is reported, not fixed.
 */
import { squeeze, type DomDocument } from './dom.ts';

export const FIELDS = ['title', 'publisher', 'published', 'url', 'author'] as const;
export type Field = (typeof FIELDS)[number];

export interface PageMeta {
  /** The fields the page states, ready for the front matter. */
  found: Partial<Record<Field, string>>;
  /** Fields the page states only in an unusable form, and why each is left out. */
  unusable: Partial<Record<Field, string>>;
  /** The page's first `<h1>`: the headline, which the story extract may repeat. */
  h1: string | null;
}

type Json = Record<string, unknown>;

/** schema.org types that are one story (NewsArticle, BlogPosting, ReportageNewsArticle, Report…). */
const ARTICLE_TYPE = /(?:Article|BlogPosting|Report)$/;
/** How a `<title>` joins headline and site name ("Headline | Site", "Site - Headline"). */
const TITLE_SEPARATOR = /\s+[|\u00B7\u2022\u2013\u2014-]\s+/g;

const types = (node: Json): string[] => [node['@type']].flat().filter((t): t is string => typeof t === 'string');
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The JSON-LD object describing the article: at the top of a script, in a
 * top-level list, in its `@graph`, or as the `mainEntity` of one of those.
 * Deeper down, a page describes other things (the stories it links to, say).
 */
function jsonLdArticle(doc: DomDocument): Json | null {
  for (const script of Array.from(doc.querySelectorAll('script'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    let data: unknown;
    try {
      data = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue; // Broken JSON-LD states nothing; the other sources still count.
    }
    const candidates = [data].flat()
      .flatMap((node) => (isObject(node) && Array.isArray(node['@graph']) ? [node, ...node['@graph']] : [node]))
      .flatMap((node) => (isObject(node) && node.mainEntity !== undefined ? [node, node.mainEntity] : [node]));
    const article = candidates.find((node): node is Json => isObject(node) && types(node).some((t) => ARTICLE_TYPE.test(t)));
    if (article) return article;
  }
  return null;
}

/** A JSON-LD name: a string, a `{name}` object, or a list of them (joined). */
function names(value: unknown): string | null {
  const list = [value].flat().map((v) => squeeze(typeof v === 'string' ? v : isObject(v) && typeof v.name === 'string' ? v.name : ''));
  return list.filter(Boolean).join(', ') || null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The date part of an ISO 8601 date or date-time, as the page wrote it (its own time zone), if it is a real date. */
export function isoDate(raw: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(raw.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  // Date rolls "2024-02-30" over to March: a real date reads back unchanged.
  return new Date(`${date}T00:00:00Z`).toISOString().startsWith(date) ? date : null;
}

function absoluteUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return /^https?:$/.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * `<title>` without its site name: the part that is the `<h1>`, or what is
 * left when the page's site name is cut from either end, or else the part
 * before a final " | ", the usual way a site signs its titles.
 */
export function titleWithoutSite(title: string, site: string | null, h1: string | null): string {
  const cuts = Array.from(title.matchAll(TITLE_SEPARATOR), (m) => ({ start: m.index, end: m.index + m[0].length, pipe: m[0].trim() === '|' }));
  for (const { start, end } of cuts) {
    const [before, after] = [title.slice(0, start), title.slice(end)];
    if (h1 && sameText(before, h1)) return before;
    if (h1 && sameText(after, h1)) return after;
    if (site && sameText(after, site)) return before;
    if (site && sameText(before, site)) return after;
  }
  const last = cuts.at(-1);
  return last?.pipe ? title.slice(0, last.start) : title;
}

/** The fields left out, each with why when the page states it in a form that cannot be used. */
export const missingFields = (meta: PageMeta): string[] =>
  FIELDS.filter((f) => !meta.found[f]).map((f) => (meta.unusable[f] ? `${f} (${meta.unusable[f]})` : f));

/** Reads the page's metadata. Call it before Readability runs: that changes the document. */
export function readMetadata(doc: DomDocument): PageMeta {
  const meta = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name'))?.trim().toLowerCase();
    const content = squeeze(el.getAttribute('content'));
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const links = Array.from(doc.querySelectorAll('link'));
  const canonical = links.find((l) => (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))?.getAttribute('href');
  const ld = jsonLdArticle(doc);
  const h1 = squeeze(doc.querySelector('h1')?.textContent) || null;
  const htmlTitle = squeeze(doc.querySelector('title')?.textContent) || null;

  const found: PageMeta['found'] = {};
  const unusable: PageMeta['unusable'] = {};
  /** The first stated value (the sources in order of trust) that `check` accepts; when it refuses them all, why it refused the first. */
  const pick = (field: Field, stated: Array<string | null | undefined>, check?: { accept: (v: string) => string | null; why: (v: string) => string }) => {
    const values = stated.map((v) => squeeze(v)).filter(Boolean);
    const usable = values.map((v) => (check ? check.accept(v) : v)).find(Boolean);
    if (usable) found[field] = usable;
    else if (check && values[0]) unusable[field] = check.why(values[0]);
  };

  pick('publisher', [meta.get('og:site_name'), names(ld?.publisher)]);
  pick('title', [meta.get('og:title'), text(ld?.headline), htmlTitle && titleWithoutSite(htmlTitle, found.publisher ?? null, h1), h1]);
  pick('published', [meta.get('article:published_time'), text(ld?.datePublished)], { accept: isoDate, why: (v) => `"${v}" is not an ISO date` });
  pick('url', [canonical, meta.get('og:url')], { accept: absoluteUrl, why: (v) => `"${v}" is not an absolute http(s) address` });
  pick('author', [meta.get('author'), names(ld?.author)], { accept: (v) => (absoluteUrl(v) ? null : v), why: (v) => `"${v}" is an address, not a name` });
  return { found, unusable, h1 };
}
