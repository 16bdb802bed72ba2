/**
 * Identity rules: national PS identifiers (IDNPS) and "the response answers the PS (or SOS
 * association) that was asked for".
 */
import { IDNPS_SYSTEM, IDNST_SYSTEM } from '../sas/search.js';
import { actorsOf, asArr, asObj, asStr, codings, matchesOfType, searchedSlots, type BundleGraph, type Json, type Node } from './graph.js';
import { uniqueByPath } from './iterate.js';
import { defineRule, PS_CPTS, q } from './kit.js';
import type { Rule, RuleContext } from './types.js';

/** `8` + RPPS (11 digits) or `0` + ADELI (9 characters). */
export const IDNPS_VALUE = /^(8\d{11}|0[0-9A-Za-z]{9})$/;

interface Ident {
  system?: string;
  value?: string;
  k: number;
  type: { system?: string; code?: string; k: number }[];
}

/** One Identifier as written (`k`: its index in the list it came from). */
export function readIdentifier(x: Json | undefined, k: number): Ident {
  return { system: asStr(x?.system), value: asStr(x?.value), k, type: codings(x?.type) };
}

export function identifiersOf(n: Node): Ident[] {
  return asArr(n.resource.identifier).map((x, k) => readIdentifier(asObj(x), k));
}

export const practitionerIdnps = defineRule({
  id: 'SAS-IDN-001',
  title: { fr: 'Practitioner identifié par son IDNPS (8+RPPS ou 0+ADELI)', en: 'Practitioner identified by its IDNPS (8+RPPS or 0+ADELI)' },
  requirements: ['agg-psindiv@16', 'agg-psindiv@17'],
  useCases: PS_CPTS,
  severity: 'error',
  each: 'Practitioner',
  check(p, { report }) {
    const ids = identifiersOf(p);
    const idnps = ids.filter((i) => i.system === IDNPS_SYSTEM);
    if (idnps.length === 0) {
      report(`${p.path}.identifier`, p, {
        fr: `${p.label} n'a pas d'identifiant de system ${IDNPS_SYSTEM} (IDNPS) ; systems reçus : ${ids.map((i) => i.system ?? '(absent)').join(', ') || 'aucun'}.`,
        en: `${p.label} has no identifier with system ${IDNPS_SYSTEM} (IDNPS); systems received: ${ids.map((i) => i.system ?? '(missing)').join(', ') || 'none'}.`,
      });
    }
    for (const i of ids) {
      const loc = `${p.path}.identifier[${i.k}]`;
      if (i.system !== IDNPS_SYSTEM) {
        if (idnps.length > 0) {
          report(
            `${loc}.system`,
            p,
            {
              fr: `${p.label} : identifiant de system ${q(i.system ?? '(absent)')} ; le profil FrPractitionerAgregateur attend l'IDNPS sur chaque identifiant.`,
              en: `${p.label}: identifier with system ${q(i.system ?? '(missing)')}; the FrPractitionerAgregateur profile expects the IDNPS on every identifier.`,
            },
            'warning',
          );
        }
        continue;
      }
      if (!i.value || !IDNPS_VALUE.test(i.value)) {
        report(`${loc}.value`, p, {
          fr: `${p.label} : IDNPS ${q(i.value ?? '(absent)')} invalide ; attendu 8 + RPPS (12 chiffres) ou 0 + ADELI (10 caractères), préfixe compris.`,
          en: `${p.label}: IDNPS ${q(i.value ?? '(missing)')} is invalid; expected 8 + RPPS (12 digits) or 0 + ADELI (10 characters), prefix included.`,
        });
      }
      if (!i.type.some((c) => c.code === 'IDNPS')) {
        report(
          `${loc}.type`,
          p,
          {
            fr: `${p.label} : l'identifiant IDNPS n'a pas de type codé IDNPS (http://interopsante.org/fhir/CodeSystem/fr-v2-0203).`,
            en: `${p.label}: the IDNPS identifier has no type coded IDNPS (http://interopsante.org/fhir/CodeSystem/fr-v2-0203).`,
          },
          'warning',
        );
      }
    }
  },
});

/** Practitioners reached from a Slot: schedule → actor Practitioner, and actor PractitionerRole → practitioner. */
export function practitionersOfSlot(g: BundleGraph, slot: Node): Node[] {
  const sched = g.resolve(slot.resource.schedule, slot).target;
  if (!sched || sched.type !== 'Schedule') return [];
  return uniqueByPath(
    actorsOf(g, sched).flatMap((t) => {
      if (t.type === 'Practitioner') return [t];
      if (t.type !== 'PractitionerRole') return [];
      const p = g.resolve(t.resource.practitioner, t).target;
      return p?.type === 'Practitioner' ? [p] : [];
    }),
  );
}

function requested(ctx: RuleContext): { system?: string; value: string }[] | undefined {
  const ids = ctx.search?.identifiers ?? [];
  return ids.length ? ids : undefined;
}

/** Requested values as the SAS sends them (with the IDNPS prefix). */
function isRequested(req: { system?: string; value: string }[], system: string | undefined, value: string | undefined): boolean {
  return value !== undefined && req.some((r) => r.value === value && (r.system === undefined || r.system === system));
}

/** A returned value that is a requested IDNPS without its prefix (RPPS or ADELI alone). */
function unprefixedMatch(req: { value: string }[], value: string | undefined): string | undefined {
  return value === undefined ? undefined : req.find((r) => r.value.length > 1 && r.value.slice(1) === value)?.value;
}

export const practitionerRequested = defineRule({
  id: 'SAS-IDN-002',
  title: {
    fr: 'Chaque PS des créneaux renvoyés fait partie des PS demandés',
    en: 'Every PS of the returned slots is one of the requested PS',
  },
  requirements: ['agg-psindiv@18', 'agg-psindiv@44'],
  useCases: PS_CPTS,
  severity: 'error',
  needsSearch: true,
  check({ ctx, g, report, notChecked }) {
    const req = requested(ctx);
    if (!req) return notChecked();
    const seen = new Set<string>();
    for (const s of searchedSlots(g, ctx.useCase)) {
      for (const p of practitionersOfSlot(g, s)) {
        if (seen.has(p.path)) continue;
        seen.add(p.path);
        const ids = identifiersOf(p);
        if (ids.some((i) => isRequested(req, i.system, i.value))) continue;
        if (ids.some((i) => unprefixedMatch(req, i.value))) continue; // SAS-IDN-003 explains it
        report(`${p.path}.identifier`, p, {
          fr: `${s.label} appartient à ${p.label} (identifiants ${ids.map((i) => i.value ?? '?').join(', ') || 'aucun'}), qui n'est pas un PS demandé (${req.map((r) => r.value).join(', ')}) : ne renvoyer que les créneaux des PS demandés.`,
          en: `${s.label} belongs to ${p.label} (identifiers ${ids.map((i) => i.value ?? '?').join(', ') || 'none'}), who is not a requested PS (${req.map((r) => r.value).join(', ')}): return only the requested PS's slots.`,
        });
      }
    }
  },
});

export const practitionerPrefixed = defineRule({
  id: 'SAS-IDN-003',
  title: { fr: 'Le PS demandé est renvoyé avec son identifiant préfixé', en: 'The requested PS is returned with its prefixed identifier' },
  requirements: ['agg-psindiv@17', 'agg-psindiv@18'],
  useCases: PS_CPTS,
  severity: 'error',
  needsSearch: true,
  check({ ctx, g, report, notChecked }) {
    const req = requested(ctx);
    if (!req) return notChecked();
    for (const p of g.ofType('Practitioner')) {
      const ids = identifiersOf(p);
      if (ids.some((i) => isRequested(req, i.system, i.value))) continue;
      for (const i of ids) {
        const wanted = unprefixedMatch(req, i.value);
        if (!wanted) continue;
        report(`${p.path}.identifier[${i.k}].value`, p, {
          fr: `${p.label} porte ${q(i.value)} alors que le SAS a demandé ${q(wanted)} : renvoyer l'identifiant national avec son préfixe (8 pour le RPPS, 0 pour l'ADELI).`,
          en: `${p.label} carries ${q(i.value)} while the SAS asked for ${q(wanted)}: return the national identifier with its prefix (8 for RPPS, 0 for ADELI).`,
        });
      }
    }
  },
});

/** SOS: Organizations reached from a Schedule through its Location actors. */
export function organizationsOfSchedule(g: BundleGraph, sched: Node): Node[] {
  return uniqueByPath(
    actorsOf(g, sched).flatMap((loc) => {
      if (loc.type !== 'Location') return [];
      const org = g.resolve(loc.resource.managingOrganization, loc).target;
      return org?.type === 'Organization' ? [org] : [];
    }),
  );
}

export const sosOrganizationRequested = defineRule({
  id: 'SAS-IDN-004',
  title: {
    fr: 'Chaque association SOS renvoyée fait partie des SIRET demandés',
    en: 'Every returned SOS association is one of the requested SIRET',
  },
  requirements: ['sas-sos@12'],
  useCases: ['sos'],
  severity: 'error',
  needsSearch: true,
  check({ ctx, g, report, notChecked }) {
    const req = requested(ctx);
    if (!req) return notChecked();
    const seen = new Set<string>();
    for (const sched of matchesOfType(g, 'Schedule')) {
      for (const org of organizationsOfSchedule(g, sched)) {
        if (seen.has(org.path)) continue;
        seen.add(org.path);
        const ids = identifiersOf(org);
        if (ids.some((i) => isRequested(req, i.system ?? IDNST_SYSTEM, i.value))) continue;
        report(`${org.path}.identifier`, org, {
          fr: `${sched.label} relève de ${org.label} (identifiants ${ids.map((i) => i.value ?? '?').join(', ') || 'aucun'}), qui n'est pas une association demandée (${req.map((r) => r.value).join(', ')}).`,
          en: `${sched.label} belongs to ${org.label} (identifiers ${ids.map((i) => i.value ?? '?').join(', ') || 'none'}), which is not a requested association (${req.map((r) => r.value).join(', ')}).`,
        });
      }
    }
  },
});

export const IDENTIFIER_RULES: Rule[] = [practitionerIdnps, practitionerRequested, practitionerPrefixed, sosOrganizationRequested];
