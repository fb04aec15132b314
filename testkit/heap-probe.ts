/**
 * Test-only preload for the bot process (`node --expose-gc --import tsx
 * --import testkit/heap-probe.ts …`): on SIGUSR2 it collects garbage
 * and prints the heap as one JSON line on stdout, among the bot's log lines
 * the test already reads. The bot itself knows nothing of it.
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('heap-probe needs node --expose-gc');

process.on('SIGUSR2', () => {
  // Twice: the first pass can leave objects that only a second finds unreachable (weak maps, finalizers).
  gc();
  gc();
  const { heapUsed, heapTotal, external, arrayBuffers, rss } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ event: 'heap-probe', at: Date.now(), heapUsed, heapTotal, external, arrayBuffers, rss })}\n`);
});
