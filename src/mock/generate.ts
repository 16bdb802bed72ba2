/**
 * The reference editor's answer to a SAS search, computed from the JDD(s) and a clock: pure, so the
 * same request at the same `now` always gives the same Bundle (ids, slots, Bundle id included).
 */
import { createHash } from 'node:crypto';
import type { Jdd, JddPractitioner, JddSosStructure } from '../jdd/types.js';
import type { ParsedSearch } from '../sas/search-types.js';
import { formatParis } from '../sas/time.js';
import { applyContentDefects, INJECTION } from './apply-defects.js';
import { buildSlotGraph, type Graph, type Window } from './build-slot-graph.js';
import { buildSosGraph } from './build-sos-graph.js';
import { checkSearchRequest, operationOutcome } from './check-request.js';
import type { DefectName } from './defects.js';
import { FHIR_JSON, PROFILE, SYSTEM } from '../sas/canonicals.js';
import type { Resource } from './resources.js';
import { HORIZON_DAYS } from './slot-times.js';

export interface GenerateOptions {
  /** FHIR base of the server (`http://127.0.0.1:8080/fhir`): fullUrls and the self link start with it. */
  baseUrl: string;
  defects?: Set<DefectName>;
}

export interface MockResponse {
  status: number;
  body: Record<string, unknown>;
  contentType?: string;
}

const BUNDLE_PROFILE = { psindiv: PROFILE.psBundle, cpts: PROFILE.cptsBundle, sos: PROFILE.sosBundle } as const;

/** A stable UUID-shaped id from the request and the clock (the Bundle id of a search). */
function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The self link: the request as received, made absolute on the server's FHIR base. */
function selfLink(baseUrl: string, search: ParsedSearch): string {
  const raw = search.raw ?? '';
  const q = raw.indexOf('?');
  return `${baseUrl.replace(/\/+$/, '')}/${search.resourceType}${q >= 0 ? raw.slice(q) : ''}`;
}

function has(search: ParsedSearch, ...values: string[]): boolean {
  return search.includes.some((i) => values.includes(i) || values.includes(i.replace(/=Location:Organization$/, '=Location:organization')));
}

function bundle(search: ParsedSearch, graph: Graph, now: Date, opts: GenerateOptions, extraTotal = 0): Record<string, unknown> {
  const useCase = search.useCase ?? (search.resourceType === 'Schedule' ? 'sos' : 'psindiv');
  const base = opts.baseUrl.replace(/\/+$/, '');
  const entry = (r: Resource, mode: 'match' | 'include') => ({
    fullUrl: `${base}/${r.resourceType}/${r.id}`,
    resource: r,
    search: { mode },
  });
  const self = selfLink(base, search);
  const entries = [...graph.matches.map((r) => entry(r, 'match')), ...graph.includes.map((r) => entry(r, 'include'))];
  return {
    resourceType: 'Bundle',
    id: stableId(self, now.toISOString()),
    meta: { lastUpdated: formatParis(now), profile: [BUNDLE_PROFILE[useCase]] },
    type: 'searchset',
    total: graph.matches.length + extraTotal,
    link: [{ relation: 'self', url: self }],
    ...(entries.length > 0 ? { entry: entries } : {}),
  };
}

function wanted(search: ParsedSearch, system: string): string[] {
  return [...new Set(search.identifiers.filter((i) => i.system === undefined || i.system === system).map((i) => i.value))];
}

export function generateSearchResponse(jdd: Jdd | Jdd[], search: ParsedSearch, now: Date, opts: GenerateOptions): MockResponse {
  const jdds = Array.isArray(jdd) ? jdd : [jdd];
  const defects = opts.defects ?? new Set<DefectName>();
  const issues = checkSearchRequest(search);
  if (issues.length > 0) {
    if (defects.has('no-operation-outcome'))
      return { status: 200, body: bundle(search, { matches: [], includes: [] }, now, opts), contentType: FHIR_JSON };
    const shown = defects.has('injection') ? issues.map((i) => ({ ...i, text: `${i.text} ${INJECTION.script}` })) : issues;
    return { status: 400, body: operationOutcome(shown), contentType: FHIR_JSON };
  }

  const nowMs = now.getTime();
  const lower = search.ge?.prefix === 'gt' ? (search.ge?.epochMs ?? nowMs) + 1 : (search.ge?.epochMs ?? nowMs);
  const upper = search.le?.prefix === 'lt' ? (search.le?.epochMs ?? nowMs) - 1 : (search.le?.epochMs ?? nowMs);
  const window: Window = { from: Math.max(lower, nowMs), to: Math.min(upper, nowMs + HORIZON_DAYS * 86_400_000), now: nowMs };
  const status = search.status ?? 'free';

  let graph: Graph;
  let asked: string[];
  if (search.resourceType === 'Schedule') {
    asked = wanted(search, SYSTEM.idnst);
    const hits = asked
      .map((siret) => jdds.flatMap((j) => j.sos.filter((s) => s.siret === siret).map((s) => ({ sos: s as JddSosStructure, jdd: j }))))
      .flat();
    graph =
      status === 'free'
        ? buildSosGraph(hits, window, {
            slots: search.revincludes.includes('_revinclude=Slot:schedule'),
            location: has(search, '_include=Schedule:actor:Location', '_include=Schedule:actor'),
            organization: has(search, '_include:iterate=Location:organization', '_include=Location:organization'),
          })
        : { matches: [], includes: [] };
  } else {
    asked = wanted(search, SYSTEM.idnps);
    const hits = asked
      .map((idnps) =>
        jdds.flatMap((j) => j.practitioners.filter((p) => p.idnps === idnps).map((p) => ({ ps: p as JddPractitioner, jdd: j }))),
      )
      .flat();
    graph =
      status === 'free'
        ? buildSlotGraph(
            hits,
            search.useCase === 'cpts' ? 'cpts' : 'psindiv',
            window,
            {
              schedule: has(search, '_include=Slot:schedule'),
              actor: has(search, '_include:iterate=Schedule:actor', '_include=Schedule:actor'),
              healthcareService: has(search, '_include=Slot:service-type-reference'),
              organization: has(search, '_include:iterate=HealthcareService:organization', '_include=HealthcareService:organization'),
            },
            defects,
          )
        : { matches: [], includes: [] };
  }

  const useCase = search.resourceType === 'Schedule' ? 'sos' : search.useCase === 'cpts' ? 'cpts' : 'psindiv';
  const final = applyContentDefects(graph, defects, { useCase, window, askedTo: upper, asked, jdds });
  const extraTotal = defects.has('total-mismatch') ? 1 : 0;
  return { status: 200, body: bundle({ ...search, useCase }, final, now, opts, extraTotal), contentType: FHIR_JSON };
}
