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

// Secrets known only at run time (the bot token), scrubbed from every line by value.
const secrets = new Set<string>();
/** Redacts `value` wherever it appears in later log lines, whatever field carries it. */
export function redactValue(value: string): void {
  if (value.length >= 8) secrets.add(value);
}
// Interaction tokens sit in webhook and callback URLs, which error messages quote.
const URL_TOKENS = /((?:webhooks|interactions)\/\d+\/)[\w.-]{20,}/g;
/** `line` with every secret given to redactValue, and interaction tokens in URLs, replaced by [redacted]. */
export function scrub(line: string): string {
  let out = line.replace(URL_TOKENS, '$1[redacted]');
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

/** Bytes a pipe write is guaranteed to be atomic for (POSIX minimum 512; 4096 on Linux). */
const PIPE_BUF = 4096;

const level = process.env.LOG_LEVEL?.trim().toLowerCase() || 'info';
const pretty = hasPretty && process.stdout.isTTY && process.env.NODE_ENV !== 'production' && !process.env.CI;

const options: pino.LoggerOptions = {
  level: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level) ? level : 'info',
  hooks: { streamWrite: scrub },
  redact: { paths: ['token', '*.token', 'config.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
};

export const logger = pretty
  ? pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } })
  // Asynchronous writes: a line per interaction must not stall answering when
  // whoever reads stdout is slow. pino flushes what is pending when the process exits.
  // Each write is whole lines of at most PIPE_BUF bytes, which a pipe takes in
  // one piece: shard processes sharing their manager's stdout never tear each other's lines.
  : pino(options, pino.destination({ dest: 1, sync: false, maxWrite: PIPE_BUF }));
