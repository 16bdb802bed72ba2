/**
 * The SAS slot searches: building the exact request of each use case (IG pages "PS individuel",
 * "CPTS", "SOS Médecins") and parsing a request back from a query string, a path, a full URL or a
 * Bundle self link.
 *
 * The query string is split by hand rather than with URLSearchParams: URLSearchParams turns a raw
 * `+` into a space, which would corrupt the offsets the IG writes literally (`…16:20:00.000+02:00`).
 */
import { SetupError } from '../core/errors.js';
import type { UseCase } from '../core/model.js';
import type { ParsedSearch, SearchDate } from './search-types.js';
import { parseFhirDateTime } from './time.js';
import { SYSTEM } from './canonicals.js';

export const IDNPS_SYSTEM = SYSTEM.idnps;
export const IDNST_SYSTEM = SYSTEM.idnst;

/** Parameter names per resource searched. */
const NAMES = {
  Slot: { start: 'start', status: 'status', identifier: 'schedule.actor:Practitioner.identifier' },
  Schedule: {
    start: '_has:Slot:schedule:start',
    status: '_has:Slot:schedule:status',
    identifier: 'actor:Location.organization.identifier',
  },
} as const;

/** The includes each use case sends, in the IG's order. */
export const INCLUDES: Record<UseCase, [string, string][]> = {
  psindiv: [
    ['_include', 'Slot:schedule'],
    ['_include:iterate', 'Schedule:actor'],
  ],
  cpts: [
    ['_include', 'Slot:schedule'],
    ['_include:iterate', 'Schedule:actor'],
    ['_include', 'Slot:service-type-reference'],
    ['_include:iterate', 'HealthcareService:organization'],
  ],
  sos: [
    ['_revinclude', 'Slot:schedule'],
    ['_include', 'Schedule:actor:Location'],
    ['_include:iterate', 'Location:organization'],
  ],
};

export function searchPath(useCase: UseCase): 'Slot' | 'Schedule' {
  return useCase === 'sos' ? 'Schedule' : 'Slot';
}

export interface SearchQuerySpec {
  /** Window bounds, sent after `ge` / `le` (e.g. `2026-03-02T08:00:00.000+01:00`). */
  ge: string;
  le: string;
  /** IDNPS (psindiv, cpts) or IDNST/SIRET with prefix `3` (sos); `system|value` is kept as given. */
  identifiers: string[];
  /** `free` by default; null leaves the status criterion out. */
  status?: string | null;
  /** Appended as given (e.g. `['_count', '1000']`). */
  extraParams?: [string, string][];
  /** Parameter names (or exact `name=value` pairs) to leave out, for negative tests. */
  omit?: string[];
}

/**
 * Percent-encodes a name or value the way the SAS platform sends it: `+` → `%2B`, `|` → `%7C`,
 * spaces and other reserved characters encoded; `:` and `,` (chained names, OR lists) kept raw.
 */
export function encodeSearchPart(s: string): string {
  return encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/**
 * The request of one use case, relative to the endpoint base: `Slot?…` or `Schedule?…`.
 * Identifier counts are not limited here (1..25 is the contract; tests send 26 on purpose).
 */
export function buildSearchQuery(useCase: UseCase, p: SearchQuerySpec): string {
  const resource = searchPath(useCase);
  const names = NAMES[resource];
  const system = useCase === 'sos' ? IDNST_SYSTEM : IDNPS_SYSTEM;
  const ids = p.identifiers.map((id) => id.trim()).filter((id) => id !== '');
  const params: [string, string][] = [...INCLUDES[useCase]];
  params.push([names.start, `ge${p.ge}`], [names.start, `le${p.le}`]);
  if (ids.length > 0) {
    params.push([names.identifier, ids.map((id) => (id.includes('|') ? id : `${system}|${id}`)).join(',')]);
  }
  const status = p.status === undefined ? 'free' : p.status;
  if (status !== null) params.push([names.status, status]);
  params.push(...(p.extraParams ?? []));
  const omit = new Set(p.omit ?? []);
  const kept = params.filter(([n, v]) => !omit.has(n) && !omit.has(`${n}=${v}`));
  return `${resource}?${kept.map(([n, v]) => `${encodeSearchPart(n)}=${encodeSearchPart(v)}`).join('&')}`;
}

/** decodeURIComponent that leaves `+` alone and keeps malformed escapes as written. */
function decodePart(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

function searchDate(value: string, bound: 'lower' | 'upper'): SearchDate {
  const m = /^(ge|gt|le|lt|eq|ne|sa|eb|ap)?(.*)$/.exec(value) as RegExpExecArray;
  const prefix = m[1] as SearchDate['prefix'] | undefined;
  const text = m[2];
  const parsed = parseFhirDateTime(text);
  const epochMs = parsed ? (bound === 'lower' ? parsed.epochMs : parsed.endMs) : NaN;
  return { raw: text, epochMs, hasOffset: parsed?.hasOffset ?? false, ...(prefix ? { prefix } : {}) };
}

/** Splits `[prefix]Slot?query` → parts; accepts a bare query (`?a=b` or `a=b`). */
function splitTarget(text: string): { base?: string; resource?: string; query: string } {
  const q = text.indexOf('?');
  const before = q >= 0 ? text.slice(0, q) : text.includes('=') ? '' : text;
  const query = q >= 0 ? text.slice(q + 1) : text.includes('=') ? text : '';
  const path = before.replace(/\/+$/, '');
  if (path === '') return { query };
  const slash = path.lastIndexOf('/');
  const resource = path.slice(slash + 1);
  const base = slash >= 0 ? path.slice(0, slash) : undefined;
  return { base: base || undefined, resource, query };
}

/**
 * Parses a SAS search. Throws SetupError when the text names a resource other than Slot or
 * Schedule; a bare query string is typed from its parameters (`_has:Slot…` → Schedule).
 */
export function parseSearch(queryOrUrl: string): ParsedSearch {
  const raw = queryOrUrl.trim();
  const { base, resource, query } = splitTarget(raw.split('#')[0]);
  const params: [string, string][] = query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? [decodePart(p), ''] : [decodePart(p.slice(0, eq)), decodePart(p.slice(eq + 1))];
    });
  if (resource !== undefined && resource !== 'Slot' && resource !== 'Schedule' && /^[A-Z][A-Za-z]+$/.test(resource)) {
    throw new SetupError({
      fr: `la recherche «\u00a0${raw}\u00a0» porte sur ${resource}\u00a0; une recherche SAS porte sur Slot ou Schedule`,
      en: `search "${raw}" is on ${resource}; a SAS search is on Slot or Schedule`,
    });
  }
  const resourceType: 'Slot' | 'Schedule' =
    resource === 'Slot' || resource === 'Schedule'
      ? resource
      : params.some(([n]) => n.startsWith('_has:Slot:') || n === NAMES.Schedule.identifier)
        ? 'Schedule'
        : 'Slot';
  const names = NAMES[resourceType];
  const out: ParsedSearch = { resourceType, identifiers: [], includes: [], revincludes: [], params, raw };
  if (base) out.base = base;
  for (const [name, value] of params) {
    if (name === names.start) {
      const v = value.trim();
      if (/^(ge|gt)/.test(v)) out.ge = searchDate(v, 'lower');
      else if (/^(le|lt)/.test(v)) out.le = searchDate(v, 'upper');
    } else if (name === names.status) {
      out.status = value.trim();
    } else if (name === names.identifier) {
      for (const item of value.split(',')) {
        const t = item.trim();
        if (t === '') continue;
        const bar = t.indexOf('|');
        out.identifiers.push(bar < 0 ? { value: t } : { system: t.slice(0, bar).trim() || undefined, value: t.slice(bar + 1).trim() });
      }
    } else if (name === '_include' || name.startsWith('_include:')) {
      out.includes.push(`${name}=${value.trim()}`);
    } else if (name === '_revinclude' || name.startsWith('_revinclude:')) {
      out.revincludes.push(`${name}=${value.trim()}`);
    } else if (name === '_count' && /^\d+$/.test(value.trim())) {
      out.count = Number(value.trim());
    }
  }
  out.useCase =
    resourceType === 'Schedule' ? 'sos' : out.includes.some((i) => i.endsWith('=Slot:service-type-reference')) ? 'cpts' : 'psindiv';
  return out;
}
