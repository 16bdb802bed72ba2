/**
 * Native versions of the invariants SAS answers commonly meet, keyed by their EXACT expression text
 * (never by the constraint key, which a profile may reuse with another expression): cpt-2 (ContactPoint),
 * org-1 (Organization), org-2/org-3 and the SAS profiles' `where(use = 'home').empty()` (Address,
 * ContactPoint), per-1 (Period), and `<field>.matches('<regex>')` (the SAS FINESS/SIRET identifier
 * constraints). Hand-written because the `fhirpath` library costs ≈ 180 ms to load with its R4 model in
 * a process whose whole budget is 250 ms, and its per-element evaluation is the hot path of a large
 * answer; `validate` of a usual SAS answer then never loads it.
 *
 * Each one decides only the usual JSON shapes (the fields it reads absent, or of their JSON type, with
 * no `_field` primitive extension) with the library's semantics, and returns `undefined` for anything
 * else: the library then evaluates it, so a native version can never disagree on odd data. The tests
 * compare each against the library on passing, failing and odd values (native-expressions.test.ts).
 */
import { isObject, type JsonObject } from './context.js';
import type { ElementNode } from './model.js';

/** true: holds; false: fails; undefined: a shape this version does not decide (ask the library). */
export type NativeExpression = (value: JsonObject) => boolean | undefined;

/** The base type's child by JSON name, to check what a generic form reads (undefined when unknown). */
export type FieldLookup = (base: string, field: string) => ElementNode | undefined;

/** A primitive field with a `_field` extension or a value that is not a JSON string: left to the library. */
const oddField = (o: JsonObject, field: string): boolean =>
  o[`_${field}`] !== undefined || (o[field] !== undefined && typeof o[field] !== 'string');

/** cpt-2: value.empty() or system.exists(). */
const cpt2: NativeExpression = (o) => {
  if (oddField(o, 'value') || oddField(o, 'system')) return undefined;
  return o.value === undefined || o.system !== undefined;
};

/** org-2, org-3 and the SAS profiles (Address, ContactPoint): where(use = 'home').empty(). */
const notHome: NativeExpression = (o) => (oddField(o, 'use') ? undefined : o.use !== 'home');

/** org-1: (identifier.count() + name.count()) > 0. */
const org1: NativeExpression = (o) => {
  if (oddField(o, 'name')) return undefined;
  const identifier = o.identifier;
  if (identifier !== undefined && !(Array.isArray(identifier) && identifier.every(isObject))) return undefined;
  return (identifier?.length ?? 0) > 0 || o.name !== undefined;
};

/**
 * An instant (seconds, with or without milliseconds, and a time zone) in epoch ms, or a full date as
 * its text; undefined for every other form (other precisions, no time zone, impossible dates), which
 * the library's precision rules decide.
 */
function comparable(text: string): number | string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return validDate(+text.slice(0, 4), +text.slice(5, 7), +text.slice(8, 10)) ? text : undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59 || (m[8] === undefined && (+m[10] > 14 || +m[11] > 59))) return undefined;
  const offset = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (+m[10] * 60 + +m[11]);
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d); // Date.UTC would read years 0–99 as 1900–1999
  utc.setUTCHours(h, mi, s, m[7] ? +m[7] : 0);
  return utc.getTime() - offset * 60_000;
}

function validDate(y: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}

/** per-1: start.hasValue().not() or end.hasValue().not() or (start <= end). */
const per1: NativeExpression = (o) => {
  if (oddField(o, 'start') || oddField(o, 'end')) return undefined;
  const { start, end } = o as { start?: string; end?: string };
  if (start === undefined || end === undefined) return true;
  const a = comparable(start);
  const b = comparable(end);
  // both instants, or both full dates: the same FHIRPath precision, so `<=` is never empty
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  if (typeof a === 'string' && typeof b === 'string') return a <= b;
  return undefined;
};

/** By exact expression text, with the base types each was checked for. */
const BY_EXPRESSION: ReadonlyMap<string, { bases: readonly string[]; check: NativeExpression }> = new Map([
  ['value.empty() or system.exists()', { bases: ['ContactPoint'], check: cpt2 }],
  ["where(use = 'home').empty()", { bases: ['ContactPoint', 'Address'], check: notHome }],
  ['(identifier.count() + name.count()) > 0', { bases: ['Organization'], check: org1 }],
  ['start.hasValue().not() or end.hasValue().not() or (start <= end)', { bases: ['Period'], check: per1 }],
]);

/** `field.matches('regex')`: a regex literal without backslash or quote, so its text is the pattern itself. */
const MATCHES = /^([a-z][A-Za-z0-9]*)\.matches\('([^'\\]*)'\)$/;

/** String-valued FHIR primitives (JSON strings) a `matches` may read. */
const STRING_TYPES = new Set(['string', 'code', 'id', 'uri', 'url', 'canonical', 'oid', 'uuid', 'markdown']);

/**
 * `field.matches('regex')` on a single, non-choice, string-typed field of the base type. The library
 * (fhirpath src/strings.js) builds `new RegExp(regex, 'us')` and tests the string: no anchoring added,
 * dot matches newlines, unicode mode. An empty field gives an empty result: the constraint holds.
 */
function matchesForm(base: string, expression: string, field: FieldLookup): NativeExpression | undefined {
  const m = MATCHES.exec(expression);
  if (!m) return undefined;
  const [, name, pattern] = m;
  const node = field(base, name);
  if (!node || node.isChoice || node.isArray || node.types.length !== 1 || !STRING_TYPES.has(node.types[0].code)) return undefined;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'us');
  } catch {
    return undefined; // the library says how the pattern is wrong
  }
  return (o) => {
    if (oddField(o, name)) return undefined;
    const v = o[name] as string | undefined;
    return v === undefined || regex.test(v);
  };
}

/** The native version of an invariant's expression for this base type, if there is one. */
export function nativeExpression(base: string, expression: string, field: FieldLookup): NativeExpression | undefined {
  const known = BY_EXPRESSION.get(expression);
  if (known) return known.bases.includes(base) ? known.check : undefined;
  return matchesForm(base, expression, field);
}
