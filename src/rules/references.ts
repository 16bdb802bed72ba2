/**
 * References resolve inside the Bundle: every link of the response graph (IG "expected response
 * graph") points at a resource of the right type present in the Bundle (or contained).
 */
import { asArr, asObj, asStr, memo, type BundleGraph, type Json, type Node } from './graph.js';
import { ALL, defineRule, PS_CPTS, q, type Reporter } from './kit.js';
import type { Rule } from './types.js';
import { R5_SLOT_SERVICE_TYPE } from '../sas/canonicals.js';

export const R5_SERVICE_TYPE = R5_SLOT_SERVICE_TYPE;

/**
 * Checks one Reference written at `location` inside `from`: present (when required), literal,
 * resolved in the Bundle, and of one of the `types`. Returns the target when it resolves.
 */
export function checkReference(
  report: Reporter,
  g: BundleGraph,
  from: Node,
  ref: unknown,
  location: string,
  types: string[],
  required: boolean,
): Node | undefined {
  const res = g.resolve(ref, from);
  const want = types.join(' | ');
  if (res.kind === 'empty') {
    if (required) {
      report(location, from, {
        fr: `${from.label} : référence obligatoire absente (${location}) ; attendu une référence vers ${want} du Bundle.`,
        en: `${from.label}: required reference missing (${location}); expected a reference to a ${want} of the Bundle.`,
      });
    }
    return undefined;
  }
  if (res.kind === 'logical') {
    report(location, from, {
      fr: `${from.label} : ${location} ne porte qu'un identifiant ; une référence littérale vers ${want} du Bundle est attendue.`,
      en: `${from.label}: ${location} only carries an identifier; a literal reference to a ${want} of the Bundle is expected.`,
    });
    return undefined;
  }
  const refLoc = `${location}.reference`;
  if (!res.target) {
    report(refLoc, from, {
      fr: `${from.label} (${refLoc}) référence ${q(res.reference)}, absent du Bundle : ajouter ${want} (fullUrl, Type/id ou urn:uuid correspondant) ou corriger la référence.`,
      en: `${from.label} (${refLoc}) references ${q(res.reference)}, which is not in the Bundle: add the ${want} (matching fullUrl, Type/id or urn:uuid) or fix the reference.`,
    });
    return undefined;
  }
  if (!types.includes(res.target.type)) {
    report(refLoc, from, {
      fr: `${from.label} (${refLoc}) référence ${res.target.label} (${res.target.path}), un ${res.target.type} ; attendu ${want}.`,
      en: `${from.label} (${refLoc}) references ${res.target.label} (${res.target.path}), a ${res.target.type}; expected ${want}.`,
    });
    return undefined;
  }
  return res.target;
}

export const slotSchedule = defineRule({
  id: 'SAS-REF-001',
  title: { fr: 'Slot.schedule pointe vers un Schedule du Bundle', en: 'Slot.schedule points to a Schedule of the Bundle' },
  requirements: ['agg-psindiv@12', 'sas-sos@4'],
  useCases: ALL,
  severity: 'error',
  each: 'Slot',
  check(s, { g, report }) {
    checkReference(report, g, s, s.resource.schedule, `${s.path}.schedule`, ['Schedule'], true);
  },
});

export const scheduleActor = defineRule({
  id: 'SAS-REF-002',
  title: { fr: 'Schedule.actor pointe vers des ressources du Bundle', en: 'Schedule.actor points to resources of the Bundle' },
  requirements: ['agg-psindiv@15', 'agg-psindiv@19', 'agg-psindiv@43', 'sas-sos@4'],
  useCases: ALL,
  severity: 'error',
  check({ ctx, g, report }) {
    const types = ctx.useCase === 'sos' ? ['Location'] : ['Practitioner', 'PractitionerRole'];
    for (const s of g.ofType('Schedule')) {
      const actors = asArr(s.resource.actor);
      if (actors.length === 0) {
        report(`${s.path}.actor`, s, {
          fr: `${s.label} n'a pas d'actor ; attendu ${types.join(' et ')}.`,
          en: `${s.label} has no actor; expected ${types.join(' and ')}.`,
        });
      }
      actors.forEach((a, i) => checkReference(report, g, s, a, `${s.path}.actor[${i}]`, types, true));
    }
  },
});

export const rolePractitioner = defineRule({
  id: 'SAS-REF-003',
  title: {
    fr: 'PractitionerRole.practitioner pointe vers un Practitioner du Bundle',
    en: 'PractitionerRole.practitioner points to a Practitioner of the Bundle',
  },
  requirements: ['agg-psindiv@21'],
  useCases: PS_CPTS,
  severity: 'error',
  each: 'PractitionerRole',
  check(r, { g, report }) {
    checkReference(report, g, r, r.resource.practitioner, `${r.path}.practitioner`, ['Practitioner'], true);
  },
});

export const roleLocation = defineRule({
  id: 'SAS-REF-004',
  title: {
    fr: 'PractitionerRole.location pointe vers un Location contenu',
    en: 'PractitionerRole.location points to a contained Location',
  },
  requirements: ['agg-psindiv@22'],
  useCases: PS_CPTS,
  severity: 'error',
  each: 'PractitionerRole',
  check(r, { g, report }) {
    const locs = asArr(r.resource.location);
    if (locs.length === 0) {
      report(`${r.path}.location`, r, {
        fr: `${r.label} n'a pas de location ; attendu une référence "#id" vers le Location contenu du lieu d'exercice.`,
        en: `${r.label} has no location; expected a "#id" reference to the contained Location of the place of practice.`,
      });
    }
    locs.forEach((l, i) => {
      const loc = `${r.path}.location[${i}]`;
      const ref = asStr(asObj(l)?.reference);
      if (ref !== undefined && ref !== '' && !ref.startsWith('#')) {
        report(`${loc}.reference`, r, {
          fr: `${r.label} (${loc}.reference) référence ${q(ref)} ; le Location doit être contenu dans le PractitionerRole et référencé par "#id".`,
          en: `${r.label} (${loc}.reference) references ${q(ref)}; the Location must be contained in the PractitionerRole and referenced as "#id".`,
        });
        return;
      }
      checkReference(report, g, r, l, loc, ['Location'], true);
    });
  },
});

/** The R5 serviceType extensions of one serviceType: [extension index, extension]. */
export function r5ExtensionsOf(serviceType: unknown): { k: number; ext: Json }[] {
  return asArr(asObj(serviceType)?.extension).flatMap((e, k) => {
    const ext = asObj(e);
    return ext && ext.url === R5_SERVICE_TYPE ? [{ k, ext }] : [];
  });
}

/** The R5 serviceType extensions of a Slot: [serviceType index, extension index, extension]. */
export function r5Extensions(slot: Node): { i: number; k: number; ext: Json }[] {
  return memo(slot, 'r5Extensions', readR5Extensions);
}

function readR5Extensions(slot: Node): { i: number; k: number; ext: Json }[] {
  return asArr(slot.resource.serviceType).flatMap((st, i) => r5ExtensionsOf(st).map(({ k, ext }) => ({ i, k, ext })));
}

export const serviceTypeHealthcareService = defineRule({
  id: 'SAS-REF-005',
  title: {
    fr: "L'extension serviceType R5 pointe vers un HealthcareService du Bundle",
    en: 'The R5 serviceType extension points to a HealthcareService of the Bundle',
  },
  requirements: ['sas-cpts@3', 'sas-cpts@4'],
  useCases: ['cpts'],
  severity: 'error',
  each: 'Slot',
  check(s, { g, report }) {
    for (const { i, k, ext } of r5Extensions(s)) {
      checkReference(
        report,
        g,
        s,
        ext.valueReference,
        `${s.path}.serviceType[${i}].extension[${k}].valueReference`,
        ['HealthcareService'],
        true,
      );
    }
  },
});

export const healthcareServiceProvidedBy = defineRule({
  id: 'SAS-REF-006',
  title: {
    fr: 'HealthcareService.providedBy pointe vers une Organization du Bundle',
    en: 'HealthcareService.providedBy points to an Organization of the Bundle',
  },
  requirements: ['sas-cpts@4'],
  useCases: ['cpts'],
  severity: 'error',
  each: 'HealthcareService',
  check(h, { g, report }) {
    checkReference(report, g, h, h.resource.providedBy, `${h.path}.providedBy`, ['Organization'], false); // absence: SAS-CPTS-003
  },
});

export const locationManagingOrganization = defineRule({
  id: 'SAS-REF-007',
  title: {
    fr: 'Location.managingOrganization pointe vers une Organization du Bundle (SOS)',
    en: 'Location.managingOrganization points to an Organization of the Bundle (SOS)',
  },
  requirements: ['sas-sos@5'],
  useCases: ['sos'],
  severity: 'error',
  each: 'Location',
  check(l, { g, report }) {
    checkReference(report, g, l, l.resource.managingOrganization, `${l.path}.managingOrganization`, ['Organization'], true);
  },
});

export const REFERENCE_RULES: Rule[] = [
  slotSchedule,
  scheduleActor,
  rolePractitioner,
  roleLocation,
  serviceTypeHealthcareService,
  healthcareServiceProvidedBy,
  locationManagingOrganization,
];
