import { describe, expect, it } from 'vitest';
import { exceedsDepth } from './depth.js';

describe('exceedsDepth', () => {
  it('measures objects and arrays iteratively, even 100,000 levels deep', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: [deep] };
    expect(exceedsDepth(deep)).toBe(true);
    expect(exceedsDepth({ a: [{ b: { c: 1 } }] }, 4)).toBe(false);
    expect(exceedsDepth({ a: [{ b: { c: {} } }] }, 4)).toBe(true);
    expect(exceedsDepth('text')).toBe(false);
  });
});
