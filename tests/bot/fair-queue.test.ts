/** The queue that takes one interaction per event-loop turn. */
import { once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import { expect, it } from 'vitest';
import { createFairQueue } from '../../src/bot/fair-queue.ts';

it('handles items in arrival order, never in the call that queued them', async () => {
  const handled: number[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const queue = createFairQueue((n: number) => {
    handled.push(n);
    if (n === 5) done();
  });
  for (let n = 1; n <= 5; n++) queue.push(n);
  expect(handled).toEqual([]);
  await finished;
  expect(handled).toEqual([1, 2, 3, 4, 5]);
});

it('lets a reply written by one item reach the network before the items behind it are handled', async () => {
  // A loopback peer stands for Discord: what it has read when the last item
  // is handled is what left the process in between. Handled back to back in
  // one turn, nothing would have been read yet.
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const accepted = once(server, 'connection');
  const client: Socket = connect(port, '127.0.0.1');
  await once(client, 'connect');
  const [peer] = (await accepted) as [Socket];
  let bytesRead = 0;
  peer.on('data', (chunk: Buffer) => (bytesRead += chunk.length));

  // No timing: a loopback write is in the peer's receive queue when write()
  // returns, so the only thing between a reply and its reading is a turn of
  // the event loop through its poll phase, which is what the queue promises.
  const items = 20;
  const readWhenHandled: number[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const queue = createFairQueue((n: number) => {
    readWhenHandled.push(bytesRead);
    if (n === items) return done();
    client.write('reply\n');
  });
  for (let n = 1; n <= items; n++) queue.push(n);
  await finished;
  client.destroy();
  peer.destroy();
  server.close();
  expect(readWhenHandled[0]).toBe(0);
  // Every reply but the last has been read by the time the last item is handled.
  expect(readWhenHandled.at(-1)).toBe((items - 1) * 'reply\n'.length);
});
