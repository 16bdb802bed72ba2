/**
 * StructureDefinitions and CodeSystems lose their documentation when a package is read
 * (slim-definition.ts), and keep everything validation reads: checked on every definition of the real packages.
 */
import { describe, expect, it } from 'vitest';
import { slimDefinition } from '../../src/fhir/packages/slim-definition.js';
import { loadIndex } from '../validator/helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('slimDefinition', () => {
  it('drops documentation only', () => {
    const sd: Json = {
      resourceType: 'StructureDefinition',
      url: 'http://example.org/sd',
      text: { div: '<div>…</div>' },
      description: 'long text',
      differential: { element: [{ id: 'Slot' }] },
      snapshot: {
        element: [
          {
            id: 'Slot.start',
            path: 'Slot.start',
            short: 'short',
            definition: 'definition',
            comment: 'comment',
            mapping: [{ identity: 'v2', map: 'x' }],
            min: 1,
            max: '1',
            type: [{ code: 'instant' }],
            binding: { strength: 'required', valueSet: 'http://vs', description: 'why' },
            constraint: [{ key: 'k-1', severity: 'error', human: 'h', expression: 'x.exists()', xpath: 'f:x', source: 's' }],
            patternCoding: { code: 'c' },
          },
        ],
      },
    };
    expect(slimDefinition(sd)).toEqual({
      resourceType: 'StructureDefinition',
      url: 'http://example.org/sd',
      snapshot: {
        element: [
          {
            id: 'Slot.start',
            path: 'Slot.start',
            min: 1,
            max: '1',
            type: [{ code: 'instant' }],
            binding: { strength: 'required', valueSet: 'http://vs' },
            constraint: [{ key: 'k-1', severity: 'error', human: 'h', expression: 'x.exists()' }],
            patternCoding: { code: 'c' },
          },
        ],
      },
    });
    const vs = { resourceType: 'ValueSet', description: 'kept' };
    expect(slimDefinition(vs)).toBe(vs);
  });

  it('drops the documentation of a CodeSystem and of its concepts, nested ones included', () => {
    const cs: Json = {
      resourceType: 'CodeSystem',
      url: 'http://example.org/cs',
      text: { div: '<div>…</div>' },
      description: 'long text',
      content: 'complete',
      property: [{ code: 'status', type: 'code' }],
      concept: [
        {
          code: 'a',
          display: 'A',
          definition: 'definition of a',
          designation: [{ value: 'x' }],
          property: [{ code: 'status', valueCode: 'active' }],
          concept: [{ code: 'a1', display: 'A1', definition: 'definition of a1', concept: [{ code: 'a11', definition: 'd' }] }],
        },
      ],
    };
    expect(slimDefinition(cs)).toEqual({
      resourceType: 'CodeSystem',
      url: 'http://example.org/cs',
      content: 'complete',
      property: [{ code: 'status', type: 'code' }],
      concept: [
        {
          code: 'a',
          display: 'A',
          property: [{ code: 'status', valueCode: 'active' }],
          concept: [{ code: 'a1', display: 'A1', concept: [{ code: 'a11' }] }],
        },
      ],
    });
    expect(cs.concept[0].definition).toBe('definition of a'); // the input is not changed
  });

  it('is what the index serves: no definition of the loaded packages keeps documentation', async () => {
    const index = await loadIndex('1.2.0');
    const sds = index.all('StructureDefinition') as Json[];
    expect(sds.length).toBeGreaterThan(500);
    const documented = sds.filter((sd) => sd.text || sd.differential || sd.snapshot?.element?.some((e: Json) => e.definition || e.short));
    expect(documented.map((sd) => sd.url)).toEqual([]);
    const slot = index.structureDefinition('Slot') as Json;
    expect(slot.snapshot.element.length).toBeGreaterThan(10);
    expect(slot.snapshot.element.flatMap((e: Json) => e.constraint ?? []).some((c: Json) => c.key === 'ele-1' && c.expression)).toBe(true);
    const codeSystems = index.all('CodeSystem') as Json[];
    expect(codeSystems.length).toBeGreaterThan(100);
    const withDefinitions = (concepts: Json[] | undefined): boolean =>
      (concepts ?? []).some((c) => c.definition !== undefined || c.designation !== undefined || withDefinitions(c.concept));
    expect(codeSystems.filter((cs) => cs.text || withDefinitions(cs.concept)).map((cs) => cs.url)).toEqual([]);
    const actCode = index.codeSystem('http://terminology.hl7.org/CodeSystem/v3-ActCode') as Json;
    expect(actCode.concept.length).toBeGreaterThan(10);
    expect(actCode.concept.every((c: Json) => typeof c.code === 'string')).toBe(true);
  });
});
