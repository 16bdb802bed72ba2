/**
 * Structure identifiers (IDNST, system urn:oid:1.2.250.1.71.4.2.2): CPTS Organization (1 + FINESS),
 * SOS association (3 + SIRET), and the structure of a PractitionerRole (1/3/4 + id).
 */
import { IDNST_SYSTEM } from '../sas/search.js';
import { asObj, type Node } from './graph.js';
import { identifiersOf, readIdentifier } from './identifiers.js';
import { defineRule, PS_CPTS, q, type Reporter } from './kit.js';
import type { Rule } from './types.js';

export const FINESS_IDNST = /^1\d{9}$/;
export const SIRET_IDNST = /^3\d{14}$/;
export const ROLE_IDNST = /^(1\d{9}|3\d{14}|4\d{14})$/;

function checkOrgIdentifier(report: Reporter, org: Node, pattern: RegExp, what: { fr: string; en: string }): void {
  const ids = identifiersOf(org);
  const idnst = ids.filter((i) => i.system === IDNST_SYSTEM);
  if (idnst.length === 0) {
    report(`${org.path}.identifier`, org, {
      fr: `${org.label} n'a pas d'identifiant de system ${IDNST_SYSTEM} (IDNST) ; attendu ${what.fr}.`,
      en: `${org.label} has no identifier with system ${IDNST_SYSTEM} (IDNST); expected ${what.en}.`,
    });
  }
  if (ids.length > 1) {
    report(
      `${org.path}.identifier`,
      org,
      {
        fr: `${org.label} porte ${ids.length} identifiants ; le profil en admet un seul (IDNST).`,
        en: `${org.label} carries ${ids.length} identifiers; the profile allows one (IDNST).`,
      },
      'warning',
    );
  }
  for (const i of idnst) {
    const loc = `${org.path}.identifier[${i.k}]`;
    if (!i.value || !pattern.test(i.value)) {
      report(`${loc}.value`, org, {
        fr: `${org.label} : identifiant ${q(i.value ?? '(absent)')} invalide ; attendu ${what.fr}.`,
        en: `${org.label}: identifier ${q(i.value ?? '(missing)')} is invalid; expected ${what.en}.`,
      });
    }
    if (!i.type.some((c) => c.code === 'IDNST')) {
      report(`${loc}.type`, org, {
        fr: `${org.label} : l'identifiant doit avoir le type IDNST.`,
        en: `${org.label}: the identifier must have type IDNST.`,
      });
    }
  }
}

export const cptsOrganizationFiness = defineRule({
  id: 'SAS-STR-001',
  title: { fr: 'Organization CPTS identifiée par 1 + FINESS', en: 'CPTS Organization identified by 1 + FINESS' },
  requirements: ['sas-cpts@5'],
  useCases: ['cpts'],
  severity: 'error',
  each: 'Organization',
  check(o, { report }) {
    checkOrgIdentifier(report, o, FINESS_IDNST, { fr: 'IDNST = 1 + FINESS (10 chiffres)', en: 'IDNST = 1 + FINESS (10 digits)' });
  },
});

export const sosOrganizationSiret = defineRule({
  id: 'SAS-STR-002',
  title: { fr: 'Association SOS identifiée par 3 + SIRET', en: 'SOS association identified by 3 + SIRET' },
  requirements: ['sas-sos@6'],
  useCases: ['sos'],
  severity: 'error',
  each: 'Organization',
  check(o, { report }) {
    checkOrgIdentifier(report, o, SIRET_IDNST, { fr: 'IDNST = 3 + SIRET (15 chiffres)', en: 'IDNST = 3 + SIRET (15 digits)' });
  },
});

export const roleOrganizationIdnst = defineRule({
  id: 'SAS-STR-003',
  title: { fr: 'Structure du PractitionerRole identifiée par un IDNST', en: 'PractitionerRole structure identified by an IDNST' },
  requirements: ['agg-psindiv@20'],
  useCases: PS_CPTS,
  severity: 'error',
  each: 'PractitionerRole',
  check(r, { report }) {
    const written = asObj(asObj(r.resource.organization)?.identifier);
    if (!written) return; // optional
    const loc = `${r.path}.organization.identifier`;
    const { system, value, type } = readIdentifier(written, 0);
    if (system === undefined) {
      report(
        `${loc}.system`,
        r,
        {
          fr: `${r.label} : l'identifiant de structure n'a pas de system ; attendu ${IDNST_SYSTEM}.`,
          en: `${r.label}: the structure identifier has no system; expected ${IDNST_SYSTEM}.`,
        },
        'warning',
      );
    } else if (system !== IDNST_SYSTEM) {
      report(`${loc}.system`, r, {
        fr: `${r.label} : system ${q(system)} ; l'identifiant de structure doit être un IDNST (${IDNST_SYSTEM}).`,
        en: `${r.label}: system ${q(system)}; the structure identifier must be an IDNST (${IDNST_SYSTEM}).`,
      });
    }
    if (type.length > 0 && !type.some((c) => c.code === 'IDNST')) {
      report(`${loc}.type`, r, {
        fr: `${r.label} : type ${q(type.map((c) => c.code).join(','))} ; attendu IDNST.`,
        en: `${r.label}: type ${q(type.map((c) => c.code).join(','))}; expected IDNST.`,
      });
    }
    if (!value || !ROLE_IDNST.test(value)) {
      report(`${loc}.value`, r, {
        fr: `${r.label} : IDNST ${q(value ?? '(absent)')} invalide ; attendu 1 + FINESS (10 chiffres), 3 + SIRET ou 4 + RPPS-rang (15 chiffres).`,
        en: `${r.label}: IDNST ${q(value ?? '(missing)')} is invalid; expected 1 + FINESS (10 digits), 3 + SIRET or 4 + RPPS-rang (15 digits).`,
      });
    }
  },
});

export const STRUCTURE_RULES: Rule[] = [cptsOrganizationFiness, sosOrganizationSiret, roleOrganizationIdnst];
