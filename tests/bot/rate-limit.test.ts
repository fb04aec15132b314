/** The per-user question limit, on an injected clock; and how ASK_RATE_LIMIT is read. */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/bot/rate-limit.ts';
import { ConfigError, loadBotConfig } from '../../src/config.ts';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
};

describe('RateLimiter', () => {
  it('admits `count` attempts per window per user, then says how long to wait', () => {
    const c = clock();
    const limiter = new RateLimiter({ count: 3, windowMs: 30_000 }, c.now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.take('alice')).toEqual({ ok: true });
      c.advance(1000);
    }
    // Alice's first attempt was 3 s ago: it leaves the window in 27 s.
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterMs: 27_000 });
    expect(limiter.take('bob')).toEqual({ ok: true });
  });

  it('is a sliding window: refused attempts do not count, and each admitted one ages out on its own', () => {
    const c = clock();
    const limiter = new RateLimiter({ count: 2, windowMs: 10_000 }, c.now);
    limiter.take('alice');
    c.advance(6000);
    limiter.take('alice');
    for (let i = 0; i < 5; i++) expect(limiter.take('alice').ok).toBe(false);
    c.advance(4000); // the first attempt is now 10 s old
    expect(limiter.take('alice')).toEqual({ ok: true });
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterMs: 6000 });
  });

  it('forgets users who have gone quiet, so memory follows active users only', () => {
    const c = clock();
    const limiter = new RateLimiter({ count: 1, windowMs: 1000 }, c.now);
    for (let i = 0; i < 1000; i++) limiter.take(`user${i}`);
    expect(limiter.trackedUsers).toBe(1000);
    c.advance(1000);
    limiter.take('late');
    expect(limiter.trackedUsers).toBe(1);
  });
});

describe('ASK_RATE_LIMIT', () => {
  const env = (value?: string) => ({ DISCORD_TOKEN: 'x'.repeat(30), DISCORD_APP_ID: '123456789012345678', ASK_RATE_LIMIT: value });

  it('defaults to 5 per 30 seconds, reads COUNT/SECONDS, and "off" disables it', () => {
    expect(loadBotConfig(env()).askRateLimit).toEqual({ count: 5, windowMs: 30_000 });
    expect(loadBotConfig(env(' 10 / 60 ')).askRateLimit).toEqual({ count: 10, windowMs: 60_000 });
    expect(loadBotConfig(env('off')).askRateLimit).toBeNull();
  });

  it.each(['5', '0/30', '5/0', 'five/30', '5/30s', '-1/30'])('rejects "%s" with a message naming the variable', (value) => {
    expect(() => loadBotConfig(env(value))).toThrow(ConfigError);
    expect(() => loadBotConfig(env(value))).toThrow(/^ASK_RATE_LIMIT ".*" must be questions\/seconds per user, e\.g\. 5\/30, or "off"/);
  });
});
