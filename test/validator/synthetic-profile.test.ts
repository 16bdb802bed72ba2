/**
 * Engine features the SAS profiles do not exercise, on a profile built in the test from the R4
 * Organization snapshot: closed and ordered slicing, `exists` discriminator, a FHIRPath invariant
 * evaluated by the library, and an expression it cannot evaluate (one "not checked" information).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DefinitionIndex, FhirResource } from '../../src/fhir/packages/types.js';
import { RULE, validateResource } from '../../src/fhir/validator/index.js';
import { loadIndex, view, type Json } from './helpers.js';

const URL = 'https://example.org/fhir/StructureDefinition/test-organization';

/** A slice of `elementId` with the children of its datatype (as a snapshot generator expands them). */
function sliceElements(index: DefinitionIndex, type: string, elementId: string, sliceName: string, extra: (e: Json) => void): Json[] {
  const typeElements: Json[] = (index.structureDefinition(type) as Json).snapshot.element;
  const all = typeElements.map((e, i) => {
    const copy = structuredClone(e);
    const rest = e.id.slice(type.length);
    copy.id = `${elementId}:${sliceName}${rest}`;
    copy.path = elementId + rest;
    if (i === 0) Object.assign(copy, { sliceName, type: [{ code: type }] });
    return copy;
  });
  all.forEach(extra);
  return all;
}

function testProfile(index: DefinitionIndex): FhirResource {
  const org = structuredClone(index.structureDefinition('Organization')!) as Json;
  const base: Json[] = org.snapshot.element;
  const out: Json[] = [];
  for (const e of base) {
    if (e.id === 'Organization') {
      e.constraint = [
        ...(e.constraint ?? []),
        { key: 'test-name', severity: 'error', human: 'A name is required', expression: 'name.exists()' },
        { key: 'test-unsupported', severity: 'error', human: 'Not evaluable', expression: 'name.(((' },
      ];
    }
    if (e.id === 'Organization.identifier') {
      e.slicing = { discriminator: [{ type: 'value', path: 'system' }], rules: 'closed', ordered: true };
    }
    if (e.id === 'Organization.telecom') {
      e.slicing = { discriminator: [{ type: 'exists', path: 'period' }], rules: 'open' };
    }
    out.push(e);
    if (e.id === 'Organization.identifier') {
      for (const [name, system, min] of [
        ['finess', 'urn:oid:1.2.250.1.71.4.2.2', 1],
        ['local', 'https://example.org/ids', 0],
      ] as const) {
        out.push(
          ...sliceElements(index, 'Identifier', e.id, name, (x) => {
            if (x.id.endsWith(':' + name)) Object.assign(x, { min, max: '1' });
            if (x.id.endsWith(`:${name}.system`)) x.fixedUri = system;
          }),
        );
      }
    }
    if (e.id === 'Organization.telecom') {
      out.push(
        ...sliceElements(index, 'ContactPoint', e.id, 'dated', (x) => {
          if (x.id.endsWith(':dated')) Object.assign(x, { min: 0, max: '1' });
          if (x.id.endsWith(':dated.period')) x.min = 1;
        }),
      );
    }
  }
  org.snapshot.element = out;
  return { ...org, resourceType: 'StructureDefinition', url: URL, id: 'test-organization', derivation: 'constraint' };
}

/** The real index plus one synthetic profile. */
function withProfile(index: DefinitionIndex, sd: FhirResource): DefinitionIndex {
  return {
    ...index,
    packages: index.packages,
    ig: index.ig,
    resolve: (c, t) => (c.split('|')[0] === URL ? (sd as never) : index.resolve(c, t)),
    structureDefinition: (u) => (u.split('|')[0] === URL ? sd : index.structureDefinition(u)),
    valueSet: (u) => index.valueSet(u),
    codeSystem: (u) => index.codeSystem(u),
    all: (t) => index.all(t),
  };
}

const ORG: Json = {
  resourceType: 'Organization',
  id: 'o1',
  meta: { profile: [URL] },
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Cabinet</div>' },
  identifier: [
    { system: 'urn:oid:1.2.250.1.71.4.2.2', value: '1370012345' },
    { system: 'https://example.org/ids', value: 'A-1' },
  ],
  name: 'Cabinet',
  telecom: [
    { system: 'phone', value: '+33247000000', period: { start: '2024-01-01' } },
    { system: 'phone', value: '+33247000001' },
  ],
};

describe('generic engine features on a synthetic profile', () => {
  let index: DefinitionIndex;
  beforeAll(async () => {
    const real = await loadIndex('1.2.0');
    index = withProfile(real, testProfile(real));
  });

  const run = (mutate: (o: Json) => void = () => undefined) => {
    const o = structuredClone(ORG);
    mutate(o);
    return validateResource(o, { index });
  };

  it('a conforming resource has no error; the unevaluable invariant is one "not checked" information', () => {
    const r = run();
    expect(r.profile).toBe(URL);
    expect(view(r.findings)).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId === 'test-unsupported')).toMatchObject([
      { severity: 'information', notChecked: true, location: 'Organization' },
    ]);
  });

  it('invariant evaluated by the fhirpath library', () => {
    expect(view(run((o) => delete o.name).findings)).toEqual(['test-name @ Organization']);
  });

  it('closed slicing: a value matching no slice', () => {
    const r = run((o) => o.identifier.push({ system: 'https://other.example/ids', value: 'Z' }));
    expect(view(r.findings)).toEqual([`${RULE.slicing} @ Organization.identifier[2]`]);
  });

  it('ordered slicing: slices out of order', () => {
    const r = run((o) => o.identifier.reverse());
    expect(view(r.findings)).toEqual([`${RULE.slicing} @ Organization.identifier[1]`]);
  });

  it('slice cardinality: required slice missing, and a slice given twice', () => {
    expect(view(run((o) => o.identifier.shift()).findings)).toEqual(['Organization.identifier:finess @ Organization.identifier']);
    expect(view(run((o) => o.identifier.push({ ...o.identifier[1] })).findings)).toEqual([
      'Organization.identifier:local @ Organization.identifier',
    ]);
  });

  it('exists discriminator: two telecoms with a period exceed the dated slice', () => {
    const r = run((o) => (o.telecom[1].period = { start: '2024-06-01' }));
    expect(view(r.findings)).toEqual(['Organization.telecom:dated @ Organization.telecom']);
  });
});
