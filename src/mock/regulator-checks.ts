/**
 * What the reference editor checks, by hand, in a regulator account it receives (flux V1): the
 * FrPractitionerRegul constraints a server can check without a validator — identifier 1..* with a
 * system, a value and a type coherent with the system (IDNPS ↔ urn:oid:1.2.250.1.71.4.2.1, INTRN ↔
 * urn:oid:1.2.250.1.213.3.6), active 1..1 boolean, name family 1..1 and given 1..1, telecom of system
 * email only with a value, meta.source fixed when present, no empty string anywhere (FHIR JSON). A
 * real editor would run a validator; these few rules are what a typical server checks itself, and
 * they are enough to refuse every invalid payload of the flux V1 cases.
 *
 * Status: 400 for what is not valid FHIR JSON (wrong JSON type, empty string), 422 for what breaks
 * the profile (the IG's codes "for information": malformed request 400, business rule 422).
 */

import { SYSTEM } from '../sas/canonicals.js';

export const REGUL_SYSTEM = { idnps: SYSTEM.idnps, sas: SYSTEM.sas, typeCodes: SYSTEM.frV20203 } as const;

/** The identifier type code each known identifier system requires. */
const CODE_OF_SYSTEM: Readonly<Record<string, string>> = {
  [REGUL_SYSTEM.idnps]: 'IDNPS',
  [REGUL_SYSTEM.sas]: 'INTRN',
};

export interface PayloadIssue {
  status: 400 | 422;
  /** OperationOutcome issue code. */
  code: 'invalid' | 'required' | 'structure' | 'value';
  /** FHIRPath of the element at fault. */
  expression: string;
  text: string;
}

type Json = Record<string, unknown>;

const MAX_DEPTH = 32;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

/** Empty strings anywhere (FHIR JSON: a string is never ""), and nesting too deep. */
function emptyStrings(v: unknown, path: string, depth: number, out: PayloadIssue[]): void {
  if (out.length >= 20) return;
  if (depth > MAX_DEPTH) {
    out.push({ status: 400, code: 'structure', expression: path, text: `${path}: nested deeper than ${MAX_DEPTH} levels` });
    return;
  }
  if (typeof v === 'string') {
    if (v === '') out.push({ status: 400, code: 'value', expression: path, text: `${path}: empty string (FHIR strings are not empty)` });
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => emptyStrings(x, `${path}[${i}]`, depth + 1, out));
  } else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) emptyStrings(x, `${path}.${k}`, depth + 1, out);
  }
}

function identifierIssues(resource: Json, out: PayloadIssue[]): void {
  const ids = resource.identifier;
  if (ids === undefined || (Array.isArray(ids) && ids.length === 0)) {
    out.push({
      status: 422,
      code: 'required',
      expression: 'Practitioner.identifier',
      text: 'Practitioner.identifier: at least one is required (1..*)',
    });
    return;
  }
  if (!Array.isArray(ids)) {
    out.push({ status: 400, code: 'structure', expression: 'Practitioner.identifier', text: 'Practitioner.identifier must be an array' });
    return;
  }
  ids.forEach((id: unknown, i) => {
    const at = `Practitioner.identifier[${i}]`;
    if (!isObject(id)) {
      out.push({ status: 400, code: 'structure', expression: at, text: `${at} must be an object` });
      return;
    }
    if (!isText(id.system)) out.push({ status: 422, code: 'required', expression: `${at}.system`, text: `${at}.system is required` });
    if (!isText(id.value)) out.push({ status: 422, code: 'required', expression: `${at}.value`, text: `${at}.value is required` });
    const codings = isObject(id.type) && Array.isArray(id.type.coding) ? id.type.coding.filter(isObject) : [];
    const codes = codings.filter((c) => c.system === REGUL_SYSTEM.typeCodes).map((c) => c.code);
    if (codes.length === 0) {
      out.push({
        status: 422,
        code: 'required',
        expression: `${at}.type`,
        text: `${at}.type needs a coding of ${REGUL_SYSTEM.typeCodes} (IDNPS or INTRN)`,
      });
      return;
    }
    const wanted = typeof id.system === 'string' ? CODE_OF_SYSTEM[id.system] : undefined;
    if (wanted !== undefined && !codes.includes(wanted)) {
      out.push({
        status: 422,
        code: 'value',
        expression: `${at}.type`,
        text: `${at}: system ${String(id.system)} goes with type code ${wanted}, not ${codes.map(String).join(', ')}`,
      });
    }
  });
}

function nameIssues(resource: Json, out: PayloadIssue[]): void {
  const names = resource.name;
  if (names === undefined) return; // name 0..*
  if (!Array.isArray(names)) {
    out.push({ status: 400, code: 'structure', expression: 'Practitioner.name', text: 'Practitioner.name must be an array' });
    return;
  }
  names.forEach((n: unknown, i) => {
    const at = `Practitioner.name[${i}]`;
    if (!isObject(n)) {
      out.push({ status: 400, code: 'structure', expression: at, text: `${at} must be an object` });
      return;
    }
    if (!isText(n.family) && n.family !== '')
      out.push({ status: 422, code: 'required', expression: `${at}.family`, text: `${at}.family is required` });
    if (!Array.isArray(n.given) || n.given.length !== 1)
      out.push({ status: 422, code: 'required', expression: `${at}.given`, text: `${at}.given: exactly one given name (1..1)` });
  });
}

function telecomIssues(resource: Json, out: PayloadIssue[]): void {
  const telecoms = resource.telecom;
  if (telecoms === undefined) return; // telecom 0..*
  if (!Array.isArray(telecoms)) {
    out.push({ status: 400, code: 'structure', expression: 'Practitioner.telecom', text: 'Practitioner.telecom must be an array' });
    return;
  }
  telecoms.forEach((t: unknown, i) => {
    const at = `Practitioner.telecom[${i}]`;
    if (!isObject(t)) {
      out.push({ status: 400, code: 'structure', expression: at, text: `${at} must be an object` });
      return;
    }
    if (t.system !== 'email')
      out.push({
        status: 422,
        code: 'value',
        expression: `${at}.system`,
        text: `${at}.system must be "email", not ${JSON.stringify(t.system)}`,
      });
    if (!isText(t.value) && t.value !== '')
      out.push({ status: 422, code: 'required', expression: `${at}.value`, text: `${at}.value is required` });
  });
}

/**
 * The problems of a regulator account (empty: acceptable). `resource` is any parsed JSON: what is not
 * a Practitioner object is a 400.
 */
export function regulatorPayloadIssues(resource: unknown): PayloadIssue[] {
  if (!isObject(resource) || resource.resourceType !== 'Practitioner') {
    return [
      {
        status: 400,
        code: 'invalid',
        expression: 'Practitioner',
        text: 'the body is not a Practitioner resource (resourceType "Practitioner")',
      },
    ];
  }
  const out: PayloadIssue[] = [];
  emptyStrings(resource, 'Practitioner', 0, out);
  identifierIssues(resource, out);
  if (resource.active === undefined)
    out.push({ status: 422, code: 'required', expression: 'Practitioner.active', text: 'Practitioner.active is required (1..1)' });
  else if (typeof resource.active !== 'boolean')
    out.push({ status: 400, code: 'structure', expression: 'Practitioner.active', text: 'Practitioner.active must be a boolean' });
  nameIssues(resource, out);
  telecomIssues(resource, out);
  const source = isObject(resource.meta) ? resource.meta.source : undefined;
  if (source !== undefined && source !== REGUL_SYSTEM.sas)
    out.push({
      status: 422,
      code: 'value',
      expression: 'Practitioner.meta.source',
      text: `Practitioner.meta.source must be ${REGUL_SYSTEM.sas}`,
    });
  return out;
}

/** The identifiers of a resource that carry a system and a value (read defensively: the defect stores anything). */
export function identifiersOf(resource: unknown): { type: string; system: string; value: string }[] {
  if (!isObject(resource) || !Array.isArray(resource.identifier)) return [];
  return resource.identifier.filter(isObject).flatMap((id) => {
    if (typeof id.system !== 'string' || typeof id.value !== 'string' || id.value === '') return [];
    const coding = isObject(id.type) && Array.isArray(id.type.coding) ? id.type.coding.find(isObject) : undefined;
    return [{ type: typeof coding?.code === 'string' ? coding.code : '', system: id.system, value: id.value }];
  });
}
