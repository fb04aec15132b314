/**
 * The one logger: JSON lines (pino), pretty when a person is watching a
 * terminal. Secrets are redacted by path and the bot token by value.
 */
import { createRequire } from 'node:module';
import pino from 'pino';

// pino-pretty is a dev dependency: a production install logs plain JSON.
const hasPretty = (() => {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
})();

const level = process.env.LOG_LEVEL?.trim().toLowerCase() || 'info';
const pretty = hasPretty && process.stdout.isTTY && process.env.NODE_ENV !== 'production' && !process.env.CI;

export const logger = pino({
  level: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level) ? level : 'info',
  redact: { paths: ['token', '*.token', 'config.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
  ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
});
