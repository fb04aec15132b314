/**
 * End to end: deploy-commands and the real bot process (the `npm start`
 * entry point) against the loopback Discord stand-in. Every assertion is on
 * what crossed the wire: registered commands, interaction callbacks, webhook
 * calls, gateway payloads, and the bot's log lines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, deployCommands, startBot, type ProcessOptions } from '../../testkit/bot-process.ts';
import { FakeDiscord, makeUser, type Callback, type StoredMessage } from '../../testkit/fake-discord.ts';
import { loadCorpus } from '../../src/engine/corpus.ts';
import { SearchEngine } from '../../src/engine/engine.ts';
import { escapeMarkdown, highlightSpan } from '../../src/bot/format.ts';
import { BUNDLED_CORPUS, PROJECT_ROOT } from '../../src/paths.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.stand-in.${'t'.repeat(27)}`;
const APP_ID = '123456789012345678';
const ARTICLE_IDS = [
  'dw-mutual-defense-agreement',
  'putin-first-visit-in-24-years',
  'putin-kim-comprehensive-partnership',
  'the-hill-deal-covers-military-assistance',
  'world-mutual-defense-pact',
];
const EPHEMERAL = 64;

let fake: FakeDiscord;
let bot: BotProcess;
let opts: ProcessOptions;
let engine: SearchEngine;
const alice = makeUser('alice');
const bob = makeUser('bob');

const isEphemeral = (data: any) => ((data.flags ?? 0) & EPHEMERAL) === EPHEMERAL;
const messageOf = (ack: Callback, record: { original: StoredMessage | null }) => {
  expect(ack.status).toBe(204);
  return record.original!;
};
/** The interaction's log line: what the bot did, passage ids included (they are not in what people read). */
const logOf = (record: { id: string }) => bot.waitForLog((l) => l.event === 'interaction' && l.interactionId === record.id);
const shownIds = async (record: { id: string }): Promise<string[]> => (await logOf(record)).passageIds;
/** Everything a reader sees in a message: its text, embed titles, descriptions, footers and fields. */
const readable = (data: any): string => [data.content ?? '', ...(data.embeds ?? []).flatMap((e: any) =>
  [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])].filter(Boolean).join('\n');
/** No passage or article id and no placeholder for an unknown fact in what people read. */
function expectNoIdsOrPlaceholders(data: any): void {
  const text = readable(data);
  expect(text).not.toMatch(/[a-z0-9-]+#\d+/);
  for (const id of ARTICLE_IDS) expect(text).not.toContain(id);
  expect(text).not.toMatch(/not stated|unknown|\bn\/a\b/i);
}
/** The sentence an engine result answers with (its first when the engine highlights none), as the reply opens its passage with it. */
const boldHighlight = (r: { text: string; highlight: { start: number; end: number } | null }) => {
  const { start, end } = highlightSpan(r);
  return `**${escapeMarkdown(r.text.slice(start, end).replace(/\s+/g, ' ').trim())}**`;
};

beforeAll(async () => {
  engine = new SearchEngine(await loadCorpus(BUNDLED_CORPUS));
  fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID }).start();
  opts = { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, guildId: fake.guildId };
  const deployed = await deployCommands(opts);
  expect(deployed.stderr).toBe('');
  expect(deployed.code).toBe(0);
  bot = startBot(opts);
  await bot.waitForLog((l) => l.event === 'ready');
}, 60_000);

afterAll(async () => {
  if (bot?.running) await bot.stop('SIGKILL');
  await fake?.stop();
});


/** The id of the bundled passage that says `text`: found, not written down, so renumbering an article breaks nothing. */
function passageWith(text: string): string {
  const found = engine.articles().flatMap((a) => engine.passagesOf(a.id)).filter((p) => p.text.includes(text));
  if (found.length !== 1) throw new Error(`${found.length} passages say "${text}"`);
  return found[0]!.id;
}

describe('registration and connection', () => {
  it('deploy-commands bulk-overwrites the guild commands with the right options', () => {
    const put = fake.requests.filter((r) => r.method === 'PUT');
    expect(put.map((r) => r.path)).toEqual([`/applications/${APP_ID}/guilds/${fake.guildId}/commands`]);
    const commands = fake.commands.guilds.get(fake.guildId)!;
    expect(commands.map((c) => [c.name, c.type])).toEqual([['ask', 1], ['compare', 1], ['sources', 1], ['reload', 1], ['Ask the articles', 3]]);
    const ask = commands.find((c) => c.name === 'ask')!;
    const opt = (n: string) => ask.options.find((o: any) => o.name === n);
    expect(opt('question')).toMatchObject({ type: 3, required: true, max_length: 300, autocomplete: true });
    expect(opt('results')).toMatchObject({ type: 4, min_value: 1, max_value: 5 });
    expect(opt('source')).toMatchObject({ type: 3, autocomplete: true });
    expect(opt('hide')).toMatchObject({ type: 5 });
    expect(opt('mention')).toMatchObject({ type: 6 });
    const compare = commands.find((c) => c.name === 'compare')!;
    expect(compare.options.map((o: any) => [o.name, o.type, o.required ?? false])).toEqual([['question', 3, true], ['hide', 5, false]]);
    const sources = commands.find((c) => c.name === 'sources')!;
    expect(sources.options.find((o: any) => o.name === 'article')).toMatchObject({ type: 3, autocomplete: true });
  });

  it('deploy-commands registers globally when DISCORD_GUILD_ID is not set', async () => {
    const result = await deployCommands({ ...opts, guildId: '' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/globally/);
    expect(fake.commands.global.map((c) => c.name)).toEqual(['ask', 'compare', 'sources', 'Ask the articles']);
  });

  it('identifies with the Guilds intent only and the stand-in token', () => {
    const identify = fake.received.find((p) => p.op === 2);
    expect(identify?.d.intents).toBe(1);
    expect(fake.requests.find((r) => r.path === '/gateway/bot')?.headers.authorization).toBe(`Bot ${TOKEN}`);
  });
});

describe('/ask: the reply people read', () => {
  it('answers publicly in the first response: one embed per passage, the answering sentence first in bold, within limits, pinging nobody', async () => {
    const question = 'What must each country do if the other is invaded?';
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question }, alice));
    expect(ack.type).toBe(4);
    expect(ack.status).toBe(204); // the stand-in enforced every message and embed limit
    expect(isEphemeral(ack.data)).toBe(false);
    expect(ack.data.allowed_mentions).toEqual({ parse: [] });
    expect(messageOf(ack, record).pinged).toEqual({ users: [], roles: [], everyone: false });
    // What crossed the wire is what the engine answers, in its order.
    const expected = engine.answer(question, { k: 3 });
    expect(await shownIds(record)).toEqual(expected.results.map((r) => r.passageId));
    expect(ack.data.embeds).toHaveLength(3);
    ack.data.embeds.forEach((e: any, i: number) => {
      const r = expected.results[i]!;
      expect(e.title).toBe(r.title);
      expect(e.description.startsWith(boldHighlight(r))).toBe(true);
      expect(e.title.length + e.description.length + (e.footer?.text.length ?? 0)).toBeLessThanOrEqual(700);
    });
    expect(ack.data.embeds.at(-1).footer.text).toMatch(/^Passages 1–3 of \d+ that matched · from \d of 5 articles$/);
    expect(ack.data.content).toBe(`**Q:** ${question}`);
    expectNoIdsOrPlaceholders(ack.data);
  });

  it('the README\'s example is this reply, as Discord shows it', async () => {
    const { ack } = await fake.dispatch(fake.slash('ask', { question: 'What must each country do if the other is invaded?', results: 2 }, alice));
    const quote = (lines: string[]) => lines.map((l) => (l ? `> ${l}` : '>')).join('\n');
    const shown = quote([
      ...String(ack.data.content).split('\n'), '',
      ...ack.data.embeds.flatMap((e: any) => [`**[${e.title}]**`, ...String(e.description).split('\n'), ...(e.footer ? [`*${e.footer.text}*`] : []), '']),
      ack.data.components[0].components.map((c: any) => `[${c.label ?? c.emoji.name}]`).join(' '),
    ]);
    expect(readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8'), shown).toContain(shown);
  });

  it('source lines say what is known and nothing for what is not; "Also reported by" names the outlets', async () => {
    const question = 'What did Russia and North Korea agree to?';
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question, results: 5 }, alice));
    const expected = engine.answer(question, { k: 5 });
    expect(await shownIds(record)).toEqual(expected.results.map((r) => r.passageId));
    const lines = ack.data.embeds.map((e: any) => String(e.description).split('\n\n')[1] ?? '');
    expected.results.forEach((r, i) => {
      const source = { 'The Hill': '— The Hill', WORLD: '— WORLD · by Lauren Canterberry', 'DW News': '— DW News' }[r.publisher ?? ''];
      // The two articles that name no publisher, date or author get no source line at all.
      if (source) expect(lines[i]!.split('\n')[0]).toBe(source);
      else expect(lines[i]!.startsWith('—')).toBe(false);
      const outlets = [...new Set((r.alsoIn ?? []).map((c) => c.publisher ?? c.title))];
      if (outlets.length) expect(lines[i]).toContain(`Also reported by ${outlets.join(', ')}`);
    });
    expect(expected.results.some((r) => r.alsoIn?.length)).toBe(true);
    expect(expected.results.some((r) => !r.publisher)).toBe(true);
    expectNoIdsOrPlaceholders(ack.data);
  });

  it('names the words no article has, above the passages, as they were typed', async () => {
    const { ack } = await fake.dispatch(fake.slash('ask', { question: 'What did Putin and Kim sign in Pyongyang with bananas?' }, alice));
    expect(ack.data.embeds.length).toBeGreaterThan(0);
    expect(ack.data.content).toBe('**Q:** What did Putin and Kim sign in Pyongyang with bananas?\nNo article mentions **bananas**.');
  });

  it('quotes the right article: a question only one article answers, and source: narrowing', async () => {
    const bridge = await fake.dispatch(fake.slash('ask', { question: 'Is a road bridge being built?', results: 1 }));
    expect(await shownIds(bridge.record)).toEqual([passageWith('constructing a road bridge')]);
    expect(bridge.ack.data.embeds[0].title).toBe('Putin and Kim forge a comprehensive partnership pledging mutual support against aggression');
    expect(bridge.ack.data.embeds[0].description).toMatch(/^\*\*Putin mentioned plans for constructing a road bridge/);

    const narrowed = await fake.dispatch(fake.slash('ask', { question: 'military assistance', source: 'the-hill-deal-covers-military-assistance', results: 5 }));
    const ids = await shownIds(narrowed.record);
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) expect(id.startsWith('the-hill-deal-covers-military-assistance#')).toBe(true);
    for (const e of narrowed.ack.data.embeds) expect(e.title).toBe('North Korea: Deal with Russia covers immediate military assistance');
  });

  it('accepts free text that ignores the suggestions (a source typed as its title)', async () => {
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: 'military assistance', source: 'north korea: deal with russia covers immediate military assistance' }));
    expect(ack.status).toBe(204);
    expect((await shownIds(record)).every((id) => id.startsWith('the-hill-deal-covers-military-assistance#'))).toBe(true);
  });

  it('hide: makes the answer ephemeral', async () => {
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: 'road bridge', hide: true }));
    expect(ack.type).toBe(4);
    expect(isEphemeral(ack.data)).toBe(true);
    expect((await shownIds(record)).length).toBeGreaterThan(0);
  });

  it('mention: addresses the answer to that user and pings only them', async () => {
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: 'road bridge', mention: bob }, alice));
    expect(ack.data.content).toMatch(new RegExp(`^For <@${bob.id}>`));
    expect(ack.data.allowed_mentions).toEqual({ parse: [], users: [bob.id] });
    expect(isEphemeral(ack.data)).toBe(false);
    expect(messageOf(ack, record).pinged).toEqual({ users: [bob.id], roles: [], everyone: false });
  });

  it('hide with mention: answered privately, nobody pinged, and the asker is told why', async () => {
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: 'road bridge', mention: bob, hide: true }, alice));
    expect(isEphemeral(ack.data)).toBe(true);
    expect(ack.data.allowed_mentions).toEqual({ parse: [] });
    expect(ack.data.content).toMatch(/Not mentioning anyone/);
    expect(messageOf(ack, record).pinged.users).toEqual([]);
  });

  it('a question full of pings pings nobody and renders them as text', async () => {
    const question = `@everyone @here <@${bob.id}> <@&${fake.guildId}> where is the road bridge?`;
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question }, alice));
    expect(ack.status).toBe(204);
    expect(ack.data.allowed_mentions).toEqual({ parse: [] });
    expect(messageOf(ack, record).pinged).toEqual({ users: [], roles: [], everyone: false });
    expect(ack.data.content).not.toMatch(/(?<!\\)<@/); // shown escaped, as text
    expect(ack.data.content).not.toMatch(/@everyone|@here/);
  });

  it('a question of only common words gets a private explanation', async () => {
    const { ack } = await fake.dispatch(fake.slash('ask', { question: 'what is the' }));
    expect(isEphemeral(ack.data)).toBe(true);
    expect(ack.data.content).toMatch(/no words to look up/);
  });

  it('an unknown source gets a private message saying what to do', async () => {
    const { ack } = await fake.dispatch(fake.slash('ask', { question: 'road bridge', source: 'no such article' }));
    expect(isEphemeral(ack.data)).toBe(true);
    expect(ack.data.content).toMatch(/No article matches "no such article".*\/sources/);
  });
});

describe('/ask: refusals', () => {
  it('stay private, name the words no article has, and list the articles when no passage is near', async () => {
    const { ack } = await fake.dispatch(fake.slash('ask', { question: 'What about bananas in Peru?' }));
    expect(ack.type).toBe(4);
    expect(isEphemeral(ack.data)).toBe(true);
    expect(ack.data.allowed_mentions).toEqual({ parse: [] });
    expect(ack.data.content).toMatch(/^The articles don't cover that\.\nNo article mentions \*\*bananas\*\* or \*\*Peru\*\*\.\n/);
    // What to ask about instead: every article, by title, one a line.
    const listed = String(ack.data.content).split('The articles are:\n')[1]!.split('\n').filter((l) => l.startsWith('• '));
    expect(listed.map((l) => l.slice(2)).sort()).toEqual(engine.articles().map((a) => escapeMarkdown(a.title)).sort());
    expect(ack.data.embeds ?? []).toHaveLength(0);
    expect(ack.data.components ?? []).toHaveLength(0);
  });

  it('a near-topic question names the entity, offers the closest passages, and each opens privately, then posts publicly', async () => {
    const question = 'What did China say about the pact?';
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question }, alice));
    expect(isEphemeral(ack.data)).toBe(true);
    expect(ack.data.content).toMatch(/^The articles don't cover that\.\nNo article mentions \*\*China\*\*\.\n\nClosest passages:\n1\. /);
    const nearest = engine.answer(question).nearest!;
    expect(nearest.length).toBeGreaterThan(0);
    expect(await shownIds(record)).toEqual(nearest.map((r) => r.passageId));
    expectNoIdsOrPlaceholders(ack.data);
    const buttons = record.original!.components[0]!.components as any[];
    expect(buttons.map((b) => b.label)).toEqual(nearest.map((_, i) => `Open ${i + 1}`));

    const opened = await fake.dispatch(fake.button(record.original!.id, buttons[0].custom_id, alice));
    expect(opened.ack.type).toBe(4);
    expect(isEphemeral(opened.ack.data)).toBe(true);
    expect(opened.ack.data.allowed_mentions).toEqual({ parse: [] });
    expect(opened.ack.data.embeds).toHaveLength(1);
    expect(opened.ack.data.embeds[0].title).toBe(nearest[0]!.title);
    expect(opened.ack.data.embeds[0].description.startsWith(boldHighlight(nearest[0]!))).toBe(true);
    expect(await shownIds(opened.record)).toEqual([nearest[0]!.passageId]);
    const post = opened.record.original!.components[0]!.components.find((c: any) => c.label === 'Post publicly');

    const posted = await fake.dispatch(fake.button(opened.record.original!.id, post.custom_id, alice));
    expect(posted.ack.type).toBe(4);
    expect(isEphemeral(posted.ack.data)).toBe(false);
    expect(posted.ack.data.allowed_mentions).toEqual({ parse: [] });
    expect(posted.ack.data.embeds).toEqual(opened.ack.data.embeds);
    expect(posted.record.original!.pinged).toEqual({ users: [], roles: [], everyone: false });
  });
});

describe('autocomplete on question', () => {
  const choicesFor = async (typed: string) => {
    const { ack } = await fake.dispatch(fake.autocomplete('ask', { question: typed }, 'question'));
    expect(ack.type).toBe(8);
    expect(ack.status).toBe(204);
    return ack.data.choices as Array<{ name: string; value: string }>;
  };

  it('the typed text first, then passages (📄) and articles (📰), valid choices', async () => {
    const choices = await choicesFor('putin makes first vis');
    expect(choices[0]).toEqual({ name: 'putin makes first vis', value: 'putin makes first vis' });
    expect(choices.length).toBeGreaterThan(2);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices.slice(1)) expect(c.name).toMatch(/^(📄|📰) /u);
    expect(choices).toContainEqual({ name: '📰 Putin Makes First Visit to North Korea in 24 Years', value: 'a:putin-first-visit-in-24-years' });
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('"warning sho" offers the warning-shots passage; "kim tre" offers passages where the typed words alone find none', async () => {
    const shots = await choicesFor('warning sho');
    expect(shots[1]!.name).toMatch(/^📄 South Korean troops on Tuesday fired warning shots/u);
    expect(shots[1]!.value).toMatch(/^p:world-mutual-defense-pact#3:\d+$/);
    const kim = await choicesFor('kim tre');
    expect(kim[0]).toEqual({ name: 'kim tre', value: 'kim tre' });
    expect(kim.length).toBeGreaterThan(1);
    expect(kim[1]!.name).toMatch(/Kim.*treaty/);
  });

  it('nothing typed yet offers the articles; over-long text is not offered cut', async () => {
    const empty = await choicesFor('');
    expect(empty.map((c) => c.value).sort()).toEqual(ARTICLE_IDS.map((id) => `a:${id}`));
    for (const c of empty) expect(c.name).toMatch(/^📰 /u);
    const long = 'military '.repeat(15).trim();
    for (const c of await choicesFor(long)) expect(c.value).not.toBe(long.slice(0, 100));
  });

  it('picking a passage answers with that passage first, then the usual next ones, and "More results" goes on without repeats', async () => {
    const pick = (await choicesFor('warning sho'))[1]!;
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: pick.value, results: 2 }, alice));
    expect(ack.status).toBe(204);
    expect(isEphemeral(ack.data)).toBe(false);
    const first = await shownIds(record);
    expect(first[0]).toBe(passageWith('fired warning shots'));
    expect(first).toHaveLength(2);
    expect(ack.data.content).toMatch(/^\*\*Q:\*\* South Korean troops on Tuesday fired warning shots/);
    expect(ack.data.embeds[0].description).toMatch(/^\*\*South Korean troops on Tuesday fired warning shots/);
    expect((await logOf(record)).picked).toBe('passage');
    const more = record.original!.components[0]!.components.find((c: any) => c.label === 'More results');
    const page = await fake.dispatch(fake.button(record.original!.id, more.custom_id, alice));
    const next = await shownIds(page.record);
    expect(next).toHaveLength(2);
    expect(next.some((id) => first.includes(id))).toBe(false);
  });

  it('picking an article shows its /sources card; a suggestion no longer held gets a private note', async () => {
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: 'a:world-mutual-defense-pact' }, alice));
    expect(isEphemeral(ack.data)).toBe(false);
    const sources = await fake.dispatch(fake.slash('sources', { article: 'world-mutual-defense-pact' }));
    expect(ack.data.embeds).toEqual(sources.ack.data.embeds);
    expect((await logOf(record)).picked).toBe('article');
    const stale = await fake.dispatch(fake.slash('ask', { question: 'p:world-mutual-defense-pact#99:0' }, alice));
    expect(isEphemeral(stale.ack.data)).toBe(true);
    expect(stale.ack.data.content).toMatch(/no longer hold/);
  });

  it('source and article: titles as names, ids as values', async () => {
    const { ack } = await fake.dispatch(fake.autocomplete('ask', { question: 'x', source: 'hill' }, 'source'));
    expect(ack.data.choices).toEqual([{ name: 'North Korea: Deal with Russia covers immediate military assistance (The Hill)', value: 'the-hill-deal-covers-military-assistance' }]);
    const all = await fake.dispatch(fake.autocomplete('sources', { article: '' }, 'article'));
    expect(all.ack.data.choices.map((c: any) => c.value)).toEqual(ARTICLE_IDS);
  });
});

describe('/compare', () => {
  it('how each outlet reports it: the best passage of each article, publicly, most relevant first, the others named in the footer', async () => {
    const question = 'Is a road bridge being built?';
    const { ack, record } = await fake.dispatch(fake.slash('compare', { question }, alice));
    expect(ack.type).toBe(4);
    expect(ack.status).toBe(204);
    expect(isEphemeral(ack.data)).toBe(false);
    expect(ack.data.allowed_mentions).toEqual({ parse: [] });
    expect(record.original!.pinged).toEqual({ users: [], roles: [], everyone: false });
    const expected = engine.compare(question, { limit: 8 });
    expect(await shownIds(record)).toEqual(expected.rows.map((r) => r.passageId));
    expect(ack.data.embeds.map((e: any) => e.title)).toEqual(expected.rows.map((r) => r.title));
    // "built" is in no article ("constructing" is): named as for /ask.
    expect(ack.data.content).toBe(`**How each outlet reports it:** ${question}\nNo article mentions **built**.`);
    const footer = ack.data.embeds.at(-1).footer.text as string;
    expect(footer).toMatch(new RegExp(`^${expected.rows.length} of 5 articles answer it · Not covered by `));
    for (const a of expected.uncovered) expect(footer).toContain(a.publisher ?? a.title);
    expect(expected.uncovered.length).toBeGreaterThan(0);
    expectNoIdsOrPlaceholders(ack.data);
  });

  it('every article that answers gets one embed, each opening with its answering sentence', async () => {
    const question = 'mutual defense pact';
    const { ack, record } = await fake.dispatch(fake.slash('compare', { question }, alice));
    const expected = engine.compare(question, { limit: 8 });
    expect(ack.data.embeds).toHaveLength(5);
    expect(new Set((await shownIds(record)).map((id) => id.split('#')[0])).size).toBe(5);
    ack.data.embeds.forEach((e: any, i: number) => expect(e.description.startsWith(boldHighlight(expected.rows[i]!))).toBe(true));
    expect(ack.data.embeds.at(-1).footer.text).toBe('5 of 5 articles answer it');
  });

  it('hide makes it private; a refusal is private and names the missing words, as for /ask', async () => {
    const hidden = await fake.dispatch(fake.slash('compare', { question: 'road bridge', hide: true }, alice));
    expect(isEphemeral(hidden.ack.data)).toBe(true);
    expect(hidden.ack.data.embeds.length).toBeGreaterThan(0);
    const refused = await fake.dispatch(fake.slash('compare', { question: 'What did China say about the pact?' }, alice));
    expect(isEphemeral(refused.ack.data)).toBe(true);
    expect(refused.ack.data.content).toMatch(/^The articles don't cover that\.\nNo article mentions \*\*China\*\*\.\n\nClosest passages:/);
    const blank = fake.slash('compare', { question: 'placeholder' }, alice);
    blank.data.options[0].value = '   ';
    const empty = await fake.dispatch(blank);
    expect(isEphemeral(empty.ack.data)).toBe(true);
    expect(empty.ack.data.content).toMatch(/^The question is empty/);
  });
});

describe('buttons', () => {
  it('"More results" pages for the asker and is refused to anyone else', async () => {
    const first = await fake.dispatch(fake.slash('ask', { question: 'What does the pact say about military aggression?', results: 2 }, alice));
    const message = messageOf(first.ack, first.record);
    const more = message.components[0]!.components.find((c: any) => c.label === 'More results');
    expect(more.disabled).toBe(false);
    const firstIds = await shownIds(first.record);
    const firstEmbeds = first.ack.data.embeds;

    const stranger = await fake.dispatch(fake.button(message.id, more.custom_id, bob));
    expect(stranger.ack.type).toBe(4);
    expect(isEphemeral(stranger.ack.data)).toBe(true);
    expect(stranger.ack.data.content).toMatch(/Only the person who asked/);
    expect(fake.messages.get(message.id)!.embeds).toEqual(firstEmbeds); // the answer did not move

    const page = await fake.dispatch(fake.button(message.id, more.custom_id, alice));
    expect(page.ack.type).toBe(7);
    expect(page.ack.status).toBe(204);
    expect(page.ack.data.allowed_mentions).toEqual({ parse: [] });
    const nextIds = await shownIds(page.record);
    expect(nextIds).toEqual(engine.answer('What does the pact say about military aggression?', { k: 2, offset: 2 }).results.map((r) => r.passageId));
    expect(nextIds.some((id) => firstIds.includes(id))).toBe(false);
    expect(page.ack.data.embeds.at(-1).footer.text).toMatch(/^Passages 3–4 of/);
    expect(fake.messages.get(message.id)!.embeds).toEqual(page.ack.data.embeds);
  });

  it('👍/👎 are acknowledged privately and logged with the passages shown', async () => {
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: 'road bridge' }, alice));
    const message = messageOf(ack, record);
    const down = message.components[0]!.components.find((c: any) => c.emoji?.name === '👎');
    const vote = await fake.dispatch(fake.button(message.id, down.custom_id, bob));
    expect(isEphemeral(vote.ack.data)).toBe(true);
    expect(vote.ack.data.content).toMatch(/Thanks/);
    expect(await logOf(vote.record)).toMatchObject({ kind: 'component', outcome: 'feedback', feedback: 'down', userId: bob.id, passageIds: await shownIds(record) });
  });

  it('a button the bot does not know gets a private explanation', async () => {
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: 'road bridge' }, alice));
    const message = messageOf(ack, record);
    message.components = [{ type: 1, components: [{ type: 2, style: 1, label: 'Old', custom_id: 'v0:something' }] }];
    const press = await fake.dispatch(fake.button(message.id, 'v0:something', alice));
    expect(isEphemeral(press.ack.data)).toBe(true);
    expect(press.ack.data.content).toMatch(/older version/);
  });
});

describe('/sources and the context menu', () => {
  it('/sources lists all five articles publicly, with only what is known of each', async () => {
    const { ack } = await fake.dispatch(fake.slash('sources'));
    expect(ack.status).toBe(204);
    expect(isEphemeral(ack.data)).toBe(false);
    expect(ack.data.allowed_mentions).toEqual({ parse: [] });
    const text = ack.data.embeds[0].description as string;
    expect(text).toMatch(/\*\*Putin Makes First Visit to North Korea in 24 Years\*\*\n\d+ passages/);
    expect(text).toMatch(/\*\*Russia and North Korea Sign New Mutual Defense and Cooperation Agreement\*\*\nDW News · 12 passages/);
    expect(text).toContain('WORLD · by Lauren Canterberry · ');
    expectNoIdsOrPlaceholders(ack.data);
    expect(ack.data.components ?? []).toHaveLength(0); // five fit on one page
  });

  it('/sources article: shows its details and first passages; an unknown one is a private error', async () => {
    const { ack } = await fake.dispatch(fake.slash('sources', { article: 'world-mutual-defense-pact', hide: true }));
    expect(isEphemeral(ack.data)).toBe(true);
    expect(ack.data.embeds[0].title).toBe('Russia and North Korea sign mutual defense pact');
    expect(ack.data.embeds[0].fields.map((f: any) => [f.name, f.value])).toEqual([['Publisher', 'WORLD'], ['Author', 'Lauren Canterberry'], ['Passages', String(engine.passagesOf('world-mutual-defense-pact').length)]]);
    expect(ack.data.embeds[0].description).toContain(engine.passagesOf('world-mutual-defense-pact')[0]!.text.slice(0, 40));
    expectNoIdsOrPlaceholders(ack.data);
    const missing = await fake.dispatch(fake.slash('sources', { article: 'nope' }));
    expect(isEphemeral(missing.ack.data)).toBe(true);
    expect(missing.ack.data.content).toMatch(/No article matches "nope"/);
  });

  it('"Ask the articles" answers a message\'s text privately', async () => {
    const said = fake.userMessage('I heard they are building a road bridge on the border?', bob);
    const { ack, record } = await fake.dispatch(fake.messageCommand('Ask the articles', said.id, alice));
    expect(ack.type).toBe(4);
    expect(isEphemeral(ack.data)).toBe(true);
    expect(await shownIds(record)).toContain(passageWith('constructing a road bridge'));
    expect((await logOf(record)).kind).toBe('context-menu');
    const empty = fake.userMessage('', bob);
    const none = await fake.dispatch(fake.messageCommand('Ask the articles', empty.id, alice));
    expect(isEphemeral(none.ack.data)).toBe(true);
    expect(none.ack.data.content).toMatch(/no text to ask about/);
  });
});

describe('failures stay inside the interaction', () => {
  it('a /sources reply Discord rejects becomes a private "something went wrong", and the bot keeps answering', async () => {
    const payload = fake.slash('sources');
    let failed = 0;
    const off = fake.onRequest((req) => {
      if (req.path.startsWith(`/interactions/${payload.id}/`) && failed++ === 0) {
        return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: {} } };
      }
      return undefined;
    });
    try {
      const { ack } = await fake.dispatch(payload);
      expect(isEphemeral(ack.data)).toBe(true);
      expect(ack.data.content).toMatch(/Something went wrong/);
    } finally {
      off();
    }
    await bot.waitForLog((l) => l.msg === 'interaction failed' && l.interactionId === payload.id && l.code === 50035);
    const again = await fake.dispatch(fake.slash('ask', { question: 'road bridge' }));
    expect(again.ack.status).toBe(204);
    expect(bot.running).toBe(true);
  });

  it('an unregistered command name gets a private hint to redeploy', async () => {
    const payload = fake.slash('sources');
    payload.data.name = 'retired-command';
    const { ack } = await fake.dispatch(payload);
    expect(isEphemeral(ack.data)).toBe(true);
    expect(ack.data.content).toMatch(/deploy-commands/);
  });
});

describe('logs, and answering in a row', () => {
  it('writes one JSON line per interaction with the fields operators need, and never the token', async () => {
    // The line is written once the reply is sent, which can be just after the stand-in saw it.
    const deadline = Date.now() + 5000;
    while (bot.logs.filter((l) => l.event === 'interaction').length < fake.interactions.size && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const lines = bot.logs.filter((l) => l.event === 'interaction');
    const answered = lines.find((l) => l.command === 'ask' && l.kind === 'command' && l.answered === true)!;
    expect(answered).toMatchObject({ guildId: fake.guildId, userId: expect.any(String), questionLength: expect.any(Number) });
    expect(answered.passageIds.length).toBeGreaterThan(0);
    expect(typeof answered.latencyMs).toBe('number');
    const dispatched = fake.interactions.size;
    expect(lines.length).toBe(dispatched);
    // Every kind of interaction gets its line from what its handler returned.
    expect(new Set(lines.map((l) => l.kind))).toEqual(new Set(['command', 'context-menu', 'autocomplete', 'component']));
    for (const l of lines) expect(typeof l.outcome).toBe('string');
    expect(lines.find((l) => l.kind === 'autocomplete')).toMatchObject({ outcome: 'choices', choices: expect.any(Number) });
    expect(bot.stdout + bot.stderr).not.toContain(TOKEN);
  });

  it('50 /ask in a row: each answered in its first response with the engine\'s passages for it, in order', async () => {
    // The stand-in refuses an acknowledgement after Discord's 3 s (10062), so 204 is "in time"; the latencies are reported only.
    const questions = ['road bridge', 'What does the pact say about military aggression?', 'Who is Yoon Suk Yeol?', 'When did Putin last visit Pyongyang?', 'munitions for the war in Ukraine'];
    const expected = questions.map((q) => engine.answer(q, { k: 3 }).results.map((r) => r.passageId));
    expect(expected.every((ids) => ids.length > 0)).toBe(true);
    const latencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      const { ack, record } = await fake.dispatch(fake.slash('ask', { question: questions[i % questions.length]! }));
      expect(ack.status).toBe(204);
      expect(ack.type).toBe(4);
      expect(record.callbacks).toHaveLength(1);
      expect(ack.data.content).toBe(`**Q:** ${questions[i % questions.length]}`);
      expect(await shownIds(record)).toEqual(expected[i % questions.length]);
      expect(ack.data.embeds).toHaveLength(expected[i % questions.length]!.length);
      latencies.push(ack.latencyMs);
    }
    latencies.sort((a, b) => a - b);
    const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
    console.log(`interaction→callback latency through the stand-in: ${JSON.stringify({ n: latencies.length, medianMs: +pick(0.5).toFixed(1), p99Ms: +pick(0.99).toFixed(1), maxMs: +latencies.at(-1)!.toFixed(1) })}`);
  });

  it('SIGTERM destroys the client and exits 0', async () => {
    const { code } = await bot.stop('SIGTERM');
    expect(code).toBe(0);
    expect(bot.logs.some((l) => l.event === 'shutdown' && l.signal === 'SIGTERM')).toBe(true);
  });
});
