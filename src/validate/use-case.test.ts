import { describe, expect, it } from 'vitest';
import { chooseUseCase, isAppointmentUseCase, useCaseOfProfile } from './use-case.js';

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

describe('appointments (flux V3)', () => {
  const FR_APPOINTMENT_SAS = 'http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS';
  const SOS_APPOINTMENT = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-appointment';
  const appointment = (profile?: string) => ({ resourceType: 'Appointment', ...(profile ? { meta: { profile: [profile] } } : {}) });

  it('reads the flavour from meta.profile, the IG snippet canonical included', () => {
    expect(chooseUseCase(appointment(FR_APPOINTMENT_SAS))).toMatchObject({ useCase: 'appointment', from: 'meta.profile' });
    expect(chooseUseCase(appointment(`${SOS_APPOINTMENT}|1.2.0`))).toMatchObject({ useCase: 'sos-appointment', from: 'meta.profile' });
    expect(chooseUseCase(appointment('http://interopsante.org/fhir/StructureDefinition/FrAppointmentSAS'))).toMatchObject({
      useCase: 'appointment',
    });
    expect(chooseUseCase(appointment(FR_APPOINTMENT_SAS), { option: 'sos-appointment' })).toMatchObject({ useCase: 'sos-appointment' });
    expect(isAppointmentUseCase('sos-appointment')).toBe(true);
    expect(isAppointmentUseCase('sos')).toBe(false);
  });

  it('an Appointment without a SAS profile is an appointment, with a note; a Bundle of appointments is not', () => {
    const c = chooseUseCase(appointment());
    expect(c).toMatchObject({ useCase: 'appointment', from: 'default', note: { ruleId: 'use-case-guessed' } });
    expect(chooseUseCase(bundle(undefined, FR_APPOINTMENT_SAS))).toMatchObject({ useCase: 'psindiv', from: 'default' });
  });
});
