/**
 * Separates the story from what a scrape drags along with it: site chrome,
 * copyright and licence lines, newsletter and donation pitches, comment
 * sections, AI-summary and bias-rating notes. Photo captions, bylines and
 * contributor credits are kept as metadata rather than thrown away.
 *
 * Every rule is general (no article is named) and pinned by tests on the seed files.
 */

export type BlockKind = 'paragraph' | 'bullet';

export interface StoryBlock {
  kind: BlockKind;
  text: string;
}

export interface CleanedArticle {
  /** The story, in reading order. */
  blocks: StoryBlock[];
  /** Photo captions and credits, kept out of the story. */
  captions: string[];
  /** Byline and author biography lines, and "X contributed" credits. */
  credits: string[];
  /** What was dropped and why, for `check-corpus` and tests. */
  dropped: Array<{ rule: string; text: string }>;
}

export interface ArticleContext {
  title: string;
  author?: string | null;
  publisher?: string | null;
}

/** A block whose text alone says it is not story. Short ones only, so a real paragraph that quotes such words survives. */
interface DropRule {
  name: string;
  pattern: RegExp;
  /** The rule applies only to blocks up to this many characters. */
  maxLength: number;
}

const DROP_RULES: DropRule[] = [
  { name: 'copyright', pattern: /^(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved|may not be (?:published|reproduced|broadcast|rewritten|redistributed)/i, maxLength: 400 },
  { name: 'licence', pattern: /\blicen[cs]ed under\b|creative commons|\bCC BY(?:-[A-Z]{2})*\b/i, maxLength: 300 },
  { name: 'latest-news-promo', pattern: /^for (?:the )?latest (?:news|headlines|updates)\b/i, maxLength: 300 },
  // "Subscribe"/"sign up" alone are story words ("both countries subscribe to the principle"): a pitch names what you get or asks now.
  { name: 'newsletter', pattern: /\bnewsletters?\b|^(?:subscribe|sign up)\b|\b(?:sign up|subscribe|subscribing)\b[^.]{0,60}\b(?:e-?mails?|inbox|alerts|our|today|now|free)\b/i, maxLength: 300 },
  // "Donate" as a button or an appeal, not "Russia pledged to donate wheat".
  { name: 'donate', pattern: /(?:^|\|)\s*donate\b|\bdonate (?:now|today|here)\b|\bmake a donation\b|\bsupport (?:our|independent) journalism\b/i, maxLength: 200 },
  { name: 'comments', pattern: /^(?:comments?|comment below|leave a (?:reply|comment)|join the (?:conversation|discussion)|\d+ comments?|please wait while we load.*comments.*|your email address will not be published.*)\.?$/i, maxLength: 200 },
  { name: 'ai-summary', pattern: /\b(?:generated|written|produced|summari[sz]ed) (?:by|with|using) (?:an? )?(?:ai|artificial intelligence)\b|\bai[- ]generated\b/i, maxLength: 300 },
  { name: 'bias-rating', pattern: /\bbias rating\b|\bmedia bias (?:rating|chart|check)\b/i, maxLength: 200 },
  { name: 'promo', pattern: /^(?:dig deeper|read more|related|see also|watch|listen|more from|recommended|original (?:video|article|story))\b\s*(?::|here\b)/i, maxLength: 400 },
  { name: 'site-chrome', pattern: /^(?:logo|menu|search|home|advertisement|sponsored|share|share this|skip to (?:main )?content|official website|print|email|close)\s*:?$/i, maxLength: 40 },
];

/** Ends the story: everything from a comment section on is page furniture. */
const STORY_END = /^(?:leave a (?:reply|comment)|comment below|comments|\d+ comments?|join the (?:conversation|discussion)|show comments)\.?$/i;

/** How `npm run add-article` writes a page's <figcaption>, so a caption with no agency credit in it is still read as one. */
export const CAPTION_PREFIX = 'Caption: ';
const CAPTION = /\b(?:REUTERS|AFP|Getty Images|AP Photo|Pool Photo|File Photo|ATTENTION EDITORS|THIS IMAGE WAS PROVIDED|via (?:The )?(?:Associated Press|Reuters|AP|AFP|Getty)|Photo(?:graph)? (?:by|credit|courtesy))\b/;
const CONTRIBUTOR_CREDIT = /^(?:the )?[\w.&' -]{2,60} contributed(?: to this (?:report|story|article))?\.?$/i;
const BIO = /^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3} (?:is|was) an? (?:[\w-]+ ){0,3}(?:reporter|correspondent|editor|writer|journalist|contributor|columnist|producer|intern)\b/;
const BULLET = /^\s*(?:[•·▪●◦‣*]|-(?=\s)|\d{1,2}[.)](?=\s))\s*/;

const stripTerminalPunctuation = (s: string) => s.replace(/[\s.!?:;,]+$/, '');
const sameText = (a: string, b: string) => stripTerminalPunctuation(a).toLowerCase() === stripTerminalPunctuation(b).toLowerCase();

/** True when a line is the headline again, alone or with a site name ("Headline | SITE"). */
export function isHeadlineRepeat(line: string, title: string): boolean {
  // Either side may carry the site name (a .txt headline is often "Headline | SITE").
  const bare = (s: string) => /^(.*?)\s+\|\s+[^|]{1,40}$/.exec(s)?.[1] ?? null;
  if (sameText(line, title)) return true;
  const m = /^(.*?)\s+[|\-–—:]\s+[^|]{1,40}$/.exec(line);
  if (m !== null && sameText(m[1]!, title)) return true;
  const bareTitle = bare(title);
  return bareTitle !== null && (sameText(line, bareTitle) || (m !== null && sameText(m[1]!, bareTitle)));
}

/** Splits raw article text into blocks: blank lines separate paragraphs, bullet lines stand alone. */
export function splitBlocks(body: string): StoryBlock[] {
  const blocks: StoryBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ').replace(/\s+/g, ' ').trim() });
    paragraph = [];
  };
  for (const line of body.split('\n')) {
    if (!line.trim()) { flush(); continue; }
    if (BULLET.test(line)) {
      flush();
      const text = line.replace(BULLET, '').trim();
      if (text) blocks.push({ kind: 'bullet', text });
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

/** What kind of non-story text a block is, or null when it is story. */
export function classifyBlock(text: string, ctx: ArticleContext): { rule: string; keepAs?: 'caption' | 'credit' } | null {
  if (text.startsWith(CAPTION_PREFIX)) return { rule: 'caption', keepAs: 'caption' };
  if (isHeadlineRepeat(text, ctx.title)) return { rule: 'headline-repeat' };
  for (const rule of DROP_RULES) {
    if (text.length <= rule.maxLength && rule.pattern.test(text)) return { rule: rule.name };
  }
  if (ctx.publisher && text.length <= 400 && text.toLowerCase().startsWith(`${ctx.publisher.toLowerCase()} is `)) {
    return { rule: 'publisher-blurb' };
  }
  if (ctx.author && (sameText(text, ctx.author) || text.startsWith(`${ctx.author} is `) || text.startsWith(`${ctx.author} was `))) {
    return { rule: 'byline', keepAs: 'credit' };
  }
  if (/^by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}$/i.test(text)) return { rule: 'byline', keepAs: 'credit' };
  if (text.length <= 400 && BIO.test(text)) return { rule: 'byline', keepAs: 'credit' };
  if (text.length <= 120 && CONTRIBUTOR_CREDIT.test(text)) return { rule: 'contributor-credit', keepAs: 'credit' };
  if (text.length <= 500 && CAPTION.test(text)) return { rule: 'caption', keepAs: 'caption' };
  // A bare name or label with no sentence in it ("Lauren Canterberry", "Logo") is page furniture.
  if (text.split(' ').length <= 4 && !/[.!?"]$/.test(text) && !/\d/.test(text)) return { rule: 'fragment' };
  return null;
}

/** Each block in reading order with its verdict (null for story); a comment section and every block after it are 'comment-section'. */
export function classifyBlocks(blocks: StoryBlock[], ctx: ArticleContext): Array<{ block: StoryBlock; verdict: ReturnType<typeof classifyBlock> }> {
  const end = blocks.findIndex((b) => STORY_END.test(b.text));
  return blocks.map((block, i) => ({ block, verdict: end >= 0 && i >= end ? { rule: 'comment-section' } : classifyBlock(block.text, ctx) }));
}

/** Cleans one article's raw body text (already Unicode-normalised). */
export function cleanArticle(body: string, ctx: ArticleContext): CleanedArticle {
  const result: CleanedArticle = { blocks: [], captions: [], credits: [], dropped: [] };
  for (const { block, verdict } of classifyBlocks(splitBlocks(body), ctx)) {
    if (!verdict) result.blocks.push(block);
    else if (verdict.keepAs === 'caption') result.captions.push(block.text);
    else if (verdict.keepAs === 'credit') result.credits.push(block.text);
    else result.dropped.push({ rule: verdict.rule, text: block.text });
  }
  return result;
}
