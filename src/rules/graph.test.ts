import { describe, expect, it } from 'vitest';
import { actorsOf, buildGraph, matchesOfType, searchedSlots } from './graph.js';

const bundle = {
  resourceType: 'Bundle',
  entry: [
    { fullUrl: 'https://a.test/fhir/Slot/s1', resource: { resourceType: 'Slot', id: 's1' }, search: { mode: 'match' } },
    { fullUrl: 'https://a.test/fhir/Schedule/k1', resource: { resourceType: 'Schedule', id: 'k1' }, search: { mode: 'include' } },
    { fullUrl: 'urn:uuid:0b5c1d3e-1111-4222-8333-444455556666', resource: { resourceType: 'Practitioner' }, search: { mode: 'include' } },
    {
      fullUrl: 'https://b.test/other/PractitionerRole/r1',
      resource: { resourceType: 'PractitionerRole', id: 'r1', contained: [{ resourceType: 'Location', id: 'loc' }, 'junk'] },
    },
    { fullUrl: 'https://b.test/other/Schedule/k1', resource: { resourceType: 'Schedule', id: 'k1' } },
    'not an entry',
    { resource: { resourceType: 'Slot', id: 's2' }, search: { mode: 'include' } },
  ],
};

describe('buildGraph', () => {
  const g = buildGraph(bundle);
  const [slot, , , role] = g.entries;

  it('lists entries by type with paths and labels, skipping junk', () => {
    expect(g.ofType('Slot').map((n) => [n.label, n.path, n.mode])).toEqual([
      ['Slot/s1', 'Bundle.entry[0].resource', 'match'],
      ['Slot/s2', 'Bundle.entry[6].resource', 'include'],
    ]);
    expect(g.ofType('Practitioner')[0].label).toBe('Practitioner (entry 2)');
    expect(g.ofType('Nope')).toEqual([]);
  });

  it('resolves relative references against the fullUrl base of the referring entry', () => {
    expect(g.resolve({ reference: 'Schedule/k1' }, slot).target?.index).toBe(1);
    expect(g.resolve({ reference: 'Schedule/k1' }, role).target?.index).toBe(4);
    expect(g.resolve('Schedule/k1/_history/2', slot).target?.index).toBe(1);
  });

  it('resolves one Reference object once per referring entry: the same object read from another entry is resolved again', () => {
    const ref = { reference: 'Schedule/k1' };
    const first = g.resolve(ref, slot);
    expect(first.target?.index).toBe(1);
    expect(g.resolve(ref, slot)).toBe(first);
    expect(g.resolve(ref, role).target?.index).toBe(4);
    expect(g.resolve(ref, slot).target?.index).toBe(1);
  });

  it('resolves absolute, urn:uuid and contained references', () => {
    expect(g.resolve({ reference: 'https://b.test/other/Schedule/k1' }, slot)).toMatchObject({ kind: 'absolute', target: { index: 4 } });
    expect(g.resolve({ reference: 'urn:uuid:0b5c1d3e-1111-4222-8333-444455556666' }, slot)).toMatchObject({
      kind: 'urn',
      target: { index: 2 },
    });
    const c = g.resolve({ reference: '#loc' }, role);
    expect(c.kind).toBe('contained');
    expect(c.target?.path).toBe('Bundle.entry[3].resource.contained[0]');
    expect(g.resolve({ reference: '#loc' }, slot).target).toBeUndefined();
  });

  it('reports dangling, empty and identifier-only references', () => {
    expect(g.resolve({ reference: 'Schedule/zz' }, slot).target).toBeUndefined();
    expect(g.resolve({ reference: 'https://c.test/Schedule/k1' }, slot).target).toBeUndefined();
    expect(g.resolve(undefined, slot).kind).toBe('empty');
    expect(g.resolve({ identifier: { value: 'x' } }, slot).kind).toBe('logical');
  });

  it('selects the searched slots per use case', () => {
    expect(searchedSlots(g, 'psindiv').map((n) => n.id)).toEqual(['s1']);
    expect(searchedSlots(g, 'sos').map((n) => n.id)).toEqual(['s1', 's2']);
  });

  it('takes entries in search.mode=match or without mode as matches', () => {
    expect(matchesOfType(g, 'Schedule').map((n) => n.index)).toEqual([4]);
    expect(matchesOfType(g, 'Practitioner')).toEqual([]);
    expect(matchesOfType(g, 'PractitionerRole').map((n) => n.id)).toEqual(['r1']);
  });

  it('resolves the actors of a Schedule in order, leaving out the unresolved ones', () => {
    const h = buildGraph({
      resourceType: 'Bundle',
      entry: [
        {
          resource: {
            resourceType: 'Schedule',
            id: 'k',
            actor: [{ reference: 'PractitionerRole/r' }, { reference: 'Practitioner/ghost' }, 'junk', { reference: 'Practitioner/p' }],
          },
        },
        { resource: { resourceType: 'Practitioner', id: 'p' } },
        { resource: { resourceType: 'PractitionerRole', id: 'r' } },
      ],
    });
    expect(actorsOf(h, h.entries[0]).map((n) => n.label)).toEqual(['PractitionerRole/r', 'Practitioner/p']);
    expect(actorsOf(h, h.entries[1])).toEqual([]);
  });
});
