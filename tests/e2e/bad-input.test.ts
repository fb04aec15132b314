/**
 * The bad-input table: what people will type (or forge) at /ask, its
 * autocomplete, the buttons, "Ask the articles", /sources and the CLI, each
 * row with the reply it must get. Discord rows go through the stand-in to
 * the real bot process; CLI rows spawn the CLI.
 *
 * Every Discord row is also held to what no input may cause: a rejected or
 * missing acknowledgement, a "something went wrong", a stack trace, a ping,
 * control, bidi or lone-surrogate characters echoed back, or an unescaped
 * mention. Rows that forge a payload do what Discord's client would not
 * (values past max_length, hand-made custom ids): the bot must still cope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, deployCommands, startBot } from '../../testkit/bot-process.ts';
import { FakeDiscord, makeUser, type Callback, type InteractionRecord } from '../../testkit/fake-discord.ts';
import { runScript, type Run } from '../helpers.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.bad-input.${'b'.repeat(27)}`;
const APP_ID = '623456789012345678';
const EPHEMERAL = 64;

type Json = Record<string, any>;

/** The reply a row expects. */
type Expected =
  | { reply: 'answer'; says?: RegExp; cites?: RegExp; hidden?: true }
  | { reply: 'private'; says: RegExp }
  | { reply: 'choices'; count?: (n: number) => boolean; first?: string; notOffered?: string }
  /** The pressed message is updated in place (type 7); `followUp` is the private note after it, if any. */
  | { reply: 'update'; says?: RegExp; followUp?: RegExp };

interface DiscordRow {
  surface: '/ask' | '/compare' | 'autocomplete' | 'button' | 'Ask the articles' | '/sources';
  input: string;
  send: () => Json;
  expected: Expected;
  /** Text that must not appear verbatim anywhere in what the bot sent. */
  absent?: string[];
  /** The one user this reply may ping. */
  mayPing?: string;
}

let fake: FakeDiscord;
let bot: BotProcess;
const alice = makeUser('alice');
const bob = makeUser('bob');
/** An answer of alice's with live buttons, for the button rows. */
let answer: { messageId: string; moreId: string; key: string };

const long = (n: number) => 'What did Putin and Kim sign in Pyongyang about the mutual defense treaty and military assistance? '.repeat(Math.ceil(n / 97)).slice(0, n);
const Q300 = long(300);
const Q6000 = long(6000);
const ZALGO = [...'Putin treaty'].map((c) => (c === ' ' ? c : c + '\u0336\u0321\u031b\u0334\u0328\u0337'.repeat(4))).join('');

/** /ask with `question` (and options) as Discord would build it, then the question value replaced when it is one Discord would refuse. */
function ask(question: string, options: Json = {}, user = alice): Json {
  const payload = fake.slash('ask', { question: 'placeholder', ...options }, user);
  payload.data.options.find((o: Json) => o.name === 'question').value = question;
  return payload;
}

function compare(question: string): Json {
  const payload = fake.slash('compare', { question: 'placeholder' }, alice);
  payload.data.options.find((o: Json) => o.name === 'question').value = question;
  return payload;
}

function askWithSource(source: string, question = 'military assistance'): Json {
  const payload = fake.slash('ask', { question, source: 'placeholder' }, alice);
  payload.data.options.find((o: Json) => o.name === 'source').value = source;
  return payload;
}

function autocomplete(typed: string, option: 'question' | 'source' = 'question'): Json {
  const payload = fake.autocomplete('ask', { question: 'placeholder', ...(option === 'source' ? { source: 'placeholder' } : {}) }, option);
  payload.data.options.find((o: Json) => o.name === option).value = typed;
  return payload;
}

/** A press of a button with `customId` on alice's answer, as a forged or out-of-date client could send it. */
function press(customId: string, user = alice): Json {
  const message = fake.messages.get(answer.messageId)!;
  message.components = [{ type: 1, components: [{ type: 2, style: 1, label: 'More results', custom_id: customId }] }];
  return fake.button(answer.messageId, customId, user);
}

function askTheArticles(content: string): Json {
  const said = fake.userMessage(content, bob);
  return fake.messageCommand('Ask the articles', said.id, alice);
}

const ROWS: DiscordRow[] = [
  // Empty, tiny and wordless questions.
  { surface: '/ask', input: 'empty', send: () => ask(''), expected: { reply: 'private', says: /^The question is empty\. Type a question/ } },
  { surface: '/ask', input: 'blank (spaces, tabs, newlines)', send: () => ask(' \t\n  '), expected: { reply: 'private', says: /^The question is empty/ } },
  { surface: '/ask', input: 'one character', send: () => ask('x'), expected: { reply: 'private', says: /no words to look up/ } },
  { surface: '/ask', input: 'one capital letter (a symbol)', send: () => ask('P'), expected: { reply: 'private', says: /don't cover that\.\nNo article mentions \*\*P\*\*\./ } },
  { surface: '/ask', input: 'only stop words', send: () => ask('what is the of and to'), expected: { reply: 'private', says: /no words to look up/ } },
  { surface: '/ask', input: 'only punctuation', send: () => ask('?!?! … ;;; --- ***'), expected: { reply: 'private', says: /no words to look up/ } },
  // Length.
  { surface: '/ask', input: '300 characters (the limit)', send: () => ask(Q300), expected: { reply: 'answer' } },
  { surface: '/ask', input: '301 characters (forged past max_length)', send: () => ask(long(301)), expected: { reply: 'private', says: /^The question is 301 characters long; keep it under 300\.$/ } },
  { surface: '/ask', input: '6,000 characters (forged)', send: () => ask(Q6000), expected: { reply: 'private', says: /^The question is 6000 characters long; keep it under 300\.$/ }, absent: [Q6000.slice(0, 200)] },
  // Scripts and symbols.
  { surface: '/ask', input: 'only emoji', send: () => ask('🚀🔥🇰🇵👩‍🚀'), expected: { reply: 'private', says: /no words to look up/ } },
  { surface: '/ask', input: 'emoji inside a question', send: () => ask('Did Putin 🤝 Kim sign a treaty? 🇷🇺🇰🇵'), expected: { reply: 'answer', says: /🤝 Kim sign a treaty\? 🇷🇺🇰🇵/ } },
  { surface: '/ask', input: 'right-to-left script (Arabic)', send: () => ask('ما هو الاتفاق بين روسيا وكوريا'), expected: { reply: 'private', says: /don't cover that\.\nNo article mentions \*\*ما\*\*/ } },
  { surface: '/ask', input: 'mixed scripts', send: () => ask('Putin بوتين treaty 条约 Kim'), expected: { reply: 'answer', says: /Putin بوتين treaty 条约 Kim/ } },
  { surface: '/ask', input: 'bidi override characters', send: () => ask('\u202Eytaert\u202C Putin treaty \u2067Kim\u2069'), expected: { reply: 'answer', says: /\*\*Q:\*\* ytaert Putin treaty Kim$/m } },
  { surface: '/ask', input: 'combining-mark flood on every letter', send: () => ask(ZALGO), expected: { reply: 'answer', cites: /#/ }, absent: ['\u0336\u0321\u031b\u0334'] },
  { surface: '/ask', input: 'one letter and 5,000 combining marks (forged)', send: () => ask(`a${'\u0301'.repeat(5000)}`), expected: { reply: 'private', says: /no words to look up/ } },
  { surface: '/ask', input: 'NUL and control characters (ANSI escape, bell)', send: () => ask('Pu\u0000tin treaty\u0007\u0008 Kim\u001b\u0085\u009b'), expected: { reply: 'answer', says: /\*\*Q:\*\* Putin treaty Kim$/m } },
  { surface: '/ask', input: 'lone surrogates', send: () => ask('Putin \uD800 treaty \uDFFF Kim'), expected: { reply: 'answer', says: /\*\*Q:\*\* Putin treaty Kim$/m } },
  // Mentions.
  { surface: '/ask', input: '@everyone', send: () => ask('@everyone what did Putin and Kim sign?'), expected: { reply: 'answer', says: /@\u200beveryone what did Putin/ } },
  { surface: '/ask', input: '@here', send: () => ask('@here road bridge'), expected: { reply: 'answer', says: /@\u200bhere road bridge/ } },
  { surface: '/ask', input: '<@id> (a user mention)', send: () => ask(`<@${bob.id}> <@!${bob.id}> road bridge`), expected: { reply: 'answer', says: new RegExp(`\\\\<@${bob.id}\\\\> \\\\<@!${bob.id}\\\\>`) } },
  { surface: '/ask', input: '<@&role> (a role mention)', send: () => ask(`<@&${fake.guildId}> road bridge`), expected: { reply: 'answer', says: /\\<@&\d+\\> road bridge/ } },
  { surface: '/ask', input: '<#channel>', send: () => ask(`<#${fake.channelId}> road bridge`), expected: { reply: 'answer', says: /\\<#\d+\\> road bridge/ } },
  { surface: '/ask', input: 'mention: a user, with pings in the question', send: () => ask('@everyone road bridge', { mention: bob }), expected: { reply: 'answer', says: new RegExp(`^For <@${bob.id}>\\n`) }, mayPing: bob.id },
  // Markdown and syntax.
  { surface: '/ask', input: 'masked link', send: () => ask('[click here](https://evil.example/x) road bridge'), expected: { reply: 'answer', says: /\\\[click here\\\]\(https:\/\/evil\.example\/x\) road bridge/ }, absent: ['[click here](https://evil.example/x)'] },
  { surface: '/ask', input: 'code fence', send: () => ask('```js\nputin()\n``` road bridge'), expected: { reply: 'answer', says: /\\`\\`\\`js putin\(\) \\`\\`\\` road bridge/ } },
  { surface: '/ask', input: 'Markdown that would break the embed', send: () => ask('**road ||bridge __ ~~ ` > # -# [x]('), expected: { reply: 'answer', says: /\\\*\\\*road \\\|\\\|bridge \\_\\_ \\~\\~ \\` \\> # -# \\\[x\\\]\(/ } },
  { surface: '/ask', input: 'heading, quote and subtext markers at the start', send: () => ask('# road\n> bridge\n-# border'), expected: { reply: 'answer', says: /\*\*Q:\*\* \\# road \\> bridge -# border$/m } },
  { surface: '/ask', input: 'regex and query syntax', send: () => ask('.*(a|b)+$ [^x] \\d{3} bridge^2 title:putin AND OR NOT "kim" ~ *'), expected: { reply: 'answer', says: /^\*\*Q:\*\* \.\\\*\(a\\\|b\)\+\$ \\\[\^x\\\] \\\\d\{3\} bridge\^2 title:putin AND OR NOT "kim" \\~ \\\*$/m } },
  // Options.
  { surface: '/ask', input: 'source that names no article', send: () => askWithSource('no such article'), expected: { reply: 'private', says: /^No article matches "no such article"\. Pick one from the suggestions/ } },
  { surface: '/ask', input: 'source with a masked link and a mention', send: () => askWithSource('[x](https://evil.example) @everyone <@1>'), expected: { reply: 'private', says: /^No article matches "\\\[x\\\]\(https:\/\/evil\.example\) @\u200beveryone \\<@1\\>"/ }, absent: ['[x](https://evil.example)'] },
  { surface: '/ask', input: 'source: an autocomplete label instead of its value', send: () => askWithSource('North Korea: Deal with Russia covers immediate military assistance (The Hill)'), expected: { reply: 'answer', cites: /^the-hill-deal-covers-military-assistance#/ } },
  { surface: '/ask', input: 'source: the autocomplete value (article id)', send: () => askWithSource('world-mutual-defense-pact'), expected: { reply: 'answer', cites: /^world-mutual-defense-pact#/ } },
  { surface: '/ask', input: 'a suggestion key of an article no longer loaded', send: () => ask('a:no-such-article'), expected: { reply: 'private', says: /^That suggestion names an article that is no longer loaded/ } },
  { surface: '/ask', input: 'a suggestion key of a passage no longer held', send: () => ask('p:no-such-article#1:0'), expected: { reply: 'private', says: /^That suggestion names a passage the articles no longer hold/ } },
  { surface: '/ask', input: 'a forged key with path characters (typed text, not a key)', send: () => ask('p:../../etc#1:0 road bridge'), expected: { reply: 'answer', cites: /^putin-kim-comprehensive-partnership#/ } },
  { surface: '/ask', input: 'results out of range (forged 0 and 99)', send: () => { const p = ask('military assistance', { results: 2 }); p.data.options.find((o: Json) => o.name === 'results').value = 99; return p; }, expected: { reply: 'answer' } },
  // /compare.
  { surface: '/compare', input: 'empty', send: () => compare(''), expected: { reply: 'private', says: /^The question is empty/ } },
  { surface: '/compare', input: '6,000 characters (forged)', send: () => compare(Q6000), expected: { reply: 'private', says: /^The question is 6000 characters long/ } },
  { surface: '/compare', input: 'only stop words', send: () => compare('what is the'), expected: { reply: 'private', says: /no words to look up/ } },
  { surface: '/compare', input: '@everyone and a masked link', send: () => compare('@everyone [x](https://evil.example) mutual defense pact'), expected: { reply: 'answer', says: /@\u200beveryone \\\[x\\\]\(https:\/\/evil\.example\) mutual defense pact/ }, absent: ['[x](https://evil.example)'] },
  // The context menu and /sources.
  { surface: 'Ask the articles', input: 'a 6,000-character message', send: () => askTheArticles(Q6000), expected: { reply: 'answer', hidden: true, says: /asked with its first 300 characters/ } },
  { surface: 'Ask the articles', input: 'a message of only mentions', send: () => askTheArticles(`@everyone <@${bob.id}>`), expected: { reply: 'private', says: /don't cover that|no words to look up/ } },
  { surface: '/sources', input: 'article: a mention and a masked link', send: () => { const p = fake.slash('sources', { article: 'x' }); p.data.options[0].value = '<@&1> [a](https://evil.example)'; return p; }, expected: { reply: 'private', says: /^No article matches "\\<@&1\\> \\\[a\\\]\(https:\/\/evil\.example\)"/ } },
  // Autocomplete.
  { surface: 'autocomplete', input: 'nothing typed', send: () => autocomplete(''), expected: { reply: 'choices', count: (n) => n === 5 } },
  { surface: 'autocomplete', input: 'one character', send: () => autocomplete('x'), expected: { reply: 'choices', first: 'x' } },
  { surface: 'autocomplete', input: '6,000 characters', send: () => autocomplete(Q6000), expected: { reply: 'choices', count: (n) => n >= 1 } },
  { surface: 'autocomplete', input: 'control characters and lone surrogates', send: () => autocomplete('road\u0000 \uD800bridge\u001b'), expected: { reply: 'choices', first: 'road bridge' } },
  { surface: 'autocomplete', input: 'combining-mark flood', send: () => autocomplete(`a${'\u0301'.repeat(5000)}`), expected: { reply: 'choices', count: (n) => n <= 25 } },
  { surface: 'autocomplete', input: 'an emoji across the 100-character cut', send: () => autocomplete(`${'a'.repeat(99)}🚀 bridge`), expected: { reply: 'choices', count: (n) => n <= 25, notOffered: 'a'.repeat(99) } },
  { surface: 'autocomplete', input: 'source: regex syntax', send: () => autocomplete('.*', 'source'), expected: { reply: 'choices', count: (n) => n === 0 } },
  { surface: 'autocomplete', input: 'source: @everyone', send: () => autocomplete('@everyone', 'source'), expected: { reply: 'choices', count: (n) => n === 0 } },
  // Buttons.
  { surface: 'button', input: '"More results" pressed by another user', send: () => fake.button(answer.messageId, answer.moreId, bob), expected: { reply: 'private', says: /^Only the person who asked can page/ } },
  { surface: 'button', input: 'stale: an answer the bot no longer holds', send: () => press(`ask:more:${alice.id}:stale0key:2`), expected: { reply: 'update', followUp: /^This answer has expired/ } },
  { surface: 'button', input: 'forged id: offset past the last passage', send: () => press(`ask:more:${alice.id}:${answer.key}:999`), expected: { reply: 'update', followUp: /^No more passages match/ } },
  { surface: 'button', input: 'forged id: path characters', send: () => press('ask:more:../../etc:passwd:1'), expected: { reply: 'private', says: /older version of the bot/ } },
  { surface: 'button', input: 'forged id: NUL, emoji and 100 characters', send: () => press(`ask:more:\u0000🚀:${'k'.repeat(80)}:1`), expected: { reply: 'private', says: /older version of the bot/ } },
  { surface: 'button', input: 'forged id: open a passage no article holds', send: () => press('ask:open:gone#1:0'), expected: { reply: 'private', says: /^That passage is no longer in the articles/ } },
  { surface: 'button', input: 'forged id: post a sentence past the passage\'s end', send: () => press('ask:post:world-mutual-defense-pact#3:999'), expected: { reply: 'private', says: /^That passage is no longer in the articles/ } },
  { surface: 'button', input: 'forged id: a page far past the end of /sources', send: () => press('sources:page:9999:next'), expected: { reply: 'update', says: /^5 articles/m } },
];

// -----------------------------------------------------------------------------

beforeAll(async () => {
  fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID }).start();
  const opts = { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, guildId: fake.guildId };
  expect((await deployCommands(opts)).code).toBe(0);
  bot = startBot(opts);
  await bot.waitForLog((l) => l.event === 'ready');
  const { record } = await fake.dispatch(fake.slash('ask', { question: 'What does the pact say about military aggression?', results: 2 }, alice));
  const more = record.original!.components[0]!.components.find((c: Json) => c.label === 'More results');
  answer = { messageId: record.original!.id, moreId: more.custom_id, key: more.custom_id.split(':')[3] };
}, 60_000);

afterAll(async () => {
  if (bot?.running) await bot.stop('SIGKILL');
  await fake?.stop();
});

/** Every string in a JSON value. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

/** What no reply may contain, whatever the input. */
function expectNothingUnsafe(data: unknown): void {
  for (const s of strings(data)) {
    expect(s).not.toMatch(/\p{Cs}/u); // half of a surrogate pair: not encodable as UTF-8
    expect(s).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/); // control characters (newlines are fine)
    expect(s).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/); // bidi overrides that would reorder the text around them
    expect(s).not.toMatch(/\n\s+at |\b\w*Error: |node:internal|\.ts:\d+/); // stack traces
    expect(s).not.toMatch(/Something went wrong/);
    expect(s).not.toMatch(/(?<!\u200b)@(everyone|here)\b/);
  }
}

async function settle(record: InteractionRecord, expected: Expected): Promise<Json | null> {
  if (expected.reply === 'update' && expected.followUp) {
    const [followUp] = await fake.waitForWebhooks(record, 1);
    return followUp!.body;
  }
  return null;
}

/** The passages a reply showed, from its log line (what people read names no passage by id). */
const shownIds = async (record: InteractionRecord): Promise<string[]> =>
  (await bot.waitForLog((l) => l.event === 'interaction' && l.interactionId === record.id)).passageIds ?? [];

async function checkAck(row: DiscordRow, ack: Callback, record: InteractionRecord): Promise<void> {
  expect(ack.status, JSON.stringify(ack.error)).toBeLessThan(300);
  expectNothingUnsafe(ack.data);
  for (const text of row.absent ?? []) for (const s of strings(ack.data)) expect(s).not.toContain(text);
  const { expected } = row;
  if (expected.reply === 'choices') {
    expect(ack.type).toBe(8);
    const choices = ack.data.choices as Array<{ name: string; value: string }>;
    if (expected.count) expect(expected.count(choices.length), `${choices.length} choices`).toBe(true);
    if (expected.first !== undefined) expect(choices[0]).toEqual({ name: expected.first, value: expected.first });
    // What the user typed is never offered cut short: sent, it would not be what they typed.
    if (expected.notOffered !== undefined) expect(choices.map((c) => c.value)).not.toContain(expected.notOffered);
    return;
  }
  expect(ack.data.allowed_mentions).toEqual(row.mayPing ? { parse: [], users: [row.mayPing] } : { parse: [] });
  const message = expected.reply === 'update' ? fake.messages.get(record.payload.message.id)! : record.original!;
  expect(message.pinged).toEqual({ users: row.mayPing ? [row.mayPing] : [], roles: [], everyone: false });
  const content = String(ack.data.content ?? '');
  expect(content).not.toMatch(new RegExp(`(?<!\\\\)<[@#]${row.mayPing ? `(?!${row.mayPing}>)` : ''}`));
  if (expected.reply === 'private') {
    expect(ack.type).toBe(4);
    expect(ack.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(ack.data.embeds ?? []).toHaveLength(0);
    expect(content).toMatch(expected.says);
  } else if (expected.reply === 'answer') {
    expect(ack.type).toBe(4);
    expect(ack.data.flags ?? 0).toBe(expected.hidden ? EPHEMERAL : 0);
    expect((ack.data.embeds as Json[]).length).toBeGreaterThan(0);
    const cited = await shownIds(record);
    expect(cited).toHaveLength((ack.data.embeds as Json[]).length);
    if (expected.cites) for (const id of cited) expect(id).toMatch(expected.cites);
    if (expected.says) expect(content).toMatch(expected.says);
  } else {
    expect(ack.type).toBe(7);
    if (expected.says) expect(strings(ack.data).join('\n')).toMatch(expected.says);
  }
}

describe('bad input through Discord: each row gets its expected reply', () => {
  it.each(ROWS.map((row) => [row.surface, row.input, row] as const))('%s: %s', async (_surface, _input, row) => {
    const { ack, record } = await fake.dispatch(row.send());
    await checkAck(row, ack, record);
    const followUp = await settle(record, row.expected);
    if (followUp && row.expected.reply === 'update') {
      expectNothingUnsafe(followUp);
      expect(followUp.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(followUp.allowed_mentions).toEqual({ parse: [] });
      expect(followUp.content).toMatch(row.expected.followUp!);
    }
  });

  it('the bot is still up, and no row was an internal error', async () => {
    expect(bot.running).toBe(true);
    expect(bot.logs.filter((l) => l.msg === 'interaction failed' || l.level >= 50)).toEqual([]);
    const { ack } = await fake.dispatch(fake.slash('ask', { question: 'road bridge' }));
    expect(ack.status).toBe(204);
  });
});

// -----------------------------------------------------------------------------
// The CLI: one process per row, all started together.

interface CliRow {
  input: string;
  args: string[];
  stdin?: string;
  code: number;
  stdout?: RegExp;
  stderr?: RegExp;
  /** Characters the output must not carry through to the terminal. */
  clean?: boolean;
}

const CLI_ROWS: CliRow[] = [
  { input: 'empty', args: [''], code: 2, stderr: /^error: the question is empty: type a question/ },
  { input: 'blank', args: [' \t '], code: 2, stderr: /^error: the question is empty/ },
  { input: '6,000 characters', args: [Q6000], code: 2, stderr: /^error: the question is 6000 characters long; keep it under 500\n$/ },
  { input: 'only punctuation', args: ['?!?! … ;;;'], code: 0, stdout: /no words to search for/ },
  { input: 'right-to-left script', args: ['ما هو الاتفاق'], code: 0, stdout: /The articles don't answer that\.\nNo article mentions: ما, هو, الاتفاق\./ },
  { input: 'ANSI escapes, bell and bidi overrides', args: ['Putin \u001b]0;pwned\u0007treaty \u001b[2J\u202eKim'], code: 0, stdout: /^Q: Putin \]0;pwnedtreaty \[2JKim\n/, clean: true },
  { input: 'regex and query syntax', args: ['--json', '.*(a|b)+$ title:putin AND NOT "kim" ~ *'], code: 0, stdout: /^\{"question":/ },
  // Standard input is bytes: a lone surrogate cannot arrive there (invalid UTF-8 is decoded to U+FFFD).
  { input: 'batch: NUL, bidi override, combining flood, a blank line', args: ['--json', '-'], stdin: `road\u0000 bridge\n\u202EPutin treaty\n\n${ZALGO}\n`, code: 0, stdout: /^(\{"question":"[^\n]*"answered":true[^\n]*\}\n){3}$/, clean: true },
];

describe('bad input at the CLI: each row gets its expected output and exit code', () => {
  const runs = new Map<CliRow, Run>();
  beforeAll(async () => {
    const done = await Promise.all(CLI_ROWS.map((row) => runScript('src/cli/ask.ts', row.args, row.stdin === undefined ? {} : { input: row.stdin })));
    CLI_ROWS.forEach((row, i) => runs.set(row, done[i]!));
  }, 120_000);

  it.each(CLI_ROWS.map((row) => [row.input, row] as const))('%s', (_input, row) => {
    const run = runs.get(row)!;
    expect(run.code, run.stderr).toBe(row.code);
    if (row.stdout) expect(run.stdout).toMatch(row.stdout);
    if (row.stderr) expect(run.stderr).toMatch(row.stderr);
    expect(run.stderr).not.toMatch(/\n\s+at |node:internal/);
    if (row.clean) expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFD]/);
  });
});

it('the table has at least 40 rows', () => {
  expect(ROWS.length + CLI_ROWS.length).toBeGreaterThanOrEqual(40);
});
