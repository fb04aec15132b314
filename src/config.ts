/**
 * The one place the environment is read. `.env` (via dotenv) fills in what the
 * environment does not set; each value is validated once, and a bad one stops
 * the program with a single line naming the variable and what to do.
 */
import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { redactValue } from './logger.ts';
import { BUNDLED_CORPUS, PROJECT_ROOT } from './paths.ts';

loadDotenv({ path: path.join(PROJECT_ROOT, '.env'), quiet: true });

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface CommonConfig {
  /** Folder of articles: CORPUS_DIR, else the bundled corpus. */
  corpusDir: string;
  logLevel: LogLevel;
  /** Where index snapshots are kept (INDEX_CACHE_DIR, default .cache/index); null when set to "off". */
  indexCacheDir: string | null;
}

export interface BotConfig extends CommonConfig {
  token: string;
  applicationId: string;
  /** Register commands in this guild only (instant), for development. */
  guildId: string | null;
  /** REST base of a Discord-compatible API (e.g. http://127.0.0.1:PORT/api); null for discord.com. */
  apiUrl: string | null;
  /**
   * Seconds an answer's buttons ("More results") stay live. At most 840: the
   * bot disables them by editing the reply, which Discord allows for 15 minutes.
   */
  buttonTtlSeconds: number;
  /** At most `count` questions (/ask, /compare, "Ask the articles") per user in `windowMs` (ASK_RATE_LIMIT); null when off. */
  askRateLimit: { count: number; windowMs: number } | null;
  /** Reload the index this long after the corpus folder last changed (CORPUS_WATCH); null when off. */
  corpusWatchMs: number | null;
  /** The gateway shards this process connects, and of how many in all (see loadShardConfig). */
  shards: ShardConfig;
}

/**
 * SHARD_COUNT: how many shards the bot runs as, `auto` for as many as Discord
 * recommends. `npm run start:sharded` starts a process per shard; `npm start`
 * opens them all in its one process. Under the sharding manager, the process
 * is told its own shard by SHARDS (and SHARD_COUNT, as a number), which the
 * manager sets.
 */
export type ShardConfig =
  | { kind: 'single' }
  | { kind: 'auto' }
  | { kind: 'fixed'; ids: number[]; count: number };

const MAX_SHARDS = 4096;

const SNOWFLAKE = /^\d{15,21}$/;
const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

export function loadCommonConfig(env: Env = process.env): CommonConfig {
  const corpus = blankToUndefined(env.CORPUS_DIR);
  const level = blankToUndefined(env.LOG_LEVEL)?.toLowerCase() ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(`LOG_LEVEL "${level}" is not one of ${LOG_LEVELS.join(', ')}; fix it in .env or unset it`);
  }
  const cache = blankToUndefined(env.INDEX_CACHE_DIR);
  const indexCacheDir = cache === undefined ? path.join(PROJECT_ROOT, '.cache', 'index') : /^(?:off|none|false|0)$/i.test(cache) ? null : path.resolve(cache);
  return { corpusDir: corpus ? path.resolve(corpus) : BUNDLED_CORPUS, logLevel: level as LogLevel, indexCacheDir };
}

/** Reads SHARD_COUNT (and SHARDS, set by the sharding manager for each shard process). */
export function loadShardConfig(env: Env = process.env): ShardConfig {
  const rawCount = blankToUndefined(env.SHARD_COUNT);
  const rawIds = blankToUndefined(env.SHARDS);
  if (rawCount === undefined) {
    if (rawIds !== undefined) throw new ConfigError('SHARDS is set but SHARD_COUNT is not; SHARDS is for the sharding manager (npm run start:sharded) to set, so unset it');
    return { kind: 'single' };
  }
  if (rawCount.toLowerCase() === 'auto') {
    if (rawIds !== undefined) throw new ConfigError('SHARDS is set but SHARD_COUNT is "auto"; SHARDS is for the sharding manager (npm run start:sharded) to set, so unset it');
    return { kind: 'auto' };
  }
  if (!/^\d+$/.test(rawCount) || Number(rawCount) < 1 || Number(rawCount) > MAX_SHARDS) {
    throw new ConfigError(`SHARD_COUNT "${rawCount}" must be "auto" or a whole number of shards from 1 to ${MAX_SHARDS}; fix it in .env or unset it for one shard`);
  }
  const count = Number(rawCount);
  if (rawIds === undefined) return { kind: 'fixed', ids: Array.from({ length: count }, (_, i) => i), count };
  let ids: unknown;
  try {
    ids = JSON.parse(rawIds);
  } catch {
    ids = undefined;
  }
  const list = typeof ids === 'number' ? [ids] : ids;
  if (!Array.isArray(list) || list.length === 0 || !list.every((id) => Number.isInteger(id) && id >= 0 && id < count)) {
    throw new ConfigError(`SHARDS "${rawIds}" must list shard ids below SHARD_COUNT ${count}; it is set by the sharding manager (npm run start:sharded), so unset it`);
  }
  return { kind: 'fixed', ids: [...new Set(list as number[])], count };
}

export function loadBotConfig(env: Env = process.env): BotConfig {
  const common = loadCommonConfig(env);
  const token = blankToUndefined(env.DISCORD_TOKEN);
  if (!token) throw new ConfigError('DISCORD_TOKEN is not set; copy it from the Developer Portal (Bot → Reset Token) into .env');
  if (/\s/.test(token) || token.length < 20) throw new ConfigError('DISCORD_TOKEN does not look like a bot token; paste the whole token from the Developer Portal into .env');
  const applicationId = blankToUndefined(env.DISCORD_APP_ID);
  if (!applicationId) throw new ConfigError('DISCORD_APP_ID is not set; copy the Application ID from the Developer Portal (General Information) into .env');
  if (!SNOWFLAKE.test(applicationId)) throw new ConfigError(`DISCORD_APP_ID "${applicationId}" is not a Discord id (digits only); copy it from General Information`);
  const guildId = blankToUndefined(env.DISCORD_GUILD_ID) ?? null;
  if (guildId !== null && !SNOWFLAKE.test(guildId)) throw new ConfigError(`DISCORD_GUILD_ID "${guildId}" is not a Discord id (digits only); right-click the server → Copy Server ID, or unset it`);
  const apiUrl = blankToUndefined(env.DISCORD_API_URL) ?? null;
  if (apiUrl !== null) {
    let parsed: URL;
    try {
      parsed = new URL(apiUrl);
    } catch {
      throw new ConfigError(`DISCORD_API_URL "${apiUrl}" is not a URL; use e.g. http://127.0.0.1:8080/api, or unset it for discord.com`);
    }
    if (!/^https?:$/.test(parsed.protocol)) throw new ConfigError(`DISCORD_API_URL must be http(s), not ${parsed.protocol}`);
  }
  const ttl = blankToUndefined(env.BUTTON_TTL_SECONDS) ?? '840';
  if (!/^\d+$/.test(ttl) || Number(ttl) < 1 || Number(ttl) > 840) {
    throw new ConfigError(`BUTTON_TTL_SECONDS "${ttl}" must be a whole number of seconds from 1 to 840 (14 minutes); fix it in .env or unset it`);
  }
  return {
    ...common, token, applicationId, guildId, apiUrl: apiUrl?.replace(/\/+$/, '') ?? null, buttonTtlSeconds: Number(ttl),
    askRateLimit: parseRateLimit(blankToUndefined(env.ASK_RATE_LIMIT) ?? '5/30'),
    corpusWatchMs: parseWatch(blankToUndefined(env.CORPUS_WATCH) ?? 'on'),
    shards: loadShardConfig(env),
  };
}

/** CORPUS_WATCH: "on" (reload 1 s after the last change), "off", or the quiet time in milliseconds. */
function parseWatch(value: string): number | null {
  if (/^(?:off|none|false|0)$/i.test(value)) return null;
  if (/^(?:on|true|1)$/i.test(value)) return 1000;
  if (/^\d{2,6}$/.test(value) && Number(value) >= 50 && Number(value) <= 600_000) return Number(value);
  throw new ConfigError(`CORPUS_WATCH "${value}" must be "on", "off" or milliseconds from 50 to 600000; fix it in .env or unset it`);
}

/** ASK_RATE_LIMIT: "COUNT/SECONDS" (e.g. 5/30), or "off". */
function parseRateLimit(value: string): BotConfig['askRateLimit'] {
  if (/^(?:off|none|false|0)$/i.test(value)) return null;
  const m = /^(\d{1,4})\s*\/\s*(\d{1,5})$/.exec(value);
  const count = Number(m?.[1]);
  const seconds = Number(m?.[2]);
  if (!m || count < 1 || seconds < 1 || seconds > 86_400) {
    throw new ConfigError(`ASK_RATE_LIMIT "${value}" must be questions/seconds per user, e.g. 5/30, or "off"; fix it in .env or unset it for 5/30`);
  }
  return { count, windowMs: seconds * 1000 };
}

/**
 * What each of the bot's entry points does first: the token is marked for
 * redaction before it is validated (a ConfigError may quote it, pasted into
 * the wrong variable, say), then the configuration is loaded. A ConfigError
 * goes to `fail` with exit code 2; anything else is a bug and is thrown.
 */
export function loadBotConfigOrFail(fail: (message: string, code: number) => never): BotConfig {
  redactValue(process.env.DISCORD_TOKEN?.trim() ?? '');
  try {
    return loadBotConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }
}
