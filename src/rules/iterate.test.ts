import { describe, expect, it } from 'vitest';
import { buildGraph } from './graph.js';
import { firstSeen, uniqueByPath } from './iterate.js';

describe('uniqueByPath', () => {
  it('keeps one node per path, in order of first appearance, even when contained nodes are rebuilt', () => {
    const g = buildGraph({
      resourceType: 'Bundle',
      entry: [
        { resource: { resourceType: 'PractitionerRole', id: 'r1', contained: [{ resourceType: 'Location', id: 'l1' }] } },
        { resource: { resourceType: 'Practitioner', id: 'p1' } },
      ],
    });
    const [role, prac] = g.entries;
    const twice = [...g.contained(role), prac, ...g.contained(role), role];
    expect(twice[0]).not.toBe(twice[2]);
    expect(uniqueByPath(twice).map((n) => n.path)).toEqual([
      'Bundle.entry[0].resource.contained[0]',
      'Bundle.entry[1].resource',
      'Bundle.entry[0].resource',
    ]);
    expect(uniqueByPath([])).toEqual([]);
  });
});

describe('firstSeen', () => {
  it('records the first value of a key and returns it for every later duplicate', () => {
    const seen = new Map<string, number>();
    expect(firstSeen(seen, 'a', 0)).toBeUndefined();
    expect(firstSeen(seen, 'b', 1)).toBeUndefined();
    expect(firstSeen(seen, 'a', 2)).toBe(0);
    expect(firstSeen(seen, 'a', 3)).toBe(0);
    expect([...seen]).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });
});
