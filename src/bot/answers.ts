/**
 * Answers whose buttons are still live: what "More results" needs to fetch the
 * next page (the question does not fit in a custom id). In memory on purpose:
 * after a restart old buttons answer "expired", which is what a user expects
 * of a chat message anyway.
 */

export interface StoredAnswer {
  key: string;
  /** The question as typed, or the key of the passage suggestion picked. */
  question: string;
  picked: boolean;
  askerId: string;
  k: number;
  articleId: string | null;
  /** Offset "More results" shows next. */
  nextOffset: number;
  hasMore: boolean;
  /** Passages on screen now, for feedback logs. */
  passageIds: string[];
  mentionUserId: string | null;
  expiresAt: number;
}

interface Slot {
  entry: StoredAnswer;
  timer: NodeJS.Timeout;
}

export class AnswerStore {
  private readonly slots = new Map<string, Slot>();

  /**
   * @param ttlMs how long buttons stay live
   * @param maxEntries bound on memory under load; the oldest answers expire first
   */
  constructor(readonly ttlMs: number, private readonly maxEntries = 10_000) {}

  get size(): number {
    return this.slots.size;
  }

  /** Stores an answer; `onExpire` runs once when its time is up (e.g. to disable the button). */
  put(entry: Omit<StoredAnswer, 'expiresAt'>, onExpire: (entry: StoredAnswer) => unknown): StoredAnswer {
    this.delete(entry.key);
    while (this.slots.size >= this.maxEntries) {
      const oldest = this.slots.keys().next().value;
      if (oldest === undefined) break;
      this.expire(oldest, onExpire);
    }
    const stored: StoredAnswer = { ...entry, expiresAt: Date.now() + this.ttlMs };
    const timer = setTimeout(() => this.expire(entry.key, onExpire), this.ttlMs);
    // A pending expiry must not keep a shutting-down process alive.
    timer.unref();
    this.slots.set(entry.key, { entry: stored, timer });
    return stored;
  }

  /** The live answer for `key`, or undefined once it has expired. */
  get(key: string): StoredAnswer | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (slot.entry.expiresAt <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    return slot.entry;
  }

  delete(key: string): void {
    const slot = this.slots.get(key);
    if (slot) clearTimeout(slot.timer);
    this.slots.delete(key);
  }

  clear(): void {
    for (const key of [...this.slots.keys()]) this.delete(key);
  }

  private expire(key: string, onExpire: (entry: StoredAnswer) => unknown): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.delete(key);
    try {
      const result = onExpire(slot.entry);
      if (result instanceof Promise) result.catch(() => {});
    } catch {
      // Disabling a button is a courtesy; a failure must not reach the timer loop.
    }
  }
}
