/**
 * The regulator accounts sas-recette sends (flux V1), as the SAS platform builds them: a Practitioner
 * declaring FrPractitionerRegul, `meta.source` the SAS OID, one identifier (IDNPS national id or SAS
 * technical UUID, INTRN), `active`, one name (family, one given) and one e-mail, from a JDD regulator
 * identity. Identifiers are fresh for every account, so reruns never collide: the SAS technical id is
 * a random UUID, the national id `899` + 9 random digits (a fictitious prefixed id, never a real RPPS).
 * The negative payloads carry exactly one defect each (the ANS kit mixes several).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Message } from '../../core/findings.js';
import type { JddRegulator } from '../../jdd/types.js';
import { REGUL_PROFILE, REGUL_SYSTEM, SYSTEM_OF, V1, type IdentifierType } from './rules.js';

export type Practitioner = Record<string, unknown>;

export interface AccountIdentifier {
  type: IdentifierType;
  system: string;
  value: string;
}

/** The values of an account that an update may change. */
export interface AccountFields {
  family: string;
  given: string;
  email: string;
}

export function freshIdentifier(type: IdentifierType): AccountIdentifier {
  const value = type === 'INTRN' ? randomUUID() : `899${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
  return { type, system: SYSTEM_OF[type], value };
}

export function fieldsOf(identity: JddRegulator): AccountFields {
  return { family: identity.family, given: identity.given, email: identity.email };
}

/**
 * The values an update changes the account to: those of another identity of the JDD when it has one
 * with a different value, else the identity's own value marked as changed.
 */
export function changedFields(identity: JddRegulator, all: readonly JddRegulator[]): AccountFields {
  const other = all.find((r) => r.key !== identity.key);
  const pick = (field: keyof AccountFields, derive: (v: string) => string): string =>
    other && other[field] !== identity[field] ? other[field] : derive(identity[field]);
  return {
    family: pick('family', (v) => `${v}-MODIFIE`),
    given: pick('given', (v) => `${v}-Modifie`),
    email: pick('email', (v) => `modifie.${v}`),
  };
}

export function identifierElement(id: { type: string; system: string; value: string }): Record<string, unknown> {
  return { type: { coding: [{ system: REGUL_SYSTEM.typeCodes, code: id.type }] }, system: id.system, value: id.value };
}

/** A valid FrPractitionerRegul. */
export function regulatorPayload(identifiers: readonly AccountIdentifier[], active: boolean, fields: AccountFields): Practitioner {
  return {
    resourceType: 'Practitioner',
    meta: { source: REGUL_SYSTEM.sas, profile: [REGUL_PROFILE] },
    identifier: identifiers.map(identifierElement),
    active,
    name: [{ family: fields.family, given: [fields.given] }],
    telecom: [{ system: 'email', value: fields.email }],
  };
}

export const PAYLOAD_DEFECTS = [
  'missing-identifier',
  'missing-active',
  'telecom-phone',
  'idnps-system-intrn-code',
  'sas-system-idnps-code',
  'empty-family',
  'empty-email',
  'missing-name',
  'missing-telecom',
] as const;
export type PayloadDefect = (typeof PAYLOAD_DEFECTS)[number];

export interface DefectSpec {
  what: Message;
  /** The requirement the refusal verifies. */
  requirement: string;
  /** SHALL: the profile or FHIR forbids it; MAY: only the ANS kit asks for a refusal (the profile allows it). */
  strength: 'SHALL' | 'MAY';
  /** Where our engine must see the defect (structural defects); absent: the profile allows the payload. */
  engineLocation?: string;
  /** The ANS kit test that sends it in a POST (5.13 and 5.14 send the incomplete ones in a PUT). */
  kit: string;
}

export const DEFECT_SPECS: Readonly<Record<PayloadDefect, DefectSpec>> = {
  'missing-identifier': {
    what: { fr: 'sans identifier (1..*)', en: 'without identifier (1..*)' },
    requirement: V1.missingRequired,
    strength: 'SHALL',
    engineLocation: 'Practitioner.identifier',
    kit: '5.04',
  },
  'missing-active': {
    what: { fr: 'sans active (1..1)', en: 'without active (1..1)' },
    requirement: V1.missingRequired,
    strength: 'SHALL',
    engineLocation: 'Practitioner.active',
    kit: '5.04',
  },
  'telecom-phone': {
    what: { fr: 'avec un telecom de système phone (seul email est admis)', en: 'with a telecom of system phone (only email is allowed)' },
    requirement: V1.invalidValues,
    strength: 'SHALL',
    engineLocation: 'Practitioner.telecom[0].system',
    kit: '5.05',
  },
  'idnps-system-intrn-code': {
    what: { fr: 'avec le système IDNPS et le code de type INTRN', en: 'with the IDNPS system and the INTRN type code' },
    requirement: V1.invalidValues,
    strength: 'SHALL',
    engineLocation: 'Practitioner.identifier[0].type',
    kit: '5.05',
  },
  'sas-system-idnps-code': {
    what: { fr: 'avec le système SAS (INTRN) et le code de type IDNPS', en: 'with the SAS (INTRN) system and the IDNPS type code' },
    requirement: V1.invalidValues,
    strength: 'SHALL',
    engineLocation: 'Practitioner.identifier[0].type',
    kit: '5.05',
  },
  'empty-family': {
    what: { fr: 'avec un nom de famille vide (name.family "")', en: 'with an empty family name (name.family "")' },
    requirement: V1.invalidValues,
    strength: 'SHALL',
    engineLocation: 'Practitioner.name[0].family',
    kit: '5.05',
  },
  'empty-email': {
    what: { fr: 'avec une adresse électronique vide (telecom.value "")', en: 'with an empty e-mail (telecom.value "")' },
    requirement: V1.invalidValues,
    strength: 'SHALL',
    engineLocation: 'Practitioner.telecom[0].value',
    kit: '5.05',
  },
  'missing-name': {
    what: { fr: 'sans name', en: 'without name' },
    requirement: V1.kitOnly,
    strength: 'MAY',
    kit: '5.04',
  },
  'missing-telecom': {
    what: { fr: 'sans telecom', en: 'without telecom' },
    requirement: V1.kitOnly,
    strength: 'MAY',
    kit: '5.04',
  },
};

/**
 * A payload with exactly one defect, for an account addressed by (or created with) `own`. The crossed
 * system/code defects carry their own identifier: the IDNPS system with a fresh national id, or the
 * SAS system with `own`'s UUID when `own` is an INTRN identifier.
 */
export function invalidPayload(
  defect: PayloadDefect,
  own: AccountIdentifier,
  fields: AccountFields,
): { body: Practitioner; carries?: { type: string; system: string; value: string } } {
  const body = regulatorPayload([own], true, fields);
  let carries: { type: string; system: string; value: string } | undefined = own;
  switch (defect) {
    case 'missing-identifier':
      delete body.identifier;
      carries = undefined;
      break;
    case 'missing-active':
      delete body.active;
      break;
    case 'telecom-phone':
      body.telecom = [{ system: 'phone', value: '0102030405' }];
      break;
    case 'idnps-system-intrn-code':
      carries = { type: 'INTRN', system: REGUL_SYSTEM.idnps, value: freshIdentifier('IDNPS').value };
      body.identifier = [identifierElement(carries)];
      break;
    case 'sas-system-idnps-code':
      carries = { type: 'IDNPS', system: REGUL_SYSTEM.sas, value: own.type === 'INTRN' ? own.value : randomUUID() };
      body.identifier = [identifierElement(carries)];
      break;
    case 'empty-family':
      body.name = [{ family: '', given: [fields.given] }];
      break;
    case 'empty-email':
      body.telecom = [{ system: 'email', value: '' }];
      break;
    case 'missing-name':
      delete body.name;
      break;
    case 'missing-telecom':
      delete body.telecom;
      break;
  }
  return { body, ...(carries ? { carries } : {}) };
}

/** `INTRN 1b4e…` for messages. */
export function describeIdentifier(id: { type: string; value: string }): string {
  return `${id.type} ${id.value}`;
}
