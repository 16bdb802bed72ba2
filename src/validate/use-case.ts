/**
 * Which SAS use case a resource answers: given by `--use-case`, else read from the profile asked with
 * `--profile`, else from `meta.profile` of the resource, else from the shape of the search given with
 * `--search` (its includes), then from the entries' `meta.profile`, else PS individuel with an
 * information note saying so. Canonicals are compared as exact strings, `|version` ignored.
 */
import { finding, type Finding } from '../core/findings.js';
import type { UseCase } from '../core/model.js';
import { PROFILE } from '../sas/canonicals.js';

/** SAS profiles that identify one use case (PS profiles shared with CPTS are left out on purpose). */
const PROFILE_USE_CASE: Readonly<Record<string, UseCase>> = {
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
};

export type UseCaseOrigin = 'option' | 'profile' | 'meta.profile' | 'search' | 'entries' | 'default';

export interface UseCaseChoice {
  useCase: UseCase;
  from: UseCaseOrigin;
  /** Information finding when the use case was not given nor declared by the resource itself. */
  note?: Finding;
}

export function useCaseOfProfile(canonical: string): UseCase | undefined {
  const bar = canonical.indexOf('|');
  return PROFILE_USE_CASE[bar >= 0 ? canonical.slice(0, bar) : canonical];
}

export interface UseCaseHints {
  /** `--use-case`. */
  option?: UseCase;
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
  const fromEntries = firstUseCase(entryProfiles(resource));
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

function firstUseCase(profiles: Iterable<string>): UseCase | undefined {
  for (const p of profiles) {
    const u = useCaseOfProfile(p);
    if (u) return u;
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
