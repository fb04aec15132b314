/**
 * A per-user limit on how often the answer commands may be used: at most
 * `count` in any `windowMs` (a sliding window, so a burst cannot straddle a
 * window boundary to get twice the budget). Refused attempts do not count,
 * so someone who keeps pressing is free again once their earlier questions
 * age out. Pure and clock-injected: no timers, nothing Discord.
 */

export interface RateLimit {
  count: number;
  windowMs: number;
}

export type Admission = { ok: true } | { ok: false; retryAfterMs: number };

export class RateLimiter {
  /** Per user, the times of their admitted attempts still inside the window, oldest first. */
  private readonly recent = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(readonly limit: RateLimit, private readonly now: () => number = Date.now) {}

  /** Admits one attempt by `userId`, or says how long until the next one would be admitted. */
  take(userId: string): Admission {
    const now = this.now();
    this.sweep(now);
    const times = (this.recent.get(userId) ?? []).filter((t) => now - t < this.limit.windowMs);
    if (times.length >= this.limit.count) {
      this.recent.set(userId, times);
      return { ok: false, retryAfterMs: times[0]! + this.limit.windowMs - now };
    }
    times.push(now);
    this.recent.set(userId, times);
    return { ok: true };
  }

  /** Users with attempts inside the window (bounded memory, for tests and metrics). */
  get trackedUsers(): number {
    return this.recent.size;
  }

  /** Forgets users whose attempts have all aged out, at most once a window, so memory follows active users only. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.limit.windowMs) return;
    this.lastSweep = now;
    for (const [user, times] of this.recent) {
      if (times.every((t) => now - t >= this.limit.windowMs)) this.recent.delete(user);
    }
  }
}
