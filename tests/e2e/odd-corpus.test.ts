/**
 * End to end with a corpus built to break things: a passage far longer than
 * an embed, Markdown and pings inside article text, files that cannot be
 * served, and buttons that expire within the test.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotProcess } from '../../testkit/bot-process.ts';
import { startDeployedBot, stopDeployedBot } from '../../testkit/deployed-bot.ts';
import { makeUser, type FakeDiscord } from '../../testkit/fake-discord.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.odd-corpus.${'o'.repeat(27)}`;
const APP_ID = '223456789012345678';
const TTL_SECONDS = 2;

// One run-on sentence of ~9,000 characters: no sentence boundary to cut at.
const RUN_ON = `The zeppelin fleet ${Array.from({ length: 300 }, (_, i) => `crossed valley number ${i + 1}`).join(', ')} before landing at dawn.`;
// Many mid-length sentences: the engine keeps several per passage; five such passages overflow 6,000.
const DIRIGIBLE = Array.from({ length: 40 }, (_, i) =>
  `Dirigible crew ${i + 1} reported that the airship envelope held steady while the ballast tanks were trimmed and the gondola lights were checked twice by the night watch.`).join(' ');
const ODD = 'The hangar *story* has _underscores_, `code`, ```js\nfenced``` blocks, ||spoilers||, <@123456789012345678> and @everyone and @here pings, [a link](https://example.com), '
  + 'and emoji 🚀👩 about the mooring mast.\n\n# Not a heading about the mooring mast\n\n> not a quote about the mooring mast';

let dir: string;
let fake: FakeDiscord;
let bot: BotProcess;
const alice = makeUser('alice');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'summit-odd-'));
  await writeFile(path.join(dir, 'long.md'), `---\nid: zeppelin\ntitle: "Zeppelin fleet report"\npublisher: The Test Gazette\npublished: 2024-06-20\nurl: https://example.com/zeppelin\n---\n${RUN_ON}\n\n${DIRIGIBLE}\n`);
  await writeFile(path.join(dir, 'odd.md'), `---\nid: odd\ntitle: "**Odd** _title_ \`code\` @everyone"\n---\n${ODD}\n`);
  await writeFile(path.join(dir, 'broken.md'), '---\ntitle: no closing line\nThe front matter never ends.\n');
  await writeFile(path.join(dir, 'notes.csv'), 'a,b\n1,2\n');
  // Enough articles that /sources needs a second page.
  for (let i = 1; i <= 9; i++) {
    await writeFile(path.join(dir, `filler-${i}.md`), `---\ntitle: "Filler article ${i}"\npublisher: Filler Press\n---\nFiller story number ${i} about harbour cranes and tides, item ${i}.\n`);
  }

  ({ fake, bot } = await startDeployedBot({ token: TOKEN, applicationId: APP_ID }, { corpusDir: dir, buttonTtlSeconds: TTL_SECONDS }));
}, 60_000);

afterAll(async () => {
  await stopDeployedBot(fake, bot);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a corpus with bad files', () => {
  it('serves the valid articles and logs each file it skipped', async () => {
    const problems = bot.logs.filter((l) => l.event === 'corpus-problem').map((l) => l.file).sort();
    expect(problems).toEqual(['broken.md', 'notes.csv']);
    const { ack, record } = await fake.dispatch(fake.slash('sources'));
    const text: string = ack.data.embeds[0].description;
    expect(text).toContain('**Filler article 1**\nFiller Press · 1 passage');
    expect(text).not.toMatch(/not stated|`filler-1`/);
    expect(ack.data.embeds[0].footer.text).toMatch(/^11 articles · page 1 of 2/);

    // The rest is on page 2, behind Next.
    const next = record.original!.components[0]!.components.find((c: any) => c.label === 'Next');
    const page = await fake.dispatch(fake.button(record.original!.id, next.custom_id, alice));
    expect(page.ack.type).toBe(7);
    const second: string = page.ack.data.embeds[0].description;
    expect(second).toContain('**[Zeppelin fleet report](https://example.com/zeppelin)**');
    expect(second).toContain('The Test Gazette · 20 Jun 2024');
    expect(second).toMatch(/\*\*\\\*\\\*Odd\\\*\\\* \\_title\\_ \\`code\\` @\u200beveryone\*\*\n\d passages?/);
    expect(page.ack.data.embeds[0].footer.text).toMatch(/^11 articles · page 2 of 2/);
    expect(page.ack.data.components[0].components.map((c: any) => [c.label, c.disabled])).toEqual([['Previous', false], ['Next', true]]);
  });
});

describe('passages longer than the limits', () => {
  it('a 9,000-character passage is cut cleanly at a word, with an ellipsis and its source', async () => {
    const { ack } = await fake.dispatch(fake.slash('ask', { question: 'zeppelin fleet valley', results: 1 }, alice));
    expect(ack.status).toBe(204);
    const [embed] = ack.data.embeds;
    expect(embed.title).toBe('Zeppelin fleet report');
    expect(embed.url).toBe('https://example.com/zeppelin');
    expect(embed.title.length + embed.description.length + embed.footer.text.length).toBeLessThanOrEqual(700);
    const [passage, citation] = embed.description.split('\n\n');
    expect(citation).toBe('— The Test Gazette · 20 Jun 2024');
    // The one sentence is the answer: shown in bold, cut at a word, the cut marked inside the bold.
    expect(passage).toMatch(/^\*\*The zeppelin fleet crossed valley number 1, .*…\*\*$/);
    const kept = passage.slice(2, -3);
    expect(RUN_ON.startsWith(kept)).toBe(true);
    expect(RUN_ON[kept.length]).toMatch(/[\s,]/);
  });

  it('five long passages, each at most 700 characters, cut at a sentence boundary', async () => {
    const { ack } = await fake.dispatch(fake.slash('ask', { question: 'dirigible airship ballast gondola', results: 5 }, alice));
    expect(ack.status).toBe(204); // the stand-in rejects anything over 6,000 in all
    const embeds = ack.data.embeds as any[];
    expect(embeds.length).toBe(5);
    const total = embeds.reduce((n, e) => n + e.title.length + e.description.length + (e.footer?.text.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(6000);
    for (const e of embeds) {
      expect(e.title.length + e.description.length + (e.footer?.text.length ?? 0)).toBeLessThanOrEqual(700);
      const passage = (e.description as string).split('\n\n')[0]!.replace(/\*\*/g, '');
      // Either whole or cut after a full stop: never mid-sentence.
      expect(passage).toMatch(/\.( …)?$/);
      expect(passage.replace(/^… /, '')).toMatch(/^Dirigible crew \d+/);
    }
  });
});

describe('article text that looks like Markdown or pings', () => {
  it('is escaped so it renders literally and pings nobody', async () => {
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: 'hangar story mooring mast', results: 1 }, alice));
    expect(ack.status).toBe(204);
    const [embed] = ack.data.embeds;
    expect(embed.title).toBe('\\*\\*Odd\\*\\* \\_title\\_ \\`code\\` @\u200beveryone');
    const d: string = embed.description;
    // The answering sentence is in bold; what looks like Markdown inside it stays literal.
    expect(d).toMatch(/^\*\*The hangar \\\*story\\\* has \\_underscores\\_, /);
    expect(d).toContain('\\_underscores\\_');
    expect(d).toContain('\\`\\`\\`js');
    expect(d).toContain('\\|\\|spoilers\\|\\|');
    expect(d).toContain('\\<@123456789012345678\\>');
    expect(d).toContain('\\[a link\\]');
    expect(d).toContain('🚀👩');
    expect(d).not.toMatch(/(?<!\u200b)@(everyone|here)/);
    expect(record.original!.pinged).toEqual({ users: [], roles: [], everyone: false });
  });
});

describe('expiry', () => {
  it('disables "More results" when the answer expires, and a stale press is told politely', async () => {
    const { ack, record } = await fake.dispatch(fake.slash('ask', { question: 'dirigible airship ballast', results: 1 }, alice));
    const message = record.original!;
    const more = message.components[0]!.components.find((c: any) => c.label === 'More results');
    expect(more.disabled).toBe(false);
    expect(ack.status).toBe(204);
    // A client that has not yet seen the edit can still send the press.
    const stalePress = fake.button(message.id, more.custom_id, alice);

    const [edit] = await fake.waitForWebhooks(record, 1, TTL_SECONDS * 1000 + 5000);
    expect(edit!.method).toBe('PATCH');
    expect(edit!.path).toMatch(/\/messages\/@original$/);
    expect(edit!.status).toBe(200);
    const row = fake.messages.get(message.id)!.components[0] as { components: any[] };
    expect(row.components.find((c) => c.label === 'More results').disabled).toBe(true);

    const press = await fake.dispatch(stalePress);
    expect(press.ack.type).toBe(7);
    const [followUp] = await fake.waitForWebhooks(press.record, 1);
    expect(followUp!.method).toBe('POST');
    expect(followUp!.body.flags & 64).toBe(64);
    expect(followUp!.body.content).toMatch(/expired/);
  });
});
