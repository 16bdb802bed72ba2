import { describe, expect, it } from 'vitest';
import type { DefinitionIndex, FhirResource } from '../packages/types.js';
import { expandValueSet } from './valuesets.js';

const CS = 'http://example.org/cs';
const resources: FhirResource[] = [
  {
    resourceType: 'CodeSystem',
    url: CS,
    content: 'complete',
    concept: [
      { code: '_Enc', concept: [{ code: 'AMB' }, { code: 'HH' }] },
      { code: 'VR', property: [{ code: 'subsumedBy', valueCode: '_Enc' }] },
      { code: 'OTHER', property: [{ code: 'status', valueCode: 'retired' }] },
    ],
  },
  { resourceType: 'CodeSystem', url: 'http://example.org/fragment', content: 'fragment', concept: [{ code: 'x' }] },
  {
    resourceType: 'ValueSet',
    url: 'http://example.org/vs/enc',
    compose: {
      include: [{ system: CS, filter: [{ property: 'concept', op: 'is-a', value: '_Enc' }] }],
      exclude: [{ system: CS, concept: [{ code: '_Enc' }] }],
    },
  },
  { resourceType: 'ValueSet', url: 'http://example.org/vs/all', compose: { include: [{ system: CS }] } },
  {
    resourceType: 'ValueSet',
    url: 'http://example.org/vs/listed',
    compose: { include: [{ system: 'http://nos.example/tre', concept: [{ code: 'A' }] }] },
  },
  {
    resourceType: 'ValueSet',
    url: 'http://example.org/vs/union',
    compose: { include: [{ valueSet: ['http://example.org/vs/listed'] }, { system: CS, concept: [{ code: 'VR' }] }] },
  },
  {
    resourceType: 'ValueSet',
    url: 'http://example.org/vs/retired',
    compose: { include: [{ system: CS, filter: [{ property: 'status', op: '=', value: 'retired' }] }] },
  },
  { resourceType: 'ValueSet', url: 'http://example.org/vs/frag', compose: { include: [{ system: 'http://example.org/fragment' }] } },
  {
    resourceType: 'ValueSet',
    url: 'http://example.org/vs/regex',
    compose: { include: [{ system: CS, filter: [{ property: 'code', op: 'regex', value: '.*' }] }] },
  },
  { resourceType: 'ValueSet', url: 'http://example.org/vs/cycle', compose: { include: [{ valueSet: ['http://example.org/vs/cycle'] }] } },
];

const index = {
  valueSet: (u: string) => resources.find((r) => r.resourceType === 'ValueSet' && r.url === u),
  codeSystem: (u: string) => resources.find((r) => r.resourceType === 'CodeSystem' && r.url === u),
} as unknown as DefinitionIndex;

const codes = (url: string) => {
  const e = expandValueSet(index, url, new Map());
  return e ? [...e.pairs].sort() : undefined;
};

describe('expandValueSet', () => {
  it('is-a over nested concepts and subsumedBy, with exclude', () => {
    expect(codes('http://example.org/vs/enc|1.0.0')).toEqual([`${CS}|AMB`, `${CS}|HH`, `${CS}|VR`]);
  });
  it('whole code system, concept lists, nested value sets, property filter', () => {
    expect(codes('http://example.org/vs/all')).toHaveLength(5);
    expect(codes('http://example.org/vs/union')).toEqual([`${CS}|VR`, 'http://nos.example/tre|A']);
    expect(codes('http://example.org/vs/retired')).toEqual([`${CS}|OTHER`]);
  });
  it('the curated NOS JDV_J165 slot types', () => {
    expect(codes('https://mos.esante.gouv.fr/NOS/JDV_J165-TypeCreneau-SAS/FHIR/JDV-J165-TypeCreneau-SAS')).toHaveLength(4);
  });
  it('cannot expand: unknown value set, incomplete code system, unsupported filter, cycle', () => {
    for (const u of [
      'http://example.org/none',
      'http://example.org/vs/frag',
      'http://example.org/vs/regex',
      'http://example.org/vs/cycle',
    ]) {
      expect(codes(u)).toBeUndefined();
    }
  });
});
