import { describe, expect, it } from 'vitest';
import { sharedWeight } from '../src/engine/group.ts';

describe('sharedWeight', () => {
  const idf = Float64Array.from([0.5, 1, 2, 4, 8, 16]);
  const run = (...ids: number[]) => Int32Array.from(ids);

  it('sums the rarity of the terms both ascending runs hold', () => {
    expect(sharedWeight(run(0, 2, 3, 5), run(1, 2, 5), idf)).toBe(2 + 16);
  });

  it('is the same whichever run comes first', () => {
    expect(sharedWeight(run(1, 2, 5), run(0, 2, 3, 5), idf)).toBe(sharedWeight(run(0, 2, 3, 5), run(1, 2, 5), idf));
  });

  it('is 0 for disjoint or empty runs', () => {
    expect(sharedWeight(run(0, 2, 4), run(1, 3, 5), idf)).toBe(0);
    expect(sharedWeight(run(), run(1, 3), idf)).toBe(0);
  });
});
