/**
 * Start-up failures: each stops the bot with one line naming what is wrong
 * and what to do, no stack trace, and never prints the token.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type ProcessOptions } from '../../testkit/bot-process.ts';
import { FakeDiscord } from '../../testkit/fake-discord.ts';

const TOKEN = `MTIzNDU2Nzg5MDEyMzQ1Njc4.startup.${'s'.repeat(27)}`;
const APP_ID = '323456789012345678';
let fake: FakeDiscord;
let emptyCorpus: string;

beforeAll(async () => {
  fake = await new FakeDiscord({ token: TOKEN, applicationId: APP_ID }).start();
  emptyCorpus = await mkdtemp(path.join(tmpdir(), 'summit-empty-'));
  await writeFile(path.join(emptyCorpus, 'broken.md'), '---\ntitle: never closed\n');
});

afterAll(async () => {
  await fake?.stop();
  if (emptyCorpus) await rm(emptyCorpus, { recursive: true, force: true });
});

async function failingStart(opts: ProcessOptions): Promise<{ code: number | null; line: string; stderr: string; stdout: string }> {
  const bot = startBot(opts);
  const { code } = await bot.exited;
  const line = bot.stderr.trim();
  return { code, line, stderr: bot.stderr, stdout: bot.stdout };
}

const good = (): ProcessOptions => ({ token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl });

describe.concurrent('start-up failures', () => {
  it.each([
    ['DISCORD_TOKEN', { token: '' }, /DISCORD_TOKEN is not set/],
    ['DISCORD_APP_ID', { applicationId: 'abc' }, /DISCORD_APP_ID "abc" is not a Discord id/],
    ['DISCORD_GUILD_ID', { guildId: '12' }, /DISCORD_GUILD_ID "12" is not a Discord id/],
    ['DISCORD_API_URL', { apiUrl: 'not a url' }, /DISCORD_API_URL "not a url" is not a URL/],
    ['LOG_LEVEL', { env: { LOG_LEVEL: 'loud' } }, /LOG_LEVEL "loud"/],
    ['BUTTON_TTL_SECONDS', { buttonTtlSeconds: 0 }, /BUTTON_TTL_SECONDS "0"/],
    ['SHARD_COUNT', { env: { SHARD_COUNT: 'many' } }, /SHARD_COUNT "many" must be "auto" or a whole number/],
  ] as const)('a bad %s stops the bot with one line', async (_name, override, message) => {
    const { code, line, stderr } = await failingStart({ ...good(), ...override });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(line).toMatch(message);
    expect(line).not.toMatch(/\n\s+at /);
  });

  it('a token Discord rejects: one line, token not printed', async () => {
    const { code, line, stdout } = await failingStart({ ...good(), token: `${TOKEN}-wrong` });
    expect(code).toBe(1);
    expect(line).toBe('summit-bot: DISCORD_TOKEN was rejected by Discord; reset it in the Developer Portal (Bot → Reset Token) and paste the new one into .env');
    expect(stdout + line).not.toContain(TOKEN);
  });

  it('the token pasted into DISCORD_APP_ID by mistake is not echoed in the error', async () => {
    const { code, line, stdout } = await failingStart({ ...good(), applicationId: TOKEN });
    expect(code).toBe(2);
    expect(line).toMatch(/^summit-bot: DISCORD_APP_ID "\[redacted\]" is not a Discord id/);
    expect(stdout + line).not.toContain(TOKEN);
  });

  it('an error message that quotes the token (pasted into DISCORD_API_URL) is redacted', async () => {
    const { code, line, stdout } = await failingStart({ ...good(), apiUrl: `http://127.0.0.1:9/${TOKEN}` });
    expect(code).toBe(1);
    expect(line).toMatch(/^summit-bot: could not connect to DISCORD_API_URL http:\/\/127\.0\.0\.1:9\/\[redacted\]/);
    expect(stdout + line).not.toContain(TOKEN);
  });

  it('a corpus with no usable article: one line naming CORPUS_DIR', async () => {
    const { code, line, stdout } = await failingStart({ ...good(), corpusDir: emptyCorpus });
    expect(code).toBe(1);
    expect(line).toMatch(/no usable article in .*set CORPUS_DIR/);
    expect(stdout).toMatch(/broken\.md/); // the skipped file is logged
  });

  it('a missing corpus folder: one line', async () => {
    const { code, line } = await failingStart({ ...good(), corpusDir: path.join(emptyCorpus, 'nope') });
    expect(code).toBe(1);
    expect(line).toMatch(/does not exist.*CORPUS_DIR/);
  });
});
