/**
 * Reloading the articles without a restart, through the stand-in: /reload
 * (admins, guild only) and the corpus-folder watcher. A new index serves only
 * when it has valid articles; broken files are reported and skipped; a folder
 * whose files all fail, or one that is gone, leaves the last good index
 * serving.
 */
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, deployCommands, startBot, type LogLine } from '../../testkit/bot-process.ts';
import { FakeDiscord, makeUser } from '../../testkit/fake-discord.ts';
import { mdArticle, ROOT, runScript } from '../helpers.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.reload.${'l'.repeat(27)}`;
const APP_ID = '923456789012345678';
const EPHEMERAL = 64;
const article = (id: string, body: string) => mdArticle({ id, title: `"${id} report"`, url: null }, `${body}\n`);
const BROKEN = '---\ntitle: the front matter never ends\n';

let fake: FakeDiscord;
let bot: BotProcess;
const admin = makeUser('admin');
const roots: string[] = [];

/** A fresh corpus folder with two articles, and the bot serving it (`watch`: CORPUS_WATCH). */
async function serve(watch: string): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'summit-reload-'));
  roots.push(root);
  const dir = path.join(root, 'corpus');
  await mkdir(dir);
  await writeFile(path.join(dir, 'zeppelin.md'), article('zeppelin', 'The zeppelin fleet crossed the valley before landing at dawn.'));
  await writeFile(path.join(dir, 'cranes.md'), article('cranes', 'Harbour cranes unloaded the grain ships while the tide was high.'));
  const opts = { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, guildId: fake.guildId, corpusDir: dir, env: { CORPUS_WATCH: watch } };
  bot = startBot(opts);
  await bot.waitForLog((l) => l.event === 'ready');
  return { root, dir };
}

beforeAll(async () => {
  fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID }).start();
  expect((await deployCommands({ token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, guildId: fake.guildId })).code).toBe(0);
}, 60_000);

afterAll(async () => {
  if (bot?.running) await bot.stop('SIGKILL');
  await fake?.stop();
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** Runs /reload as the admin and returns the report it edits into its deferred private reply. */
async function reload(): Promise<string> {
  const { ack, record } = await fake.dispatch(fake.slash('reload', {}, admin));
  expect(ack.type).toBe(5);
  expect(ack.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  const [edit] = await fake.waitForWebhooks(record, 1, 30_000);
  expect(edit!.status).toBe(200);
  expect(edit!.body.allowed_mentions).toEqual({ parse: [] });
  return edit!.body.content as string;
}

/** The passage ids /ask shows for `question`, from its log line (the reply names passages by title, not id). */
async function cites(question: string): Promise<string[]> {
  const { ack, record } = await fake.dispatch(fake.slash('ask', { question }));
  expect(ack.status).toBe(204);
  const line = await bot.waitForLog((l) => l.event === 'interaction' && l.interactionId === record.id);
  return line.answered ? line.passageIds : [];
}

/** The next log line matching `predicate` after the ones already written. */
function nextLog(predicate: (l: LogLine) => boolean): Promise<LogLine> {
  const seen = bot.logs.length;
  return bot.waitForLog((l) => bot.logs.indexOf(l) >= seen && predicate(l), 30_000);
}

describe('/reload (watcher off, so only the command reloads)', () => {
  let root: string;
  let dir: string;
  beforeAll(async () => {
    ({ root, dir } = await serve('off'));
  }, 60_000);
  afterAll(() => bot.stop('SIGKILL'));

  it('is registered in the guild only, for administrators by default', async () => {
    const reloadCommand = fake.commands.guilds.get(fake.guildId)!.find((c) => c.name === 'reload')!;
    expect(reloadCommand).toMatchObject({ type: 1, default_member_permissions: '0', contexts: [0] });
    const global = await deployCommands({ token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl });
    expect(global.code).toBe(0);
    expect(fake.commands.global.map((c) => c.name)).not.toContain('reload');
  });

  it('loads a new article, reports the broken file it skipped, and the new article answers', async () => {
    await writeFile(path.join(dir, 'lighthouse.md'), article('lighthouse', 'The lighthouse keeper lit the lamp every evening at six.'));
    await writeFile(path.join(dir, 'broken.md'), BROKEN);
    const report = await reload();
    expect(report).toMatch(/^Reloaded: now serving 3 articles, 3 passages \(before: \d articles?, \d passages?\), in \d+ ms\.\n\nSkipped 1 file:\n• `broken\.md`: broken front matter: no closing "---" line$/);
    expect(await cites('lighthouse keeper lamp')).toEqual(['lighthouse#1']);
  });

  it('a folder whose files all fail keeps the last good index serving', async () => {
    const saved = new Map<string, string>();
    for (const name of await readdir(dir)) {
      if (name === 'broken.md') continue;
      saved.set(name, await readFile(path.join(dir, name), 'utf8'));
      await writeFile(path.join(dir, name), BROKEN);
    }
    try {
      const report = await reload();
      expect(report).toMatch(/^Kept the articles already serving \(3 articles, 3 passages\): no usable article in the folder \(4 file\(s\) skipped\)\.\n\nSkipped 4 files:/);
      expect(await cites('zeppelin fleet valley')).toEqual(['zeppelin#1']);
    } finally {
      for (const [name, text] of saved) await writeFile(path.join(dir, name), text);
    }
    expect(await reload()).toMatch(/^Reloaded: now serving 3 articles/);
  });

  it('a folder that is gone keeps the last good index serving, and says why', async () => {
    const away = path.join(root, 'moved');
    await rename(dir, away);
    try {
      const report = await reload();
      expect(report).toMatch(/^Kept the articles already serving \(3 articles, 3 passages\): corpus folder .* does not exist/);
      expect(await cites('zeppelin fleet valley')).toEqual(['zeppelin#1']);
    } finally {
      await rename(away, dir);
    }
    expect(bot.running).toBe(true);
  });
});

describe('the corpus-folder watcher', () => {
  let dir: string;
  beforeAll(async () => {
    ({ dir } = await serve('300'));
  }, 60_000);

  it('reloads on its own after a new file appears, and the new article answers', async () => {
    const reloaded = nextLog((l) => l.event === 'corpus-reload' && l.trigger === 'watcher' && l.articles === 3);
    await writeFile(path.join(dir, 'tugboat.md'), article('tugboat', 'A tugboat towed the disabled ferry back into port.'));
    const line = await reloaded;
    expect(line).toMatchObject({ replaced: true, passages: 3, problems: 0 });
    expect(await cites('tugboat towed ferry')).toEqual(['tugboat#1']);
  });

  it('a broken new file is logged and skipped; every valid article keeps serving', async () => {
    // Both awaited from before the change: the two lines can arrive in one read of the bot's output.
    const problem = nextLog((l) => l.event === 'corpus-problem' && l.trigger === 'watcher' && l.file === 'also-broken.md');
    const reloaded = nextLog((l) => l.event === 'corpus-reload' && l.trigger === 'watcher' && l.problems === 1);
    await writeFile(path.join(dir, 'also-broken.md'), new Uint8Array([0x00, 0x01, 0x02]));
    expect((await problem).problem).toMatch(/binary/);
    await reloaded;
    expect(await cites('tugboat towed ferry')).toEqual(['tugboat#1']);
    expect(await cites('zeppelin fleet valley')).toEqual(['zeppelin#1']);
  });

  it('picks up the article npm run add-article writes from a saved page', async () => {
    const reloaded = nextLog((l) => l.event === 'corpus-reload' && l.trigger === 'watcher' && l.articles === 4);
    const added = await runScript('src/cli/add-article.ts', ['--corpus', dir, path.join(ROOT, 'tests', 'fixtures', 'pages', 'open-graph.html')]);
    expect(added.code).toBe(0);
    expect(await reloaded).toMatchObject({ replaced: true, problems: 1 });
    expect((await cites('Which ambassador did South Korea summon?'))[0]).toMatch(/^seoul-weighs-its-answer-to-the-moscow-pyongyang-pact#\d+$/);
  }, 60_000);
});
