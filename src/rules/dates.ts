/**
 * Date format of Slot.start / Slot.end: the IG and the ANS requirement agg-psindiv@45 ask for
 * `YYYY-MM-DDTHH:MM:SS.sss±HH:MM` (milliseconds and a numeric offset; `Z` does not fit).
 */
import { ALL, defineRule, q } from './kit.js';
import type { Rule } from './types.js';
import { SLOT_TIMES, slotTime } from './window.js';

export const SAS_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

export const slotDateFormat = defineRule({
  id: 'SAS-DAT-001',
  title: { fr: 'start/end au format AAAA-MM-JJTHH:MM:SS.sss±HH:MM', en: 'start/end formatted YYYY-MM-DDTHH:MM:SS.sss±HH:MM' },
  requirements: ['agg-psindiv@45', 'sas-sos@10'],
  useCases: ALL,
  severity: 'error',
  each: 'Slot',
  check(s, { report }) {
    for (const k of SLOT_TIMES) {
      const t = slotTime(s, k);
      if (t === undefined) continue; // SAS-WIN-003 reports a missing value
      const { raw: v, parsed } = t;
      if (SAS_INSTANT.test(v) && parsed) continue;
      const why = !parsed
        ? { fr: "n'est pas une date FHIR valide", en: 'is not a valid FHIR date' }
        : v.endsWith('Z')
          ? { fr: 'utilise "Z" au lieu d\'un décalage numérique (+00:00)', en: 'uses "Z" instead of a numeric offset (+00:00)' }
          : !parsed.hasMillis
            ? { fr: "n'a pas de millisecondes", en: 'has no milliseconds' }
            : { fr: "n'a pas le format attendu", en: 'does not have the expected form' };
      report(`${s.path}.${k}`, s, {
        fr: `${s.label} : ${k} ${q(v)} ${why.fr} ; format attendu AAAA-MM-JJTHH:MM:SS.sss±HH:MM (ex. 2026-03-02T08:00:00.000+01:00).`,
        en: `${s.label}: ${k} ${q(v)} ${why.en}; expected YYYY-MM-DDTHH:MM:SS.sss±HH:MM (e.g. 2026-03-02T08:00:00.000+01:00).`,
      });
    }
  },
});

export const DATE_RULES: Rule[] = [slotDateFormat];
