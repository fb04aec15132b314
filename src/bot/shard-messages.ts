/**
 * Messages of our own between the sharding manager and its shard processes,
 * beside discord.js's. Under the manager each shard is a process with its own
 * index, so a /reload that reaches one shard is passed on to the others.
 */
type ShardMessageKind =
  /** Shard → manager: this shard is reloading the corpus; have every other shard reload too. */
  | 'reload-other-shards'
  /** Manager → shard: reload the corpus (another shard was asked to). */
  | 'reload';

export interface ShardMessage {
  summitBot: ShardMessageKind;
}

export const shardMessage = (kind: ShardMessageKind): ShardMessage => ({ summitBot: kind });

/** Whether an IPC message is ours and of this kind (discord.js sends its own on the same channel). */
export function isShardMessage(message: unknown, kind: ShardMessageKind): boolean {
  return typeof message === 'object' && message !== null && (message as { summitBot?: unknown }).summitBot === kind;
}
