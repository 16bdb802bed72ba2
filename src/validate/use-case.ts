/**
 * Which SAS use case a resource answers: given by `--use-case`, else read from the profile asked with
 * `--profile`, else from `meta.profile` of the resource, else from the shape of the search given with
 * `--search` (its includes), then from the entries' `meta.profile`, else (an Appointment) FrAppointmentSAS,
 * else PS individuel, with an information note saying so. Canonicals are compared as exact strings,
 * `|version` ignored.
 *
 * Besides the three slot-search use cases of a run (psindiv, cpts, sos: the answer is a searchset Bundle),
 * `validate` knows the two appointment ones of flux V3 (appointment: FrAppointmentSAS, PS and CPTS;
 * sos-appointment: sas-sos-appointment): the input is then one Appointment the editor sends to SAS.
 */
import { finding, type Finding } from '../core/findings.js';
import type { UseCase } from '../core/model.js';
import { PROFILE } from '../sas/canonicals.js';
import { APPOINTMENT_PROFILE, FR_APPOINTMENT_SAS_SNIPPET, type AppointmentFlavour } from '../flows/appointments/appointment-ids.js';

/** What `validate --use-case` takes: a slot-search use case, or an appointment flavour of flux V3. */
export type ValidateUseCase = UseCase | AppointmentFlavour;

/** SAS profiles that identify one use case (PS profiles shared with CPTS are left out on purpose). */
const PROFILE_USE_CASE: Readonly<Record<string, ValidateUseCase>> = {
  [PROFILE.psBundle]: 'psindiv',
  [PROFILE.psSlot]: 'psindiv',
  [PROFILE.cptsBundle]: 'cpts',
  [PROFILE.cptsSlot]: 'cpts',
  [PROFILE.cptsHealthcareService]: 'cpts',
  [PROFILE.cptsOrganization]: 'cpts',
  [PROFILE.sosBundle]: 'sos',
  [PROFILE.sosSlot]: 'sos',
  [PROFILE.sosSchedule]: 'sos',
  [PROFILE.sosLocation]: 'sos',
  [PROFILE.sosOrganization]: 'sos',
  [APPOINTMENT_PROFILE.appointment]: 'appointment',
  // the canonical the IG page's snippet writes (facts §5.4): not the profile's (the judge says so), but it
  // tells which flavour the sender meant
  [FR_APPOINTMENT_SAS_SNIPPET]: 'appointment',
  [APPOINTMENT_PROFILE['sos-appointment']]: 'sos-appointment',
};

export type UseCaseOrigin = 'option' | 'profile' | 'meta.profile' | 'search' | 'entries' | 'default';

export interface UseCaseChoice {
  useCase: ValidateUseCase;
  from: UseCaseOrigin;
  /** Information finding when the use case was not given nor declared by the resource itself. */
  note?: Finding;
}

/** True for the flux V3 use cases (one Appointment judged by the appointment judge). */
export function isAppointmentUseCase(useCase: ValidateUseCase): useCase is AppointmentFlavour {
  return useCase === 'appointment' || useCase === 'sos-appointment';
}

export function useCaseOfProfile(canonical: string): ValidateUseCase | undefined {
  const bar = canonical.indexOf('|');
  return PROFILE_USE_CASE[bar >= 0 ? canonical.slice(0, bar) : canonical];
}

export interface UseCaseHints {
  /** `--use-case`. */
  option?: ValidateUseCase;
  /** `--profile`. */
  profile?: string;
  /** Use case of the parsed `--search`. */
  search?: UseCase;
}

export function chooseUseCase(resource: Record<string, unknown>, hints: UseCaseHints = {}): UseCaseChoice {
  if (hints.option) return { useCase: hints.option, from: 'option' };
  const fromProfile = hints.profile ? useCaseOfProfile(hints.profile) : undefined;
  if (fromProfile) return { useCase: fromProfile, from: 'profile' };
  const own = firstUseCase(metaProfiles(resource));
  if (own) return { useCase: own, from: 'meta.profile' };
  if (hints.search) return { useCase: hints.search, from: 'search' };
  const rt = String(resource.resourceType);
  // entries tell a search answer's use case; an Appointment inside a Bundle is not one SAS receives alone
  const fromEntries = firstUseCase(entryProfiles(resource), false);
  if (fromEntries) {
    return {
      useCase: fromEntries,
      from: 'entries',
      note: note(
        `${rt}.meta.profile`,
        `Cas d'usage « ${fromEntries} » déduit du meta.profile des ressources incluses (le ${rt} n'en déclare aucun) ; précisez --use-case pour le fixer.`,
        `Use case "${fromEntries}" inferred from the meta.profile of the entries (the ${rt} declares none); give --use-case to set it.`,
      ),
    };
  }
  // An Appointment is never a search answer: without a SAS profile it is one the editor sends (flux V3).
  if (rt === 'Appointment') {
    return {
      useCase: 'appointment',
      from: 'default',
      note: note(
        `${rt}.meta.profile`,
        `Aucun profil SAS de rendez-vous dans meta.profile\u00a0: jugé selon FrAppointmentSAS (appointment)\u00a0; précisez --use-case sos-appointment pour SOS Médecins.`,
        `No SAS appointment profile in meta.profile: judged against FrAppointmentSAS (appointment); give --use-case sos-appointment for SOS Médecins.`,
      ),
    };
  }
  return {
    useCase: 'psindiv',
    from: 'default',
    note: note(
      `${rt}.meta.profile`,
      `Aucun profil SAS dans meta.profile : validé comme PS individuel (psindiv) ; précisez --use-case cpts ou sos pour un autre cas d'usage.`,
      `No SAS profile in meta.profile: validated as PS individual (psindiv); give --use-case cpts or sos for another use case.`,
    ),
  };
}

function note(location: string, fr: string, en: string): Finding {
  return finding('information', 'use-case-guessed', 'setup', location, { fr, en });
}

function firstUseCase(profiles: Iterable<string>, appointments = true): ValidateUseCase | undefined {
  for (const p of profiles) {
    const u = useCaseOfProfile(p);
    if (u && (appointments || !isAppointmentUseCase(u))) return u;
  }
  return undefined;
}

function metaProfiles(resource: unknown): string[] {
  const meta = (resource as { meta?: { profile?: unknown } } | null)?.meta;
  const list = meta && typeof meta === 'object' ? meta.profile : undefined;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

function* entryProfiles(resource: Record<string, unknown>): Generator<string> {
  if (resource.resourceType !== 'Bundle' || !Array.isArray(resource.entry)) return;
  for (const e of resource.entry as unknown[]) {
    const r = e && typeof e === 'object' ? (e as { resource?: unknown }).resource : undefined;
    yield* metaProfiles(r);
  }
}
