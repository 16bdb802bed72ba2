/**
 * The reference editor's Bundles must be valid against the SAS profiles: no structural error (warnings
 * such as unresolvable NOS / FR Core 1.1.0 value sets are allowed), for each use case.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isBlocking } from '../../src/core/findings.js';
import { loadDefinitions } from '../../src/fhir/packages/index.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { validateResource } from '../../src/fhir/validator/index.js';
import type { UseCase } from '../../src/core/model.js';
import { answer, CPTS_JDD, PS_JDD, psByTag, query, SOS_JDD, type Json } from './helpers.js';

const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? resolve(__dirname, '../../../shared/fhir-packages');

const searches: [string, UseCase, () => string[]][] = [
  ['PS, one place', 'psindiv', () => [psByTag(PS_JDD, 'one-place').idnps]],
  ['PS, two places + all types + minimal', 'psindiv', () => ['two-places', 'all-types', 'minimal'].map((t) => psByTag(PS_JDD, t).idnps)],
  ['PS, 25 identifiers', 'psindiv', () => PS_JDD.practitioners.slice(0, 25).map((p) => p.idnps)],
  ['CPTS, two CPTS', 'cpts', () => [psByTag(CPTS_JDD, 'cpts-two-cpts').idnps]],
  [
    'CPTS, shared slot + A only + both',
    'cpts',
    () => ['cpts-shared-slot', 'cpts-one-cpts', 'cpts-both'].map((t) => psByTag(CPTS_JDD, t).idnps),
  ],
  ['SOS, both associations', 'sos', () => SOS_JDD.sos.map((s) => s.siret)],
];

describe('generated Bundles against the SAS profiles', () => {
  let index: DefinitionIndex;
  beforeAll(async () => {
    index = (await loadDefinitions({ sources: [PACKAGES], ig: 'ans.fhir.fr.sas#1.2.0' })).index;
  });

  it.each(searches)('%s: no structural error', (_name, useCase, ids) => {
    const bundle = answer(query(useCase, ids())).body as Json;
    expect(bundle.entry.length).toBeGreaterThan(3);
    const result = validateResource(bundle, { index, useCase });
    const blocking = result.findings.filter(isBlocking).map((f) => `${f.ruleId} ${f.location}: ${f.message.en}`);
    expect(blocking).toEqual([]);
  });

  it('sees a defect as a structural error (the check can fail)', () => {
    const bundle = answer(query('cpts', [psByTag(CPTS_JDD, 'cpts-one-cpts').idnps]), ['bad-finess']).body as Json;
    const result = validateResource(bundle, { index, useCase: 'cpts' });
    expect(result.findings.filter(isBlocking).map((f) => f.ruleId)).toContain('FINESS-invariant');
  });
});
