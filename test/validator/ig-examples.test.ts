/**
 * The IG's own example Bundles, read at test time from the packages (never copied), against the
 * official QA verdicts: SAS 1.2.0 CPTS1, CPTS2 and SOS have no error; the PS example has exactly one,
 * the text-only specialty of Slot ExampleSlotPSIndiv3 under a required binding. Also run on 1.1.0.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTgzJson } from '../../src/fhir/packages/index.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { validateResource } from '../../src/fhir/validator/index.js';
import { loadIndex, PACKAGES, view, type Json } from './helpers.js';

async function example(version: string, name: string): Promise<Json> {
  const json = await readTgzJson(join(PACKAGES, `ans.fhir.fr.sas#${version}.tgz`), `package/example/${name}.json`);
  if (!json) throw new Error(`example ${name} not found in SAS ${version}`);
  return json as Json;
}

describe('SAS 1.2.0 example Bundles', () => {
  let index: DefinitionIndex;
  beforeAll(async () => {
    index = await loadIndex('1.2.0');
  });

  it.each([
    ['Bundle-ExampleBundleCPTS1', 'sas-cpts-bundle-aggregator'],
    ['Bundle-ExampleBundleCPTS2', 'sas-cpts-bundle-aggregator'],
    ['Bundle-ExampleBundleAgregateurSOS', 'sas-sos-bundle-aggregator'],
  ])('%s has no error (official QA: valid)', async (name, profile) => {
    const r = validateResource(await example('1.2.0', name), { index });
    expect(r.profile.endsWith(profile)).toBe(true);
    expect(view(r.findings, 'fatal')).toEqual([]);
    expect(view(r.findings, 'error')).toEqual([]);
    expect(r.stats.resources).toBeGreaterThan(6);
  });

  it('the PS example has exactly one error: text-only specialty of ExampleSlotPSIndiv3', async () => {
    const bundle = await example('1.2.0', 'Bundle-ExampleBundlePSIndiv');
    const r = validateResource(bundle, { index, useCase: 'psindiv' });
    const errors = r.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal');
    expect(errors).toHaveLength(1);
    const [e] = errors;
    expect(e.ruleId).toBe('Slot.specialty');
    expect(e.resource).toBe('Slot/ExampleSlotPSIndiv3');
    const entry = bundle.entry.findIndex((x: Json) => x.resource.id === 'ExampleSlotPSIndiv3');
    expect(e.location).toBe(`Bundle.entry[${entry}].resource.specialty[1]`);
    expect(e.message.en).toContain('fr-practitioner-specialty');
    // the unknown FR Core value set is said once, not per specialty
    const notChecked = r.findings.filter((f) => f.notChecked && f.message.en.includes('fr-practitioner-specialty'));
    expect(notChecked).toHaveLength(1);
    expect(notChecked[0].severity).toBe('information');
  });

  it('the use case picks the Bundle profile, and an explicit profile wins', async () => {
    const bundle = await example('1.2.0', 'Bundle-ExampleBundleCPTS1');
    expect(validateResource(bundle, { index, useCase: 'cpts' }).profile).toContain('sas-cpts-bundle-aggregator');
    const asPs = validateResource(bundle, { index, useCase: 'psindiv' });
    expect(asPs.profile).toBe('http://sas.fr/fhir/StructureDefinition/BundleAgregateur');
    const asSos = validateResource(bundle, {
      index,
      useCase: 'cpts',
      profile: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-bundle-aggregator',
    });
    expect(asSos.profile).toContain('sas-sos-bundle-aggregator');
    expect(view(asSos.findings)).toContain('Bundle.entry:slotAgregateurSOS @ Bundle.entry');
  });
});

describe('SAS 1.1.0 example Bundles (official 2024 release, NOS dependency absent)', () => {
  let index: DefinitionIndex;
  beforeAll(async () => {
    index = await loadIndex('1.1.0');
  });

  it.each(['Bundle-ExampleBundleCPTS', 'Bundle-ExampleBundleAgregateurSOS', 'Bundle-ExampleBundlePSIndiv'])(
    '%s has no error (no text-only specialty before 1.2.0; missing narratives are dom-6 warnings)',
    async (name) => {
      const r = validateResource(await example('1.1.0', name), { index });
      expect(view(r.findings, 'fatal')).toEqual([]);
      expect(view(r.findings, 'error')).toEqual([]);
      expect(view(r.findings, 'warning').some((w) => w.startsWith('dom-6 @'))).toBe(true);
    },
  );

  it('keeps its own CPTS organisation identifier type (two IG versions side by side)', async () => {
    const v12 = await loadIndex('1.2.0');
    const bundle = await example('1.1.0', 'Bundle-ExampleBundleCPTS');
    const org = bundle.entry.findIndex((x: Json) => x.resource.resourceType === 'Organization');
    expect(view(validateResource(bundle, { index }).findings)).toEqual([]);
    // 1.2.0 changed the pattern to the FR Core 2 code system: the 1.1.0 example no longer conforms
    expect(view(validateResource(bundle, { index: v12 }).findings)).toContain(
      `Organization.identifier.type @ Bundle.entry[${org}].resource.identifier[0].type`,
    );
  });
});
