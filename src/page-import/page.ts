/**
 * A saved web page, as bytes, to its story and metadata: the story is what
 * Mozilla's Readability (Firefox's reader view) extracts from a linkedom DOM,
 * split into the blocks of a corpus file. Pure: no file is read or written.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { TextDecoder } from 'node:util';
import { CAPTION_PREFIX, isHeadlineRepeat, type StoryBlock } from '../engine/clean.ts';
import { ELEMENT_NODE, parseDocument, squeeze, TEXT_NODE, type DomElement, type DomNode } from './dom.ts';
import { readMetadata, type PageMeta } from './metadata.ts';

/** Why a page cannot become an article, in words for the operator. */
export class PageProblem extends Error {}

export interface ExtractedPage extends PageMeta {
  /** The story in reading order; captions are paragraphs that start with CAPTION_PREFIX. */
  blocks: StoryBlock[];
}

const NO_STORY = 'no article: the page has no story-length paragraphs (a login, search or error page?)';

const BOMS: Array<[number[], string]> = [[[0xef, 0xbb, 0xbf], 'utf-8'], [[0xff, 0xfe], 'utf-16le'], [[0xfe, 0xff], 'utf-16be']];

// Node 20's TextDecoder reads windows-1252 (which the HTML standard also means by latin1 and ascii) as ISO-8859-1, so
// its bytes 0x80-0x9F (curly quotes, dashes, the euro sign) come out as control characters: these are what they stand for.
const WINDOWS_1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** The charset a `<meta charset>` or `http-equiv` tag declares, looked for where the HTML standard says: the first 1024 bytes. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

/** The page's text, decoded as its byte-order mark or `<meta charset>` says (UTF-8 when neither does), if it is HTML at all. */
export function decodePage(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new PageProblem('empty file');
  const bom = BOMS.find(([mark]) => mark.every((b, i) => bytes[i] === b))?.[1] ?? null;
  if (bom === null && bytes.includes(0)) throw new PageProblem('binary file (contains NUL bytes), not a saved web page');
  const charset = bom ?? declaredCharset(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8', { fatal: true });
  } catch {
    throw new PageProblem(`declares the unknown charset "${charset}"; re-save the page as UTF-8`);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new PageProblem(charset ? `not valid ${charset} text, which it declares; re-save the page as UTF-8` : 'not UTF-8 text, and no <meta charset> says what it is; re-save the page as UTF-8');
  }
  if (decoder.encoding === 'windows-1252') text = text.replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
  if (!text.trim()) throw new PageProblem('empty file (only white space)');
  if (!/<(?:!doctype\s+html|html|head|body)[\s>]/i.test(text)) throw new PageProblem('not an HTML page (no <html>, <head> or <body> tag)');
  return text;
}

type Kind = 'paragraph' | 'bullet' | 'caption' | 'heading';
interface RawBlock {
  kind: Kind;
  text: string;
  /** The whole text is a link: in a heading, the mark of a teaser for another page. */
  linked: boolean;
}

/** Elements whose text is not story: controls, media, embedded documents. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'FORM', 'SVG', 'IFRAME', 'OBJECT', 'VIDEO', 'AUDIO', 'CANVAS']);
/** Elements that start and end a block of text. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
const KIND_OF: Partial<Record<string, Kind>> = { LI: 'bullet', FIGCAPTION: 'caption', H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading' };

/** The blocks of text under `root`, in reading order. */
function readBlocks(root: DomNode): RawBlock[] {
  const blocks: RawBlock[] = [];
  let text = '';
  let linkText = '';
  const flush = (kind: Kind) => {
    const t = squeeze(text);
    if (t) blocks.push({ kind, text: t, linked: squeeze(linkText) === t });
    text = linkText = '';
  };
  const walk = (node: DomNode, kind: Kind, inLink: boolean) => {
    const tag = node.nodeType === ELEMENT_NODE ? (node as DomElement).tagName.toUpperCase() : null;
    if (node.nodeType === TEXT_NODE || tag === 'BR') {
      // A line break inside a paragraph separates words, as white space does.
      const t = tag === 'BR' ? ' ' : node.textContent ?? '';
      text += t;
      if (inLink) linkText += t;
      return;
    }
    if (tag === null || SKIP.has(tag)) return;
    const inner = KIND_OF[tag] ?? kind;
    if (BLOCK.has(tag)) flush(kind);
    for (const child of Array.from(node.childNodes)) walk(child, inner, inLink || tag === 'A');
    if (BLOCK.has(tag)) flush(inner);
  };
  walk(root, 'paragraph', false);
  flush('paragraph');
  return blocks;
}

const length = (blocks: RawBlock[]) => blocks.reduce((n, b) => n + b.text.length, 0);

/** Extracts the story and metadata of a page's HTML, or says why the page holds no article. */
export function extractPage(html: string): ExtractedPage {
  const doc = parseDocument(html);
  const meta = readMetadata(doc);
  // Firefox's own test for offering reader view: a login, search or error page has no run of long paragraphs.
  if (!isProbablyReaderable(doc as never)) throw new PageProblem(NO_STORY);
  const content = new Readability<DomNode>(doc as never, { serializer: (node) => node as DomNode }).parse()?.content;
  if (!content) throw new PageProblem(NO_STORY);
  const raw = readBlocks(content);

  // Readability takes a list of teasers for a story: on an index page most of the text sits under headlines that link away.
  const teasers = raw.filter((b) => b.kind === 'heading' && b.linked);
  if (teasers.length >= 2 && length(raw.slice(raw.indexOf(teasers[0]!))) > length(raw) / 2) {
    throw new PageProblem(`no article: an index page, its text is teasers under ${teasers.length} headlines that link to other pages`);
  }
  if (!meta.found.title) throw new PageProblem('no title: the page states none (no og:title, JSON-LD headline, <title> or <h1>)');

  const blocks = raw
    // The page's own headline, which Readability keeps at the top of the story, is in the front matter.
    .filter((b) => !(b.kind === 'heading' && meta.h1 !== null && isHeadlineRepeat(b.text, meta.h1)))
    .map((b): StoryBlock => (b.kind === 'bullet' ? { kind: 'bullet', text: b.text } : { kind: 'paragraph', text: b.kind === 'caption' ? `${CAPTION_PREFIX}${b.text}` : b.text }));
  return { ...meta, blocks };
}
