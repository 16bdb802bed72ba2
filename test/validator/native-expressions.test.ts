/**
 * The native versions of invariants (native-expressions.ts) against the fhirpath library, on the same
 * real packages: hand-picked passing, failing and odd values, random values (fast-check), then whole
 * findings on our fixtures and the IG's example Bundles (read from the packages at test time), which
 * must need the library for no invariant at all.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readTgzJson } from '../../src/fhir/packages/index.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import type { JsonObject } from '../../src/fhir/validator/context.js';
import { engineFor, type Engine } from '../../src/fhir/validator/engine.js';
import { validateResource } from '../../src/fhir/validator/index.js';
import { fixture, loadIndex, PACKAGES, type Json } from './helpers.js';

let engine: Engine;
beforeAll(async () => {
  engine = engineFor(await loadIndex('1.2.0'));
});

/** The library's verdict as invariants.ts reads it: false only for a single `false`; 'throws' when it stops. */
function library(base: string, expression: string, value: JsonObject): boolean | 'throws' {
  const compiled = engine.expression(base, expression);
  if (compiled instanceof Error) throw compiled;
  try {
    const result = compiled(structuredClone(value), { resource: value, rootResource: value });
    return !(result.length === 1 && result[0] === false);
  } catch {
    return 'throws';
  }
}

function native(base: string, expression: string, value: JsonObject): boolean | undefined {
  const check = engine.native(base, expression);
  if (!check) throw new Error(`no native version of ${expression} on ${base}`);
  return check(structuredClone(value));
}

interface Case {
  base: string;
  expression: string;
  /** Values the native version decides: half of them at least pass, the others fail. */
  decided: JsonObject[];
  /** Shapes left to the library (primitive extensions, wrong JSON types, other precisions…). */
  deferred: JsonObject[];
}

const CPT2 = 'value.empty() or system.exists()';
const NOT_HOME = "where(use = 'home').empty()";
const ORG1 = '(identifier.count() + name.count()) > 0';
const PER1 = 'start.hasValue().not() or end.hasValue().not() or (start <= end)';
const FINESS = "value.matches('^1[0-9]{9}$')";
const SIRET = "value.matches('^3[0-9]{14}$')";

const CASES: Case[] = [
  {
    base: 'ContactPoint',
    expression: CPT2,
    decided: [{}, { value: 'x' }, { value: 'x', system: 'phone' }, { system: 'email' }, { value: '' }, { value: '', system: 'phone' }],
    deferred: [
      { _value: { extension: [{ url: 'u', valueString: 'a' }] } },
      { value: 1 },
      { value: null },
      { value: ['a'] },
      { value: 'x', system: 1 },
      { value: 'x', _system: { id: 'a' } },
    ],
  },
  ...['ContactPoint', 'Address'].map((base) => ({
    base,
    expression: NOT_HOME,
    decided: [{}, { use: 'home' }, { use: 'work' }, { use: 'HOME' }, { use: 'home ' }, { use: 'old', line: ['1 rue'] }],
    deferred: [{ use: ['home'] }, { use: 1 }, { _use: { id: 'a' } }, { use: null }, { use: 'home', _use: { id: 'a' } }],
  })),
  {
    base: 'Organization',
    expression: ORG1,
    decided: [
      {},
      { name: 'a' },
      { identifier: [] },
      { identifier: [{}] },
      { identifier: [{ value: '1' }], name: 'x' },
      { name: '' },
      { alias: ['x'] },
    ].map((o) => ({ resourceType: 'Organization', ...o })),
    deferred: [
      { identifier: [null] },
      { identifier: { value: 'a' } },
      { _name: { id: 'a' } },
      { name: ['a', 'b'] },
      { name: 3 },
      { identifier: [1] },
    ].map((o) => ({ resourceType: 'Organization', ...o })),
  },
  {
    base: 'Period',
    expression: PER1,
    decided: [
      {},
      { start: '2025-01-01T10:00:00+01:00' },
      { end: '2025-01-01T10:00:00+01:00' },
      { start: '2025-01-01T10:00:00+01:00', end: '2025-01-01T09:30:00Z' },
      { start: '2025-01-01T10:00:00+01:00', end: '2025-01-01T09:00:00.000Z' },
      { start: '2025-01-01T10:00:00+01:00', end: '2025-01-01T08:59:59.999Z' },
      { start: '2025-03-30T23:30:00-02:00', end: '2025-03-31T01:00:00+00:00' },
      { start: '2025-03-31T01:00:00.001Z', end: '2025-03-30T23:00:00-02:00' },
      { start: '2024-02-29T00:00:00Z', end: '2024-02-28T23:59:59+00:00' },
      { start: '2025-01-02', end: '2025-01-01' },
      { start: '2025-01-01', end: '2025-01-01' },
      { start: '2024-12-31', end: '2025-01-01' },
    ],
    deferred: [
      { start: '2025-01-01', end: '2025-01-01T08:59:59.999Z' },
      { start: '2025', end: '2024' },
      { start: '2025-02', end: '2025-01' },
      { start: '2025-01-01T10:00:00', end: '2025-01-01T09:00:00' },
      { start: '2025-01-01T10:00Z', end: '2025-01-01T09:00Z' },
      { start: 'foo', end: 'bar' },
      { start: '2025-01-01T10:00:00.1234Z', end: '2025-01-01T10:00:00.123Z' },
      { start: '2025-02-30T10:00:00Z', end: '2025-03-01T10:00:00Z' },
      { start: '2025-01-01T10:00:00+15:00', end: '2025-01-01T09:00:00Z' },
      { start: 20250101, end: '2025-01-01' },
      { start: '2025-01-02', _start: { id: 'a' }, end: '2025-01-01' },
    ],
  },
  ...[FINESS, SIRET].map((expression) => ({
    base: 'Identifier',
    expression,
    decided: [
      {},
      { value: '1370012345' },
      { value: '335212345600017' },
      { value: '2A00012345' },
      { value: '123' },
      { value: '' },
      { value: '1370012345\n' },
      { value: '\n1370012345' },
      { value: '13700123456' },
      { value: '１３７００１２３４５' },
      { system: 'urn:oid:1.2.250.1.71.4.2.2' },
    ],
    deferred: [{ value: 1370012345 }, { value: ['1370012345'] }, { _value: { id: 'x' } }, { value: '1370012345', _value: { id: 'x' } }],
  })),
  // the generic `field.matches('regex')` form: same flags as the library ('us': dot matches newlines, unicode)
  {
    base: 'Coding',
    expression: "code.matches('^.$')",
    decided: [{}, { code: 'a' }, { code: '😀' }, { code: '\n' }, { code: 'ab' }, { code: '' }],
    deferred: [{ code: 1 }, { _code: { id: 'x' } }],
  },
  {
    base: 'Coding',
    expression: "system.matches('é.*[0-9]')",
    decided: [{ system: 'xé\nz7' }, { system: 'É7' }, { system: 'e7' }, { system: 'é7' }],
    deferred: [],
  },
];

describe('native invariants agree with the fhirpath library', () => {
  it.each(CASES.map((c) => [`${c.base}: ${c.expression}`, c] as const))('%s', (_name, c) => {
    const verdicts = c.decided.map((v) => native(c.base, c.expression, v));
    for (const [i, v] of c.decided.entries()) {
      expect({ value: v, native: verdicts[i] }).toEqual({ value: v, native: library(c.base, c.expression, v) });
    }
    // some pass, some fail: the comparison is not a tautology
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
    for (const v of c.deferred) expect({ value: v, native: native(c.base, c.expression, v) }).toEqual({ value: v, native: undefined });
  });

  const text = fc.constantFrom<unknown>(undefined, '', 'x', 'home', 'work', 'phone', '1370012345', '335212345600017', 1, null, ['home'], {
    id: 'a',
  });
  const date = fc.constantFrom<unknown>(
    undefined,
    '2025-01-01',
    '2025-01-02',
    '2025',
    '2025-01',
    '2025-01-01T00:30:00+01:00',
    '2024-12-31T23:30:00Z',
    '2024-12-31T23:30:00.000Z',
    '2024-12-31T23:30:00.001Z',
    '2025-01-01T00:30:00',
    '2025-01-01T00:30:00.5Z',
    '2025-01-01T10:00:00-05:30',
    'soon',
    5,
  );
  const ext = fc.constantFrom<unknown>(undefined, undefined, { id: 'e' });
  const object = (fields: Record<string, fc.Arbitrary<unknown>>) =>
    fc.record(fields).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as JsonObject);

  it.each([
    ['ContactPoint', CPT2, object({ value: text, system: text, _value: ext, _system: ext })],
    ['ContactPoint', NOT_HOME, object({ use: text, _use: ext, value: text })],
    ['Address', NOT_HOME, object({ use: text, _use: ext, city: text })],
    [
      'Organization',
      ORG1,
      object({ identifier: fc.constantFrom<unknown>(undefined, [], [{}], [{ value: 'a' }, {}], [null], {}), name: text, _name: ext }),
    ],
    ['Period', PER1, object({ start: date, end: date, _start: ext, _end: ext })],
    ['Identifier', FINESS, object({ value: text, _value: ext, system: text })],
    ['Identifier', SIRET, object({ value: text, _value: ext })],
  ] as const)('random %s values: %s', (base, expression, values) => {
    let decided = 0;
    fc.assert(
      fc.property(values, (v) => {
        const n = native(base, expression, v);
        if (n === undefined) return;
        decided++;
        expect({ value: v, native: n }).toEqual({ value: v, native: library(base, expression, v) });
      }),
      // a fixed seed: the share of values decided natively (asserted below) must not depend on the draw
      { numRuns: 300, seed: 20261207 },
    );
    expect(decided).toBeGreaterThan(30);
  });
});

describe('where a native version applies', () => {
  it('only on the base types it was written for, by exact expression text', () => {
    expect(engine.native('ContactPoint', CPT2)).toBeDefined();
    expect(engine.native('Quantity', CPT2)).toBeUndefined();
    expect(engine.native('ContactPoint', `${CPT2} `)).toBeUndefined();
    expect(engine.native('HumanName', NOT_HOME)).toBeUndefined();
    expect(engine.native('Organization', PER1)).toBeUndefined();
    expect(engine.native('ContactPoint', CPT2)).toBe(engine.native('ContactPoint', CPT2)); // cached per index
  });

  it('the generic matches form: a single string field, a regex without escapes, valid in unicode mode', () => {
    expect(engine.native('Identifier', "system.matches('^urn:')")).toBeDefined();
    expect(engine.native('Extension', "value.matches('x')")).toBeUndefined(); // value[x]: a choice
    expect(engine.native('HumanName', "given.matches('x')")).toBeUndefined(); // an array
    expect(engine.native('Quantity', "value.matches('1')")).toBeUndefined(); // a decimal
    expect(engine.native('Identifier', "nothing.matches('x')")).toBeUndefined();
    expect(engine.native('Identifier', "value.matches('^\\\\d+$')")).toBeUndefined(); // an escape in the literal
    expect(engine.native('Identifier', "value.matches('{')")).toBeUndefined(); // invalid with the u flag
    expect(engine.native('Identifier', "value.matches('^1', 'i')")).toBeUndefined(); // flags
    expect(engine.native('Identifier', "value.matchesFull('1')")).toBeUndefined();
  });
});

async function example(version: string, name: string): Promise<Json> {
  const json = await readTgzJson(join(PACKAGES, `ans.fhir.fr.sas#${version}.tgz`), `package/example/${name}.json`);
  if (!json) throw new Error(`example ${name} not found in SAS ${version}`);
  return json as Json;
}

describe('whole findings: native and library invariants agree, and a usual SAS answer needs no library', () => {
  const inputs: [string, '1.2.0' | '1.1.0', () => Promise<Json>][] = [
    ...(['cpts-valid', 'psindiv-valid', 'sos-valid'] as const).map(
      (n) => [n, '1.2.0', async () => fixture(n)] as [string, '1.2.0', () => Promise<Json>],
    ),
    ...['Bundle-ExampleBundleCPTS1', 'Bundle-ExampleBundleCPTS2', 'Bundle-ExampleBundleAgregateurSOS', 'Bundle-ExampleBundlePSIndiv'].map(
      (n) => [n, '1.2.0', () => example('1.2.0', n)] as [string, '1.2.0', () => Promise<Json>],
    ),
    ...['Bundle-ExampleBundleCPTS', 'Bundle-ExampleBundleAgregateurSOS', 'Bundle-ExampleBundlePSIndiv'].map(
      (n) => [n, '1.1.0', () => example('1.1.0', n)] as [string, '1.1.0', () => Promise<Json>],
    ),
  ];

  it.each(inputs)('%s (SAS %s)', async (_name, version, read) => {
    const index: DefinitionIndex = await loadIndex(version);
    const bundle = await read();
    const spy = vi.spyOn(engineFor(index), 'expression');
    try {
      const viaLibrary = validateResource(bundle, { index, invariants: 'fhirpath' });
      // the library did evaluate what the native versions decide in the default mode
      const evaluated = new Set(spy.mock.calls.map(([, expression]) => expression));
      expect(evaluated).toContain(CPT2);
      spy.mockClear();
      const native = validateResource(bundle, { index });
      expect(spy.mock.calls.map(([base, expression]) => `${base}: ${expression}`)).toEqual([]);
      expect(native.findings).toEqual(viaLibrary.findings);
    } finally {
      spy.mockRestore();
    }
  });
});
