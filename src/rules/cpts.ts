/**
 * CPTS link, both ways: a slot typed CPTS carries, per CPTS, a serviceType coded TRE_R66 604 with
 * exactly one R5 serviceType extension pointing to a HealthcareService of the Bundle, provided by
 * the CPTS Organization; a 604 serviceType never appears on a slot not typed CPTS.
 * (The 48 h horizon, SAS-CPTS-001, lives with the time rules in window.ts.)
 */
import { asArr, asObj, codings, memo, searchedSlots, type Json, type Node } from './graph.js';
import { is604, isTreR66, TRE_R66, TRE_R66_VARIANTS } from './cpts-codes.js';
import { defineRule, PS_CPTS, q } from './kit.js';
import { firstSeen } from './iterate.js';
import { R5_SERVICE_TYPE, r5ExtensionsOf } from './references.js';
import type { Rule } from './types.js';
import { isCptsSlot } from './window.js';

/** The 604 serviceTypes of a Slot: [serviceType index, its R5 serviceType extensions]. */
function cptsServiceTypes(slot: Node): { i: number; exts: Json[] }[] {
  return memo(slot, 'cptsServiceTypes', readCptsServiceTypes); // four rules read them
}

function readCptsServiceTypes(slot: Node): { i: number; exts: Json[] }[] {
  return asArr(slot.resource.serviceType).flatMap((st, i) => (is604(st) ? [{ i, exts: r5ExtensionsOf(st).map((x) => x.ext) }] : []));
}

export const cptsSlotServiceType = defineRule({
  id: 'SAS-CPTS-002',
  title: {
    fr: 'Un créneau CPTS porte un serviceType 604 avec une extension vers le HealthcareService',
    en: 'A CPTS slot carries a 604 serviceType with one extension to the HealthcareService',
  },
  requirements: ['sas-cpts@2', 'sas-cpts@3'],
  useCases: ['cpts'],
  severity: 'error',
  check({ ctx, g, report }) {
    for (const s of searchedSlots(g, ctx.useCase).filter(isCptsSlot)) {
      const sts = cptsServiceTypes(s);
      if (sts.length === 0) {
        report(`${s.path}.serviceType`, s, {
          fr: `${s.label} est typé CPTS (meta.security) mais n'a aucun serviceType codé ${TRE_R66}#604 : ajouter un serviceType 604 par CPTS, avec l'extension ${R5_SERVICE_TYPE}.`,
          en: `${s.label} is typed CPTS (meta.security) but has no serviceType coded ${TRE_R66}#604: add one 604 serviceType per CPTS, with the ${R5_SERVICE_TYPE} extension.`,
        });
      }
      for (const st of sts) {
        const loc = `${s.path}.serviceType[${st.i}]`;
        if (st.exts.length !== 1) {
          report(`${loc}.extension`, s, {
            fr: `${s.label} : le serviceType 604 (${loc}) porte ${st.exts.length} extensions ${R5_SERVICE_TYPE} ; il en faut exactement une, vers le HealthcareService de la CPTS.`,
            en: `${s.label}: the 604 serviceType (${loc}) carries ${st.exts.length} ${R5_SERVICE_TYPE} extensions; exactly one is needed, to the CPTS HealthcareService.`,
          });
        } else if (!asObj(st.exts[0].valueReference)) {
          report(`${loc}.extension`, s, {
            fr: `${s.label} : l'extension ${R5_SERVICE_TYPE} de ${loc} n'a pas de valueReference.`,
            en: `${s.label}: the ${R5_SERVICE_TYPE} extension of ${loc} has no valueReference.`,
          });
        }
      }
    }
  },
});

export const cptsHealthcareServices = defineRule({
  id: 'SAS-CPTS-003',
  title: {
    fr: 'HealthcareService CPTS : id, providedBy, et rattachement aux créneaux',
    en: 'CPTS HealthcareService: id, providedBy, and link to the slots',
  },
  requirements: ['sas-cpts@4'],
  useCases: ['cpts'],
  severity: 'error',
  check({ g, report }) {
    const usedHs = new Set<string>();
    for (const s of g.ofType('Slot')) {
      for (const st of cptsServiceTypes(s)) {
        for (const e of st.exts) {
          const t = g.resolve(e.valueReference, s).target;
          if (t) usedHs.add(t.path);
        }
      }
    }
    const usedOrg = new Set<string>();
    for (const h of g.ofType('HealthcareService')) {
      if (!h.id) {
        report(`${h.path}.id`, h, { fr: `${h.label} n'a pas d'id (obligatoire).`, en: `${h.label} has no id (required).` });
      }
      if (asObj(h.resource.providedBy) === undefined) {
        report(`${h.path}.providedBy`, h, {
          fr: `${h.label} n'a pas de providedBy : référencer l'Organization de la CPTS (FINESS).`,
          en: `${h.label} has no providedBy: reference the CPTS Organization (FINESS).`,
        });
      } else {
        const org = g.resolve(h.resource.providedBy, h).target;
        if (org) usedOrg.add(org.path);
      }
      if (!usedHs.has(h.path)) {
        report(
          h.path,
          h,
          {
            fr: `${h.label} n'est référencé par aucun serviceType 604 d'un créneau.`,
            en: `${h.label} is not referenced by any 604 serviceType of a slot.`,
          },
          'warning',
        );
      }
    }
    for (const o of g.ofType('Organization').filter((o) => !usedOrg.has(o.path))) {
      report(
        o.path,
        o,
        {
          fr: `${o.label} n'est le providedBy d'aucun HealthcareService.`,
          en: `${o.label} is not the providedBy of any HealthcareService.`,
        },
        'warning',
      );
    }
  },
});

export const cpts604WithoutCpts = defineRule({
  id: 'SAS-CPTS-004',
  title: { fr: 'Pas de serviceType 604 sur un créneau non CPTS', en: 'No 604 serviceType on a slot not typed CPTS' },
  requirements: ['sas-cpts@11'],
  useCases: PS_CPTS,
  severity: 'error',
  check({ g, report }) {
    for (const s of g.ofType('Slot').filter((s) => !isCptsSlot(s))) {
      for (const st of cptsServiceTypes(s)) {
        report(`${s.path}.serviceType[${st.i}]`, s, {
          fr: `${s.label} porte un serviceType 604 (CPTS) sans le type de créneau CPTS dans meta.security : ajouter CPTS à meta.security ou retirer le serviceType.`,
          en: `${s.label} carries a 604 (CPTS) serviceType without the CPTS slot type in meta.security: add CPTS to meta.security or remove the serviceType.`,
        });
      }
    }
  },
});

export const cptsSharedSlot = defineRule({
  id: 'SAS-CPTS-005',
  title: {
    fr: 'Un serviceType 604 par CPTS : HealthcareService et Organization distincts',
    en: 'One 604 serviceType per CPTS: distinct HealthcareService and Organization',
  },
  requirements: ['sas-cpts@10'],
  useCases: ['cpts'],
  severity: 'error',
  each: 'Slot',
  check(s, { g, report }) {
    const hsSeen = new Map<string, number>();
    const orgSeen = new Map<string, number>();
    for (const st of cptsServiceTypes(s)) {
      if (st.exts.length !== 1) continue; // SAS-CPTS-002
      const hs = g.resolve(st.exts[0].valueReference, s).target;
      if (!hs || hs.type !== 'HealthcareService') continue; // SAS-REF-005
      const loc = `${s.path}.serviceType[${st.i}].extension`;
      const firstHs = firstSeen(hsSeen, hs.path, st.i);
      if (firstHs !== undefined) {
        report(loc, s, {
          fr: `${s.label} : serviceType[${firstHs}] et serviceType[${st.i}] pointent tous deux vers ${hs.label} ; un créneau partagé entre CPTS porte un serviceType 604 par CPTS, chacun vers son HealthcareService.`,
          en: `${s.label}: serviceType[${firstHs}] and serviceType[${st.i}] both point to ${hs.label}; a slot shared between CPTS carries one 604 serviceType per CPTS, each to its own HealthcareService.`,
        });
        continue;
      }
      const org = g.resolve(hs.resource.providedBy, hs).target;
      if (!org) continue;
      const firstOrg = firstSeen(orgSeen, org.path, st.i);
      if (firstOrg !== undefined) {
        report(loc, s, {
          fr: `${s.label} : serviceType[${firstOrg}] et serviceType[${st.i}] mènent à la même CPTS ${org.label} par deux HealthcareService ; un seul HealthcareService par CPTS.`,
          en: `${s.label}: serviceType[${firstOrg}] and serviceType[${st.i}] lead to the same CPTS ${org.label} through two HealthcareServices; one HealthcareService per CPTS.`,
        });
      }
    }
  },
});

export const cptsCodeSystem = defineRule({
  id: 'SAS-CPTS-006',
  title: { fr: 'Code 604 dans le système TRE_R66 canonique', en: 'Code 604 in the canonical TRE_R66 system' },
  // A 604 outside TRE_R66 fails the required binding (sas-cpts@3, SHALL); a known other spelling of
  // TRE_R66 only misses the canonical URL (sas-cpts@12, SHOULD).
  requirements: ['sas-cpts@3', 'sas-cpts@12'],
  useCases: PS_CPTS,
  severity: 'error',
  each: 'Slot',
  check(s, { report }) {
    asArr(s.resource.serviceType).forEach((st, i) => {
      for (const c of codings(st).filter((c) => c.code === '604')) {
        if (c.system === TRE_R66) continue;
        const loc = `${s.path}.serviceType[${i}].coding[${c.k}].system`;
        const variant = c.system !== undefined && TRE_R66_VARIANTS.includes(c.system);
        report(
          loc,
          s,
          {
            fr: `${s.label} : code 604 avec le system ${q(c.system ?? '(absent)')}${variant ? ' (graphie relevée dans la documentation, acceptée)' : ''} ; system attendu ${TRE_R66}.`,
            en: `${s.label}: code 604 with system ${q(c.system ?? '(missing)')}${variant ? ' (a spelling found in the documentation, accepted)' : ''}; expected system ${TRE_R66}.`,
          },
          isTreR66(c.system) ? 'warning' : 'error',
          isTreR66(c.system) ? ['sas-cpts@12'] : ['sas-cpts@3'],
        );
      }
    });
  },
});

export const CPTS_RULES: Rule[] = [cptsSlotServiceType, cptsHealthcareServices, cpts604WithoutCpts, cptsSharedSlot, cptsCodeSystem];
