import { describe, expect, it } from 'vitest';
import { chooseUseCase, useCaseOfProfile } from './use-case.js';

const CPTS_BUNDLE = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-bundle-aggregator';
const SOS_SLOT = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-slot-aggregator';
const PS_BUNDLE = 'http://sas.fr/fhir/StructureDefinition/BundleAgregateur';

const bundle = (profile?: string, entryProfile?: string) => ({
  resourceType: 'Bundle',
  ...(profile ? { meta: { profile: [profile] } } : {}),
  entry: [{ resource: { resourceType: 'Slot', ...(entryProfile ? { meta: { profile: [entryProfile] } } : {}) } }],
});

describe('useCaseOfProfile', () => {
  it('keys on exact canonicals and ignores |version', () => {
    expect(useCaseOfProfile(CPTS_BUNDLE)).toBe('cpts');
    expect(useCaseOfProfile(`${CPTS_BUNDLE}|1.2.0`)).toBe('cpts');
    expect(useCaseOfProfile(PS_BUNDLE)).toBe('psindiv');
    expect(useCaseOfProfile(SOS_SLOT)).toBe('sos');
    expect(useCaseOfProfile(PS_BUNDLE.replace('http:', 'https:'))).toBeUndefined();
    expect(useCaseOfProfile('http://sas.fr/fhir/StructureDefinition/FrScheduleAgregateur')).toBeUndefined();
  });
});

describe('chooseUseCase', () => {
  it('prefers the option, then --profile, then meta.profile, then the search, then the entries', () => {
    expect(chooseUseCase(bundle(CPTS_BUNDLE), { option: 'sos' })).toMatchObject({ useCase: 'sos', from: 'option' });
    expect(chooseUseCase(bundle(CPTS_BUNDLE), { profile: PS_BUNDLE })).toMatchObject({ useCase: 'psindiv', from: 'profile' });
    expect(chooseUseCase(bundle(CPTS_BUNDLE), { search: 'sos' })).toMatchObject({ useCase: 'cpts', from: 'meta.profile' });
    expect(chooseUseCase(bundle(undefined, SOS_SLOT), { search: 'cpts' })).toMatchObject({ useCase: 'cpts', from: 'search' });
    const fromEntries = chooseUseCase(bundle(undefined, SOS_SLOT));
    expect(fromEntries).toMatchObject({ useCase: 'sos', from: 'entries' });
    expect(fromEntries.note?.severity).toBe('information');
  });

  it('falls back to psindiv with an information note', () => {
    const c = chooseUseCase(bundle());
    expect(c).toMatchObject({ useCase: 'psindiv', from: 'default' });
    expect(c.note).toMatchObject({ severity: 'information', ruleId: 'use-case-guessed', location: 'Bundle.meta.profile' });
    expect(c.note?.message.en).toMatch(/--use-case/);
  });

  it('survives odd meta shapes', () => {
    expect(chooseUseCase({ resourceType: 'Bundle', meta: { profile: 'x' }, entry: [null, 3] }).from).toBe('default');
    expect(chooseUseCase({ resourceType: 'Bundle', meta: null }).from).toBe('default');
  });
});
