/**
 * Runs handlers one per event-loop turn, in arrival order.
 *
 * Why: a burst of interactions reaches the bot in one or two socket reads,
 * and the gateway client emits them back to back. Answering them back to
 * back computes every answer before any reply can be written to the network
 * (opening a connection, writing the request and reading the response all
 * need the event loop), so the first asker waits for the last answer. Taking
 * one per turn lets each reply leave as soon as it is ready, and lets the
 * heartbeat and earlier replies' responses through in between.
 */
export interface FairQueue<T> {
  /** Queues `item`; it is handled on a later turn of the event loop, after those queued before it. */
  push(item: T): void;
}

export function createFairQueue<T>(handle: (item: T) => unknown): FairQueue<T> {
  const items: T[] = [];
  let head = 0;
  let scheduled = false;

  function next(): void {
    const item = items[head];
    items[head++] = undefined as T;
    if (head === items.length) {
      items.length = 0;
      head = 0;
    }
    // Scheduled before handling, so an error escaping the handler cannot stall
    // the items behind it; setImmediate runs after the poll phase, where
    // sockets are written and read.
    if (head < items.length) setImmediate(next);
    else scheduled = false;
    handle(item as T);
  }

  return {
    push(item: T): void {
      items.push(item);
      if (!scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    },
  };
}
