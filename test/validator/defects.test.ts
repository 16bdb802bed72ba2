/**
 * Our own valid bundles (written from the IG facts) validate with no error, and single-defect
 * mutations of them give exactly the expected errors (rule id and location).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { validateResource } from '../../src/fhir/validator/index.js';
import { DEFECTS } from './defect-cases.js';
import { fixture, loadIndex, view } from './helpers.js';

let index: DefinitionIndex;
beforeAll(async () => {
  index = await loadIndex('1.2.0');
});

describe('own valid bundles', () => {
  it.each(['cpts-valid', 'psindiv-valid', 'sos-valid'] as const)('%s validates with no error', (name) => {
    const r = validateResource(fixture(name), { index });
    expect(view(r.findings, 'fatal')).toEqual([]);
    expect(view(r.findings, 'error')).toEqual([]);
    expect(r.profile).toContain(name === 'psindiv-valid' ? 'BundleAgregateur' : name.replace('-valid', '-bundle-aggregator'));
  });
});

describe('single-defect mutations', () => {
  it('has at least 25 of them', () => expect(DEFECTS.length).toBeGreaterThanOrEqual(25));

  it.each(DEFECTS.map((d) => [d.what, d] as const))('%s', (_what, d) => {
    const bundle = fixture(d.bundle);
    d.mutate(bundle);
    const r = validateResource(bundle, { index });
    expect(view(r.findings, 'fatal')).toEqual([]);
    expect(view(r.findings, 'error')).toEqual([...d.errors].sort());
    for (const w of d.warnings ?? []) expect(view(r.findings, 'warning')).toContain(w);
    // the native invariants (by key and by expression) agree with the fhirpath library on the same input
    const viaLibrary = validateResource(bundle, { index, invariants: 'fhirpath' });
    expect(viaLibrary.findings).toEqual(r.findings);
    for (const f of r.findings) {
      expect(f.source).toBe('structure');
      expect(f.message.fr.length).toBeGreaterThan(10);
      expect(f.message.en.length).toBeGreaterThan(10);
    }
  });
});
