/**
 * Saved web pages to corpus articles (src/page-import): decoding, the page's
 * metadata, the story Readability extracts, the file written and where it
 * goes. The pages in tests/fixtures/pages were written by hand for these tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle, type Article } from '../src/engine/corpus.ts';
import { splitArticle } from '../src/engine/passages.ts';
import { articleFile, entryOf, placeArticle, type CorpusFolder } from '../src/page-import/article-file.ts';
import { parseDocument } from '../src/page-import/dom.ts';
import { isoDate, readMetadata, titleWithoutSite } from '../src/page-import/metadata.ts';
import { decodePage, extractPage, PageProblem, type ExtractedPage } from '../src/page-import/page.ts';
import { ROOT } from './helpers.ts';

const PAGES = path.join(ROOT, 'tests', 'fixtures', 'pages');
const fixture = (name: string) => readFileSync(path.join(PAGES, name));
const extract = (name: string) => extractPage(decodePage(fixture(name)));
/** The page as the corpus loader reads the file written for it. */
const loaded = (page: ExtractedPage, id = 'new') => parseArticle(`${id}.md`, articleFile(page, id));
const problemOf = (run: () => unknown): string => {
  try {
    run();
  } catch (err) {
    if (err instanceof PageProblem) return err.message;
    throw err;
  }
  throw new Error('no PageProblem thrown');
};
const page = (head: string, body: string) => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const LONG = 'Putin and Kim signed a treaty in Pyongyang that commits each country to help the other if it is attacked, officials from both delegations told reporters late on Wednesday evening.';
const story = (n = 3) => Array.from({ length: n }, (_, i) => `<p>${LONG} Paragraph ${i + 1}.</p>`).join('');

describe('decodePage', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it.each([
    ['empty file', new Uint8Array()],
    ['empty file (only white space)', bytes(' \n\t\n')],
    ['binary file (contains NUL bytes), not a saved web page', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01])],
    ['not an HTML page (no <html>, <head> or <body> tag)', bytes('Notes for the story\n- call the embassy\n')],
    ['not UTF-8 text, and no <meta charset> says what it is; re-save the page as UTF-8', new Uint8Array([...bytes('<html><body>caf'), 0xe9, ...bytes('</body></html>')])],
    ['declares the unknown charset "klingon-8"; re-save the page as UTF-8', bytes('<html><head><meta charset="klingon-8"></head></html>')],
    ['not valid utf-8 text, which it declares; re-save the page as UTF-8', new Uint8Array([...bytes('<html><head><meta charset="utf-8"></head><body>caf'), 0xe9, ...bytes('</body></html>')])],
  ])('refuses: %s', (message, input) => {
    expect(problemOf(() => decodePage(input))).toBe(message);
  });

  it('decodes the charset the page declares, in a <meta charset> or an http-equiv tag', () => {
    const latin1 = (head: string) => new Uint8Array([...bytes(`<html><head>${head}</head><body>caf`), 0xe9, 0x20, 0x93, 0x51, 0x94, ...bytes('</body></html>')]);
    expect(decodePage(latin1('<meta charset="windows-1252">'))).toContain('café “Q”');
    expect(decodePage(latin1('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'))).toContain('café “Q”');
  });

  it('follows a byte-order mark (UTF-16 pages contain NUL bytes but are text)', () => {
    const html = '<html><body>Pyongyang 평양</body></html>';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(html, 'utf16le'))]);
    expect(decodePage(utf16)).toBe(html);
    expect(decodePage(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(html)]))).toBe(html);
  });
});

describe('the metadata a page states', () => {
  const meta = (head: string, body = '') => readMetadata(parseDocument(page(head, body)));

  it('reads JSON-LD (in an @graph), the canonical link and <title>/<h1> when there is no Open Graph', () => {
    expect(extract('json-ld.html')).toMatchObject({
      found: {
        title: 'Putin and Kim sign mutual defence treaty in Pyongyang', publisher: 'The Harbour Herald', published: '2024-06-19',
        url: 'https://harbour-herald.example/world/2024/06/19/putin-kim-treaty', author: 'Mira Okafor',
      },
      unusable: {},
    });
  });

  it('reads Open Graph alone, leaving out the author it does not state', () => {
    const { found } = extract('open-graph.html');
    expect(found).toEqual({
      title: 'Seoul weighs its answer to the Moscow–Pyongyang pact', publisher: 'Northern Dispatch', published: '2024-06-21',
      url: 'https://northern-dispatch.example/asia/seoul-weighs-answer',
    });
  });

  it('with neither, takes the <title> without its site name and states nothing else, not even a date from the text', () => {
    expect(extract('plain.html').found).toEqual({ title: 'Putin ends Asia trip with Vietnam deals on energy and education' });
  });

  it('takes each field from the most specific source first', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD headline","datePublished":"2024-06-18","publisher":"LD Press","author":"LD Author"}</script>';
    expect(meta(`<title>Title tag</title><meta property="og:title" content="OG title"><meta property="og:site_name" content="OG Site">
      <meta property="article:published_time" content="2024-06-19T10:00:00Z"><meta name="author" content="Meta Author">
      <link rel="canonical" href="https://a.example/canonical"><meta property="og:url" content="https://a.example/og">${ld}`, '<h1>H1</h1>').found)
      .toEqual({ title: 'OG title', publisher: 'OG Site', published: '2024-06-19', url: 'https://a.example/canonical', author: 'Meta Author' });
    expect(meta(`<title>Title tag</title>${ld}`, '<h1>H1</h1>').found)
      .toEqual({ title: 'LD headline', publisher: 'LD Press', published: '2024-06-18', author: 'LD Author' });
    expect(meta('<title>Title tag</title>', '<h1>H1</h1>').found).toEqual({ title: 'Title tag' });
    expect(meta('', '<h1>The  headline\n alone</h1>').found).toEqual({ title: 'The headline alone' });
  });

  it('skips broken JSON-LD and objects that are not an article; joins several authors', () => {
    const found = meta(`<script type="application/ld+json">{"@type": "NewsArticle", broken</script>
      <script type="application/ld+json">[{"@type":"BreadcrumbList","name":"Not it"},{"@type":["ReportageNewsArticle"],"headline":"Found it",
        "author":[{"@type":"Person","name":"Ana Lima"},"Bo Chen"],"publisher":[{"name":"Wire"}]}]</script>`).found;
    expect(found).toEqual({ title: 'Found it', author: 'Ana Lima, Bo Chen', publisher: 'Wire' });
    expect(meta('<script type="application/ld+json">{"@type":"WebPage","name":"Page","mainEntity":{"@type":"NewsArticle","headline":"The story"}}</script>').found.title).toBe('The story');
  });

  it('leaves out, with the reason, a field stated in a form that cannot be used', () => {
    expect(meta('<title>T</title><meta property="article:published_time" content="last Tuesday"><link rel="canonical" href="/world/story"><meta name="author" content="https://social.example/ana">'))
      .toMatchObject({ found: { title: 'T' }, unusable: { published: '"last Tuesday" is not an ISO date', url: '"/world/story" is not an absolute http(s) address', author: '"https://social.example/ana" is an address, not a name' } });
    // A usable later source wins over an unusable earlier one.
    expect(meta('<link rel="canonical" href="/relative"><meta property="og:url" content="https://a.example/s">').found.url).toBe('https://a.example/s');
  });

  it('dates: the page\'s own calendar date, never a rolled-over or a guessed one', () => {
    expect(isoDate('2024-06-19T23:30:00-04:00')).toBe('2024-06-19'); // in UTC already the 20th
    expect(isoDate('2024-06-19')).toBe('2024-06-19');
    expect(isoDate('2024-02-30T00:00:00Z')).toBeNull();
    expect(isoDate('June 19, 2024')).toBeNull();
    expect(isoDate('19/06/2024')).toBeNull();
  });

  it('cuts the site name from a <title>', () => {
    expect(titleWithoutSite('Kim greets Putin - Daily Planet', null, 'Kim greets Putin')).toBe('Kim greets Putin');
    expect(titleWithoutSite('Daily Planet — Kim greets Putin', 'Daily Planet', null)).toBe('Kim greets Putin');
    expect(titleWithoutSite('Kim greets Putin - Daily Planet', 'daily planet', null)).toBe('Kim greets Putin');
    expect(titleWithoutSite('Putin - Kim summit ends | Daily Planet', null, null)).toBe('Putin - Kim summit ends');
    // Without a site name or <h1> to go by, a dash may be the headline's own.
    expect(titleWithoutSite('Putin - Kim summit ends', null, null)).toBe('Putin - Kim summit ends');
  });
});

describe('the story Readability extracts', () => {
  const text = (p: ExtractedPage) => p.blocks.map((b) => b.text).join('\n');

  it.each([
    ['json-ld.html', 'Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a treaty', 'breach United Nations sanctions.',
      ['We use cookies', 'Accept all', 'Share on', 'Email this story', 'World', 'Sport', 'More on this story', 'Seoul summons', 'All rights reserved', 'Privacy settings', 'dataLayer']],
    ['open-graph.html', 'South Korea said on Thursday', 'would carry a cost.', ['Log in', 'Most read', 'Markets fall', 'Copyright', 'Your email address']],
    ['plain.html', 'After leaving Pyongyang', 'between the two countries.', ['Weather', 'Letters to the editor', 'Mill Road']],
  ])('%s: the story from its first to its last paragraph, without the page around it', (name, first, last, absent) => {
    const extracted = extract(name);
    expect(extracted.blocks[0]!.text.startsWith(first)).toBe(true);
    const written = articleFile(extracted, 'x');
    expect(written.trimEnd().endsWith(last)).toBe(true);
    for (const furniture of absent) expect(written).not.toContain(furniture);
    // The headline is in the front matter, not repeated as the first paragraph.
    expect(text(extracted)).not.toContain(extracted.found.title);
  });

  it('drops a newsletter box and a comment section that Readability keeps, by the loader\'s own rules', () => {
    const og = extract('open-graph.html');
    expect(text(og)).toContain('Sign up for our Asia Briefing newsletter');
    expect(articleFile(og, 'x')).not.toContain('newsletter');
    const plain = extract('plain.html');
    expect(text(plain)).toContain('3 comments');
    const written = articleFile(plain, 'x');
    expect(written).not.toContain('comments');
    expect(written).not.toContain('Reply from another reader');
  });

  it('writes <figcaption>s as captions, which the loader keeps as caption passages after the story', () => {
    const article = loaded(extract('json-ld.html'));
    const captions = (a: ReturnType<typeof loaded>) => a.notes.filter((n) => n.kind === 'caption').map((n) => n.text);
    expect(captions(article)).toEqual([
      'Caption: Putin and Kim exchange copies of the treaty at the Kumsusan guest house. Photo: KCNA via REUTERS',
      'Caption: Crowds lined the route of the motorcade through central Pyongyang.',
    ]);
    const passages = splitArticle(article);
    const story = passages.filter((p) => p.kind === 'paragraph').map((p) => p.text).join('\n');
    expect(story).not.toContain('Crowds lined');
    expect(story).toContain('after talks that lasted almost nine hours');
    expect(passages.filter((p) => p.kind === 'caption').map((p) => p.text)).toEqual(captions(article));
    expect(captions(loaded(extract('plain.html')))).toEqual(['Caption: President To Lam welcomes Vladimir Putin at the Presidential Palace in Hanoi.']);
  });

  it('keeps list items as list items', () => {
    const article = loaded(extractPage(page('<title>Treaty terms</title>', `<article>${story()}<ul><li>Mutual aid if either is attacked, "without delay" as the text says.</li><li>Cooperation on trade, investment and culture.</li></ul></article>`)));
    expect(article.blocks.filter((b) => b.kind === 'bullet').map((b) => b.text)).toEqual(['Mutual aid if either is attacked, "without delay" as the text says.', 'Cooperation on trade, investment and culture.']);
  });

  it.each([
    ['login.html', 'no article: the page has no story-length paragraphs (a login, search or error page?)'],
    ['index.html', 'no article: an index page, its text is teasers under 4 headlines that link to other pages'],
  ])('refuses %s: %s', (name, message) => {
    expect(problemOf(() => extract(name))).toBe(message);
  });

  it('an article that ends with links to other stories is still an article', () => {
    const related = '<h3><a href="/a">Putin lands in Pyongyang</a></h3><p>Earlier coverage.</p><h3><a href="/b">Seoul reacts to the pact</a></h3><p>Earlier coverage.</p>';
    expect(extractPage(page('<title>The treaty</title>', `<div class="body">${story(4)}${related}</div>`)).blocks[0]!.text).toContain('Paragraph 1.');
  });

  it('refuses a page with a story but no title at all', () => {
    expect(problemOf(() => extractPage(page('', `<article>${story()}</article>`)))).toMatch(/^no title: the page states none/);
  });
});

describe('the corpus file', () => {
  it('writes a title with a colon, quotes and # so that the loader reads it back unchanged', () => {
    const extracted = extract('yaml-title.html');
    const title = '"Fiery friendship": what Kim\'s #1 ally gets from the pact - and what it doesn\'t';
    expect(extracted.found.title).toBe(title);
    const article = loaded(extracted, 'fiery');
    expect(article).toMatchObject({ id: 'fiery', title, publisher: 'The Ledger', author: 'Tomás Reyes', published: null, url: null });
    expect(articleFile(extracted, 'fiery')).toMatch(/^---\n# Left out, as the page does not state them: published \("June 22, 2024" is not an ISO date\), url\.\n/);
  });

  it.each(['null', 'true', '2024', '- a list?', '[1961]', '{treaty}', '*alias', '&anchor', '!tag', '@kim', '`code`', "'quoted'", '% of aid', 'Kim: yes | no > maybe'])('title %s stays that text', (title) => {
    const extracted: ExtractedPage = { found: { title }, unusable: {}, h1: null, blocks: [{ kind: 'paragraph', text: LONG }] };
    expect(loaded(extracted).title).toBe(title);
  });

  it('writes only the fields the page states, in the loader\'s format', () => {
    const written = articleFile(extract('json-ld.html'), 'treaty');
    expect(written.split('---\n')[1]).toBe([
      'id: treaty', 'title: Putin and Kim sign mutual defence treaty in Pyongyang', 'publisher: The Harbour Herald', 'published: 2024-06-19',
      'url: https://harbour-herald.example/world/2024/06/19/putin-kim-treaty', 'author: Mira Okafor', '',
    ].join('\n'));
  });
});

describe('where a page goes in the folder', () => {
  const article = (fields: Partial<Article> = {}): Article => ({ ...loaded(extract('json-ld.html')), ...fields });
  const folder = (articles: Article[], extraNames: string[] = []): CorpusFolder => ({
    dir: '/corpus', entries: articles.map(entryOf), names: new Set([...articles.map((a) => a.file), ...extraNames]),
  });
  const other = (id: string, file = `${id}.md`) => parseArticle(file, `---\nid: ${id}\ntitle: Another story\n---\n${LONG}\n`);
  const SLUG = 'putin-and-kim-sign-mutual-defence-treaty-in-pyongyang';

  it('gets the slug of its title, with -2, -3 when an id or a file name is taken', () => {
    expect(placeArticle(article(), folder([]), false)).toEqual({ file: `${SLUG}.md`, id: SLUG, replaces: false });
    expect(placeArticle(article(), folder([other(SLUG, 'old.md')]), false).id).toBe(`${SLUG}-2`);
    expect(placeArticle(article(), folder([other(SLUG, 'old.md')], [`${SLUG}-2.md`]), false).id).toBe(`${SLUG}-3`);
  });

  it('keeps a suffixed id within the 64 characters of a slug', () => {
    const title = 'A very long headline about the treaty that Putin and Kim signed in Pyongyang on Wednesday';
    const first = placeArticle(article({ title }), folder([]), false);
    const second = placeArticle(article({ title }), folder([other(first.id)]), false);
    expect(first.id).toHaveLength(64);
    expect(second.id).toHaveLength(64);
    expect(second.id.endsWith('-2')).toBe(true);
    expect(parseArticle('x.md', `---\nid: ${second.id}\ntitle: T\n---\n${LONG}\n`).id).toBe(second.id);
  });

  it('refuses the same page (same url, or same text) unless forced; forced, it replaces that file and keeps its id', () => {
    const old = article({ id: 'treaty', file: 'treaty.md' });
    expect(problemOf(() => placeArticle(article(), folder([old]), false))).toBe('/corpus/treaty.md already holds this page (same url); pass --force to replace it');
    expect(problemOf(() => placeArticle(article({ url: 'https://elsewhere.example/copy' }), folder([old]), false))).toBe('/corpus/treaty.md already holds this page (same text); pass --force to replace it');
    expect(placeArticle(article(), folder([old]), true)).toEqual({ file: 'treaty.md', id: 'treaty', replaces: true });
    expect(problemOf(() => placeArticle(article(), folder([article({ file: 'treaty.txt', url: null })]), true))).toMatch(/^\/corpus\/treaty\.txt already holds this page as plain text; --force replaces only \.md files/);
  });
});
