/**
 * Bad or hostile input never throws: not an object, no resourceType, unknown types, 10,000 levels of
 * nesting, very large values. Profile choice for single resources and unknown meta.profile.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { RULE, validateResource } from '../../src/fhir/validator/index.js';
import { fixture, loadIndex, view, type Json } from './helpers.js';

let index: DefinitionIndex;
beforeAll(async () => {
  index = await loadIndex('1.2.0');
});

function nested(depth: number, make: (inner: Json) => Json, leaf: Json): Json {
  let current = leaf;
  for (let i = 0; i < depth; i++) current = make(current);
  return current;
}

describe('input that is not a FHIR resource', () => {
  it.each([
    ['null', null],
    ['an array', [{ resourceType: 'Slot' }]],
    ['a string', '{"resourceType":"Slot"}'],
    ['a number', 42],
    ['an object without resourceType', { id: 'x', status: 'free' }],
    ['an empty resourceType', { resourceType: '' }],
  ])('%s → one fatal finding', (_what, input) => {
    const r = validateResource(input, { index });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ severity: 'fatal', ruleId: RULE.fatal, source: 'structure', location: '$' });
    expect(r.findings[0].message.fr).not.toBe(r.findings[0].message.en);
  });

  it('an unknown resourceType → fatal', () => {
    const r = validateResource({ resourceType: 'Creneau', id: 'x' }, { index });
    expect(r.findings).toMatchObject([{ severity: 'fatal', ruleId: RULE.fatal, location: 'Creneau' }]);
  });

  it('an unknown resourceType inside a Bundle entry → error at that entry', () => {
    const b = fixture('psindiv-valid');
    b.entry[4].resource.resourceType = 'Agenda';
    expect(view(validateResource(b, { index }).findings)).toEqual([`${RULE.resourceType} @ Bundle.entry[4].resource`]);
  });
});

describe('deep and large input', () => {
  it('10,000 nested Bundles: one fatal finding, no stack overflow', () => {
    const deep = nested(10_000, (inner) => ({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: inner }] }), {
      resourceType: 'Basic',
      code: { text: 'x' },
    });
    const r = validateResource(deep, { index });
    expect(r.findings).toMatchObject([{ severity: 'fatal', ruleId: RULE.fatal }]);
  });

  it('10,000 nested extensions: one fatal finding', () => {
    const ext = nested(10_000, (inner) => ({ url: 'https://example.org/x', extension: [inner] }), {
      url: 'https://example.org/x',
      valueString: 'v',
    });
    const r = validateResource({ resourceType: 'Slot', extension: [ext] }, { index });
    expect(r.findings).toMatchObject([{ severity: 'fatal', ruleId: RULE.fatal }]);
  });

  it('moderate legitimate nesting (20 extension levels) is validated normally', () => {
    const ext = nested(20, (inner) => ({ url: 'https://example.org/x', extension: [inner] }), {
      url: 'https://example.org/x',
      valueString: 'v',
    });
    const slot = fixture('sos-valid').entry[1].resource;
    slot.extension = [ext];
    const r = validateResource(slot, { index });
    expect(view(r.findings, 'fatal')).toEqual([]);
    expect(view(r.findings)).toEqual([]);
  });

  it('very long strings and many entries complete (no quadratic regex or lookups)', () => {
    const b = fixture('cpts-valid');
    b.entry[0].resource.comment = 'https://x/'.padEnd(2_000_000, 'a');
    b.entry[0].resource.meta.security[0].code = 'a '.repeat(200_000); // pathological for a backtracking code regex
    const slot = b.entry[1];
    for (let i = 0; i < 1000; i++) {
      const copy = structuredClone(slot);
      copy.fullUrl = `${slot.fullUrl}-${i}`;
      copy.resource.id = `${slot.resource.id}-${i}`;
      b.entry.push(copy);
    }
    const r = validateResource(b, { index });
    expect(view(r.findings)).toEqual([
      `Slot.meta.security @ Bundle.entry[0].resource.meta.security[0]`,
      `structure.format @ Bundle.entry[0].resource.meta.security[0].code`,
    ]);
    expect(r.stats.resources).toBeGreaterThan(1000);
  });
});

describe('profile choice for a single resource', () => {
  it('a non-Bundle resource is validated against its meta.profile', () => {
    const slot = fixture('cpts-valid').entry[0].resource;
    const ok = validateResource(slot, { index });
    expect(ok.profile).toBe('https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-slot-aggregator');
    expect(view(ok.findings)).toEqual([]);
    slot.status = 'busy';
    expect(view(validateResource(slot, { index }).findings)).toEqual(['Slot.status @ Slot.status']);
  });

  it('without meta.profile, the base R4 type is used; useCase does not apply to non-Bundles', () => {
    const slot = fixture('sos-valid').entry[1].resource;
    delete slot.meta.profile;
    slot.status = 'busy';
    const r = validateResource(slot, { index, useCase: 'sos' });
    expect(r.profile).toBe('http://hl7.org/fhir/StructureDefinition/Slot');
    expect(view(r.findings)).toEqual([]);
  });

  it('an unknown meta.profile gives one information and falls back to the base type', () => {
    const slot = fixture('sos-valid').entry[1].resource;
    slot.meta.profile = ['https://example.org/StructureDefinition/unknown-slot'];
    const r = validateResource(slot, { index });
    expect(r.profile).toBe('http://hl7.org/fhir/StructureDefinition/Slot');
    expect(r.findings.filter((f) => f.ruleId === RULE.profileUnknown)).toMatchObject([
      { severity: 'information', notChecked: true, location: 'Slot.meta.profile' },
    ]);
  });

  it('an explicit profile that is not loaded → fatal, base structure still checked', () => {
    const slot = fixture('sos-valid').entry[1].resource;
    slot.colour = 'blue';
    const r = validateResource(slot, { index, profile: 'https://example.org/StructureDefinition/nope' });
    expect(view(r.findings, 'fatal')).toEqual([`${RULE.profileUnknown} @ Slot`]);
    expect(view(r.findings)).toEqual([`${RULE.unknownElement} @ Slot.colour`]);
  });

  it('a profile for another resource type is an error, not a crash', () => {
    const slot = fixture('sos-valid').entry[1].resource;
    const r = validateResource(slot, { index, profile: 'http://sas.fr/fhir/StructureDefinition/FrScheduleAgregateur' });
    expect(view(r.findings)).toEqual([`${RULE.resourceType} @ Slot`]);
  });
});
