/**
 * What the reference editor refuses in a search (answered 400 + OperationOutcome): missing or
 * repeated criteria, malformed dates, unsupported prefixes, more than 25 identifiers, parameters or
 * includes it does not support. Strict on purpose: a tester's request builder must send exactly
 * the SAS request.
 */
import type { ParsedSearch } from '../sas/search-types.js';
import { parseFhirDateTime } from '../sas/time.js';
import { SYSTEM } from '../sas/canonicals.js';

export const MAX_IDENTIFIERS = 25;

export interface RequestIssue {
  code: 'required' | 'invalid' | 'not-supported' | 'too-costly';
  /** Parameter concerned (OperationOutcome.issue.expression). */
  param: string;
  text: string;
}

interface SearchSpec {
  start: string;
  status: string;
  identifier: string;
  identifierSystem: string;
  includes: string[];
  revincludes: string[];
}

const SPEC: Record<ParsedSearch['resourceType'], SearchSpec> = {
  Slot: {
    start: 'start',
    status: 'status',
    identifier: 'schedule.actor:Practitioner.identifier',
    identifierSystem: SYSTEM.idnps,
    includes: [
      '_include=Slot:schedule',
      '_include:iterate=Schedule:actor',
      '_include=Schedule:actor',
      '_include=Slot:service-type-reference',
      '_include:iterate=HealthcareService:organization',
      '_include=HealthcareService:organization',
    ],
    revincludes: [],
  },
  Schedule: {
    start: '_has:Slot:schedule:start',
    status: '_has:Slot:schedule:status',
    identifier: 'actor:Location.organization.identifier',
    identifierSystem: SYSTEM.idnst,
    includes: [
      '_include=Schedule:actor:Location',
      '_include=Schedule:actor',
      '_include:iterate=Location:organization',
      '_include=Location:organization',
    ],
    revincludes: ['_revinclude=Slot:schedule'],
  },
};

const SLOT_STATUSES = ['busy', 'free', 'busy-unavailable', 'busy-tentative', 'entered-in-error'];
const FORMATS = ['json', 'application/json', 'application/fhir+json', 'application/json+fhir'];

/** Includes compared case-insensitively on the target (the IG once writes `Location:Organization`). */
function normaliseInclude(p: string): string {
  return p.replace(/=Location:Organization$/, '=Location:organization');
}

export function checkSearchRequest(search: ParsedSearch): RequestIssue[] {
  const spec = SPEC[search.resourceType];
  const issues: RequestIssue[] = [];
  const known = new Set([spec.start, spec.status, spec.identifier, '_include', '_include:iterate', '_revinclude', '_count', '_format']);
  const count = (name: string) => search.params.filter(([n]) => n === name).length;

  for (const [name, value] of search.params) {
    if (!known.has(name)) {
      issues.push({ code: 'not-supported', param: name, text: `unknown search parameter "${name}" on ${search.resourceType}` });
    } else if (name === '_include' || name === '_include:iterate') {
      if (!spec.includes.includes(normaliseInclude(`${name}=${value}`)))
        issues.push({ code: 'not-supported', param: name, text: `unsupported ${name} value "${value}"` });
    } else if (name === '_revinclude') {
      if (!spec.revincludes.includes(`${name}=${value}`))
        issues.push({ code: 'not-supported', param: name, text: `unsupported _revinclude value "${value}"` });
    } else if (name === '_count' && !/^\d+$/.test(value.trim())) {
      issues.push({ code: 'invalid', param: name, text: `_count must be a non-negative integer, got "${value}"` });
    } else if (name === '_format' && !FORMATS.includes(value.trim())) {
      issues.push({ code: 'not-supported', param: name, text: `unsupported _format "${value}" (only JSON is served)` });
    }
  }

  // start: one lower bound (ge/gt) and one upper bound (le/lt), each a valid FHIR dateTime.
  const starts = search.params.filter(([n]) => n === spec.start).map(([, v]) => v.trim());
  let lower = 0;
  let upper = 0;
  for (const value of starts) {
    const m = /^(ge|gt|le|lt)(.*)$/.exec(value);
    if (!m) {
      issues.push({ code: 'invalid', param: spec.start, text: `${spec.start}=${value}: use the ge and le prefixes (start=ge…&start=le…)` });
      continue;
    }
    if (m[1] === 'ge' || m[1] === 'gt') lower += 1;
    else upper += 1;
    if (!parseFhirDateTime(m[2]))
      issues.push({ code: 'invalid', param: spec.start, text: `${spec.start}=${value}: "${m[2]}" is not a valid FHIR dateTime` });
  }
  if (lower === 0) issues.push({ code: 'required', param: spec.start, text: `missing lower bound ${spec.start}=ge…` });
  if (upper === 0) issues.push({ code: 'required', param: spec.start, text: `missing upper bound ${spec.start}=le…` });
  if (lower > 1 || upper > 1)
    issues.push({ code: 'invalid', param: spec.start, text: `${spec.start} must be given once with ge and once with le` });
  if (search.ge && search.le && search.ge.epochMs > search.le.epochMs) {
    issues.push({ code: 'invalid', param: spec.start, text: `the lower bound ${search.ge.raw} is after the upper bound ${search.le.raw}` });
  }

  const statuses = count(spec.status);
  if (statuses === 0)
    issues.push({ code: 'required', param: spec.status, text: `missing ${spec.status} (the SAS sends ${spec.status}=free)` });
  else if (statuses > 1) issues.push({ code: 'invalid', param: spec.status, text: `${spec.status} is given ${statuses} times` });
  else if (!SLOT_STATUSES.includes(search.status ?? ''))
    issues.push({ code: 'invalid', param: spec.status, text: `"${search.status}" is not a slot status` });

  const idParams = count(spec.identifier);
  if (idParams === 0 || search.identifiers.length === 0) {
    issues.push({
      code: 'required',
      param: spec.identifier,
      text: `missing ${spec.identifier} (1 to ${MAX_IDENTIFIERS} identifiers, comma-separated)`,
    });
  } else if (idParams > 1) {
    issues.push({
      code: 'invalid',
      param: spec.identifier,
      text: `${spec.identifier} is repeated; send one parameter with comma-separated values`,
    });
  }
  if (search.identifiers.length > MAX_IDENTIFIERS) {
    issues.push({
      code: 'too-costly',
      param: spec.identifier,
      text: `${search.identifiers.length} identifiers asked; at most ${MAX_IDENTIFIERS} per search`,
    });
  }
  for (const id of search.identifiers) {
    if (id.system !== undefined && id.system !== spec.identifierSystem) {
      issues.push({ code: 'invalid', param: spec.identifier, text: `identifier system "${id.system}" is not ${spec.identifierSystem}` });
    }
  }
  return issues;
}

/** OperationOutcome for refused requests and unknown routes. */
export function operationOutcome(
  issues: { code: string; text: string; param?: string }[],
  severity: 'error' | 'fatal' = 'error',
): Record<string, unknown> {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity,
      code: i.code,
      diagnostics: i.text,
      ...(i.param ? { expression: [i.param] } : {}),
    })),
  };
}
