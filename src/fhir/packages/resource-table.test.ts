import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResourceMeta } from './package-content.js';
import { ResourceTable } from './resource-table.js';

/** The table as a start reads it back from a cache entry. */
const stored = (metas: ResourceMeta[]) => new ResourceTable(JSON.parse(JSON.stringify(ResourceTable.fromMetas(metas))));

const naivePositions = (metas: ResourceMeta[], url: string) => metas.flatMap((m, i) => (m.url === url ? [i] : []));

// short URLs over a few characters: many duplicates and URLs that are prefixes of others
const url = fc.stringMatching(/^[a/b:é\u{1F600}]{0,6}$/u);
const meta = fc.record(
  { type: fc.constantFrom('StructureDefinition', 'ValueSet'), url: fc.option(url, { nil: undefined }) },
  { requiredKeys: ['type'] },
);

describe('ResourceTable', () => {
  it('finds the positions of every URL, in package order, as a scan of the resources would', () => {
    fc.assert(
      fc.property(fc.array(meta, { maxLength: 60 }), fc.array(url, { maxLength: 10 }), (metas, probes) => {
        const table = stored(metas);
        for (const u of [...metas.flatMap((m) => (m.url === undefined ? [] : [m.url])), ...probes]) {
          expect(table.positions(u)).toEqual(naivePositions(metas, u));
        }
        metas.forEach((m, i) => expect(table.meta(i)).toEqual(m));
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('keeps types and versions, and finds no resource by a URL with white space or `>`', () => {
    const metas: ResourceMeta[] = [
      { type: 'StructureDefinition', url: 'http://hl7.org/fhir/StructureDefinition/Slot', version: '4.0.1' },
      { type: 'ValueSet', url: 'http://x/vs bad' },
      { type: 'ValueSet', url: 'http://x/vs>bad' },
      { type: 'CodeSystem', url: 'http://hl7.org/fhir/StructureDefinition/Slot', version: '1.0.0' },
    ];
    const table = stored(metas);
    expect(table.positions('http://hl7.org/fhir/StructureDefinition/Slot')).toEqual([0, 3]);
    expect(table.positions('http://x/vs bad')).toEqual([]);
    expect(table.positions('http://x/vs>bad')).toEqual([]);
    expect(table.positions('http://x/vs')).toEqual([]);
    expect([0, 1, 3].map((i) => [table.typeOf(i), table.versionOf(i)])).toEqual([
      ['StructureDefinition', '4.0.1'],
      ['ValueSet', undefined],
      ['CodeSystem', '1.0.0'],
    ]);
    expect(table.ofType('ValueSet')).toEqual([1, 2]);
    expect(stored([]).positions('http://hl7.org/fhir/StructureDefinition/Slot')).toEqual([]);
  });

  it('finds nothing, and does not loop, in a damaged URL column', () => {
    const data = { types: ['ValueSet'], type: [0], versions: [], version: [0], urls: 'b>0 no-field-here d>0' };
    const table = new ResourceTable(data);
    // a search that meets the damaged line stops there: found, or not found, never a loop or a throw
    for (const u of ['a', 'b', 'c', 'd', 'e', 'no-field-here']) expect([[], [0]]).toContainEqual(table.positions(u));
    expect(table.positions('c')).toEqual([]);
    // a column that starts with a separator
    const leading = new ResourceTable({ ...data, urls: ' b>0 d>0' });
    for (const u of ['a', 'b', 'c', 'd', 'e']) expect([[], [0]]).toContainEqual(leading.positions(u));
    expect(() => new ResourceTable({ ...data, urls: undefined } as never)).toThrow('resource table malformed');
  });
});
