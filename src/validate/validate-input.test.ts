import { describe, expect, it } from 'vitest';
import { guardStackOverflow } from './validate-input.js';

describe('guardStackOverflow', () => {
  it('turns a stack overflow into one fatal finding', () => {
    const dive = (n: number): number => (n <= 0 ? 0 : 1 + dive(n - 1));
    const r = guardStackOverflow('Bundle', () => dive(10_000_000));
    expect(r).toHaveProperty('tooDeep');
    if (typeof r === 'object' && 'tooDeep' in r) {
      expect(r.tooDeep).toMatchObject({ severity: 'fatal', ruleId: 'input-too-deep', location: 'Bundle' });
    }
  });

  it('passes results through and rethrows other errors', () => {
    expect(guardStackOverflow('Slot', () => 42)).toBe(42);
    expect(() =>
      guardStackOverflow('Slot', () => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
});
