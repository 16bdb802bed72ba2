/** Shared helpers of the reference editor tests. */
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import type { Jdd } from '../../src/jdd/types.js';
import type { DefectName } from '../../src/mock/defects.js';
import { generateSearchResponse } from '../../src/mock/generate.js';
import type { UseCase } from '../../src/core/model.js';
import { buildSearchQuery, parseSearch, type SearchQuerySpec } from '../../src/sas/search.js';
import { searchWindow } from '../../src/sas/time.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const JDDS: Jdd[] = SHIPPED_JDD_FILES.map((f) => loadJdd(f));
export const [PS_JDD, CPTS_JDD, SOS_JDD] = JDDS;

/** Monday 2 March 2026, 08:15 in Paris (UTC+1). */
export const NOW = new Date('2026-03-02T07:15:00Z');
export const BASE = 'http://127.0.0.1:8080/fhir';

export function psByTag(jdd: Jdd, tag: string) {
  const ps = jdd.practitioners.find((p) => p.roles?.includes(tag));
  if (!ps) throw new Error(`no PS tagged ${tag}`);
  return ps;
}

export function query(useCase: UseCase, identifiers: string[], extra: Partial<SearchQuerySpec> = {}, now = NOW): string {
  return buildSearchQuery(useCase, { ...searchWindow(now), identifiers, ...extra });
}

export function answer(q: string, defects: DefectName[] = [], now = NOW) {
  return generateSearchResponse(JDDS, parseSearch(q), now, { baseUrl: BASE, defects: new Set(defects) });
}

export function resources(bundle: Json, type?: string): Json[] {
  return ((bundle.entry ?? []) as Json[]).map((e) => e.resource).filter((r) => !type || r.resourceType === type);
}

export function entries(bundle: Json, type?: string): Json[] {
  return ((bundle.entry ?? []) as Json[]).filter((e) => !type || e.resource.resourceType === type);
}

export const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000[+-]\d{2}:\d{2}$/;
