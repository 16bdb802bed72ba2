/**
 * Issue #12, defect 2: large answers are judged, never "Maximum call stack size exceeded". A generated
 * 100,000-entry Bundle (about 5 MB, under the 20 MB body cap) goes through the structural validator and
 * the SAS rules without a throw; arrays wider than V8's argument limit (~120,000 with the default stack)
 * inside a resource no longer reach a `push(...array)` (dom-3's local reference scan).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { validateResource } from '../../src/fhir/validator/index.js';
import { runRules } from '../../src/rules/index.js';
import { loadIndex } from '../validator/helpers.js';

let index: DefinitionIndex;
beforeAll(async () => {
  index = await loadIndex('1.2.0');
});

/** 100,000 small Slot entries: `{"fullUrl":"urn:uuid:…","resource":{"resourceType":"Slot","id":"s…"}}`. */
function bigBundle(entries: number): Record<string, unknown> {
  const entry = [];
  for (let i = 0; i < entries; i++) entry.push({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: 'Slot', id: `s${i}` } });
  return { resourceType: 'Bundle', type: 'searchset', total: entries, entry };
}

describe('a 100,000-entry Bundle', () => {
  it('is validated and judged by the rules without a throw', () => {
    const bundle = bigBundle(100_000);
    expect(JSON.stringify(bundle).length).toBeGreaterThan(5_000_000);
    const structure = validateResource(bundle, { index, useCase: 'psindiv' });
    expect(structure.findings.length).toBeGreaterThan(100_000);
    expect(structure.findings.some((f) => f.severity === 'fatal')).toBe(false);
    const rules = runRules(bundle, { useCase: 'psindiv', now: new Date('2026-03-02T08:00:00+01:00') });
    expect(rules.filter((f) => f.internalError)).toEqual([]);
    expect(rules.length).toBeGreaterThan(100_000);
  }, 240_000);
});

describe('arrays wider than the argument limit inside one resource', () => {
  const WIDE = 300_000;

  it('dom-3 scans a resource with contained resources and a 300,000-item array', () => {
    const slot = {
      resourceType: 'Slot',
      id: 'wide',
      contained: [{ resourceType: 'Schedule', id: 'sch', actor: [{ reference: 'Practitioner/p' }] }],
      schedule: { reference: '#sch' },
      status: 'free',
      start: '2026-03-02T09:00:00.000+01:00',
      end: '2026-03-02T09:15:00.000+01:00',
      identifier: Array.from({ length: WIDE }, (_, i) => ({ value: `id${i}` })),
    };
    const r = validateResource(slot, { index });
    expect(r.findings.filter((f) => f.internalError || /call stack/i.test(f.message.en))).toEqual([]);
  }, 120_000);
});
