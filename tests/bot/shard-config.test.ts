/** SHARD_COUNT and SHARDS: validated once, then handed to discord.js as explicit options. */
import { describe, expect, it } from 'vitest';
import { shardOptions } from '../../src/bot/client.ts';
import { ConfigError, loadShardConfig } from '../../src/config.ts';

describe('loadShardConfig', () => {
  it('reads nothing as one shard, "auto" as Discord\'s recommendation, a number as that many shards', () => {
    expect(loadShardConfig({})).toEqual({ kind: 'single' });
    expect(loadShardConfig({ SHARD_COUNT: ' ' })).toEqual({ kind: 'single' });
    expect(loadShardConfig({ SHARD_COUNT: 'AUTO' })).toEqual({ kind: 'auto' });
    expect(loadShardConfig({ SHARD_COUNT: '3' })).toEqual({ kind: 'fixed', ids: [0, 1, 2], count: 3 });
  });

  it("takes a shard process's own shards from SHARDS, as the sharding manager sets it", () => {
    expect(loadShardConfig({ SHARD_COUNT: '2', SHARDS: '1' })).toEqual({ kind: 'fixed', ids: [1], count: 2 });
    expect(loadShardConfig({ SHARD_COUNT: '4', SHARDS: '[2,3]' })).toEqual({ kind: 'fixed', ids: [2, 3], count: 4 });
  });

  it.each([
    [{ SHARD_COUNT: '0' }, /SHARD_COUNT "0" must be "auto" or a whole number of shards from 1/],
    [{ SHARD_COUNT: '2.5' }, /SHARD_COUNT "2.5"/],
    [{ SHARD_COUNT: '-1' }, /SHARD_COUNT "-1"/],
    [{ SHARD_COUNT: '99999' }, /SHARD_COUNT "99999"/],
    [{ SHARDS: '0' }, /SHARDS is set but SHARD_COUNT is not/],
    [{ SHARD_COUNT: 'auto', SHARDS: '0' }, /SHARDS is set but SHARD_COUNT is "auto"/],
    [{ SHARD_COUNT: '2', SHARDS: '2' }, /SHARDS "2" must list shard ids below SHARD_COUNT 2/],
    [{ SHARD_COUNT: '2', SHARDS: '[]' }, /SHARDS "\[\]"/],
    [{ SHARD_COUNT: '2', SHARDS: 'zero' }, /SHARDS "zero"/],
  ])('refuses %o with a line saying what to do', (env, message) => {
    expect(() => loadShardConfig(env)).toThrow(ConfigError);
    expect(() => loadShardConfig(env)).toThrow(message);
  });
});

describe('shardOptions', () => {
  it('turns each kind into the shards discord.js connects', () => {
    expect(shardOptions({ kind: 'single' })).toEqual({ shards: [0], shardCount: 1 });
    expect(shardOptions({ kind: 'auto' })).toEqual({ shards: 'auto' });
    expect(shardOptions({ kind: 'fixed', ids: [1], count: 2 })).toEqual({ shards: [1], shardCount: 2 });
  });
});
