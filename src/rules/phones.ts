/**
 * Phone numbers: every telecom of system "phone" (Practitioner, PractitionerRole, Organization,
 * Location, contained Locations) is written `+33` + 9 digits, as the FAQ asks editors to normalise.
 */
import { asArr, asObj, asStr, type Node } from './graph.js';
import { ALL, defineRule, q } from './kit.js';
import type { Rule } from './types.js';
import { append } from '../core/append.js';

export const FRENCH_PHONE = /^\+33\d{9}$/;
/** Overseas codes accepted with a warning (the ANS kit accepts +262/+590/+594/+596). */
export const OVERSEAS_PHONE = /^\+(262|269|590|594|596|508|689|687)\d{9}$/;
const PHONE_LIKE = /^[+0(][\d\s.()-]{7,}$/;

const TYPES = ['Practitioner', 'PractitionerRole', 'Organization', 'Location'];

function diagnose(v: string): { fr: string; en: string } {
  if (/[\s.\-()]/.test(v))
    return { fr: 'contient des espaces, points, tirets ou parenthèses', en: 'contains spaces, dots, dashes or brackets' };
  if (/^0\d{9}$/.test(v)) return { fr: 'est au format national (0X…)', en: 'is in national form (0X…)' };
  if (/^0033\d{9}$/.test(v)) return { fr: 'commence par 0033 au lieu de +33', en: 'starts with 0033 instead of +33' };
  return { fr: "n'a pas la forme +33 suivie de 9 chiffres", en: 'is not +33 followed by 9 digits' };
}

export const phoneFormat = defineRule({
  id: 'SAS-TEL-001',
  title: { fr: 'Téléphones au format +33XXXXXXXXX', en: 'Phone numbers formatted +33XXXXXXXXX' },
  requirements: ['agg-psindiv@34', 'agg-psindiv@35', 'agg-psindiv@36', 'sas-cpts@13', 'sas-sos@8'],
  useCases: ALL,
  severity: 'error',
  check({ g, report }) {
    const nodes: Node[] = [];
    for (const n of g.entries) {
      if (TYPES.includes(n.type)) nodes.push(n);
      append(
        nodes,
        g.contained(n).filter((c) => TYPES.includes(c.type)),
      );
    }
    for (const n of nodes) {
      asArr(n.resource.telecom).forEach((t, k) => {
        const tel = asObj(t);
        const loc = `${n.path}.telecom[${k}]`;
        const system = asStr(tel?.system);
        const value = asStr(tel?.value);
        if (value === undefined || value.trim() === '') {
          report(`${loc}.value`, n, {
            fr: `${n.label} : telecom sans valeur ; omettre l'élément quand le numéro n'est pas connu.`,
            en: `${n.label}: telecom without a value; leave the element out when the number is unknown.`,
          });
          return;
        }
        if (system !== 'phone') {
          // agg-psindiv@35 (SHALL): a known phone goes in a telecom of system phone.
          if (system === undefined && PHONE_LIKE.test(value)) {
            report(`${loc}.system`, n, {
              fr: `${n.label} : ${q(value)} ressemble à un téléphone mais telecom.system est absent ; indiquer "phone".`,
              en: `${n.label}: ${q(value)} looks like a phone number but telecom.system is missing; use "phone".`,
            });
          }
          return;
        }
        if (FRENCH_PHONE.test(value)) return;
        if (OVERSEAS_PHONE.test(value)) {
          // Waiver (requirements.yaml): agg-psindiv@34 and the kit accept +country code + 9 digits.
          report(
            `${loc}.value`,
            n,
            {
              fr: `${n.label} : ${q(value)} est un numéro d'outre-mer (accepté) ; le SAS attend en principe +33 suivi de 9 chiffres.`,
              en: `${n.label}: ${q(value)} is an overseas number (accepted); the SAS expects +33 followed by 9 digits in principle.`,
            },
            'warning',
          );
          return;
        }
        const why = diagnose(value);
        report(`${loc}.value`, n, {
          fr: `${n.label} : le téléphone ${q(value)} ${why.fr} ; attendu +33 suivi de 9 chiffres, sans séparateur (ex. +33123456789).`,
          en: `${n.label}: phone ${q(value)} ${why.en}; expected +33 followed by 9 digits, no separators (e.g. +33123456789).`,
        });
      });
    }
  },
});

export const PHONE_RULES: Rule[] = [phoneFormat];
