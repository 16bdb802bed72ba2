/**
 * Every regulator payload is validated against FrPractitionerRegul by sas-recette's own engine before
 * it is sent: a "valid" payload the engine refuses, or an invalid one whose single intended defect the
 * engine does not see (or with other errors beside it), is a fault of the tool — the payload is not
 * sent. Without the IG definitions the payloads go out unchecked, and the case says so.
 */
import { isBlocking, type Finding, type Message } from '../../core/findings.js';
import type { DefinitionIndex } from '../../fhir/packages/types.js';
import { validateResource } from '../../fhir/validator/index.js';
import type { Practitioner } from './payloads.js';
import { REGUL_PROFILE } from './rules.js';

export type PreCheck = { verdict: 'checked' } | { verdict: 'unchecked' } | { verdict: 'fault'; fault: Message };

/** What the payload is meant to be: valid, or invalid at `engineLocation` only (a kit-only defect has none: valid for the profile). */
export interface Intent {
  label: string;
  engineLocation?: string;
}

function list(errors: Finding[]): string {
  return errors
    .slice(0, 5)
    .map((f) => `${f.ruleId} @ ${f.location}: ${f.message.en}`)
    .join('; ');
}

export function preValidate(index: DefinitionIndex | undefined, body: Practitioner, intent: Intent): PreCheck {
  if (!index || !index.structureDefinition(REGUL_PROFILE)) return { verdict: 'unchecked' };
  const errors = validateResource(body, { index, profile: REGUL_PROFILE }).findings.filter(isBlocking);
  const where = intent.engineLocation;
  if (where === undefined) {
    if (errors.length === 0) return { verdict: 'checked' };
    return {
      verdict: 'fault',
      fault: {
        fr: `charge utile «\u00a0${intent.label}\u00a0» construite par sas-recette non conforme à FrPractitionerRegul selon son moteur (non envoyée)\u00a0: ${list(errors)}`,
        en: `payload "${intent.label}" built by sas-recette does not conform to FrPractitionerRegul according to its engine (not sent): ${list(errors)}`,
      },
    };
  }
  const intended = errors.filter((f) => f.location === where);
  const others = errors.filter((f) => f.location !== where);
  if (intended.length > 0 && others.length === 0) return { verdict: 'checked' };
  return {
    verdict: 'fault',
    fault: {
      fr: `charge utile invalide «\u00a0${intent.label}\u00a0»\u00a0: le moteur de sas-recette devait y voir une seule erreur, à ${where}, et voit ${errors.length === 0 ? 'aucune erreur' : list(errors)} (non envoyée)`,
      en: `invalid payload "${intent.label}": sas-recette's engine should see exactly one error there, at ${where}, and sees ${errors.length === 0 ? 'none' : list(errors)} (not sent)`,
    },
  };
}
