/**
 * The compiled build (`npm run build` → dist/), which every operator command
 * runs with plain node: it must build, and what it runs must behave as the
 * TypeScript sources the other tests run through tsx. A build that breaks
 * (an import left as .ts, a file looked up beside a module that is not in
 * dist/, a shard or worker started as TypeScript) fails here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess, type ProcessOptions } from '../testkit/bot-process.ts';
import { FakeDiscord } from '../testkit/fake-discord.ts';
import { ROOT, runCommand, runScript } from './helpers.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.compiled.${'c'.repeat(27)}`;
const APP_ID = '723456789012345678';
/** Answered by the bundled articles, refused, and one with a typo (the word tree and English table). */
const QUESTIONS = ['What did Russia and North Korea agree to?', 'Who won the 1998 World Cup?', 'pyongyang summitt putin'];

beforeAll(async () => {
  const build = await runCommand(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')]);
  expect(build.stderr + build.stdout).toBe('');
  expect(build.code).toBe(0);
}, 180_000);

describe('the compiled CLI', () => {
  it('answers the bundled articles with plain node, exactly as the source does', async () => {
    const input = `${QUESTIONS.join('\n')}\n`;
    const [compiled, source] = await Promise.all([
      runCommand(process.execPath, [path.join(ROOT, 'dist', 'src', 'cli', 'ask.js'), '--json', '-k', '5', '-'], { input }),
      runScript('src/cli/ask.ts', ['--json', '-k', '5', '-'], { input }),
    ]);
    expect(compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    const answers = compiled.stdout.trim().split('\n').map((line) => JSON.parse(line) as { question: string; answered: boolean; results: Array<{ articleId: string }> });
    expect(answers.map((a) => [a.question, a.answered])).toEqual([[QUESTIONS[0], true], [QUESTIONS[1], false], [QUESTIONS[2], true]]);
    expect(answers[0]!.results.length).toBeGreaterThan(0);
    expect(source.code).toBe(0);
    expect(compiled.stdout).toBe(source.stdout);
  }, 60_000);
});

describe('scripts/run.mjs (what npm run ask, npm start and the other operator commands run)', () => {
  it('checks the build, then runs the compiled entry point with its arguments in the same process', async () => {
    const input = `${QUESTIONS[0]}\n`;
    const [viaRun, direct] = await Promise.all([
      runCommand(process.execPath, [path.join(ROOT, 'scripts', 'run.mjs'), 'dist/src/cli/ask.js', '--json', '-'], { input }),
      runCommand(process.execPath, [path.join(ROOT, 'dist', 'src', 'cli', 'ask.js'), '--json', '-'], { input }),
    ]);
    expect(viaRun.stderr).toBe('');
    expect(viaRun.code).toBe(0);
    expect(viaRun.stdout).toBe(direct.stdout);
    const usage = await runCommand(process.execPath, [path.join(ROOT, 'scripts', 'run.mjs')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage: node scripts\/run.mjs/);
  }, 60_000);
});

describe('the compiled bot', () => {
  it('stops with the one-line configuration message and exit code 2 on a bad setting', async () => {
    const bot = new BotProcess(path.join('dist', 'src', 'bot', 'main.js'), { token: TOKEN, applicationId: 'abc' });
    const { code } = await bot.exited;
    expect(code).toBe(2);
    expect(bot.stderr).toMatch(/^summit-bot: DISCORD_APP_ID "abc" is not a Discord id[^\n]*\n$/);
  }, 60_000);

  describe('deploy-commands, then start:sharded (the manager builds the snapshot in a worker thread, the shard is main.js)', () => {
    let fake: FakeDiscord;
    let cacheDir: string;
    let manager: BotProcess | undefined;

    beforeAll(async () => {
      fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID }).start();
      cacheDir = await mkdtemp(path.join(tmpdir(), 'summit-compiled-index-'));
    });

    afterAll(async () => {
      if (manager?.running) await manager.stop('SIGKILL');
      await fake?.stop();
      if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
    });

    it('registers the commands, starts a shard and answers /ask in the first response, and stops on SIGTERM', async () => {
      const opts: ProcessOptions = { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl, guildId: fake.guildId, env: { INDEX_CACHE_DIR: cacheDir } };
      const deploy = new BotProcess(path.join('dist', 'src', 'deploy-commands.js'), opts);
      expect((await deploy.exited).code).toBe(0);
      expect(fake.registeredCommand('ask')).toBeDefined();

      manager = new BotProcess(path.join('dist', 'src', 'bot', 'sharded.js'), opts);
      await manager.waitForLog((l) => l.event === 'sharded-ready', 120_000);
      expect(manager.logs.filter((l) => l.event === 'index').map((l) => l.source)).toEqual(['built', 'snapshot']);

      const { ack } = await fake.dispatch(fake.slash('ask', { question: QUESTIONS[0]! }));
      expect(ack.type).toBe(4);
      expect(ack.status).toBe(204);
      expect(ack.data.embeds.length).toBeGreaterThan(0);

      expect(await manager.stop('SIGTERM', 30_000)).toEqual({ code: 0, signal: null });
    }, 180_000);
  });
});
