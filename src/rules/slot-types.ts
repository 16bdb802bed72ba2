/**
 * Slot type (meta.security, TRE_R314) and consultation type (serviceType, v3-ActCode AMB/HH/VR),
 * appointment need (appointmentType, v2-0276 ROUTINE/WALKIN).
 */
import { asArr, asObj, codings, searchedSlots } from './graph.js';
import { is604 } from './cpts-codes.js';
import { ALL, defineRule, q, SEARCHED_SLOTS } from './kit.js';
import type { Rule } from './types.js';
import { TRE_R314 } from './window.js';
import { SYSTEM } from '../sas/canonicals.js';

export const V3_ACT_CODE = SYSTEM.actCode;
export const V2_0276 = 'http://terminology.hl7.org/CodeSystem/v2-0276';
/** JDV_J165 (PS, CPTS value set); SOS value set: PUBLIC and SNP only. */
export const SLOT_TYPES = ['PUBLIC', 'PRO', 'SNP', 'CPTS'];
export const SOS_SLOT_TYPES = ['PUBLIC', 'SNP'];
export const CONSULTATION_TYPES = ['AMB', 'HH', 'VR'];

export const slotTypes = defineRule({
  id: 'SAS-SLT-001',
  title: { fr: 'Type de créneau dans meta.security (TRE_R314)', en: 'Slot type in meta.security (TRE_R314)' },
  requirements: ['agg-psindiv@23', 'agg-psindiv@46', 'sas-cpts@2', 'sas-sos@9'],
  useCases: ALL,
  severity: 'error',
  check({ ctx, g, report }) {
    const allowed = ctx.useCase === 'sos' ? SOS_SLOT_TYPES : SLOT_TYPES;
    for (const s of searchedSlots(g, ctx.useCase)) {
      const sec = asArr(asObj(s.resource.meta)?.security).map((c) => asObj(c));
      let typed = 0;
      sec.forEach((c, k) => {
        const loc = `${s.path}.meta.security[${k}]`;
        const code = c?.code;
        if (c?.system === TRE_R314) {
          if (typeof code === 'string' && allowed.includes(code)) typed++;
          else {
            report(`${loc}.code`, s, {
              fr: `${s.label} : type de créneau ${q(code ?? '(absent)')} hors liste ; valeurs admises ${allowed.join(', ')}.`,
              en: `${s.label}: slot type ${q(code ?? '(missing)')} is not allowed; allowed values ${allowed.join(', ')}.`,
            });
          }
        } else if (c?.system === undefined && typeof code === 'string' && allowed.includes(code)) {
          typed++;
          // A Coding without system fails the required binding (TRE_R314): agg-psindiv@23 is a SHALL.
          report(`${loc}.system`, s, {
            fr: `${s.label} : meta.security ${q(code)} sans system ; attendu ${TRE_R314}.`,
            en: `${s.label}: meta.security ${q(code)} has no system; expected ${TRE_R314}.`,
          });
        }
      });
      if (typed === 0) {
        report(`${s.path}.meta.security`, s, {
          fr: `${s.label} n'indique aucun type de créneau : ajouter dans meta.security au moins un code ${allowed.join('/')} du système ${TRE_R314}.`,
          en: `${s.label} gives no slot type: add to meta.security at least one code ${allowed.join('/')} of system ${TRE_R314}.`,
        });
      }
    }
  },
});

export const consultationTypes = defineRule({
  id: 'SAS-SLT-002',
  title: { fr: 'Type de consultation dans serviceType (AMB, HH, VR)', en: 'Consultation type in serviceType (AMB, HH, VR)' },
  requirements: ['agg-psindiv@24', 'agg-psindiv@48', 'sas-sos@15'],
  useCases: ALL,
  severity: 'error',
  each: SEARCHED_SLOTS,
  check(s, { report }) {
    asArr(s.resource.serviceType).forEach((st, i) => {
      if (is604(st)) return; // CPTS marker, checked by the CPTS rules
      for (const c of codings(st)) {
        if (c.system === V3_ACT_CODE && c.code !== undefined && CONSULTATION_TYPES.includes(c.code)) continue;
        report(`${s.path}.serviceType[${i}].coding[${c.k}]`, s, {
          fr: `${s.label} : serviceType codé ${q(`${c.system ?? '(sans system)'}#${c.code ?? ''}`)} ; seuls AMB, HH, VR de ${V3_ACT_CODE} sont codés (motifs de consultation : serviceType avec text seul).`,
          en: `${s.label}: serviceType coded ${q(`${c.system ?? '(no system)'}#${c.code ?? ''}`)}; only AMB, HH, VR of ${V3_ACT_CODE} are coded (visit reasons: text-only serviceType).`,
        });
      }
    });
  },
});

export const appointmentType = defineRule({
  id: 'SAS-SLT-003',
  title: { fr: 'appointmentType ROUTINE ou WALKIN (v2-0276)', en: 'appointmentType ROUTINE or WALKIN (v2-0276)' },
  // Decision recorded in requirements.yaml (agg-psindiv@49 note, sas-gen@6): a present appointmentType
  // must be ROUTINE or WALKIN (error); an absent one is a warning — the profile leaves it 0..1 and the
  // kit's test 4.3.10 judges only the codes present (an optional field of the acceptance plan).
  requirements: ['agg-psindiv@49', 'sas-gen@6'],
  useCases: ALL,
  severity: 'error',
  each: SEARCHED_SLOTS,
  check(s, { report }) {
    if (s.resource.appointmentType === undefined) {
      report(
        `${s.path}.appointmentType`,
        s,
        {
          fr: `${s.label} n'a pas d'appointmentType : indiquer ROUTINE (réservable) ou WALKIN (sans rendez-vous) du système ${V2_0276}, pour que le SAS sache si le créneau se réserve.`,
          en: `${s.label} has no appointmentType: give ROUTINE (bookable) or WALKIN (no appointment) of system ${V2_0276}, so the SAS knows whether the slot can be booked.`,
        },
        'warning',
        ['sas-gen@6'],
      );
      return;
    }
    const cs = codings(s.resource.appointmentType);
    if (cs.some((c) => c.system === V2_0276 && (c.code === 'ROUTINE' || c.code === 'WALKIN'))) return;
    report(
      `${s.path}.appointmentType`,
      s,
      {
        fr: `${s.label} : appointmentType ${q(cs.map((c) => `${c.system ?? ''}#${c.code ?? ''}`).join(', ') || '(vide)')} ; attendu ROUTINE (réservable) ou WALKIN (sans rendez-vous) du système ${V2_0276}.`,
        en: `${s.label}: appointmentType ${q(cs.map((c) => `${c.system ?? ''}#${c.code ?? ''}`).join(', ') || '(empty)')}; expected ROUTINE (bookable) or WALKIN (no appointment) of system ${V2_0276}.`,
      },
      'error',
      ['agg-psindiv@49'],
    );
  },
});

export const SLOT_TYPE_RULES: Rule[] = [slotTypes, consultationTypes, appointmentType];
