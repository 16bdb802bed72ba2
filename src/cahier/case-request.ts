/**
 * The HTTP request of a search case (pure): the use case's SAS search for the JDD entries that play
 * the case's roles (or that it names by key), over a Europe/Paris window with an explicit offset, with
 * the case's overrides applied; or why the case does not apply to this JDD.
 */
import type { Message } from '../core/findings.js';
import type { TestCase } from './types.js';
import { resolveCaseData, type ResolvedRefs } from './jdd-refs.js';
import type { Jdd } from '../jdd/types.js';
import { buildSearchQuery, encodeSearchPart } from '../sas/search.js';
import { searchWindow, type SearchWindow } from '../sas/time.js';

export const FHIR_JSON = 'application/fhir+json';

export interface CaseRequest {
  url: string;
  headers: Record<string, string>;
  window: SearchWindow;
  identifiers: string[];
  refs: ResolvedRefs;
}

/**
 * Identifiers no editor should know, used after the JDD's own unknown identifiers run out: a valid
 * shape (IDNPS 8 + 11 digits, IDNST 3 + 14 digits) in a range no real RPPS/SIRET uses in the JDDs.
 */
export function generatedUnknownIdentifier(useCase: TestCase['useCase'], i: number): string {
  return useCase === 'sos' ? `3999999${String(i).padStart(8, '0')}` : `899999${String(i).padStart(6, '0')}`;
}

function unknownIdentifiers(tc: TestCase, jdd: Jdd, known: string[], n: number): string[] {
  const out: string[] = [];
  const pool = jdd.unknownIdentifiers.filter((id) => !known.includes(id));
  for (let i = 0; out.length < n; i += 1) {
    out.push(i < pool.length ? pool[i] : generatedUnknownIdentifier(tc.useCase, i - pool.length + 1));
  }
  return out;
}

function substitute(value: string, vars: Record<string, string>): string {
  return value.replace(/\{(ge|le|identifiers)\}/g, (_m, name: string) => vars[name]);
}

/** Builds the request, or says why the case cannot apply to this JDD (→ not-applicable). */
export function buildCaseRequest(tc: TestCase, jdd: Jdd, now: Date, baseUrl: string): CaseRequest | { notApplicable: Message } {
  const data = resolveCaseData(tc, jdd);
  if ('notApplicable' in data) return data;
  const refs = data.refs;
  const known = tc.useCase === 'sos' ? refs.sos.map((s) => s.siret) : refs.practitioners.map((p) => p.idnps);
  const r = tc.request;
  let extra = r.unknownIdentifiers ?? 0;
  if (r.count !== undefined) extra = Math.max(extra, r.count - known.length);
  const identifiers = [...known, ...unknownIdentifiers(tc, jdd, known, extra)];

  const start = new Date(now.getTime() + (r.window?.offsetHours ?? 0) * 3_600_000);
  const window = searchWindow(start, r.window?.hours !== undefined ? { hours: r.window.hours } : {});
  const vars = { ge: window.ge, le: window.le, identifiers: identifiers.join(',') };
  const overridden = Object.keys(r.params ?? {});
  const extraParams: [string, string][] = Object.entries(r.params ?? {}).flatMap(([name, v]) =>
    (Array.isArray(v) ? v : [v]).map((value): [string, string] => [name, substitute(value, vars)]),
  );
  // Overridden parameters are left out of the built query, then appended as written (buildSearchQuery
  // applies `omit` to its extra parameters too, so they cannot go through it).
  const built = buildSearchQuery(tc.useCase, { ge: window.ge, le: window.le, identifiers, omit: [...(r.omit ?? []), ...overridden] });
  const appended = extraParams.map(([n, v]) => `${encodeSearchPart(n)}=${encodeSearchPart(v)}`);
  const query = appended.length === 0 ? built : `${built}${built.endsWith('?') ? '' : '&'}${appended.join('&')}`;
  return {
    url: `${baseUrl.replace(/\/+$/, '')}/${query}`,
    headers: { accept: r.accept ?? FHIR_JSON },
    window,
    identifiers,
    refs,
  };
}
