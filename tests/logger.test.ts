/**
 * The logger scrubs secrets from every line: the bot token by value wherever
 * it appears (message, error, nested field, URL), fields named like secrets,
 * and interaction tokens in webhook and callback URLs. Run in a child
 * process, as the logger writes to the real standard output.
 */
import { expect, it } from 'vitest';
import { runCommand, ROOT } from './helpers.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.logger.secret-token-value-0123456789';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OmFiY2RlZg';

it('redacts the token and interaction tokens from every log line', async () => {
  const script = `
    import { logger, redactValue } from './src/logger.ts';
    redactValue(process.env.SECRET);
    const secret = process.env.SECRET;
    logger.info('token in the message: ' + secret);
    logger.error({ err: new Error('request failed with Authorization: Bot ' + secret) }, 'error with the token');
    logger.warn({ config: { token: secret }, nested: { deeper: { note: 'x' + secret + 'y' } }, token: 'another-secret-by-name' }, 'fields');
    logger.warn({ url: 'https://discord.com/api/v10/webhooks/123456789012345678/${INTERACTION_TOKEN}/messages/@original' }, 'webhook');
    logger.warn('POST /api/v10/interactions/123456789012345678/${INTERACTION_TOKEN}/callback failed');
  `;
  const run = await runCommand(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { SECRET: TOKEN, LOG_LEVEL: 'info', CI: '1' } });
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(lines).toHaveLength(5);
  expect(run.stdout).not.toContain(TOKEN);
  expect(run.stdout).not.toContain('another-secret-by-name');
  expect(run.stdout).not.toContain(INTERACTION_TOKEN);
  expect(lines[0].msg).toBe('token in the message: [redacted]');
  expect(lines[1].err.message).toBe('request failed with Authorization: Bot [redacted]');
  expect(lines[2]).toMatchObject({ config: { token: '[redacted]' }, nested: { deeper: { note: 'x[redacted]y' } }, token: '[redacted]' });
  expect(lines[3].url).toBe('https://discord.com/api/v10/webhooks/123456789012345678/[redacted]/messages/@original');
  expect(lines[4].msg).toBe('POST /api/v10/interactions/123456789012345678/[redacted]/callback failed');
});
