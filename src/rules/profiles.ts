/**
 * Profiles declared: the SAS reads meta.profile on each resource (IG narrative) to pick the profile,
 * so each resource names the expected SAS profile. Resources are selected by resource type, never
 * by the profile string; a versioned canonical (`…|1.2.0`) counts.
 */
import type { UseCase } from '../core/model.js';
import { roleLocations } from './addresses.js';
import { asArr, asObj, type Node } from './graph.js';
import { ALL, defineRule, q } from './kit.js';
import type { Rule } from './types.js';
import { PROFILE } from '../sas/canonicals.js';

const PS: Record<string, string> = {
  Bundle: PROFILE.psBundle,
  Slot: PROFILE.psSlot,
  Schedule: PROFILE.schedule,
  Practitioner: PROFILE.practitioner,
  PractitionerRole: PROFILE.practitionerRole,
  Location: PROFILE.location,
};

/** Expected profile per use case and resource type (Location: contained in PS/CPTS). */
export const EXPECTED_PROFILES: Record<UseCase, Record<string, string>> = {
  psindiv: PS,
  cpts: {
    ...PS,
    Bundle: PROFILE.cptsBundle,
    Slot: PROFILE.cptsSlot,
    HealthcareService: PROFILE.cptsHealthcareService,
    Organization: PROFILE.cptsOrganization,
  },
  sos: {
    Bundle: PROFILE.sosBundle,
    Slot: PROFILE.sosSlot,
    Schedule: PROFILE.sosSchedule,
    Location: PROFILE.sosLocation,
    Organization: PROFILE.sosOrganization,
  },
};

function declares(resource: Record<string, unknown>, url: string): boolean {
  return asArr(asObj(resource.meta)?.profile).some((p) => typeof p === 'string' && (p === url || p.startsWith(`${url}|`)));
}

export const profilesDeclared = defineRule({
  id: 'SAS-PRF-001',
  title: { fr: 'meta.profile nomme le profil SAS attendu', en: 'meta.profile names the expected SAS profile' },
  // SHALL: the IG narrative asks every resource to declare its SAS profile (sas-gen@1); the CPTS and
  // SOS Bundle profiles slice the entries by profile, so an undeclared resource fills no slice.
  requirements: ['sas-gen@1', 'sas-cpts@14', 'sas-sos@13'],
  useCases: ALL,
  severity: 'error',
  check({ bundle, ctx, g, report }) {
    const expected = EXPECTED_PROFILES[ctx.useCase];
    const judge = (resource: Record<string, unknown>, type: string, path: string, node: Node | undefined, label: string): void => {
      const url = expected[type];
      if (!url || declares(resource, url)) return;
      const got = asArr(asObj(resource.meta)?.profile);
      report(`${path}.meta.profile`, node, {
        fr: `${label} : meta.profile ${got.length ? q(got.join(', ')) : 'absent'} ; ajouter ${url} pour que le SAS applique le bon profil.`,
        en: `${label}: meta.profile ${got.length ? q(got.join(', ')) : 'missing'}; add ${url} so the SAS applies the right profile.`,
      });
    };
    judge(bundle, 'Bundle', 'Bundle', undefined, 'Bundle');
    for (const n of g.entries) {
      judge(n.resource, n.type, n.path, n, n.label);
      if (ctx.useCase !== 'sos' && n.type === 'PractitionerRole') {
        for (const c of roleLocations(g, n)) judge(c.resource, 'Location', c.path, c, `${n.label}${c.label}`);
      }
    }
  },
});

export const PROFILE_RULES: Rule[] = [profilesDeclared];
