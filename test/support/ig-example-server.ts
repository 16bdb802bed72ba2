/**
 * A small FHIR R4 search server for the end-to-end tests: it serves a fixed set of resources (the SAS
 * IG's own example resources, read from the package at test time by `readIgExampleResources`) and
 * answers the SAS slot search the way a FHIR server does, independently of sas-recette's code (its own
 * query parsing, date ranges and includes, so a bug in the tool's search builder cannot hide itself).
 *
 * - `GET {base}/Slot?…`: `start` (ge/le/gt/lt/eq, FHIR date ranges by precision; a time without offset
 *   is read as UTC), `schedule.actor:Practitioner.identifier` (comma list of `system|value`, `|value`,
 *   `value`), `status` (comma list), `_include` / `_include:iterate` (Slot:schedule, Schedule:actor,
 *   Slot:service-type-reference, HealthcareService:organization, PractitionerRole:practitioner,
 *   iterated to a fixpoint), `_count` and `_format` accepted. A searchset Bundle: matches then
 *   includes, `total` = the matches, a `self` link echoing the request as received, `fullUrl` =
 *   `{base}/{type}/{id}`; unknown identifiers give an empty searchset (`total: 0`).
 * - The SAS criteria are required (both start bounds, the identifiers, status: IG "PS individuel" /
 *   "CPTS" search tables, 1..25 identifiers); a request without them, a malformed date, an unknown
 *   include, or an unknown parameter under `Prefer: handling=strict` gets 400 + OperationOutcome
 *   (FHIR R4 search §3.1.1.4: lenient servers ignore unknown parameters, strict ones refuse them).
 * - `GET {base}/metadata`: a minimal CapabilityStatement; `GET {base}/{type}/{id}`: a read.
 * Plain HTTP on 127.0.0.1, port chosen by the OS.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { readTgz } from '../../src/fhir/packages/read-tgz.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Resource = { resourceType: string; id: string } & Record<string, any>;

export const FHIR_JSON = 'application/fhir+json';
const R5_SERVICE_TYPE = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Slot.serviceType';
const MAX_IDENTIFIERS = 25;

export interface ExampleSet {
  /** Distinct resources of the Bundles' entries (same type/id in two Bundles must be identical). */
  resources: Resource[];
  /** meta.profile of the example Bundles (the Bundle profile of the use case). */
  bundleProfiles: string[];
  /** The `start=ge…` of the Bundles' self links (when the example searches were made), epoch ms. */
  searchedAt: number[];
}

/**
 * The resources of some example Bundles of a package (`package/example/Bundle-<name>.json`), read
 * now from the `.tgz`. The Bundles' entries, not the standalone example files: the Bundles are the
 * answers the IG publishes and the official QA judges (the standalone files hold more, e.g. a Slot
 * ExampleSlotPSIndiv5 that no example answer contains).
 */
export async function readIgExampleResources(tgz: string, bundleNames: string[]): Promise<ExampleSet> {
  const wanted = new Set(bundleNames.map((n) => `package/example/Bundle-${n}.json`));
  const files = await readTgz(tgz, (n) => wanted.has(n));
  const missing = [...wanted].filter((w) => !files.some((f) => f.name === w));
  if (missing.length > 0) throw new Error(`${tgz}: no ${missing.join(', ')}`);
  const byKey = new Map<string, Resource>();
  const profiles = new Set<string>();
  const searchedAt: number[] = [];
  for (const name of [...wanted]) {
    const bundle = JSON.parse(files.find((f) => f.name === name)!.content.toString('utf8'));
    for (const p of bundle.meta?.profile ?? []) profiles.add(p);
    for (const link of bundle.link ?? []) {
      const q = String(link.url ?? '').split('?')[1] ?? '';
      const ge = parseQuery(q).find(([n, v]) => /(^|:)start$/.test(n) && v.startsWith('ge'));
      const range = ge ? dateRange(ge[1].slice(2)) : undefined;
      if (range) searchedAt.push(range[0]);
    }
    for (const e of bundle.entry ?? []) {
      const r = e.resource as Resource;
      const key = `${r.resourceType}/${r.id}`;
      const seen = byKey.get(key);
      if (seen && !isDeepStrictEqual(seen, r)) throw new Error(`${key} differs between the example Bundles ${bundleNames.join(', ')}`);
      if (!seen) byKey.set(key, r);
    }
  }
  return { resources: [...byKey.values()], bundleProfiles: [...profiles], searchedAt };
}

// ── query parsing ────────────────────────────────────────────────────────────────────────────────

class BadRequest extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly expression?: string,
  ) {
    super(message);
  }
}

/** `a=b&c=d` → pairs, percent-decoded; a raw `+` stays a `+` (the IG writes offsets that way). */
export function parseQuery(query: string): [string, string][] {
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const [n, v] = eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
      try {
        return [decodeURIComponent(n), decodeURIComponent(v)];
      } catch {
        throw new BadRequest('invalid', `malformed percent-encoding in "${p.slice(0, 100)}"`);
      }
    });
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** A FHIR search date → [start, end) in epoch ms, by its precision; undefined when not a date. */
export function dateRange(text: string): [number, number] | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => (m[i] === undefined ? undefined : Number(m[i])));
  if (mo !== undefined && (mo < 1 || mo > 12)) return undefined;
  if (d !== undefined && (d < 1 || d > new Date(Date.UTC(y!, mo!, 0)).getUTCDate())) return undefined;
  if (h !== undefined && (h > 23 || mi! > 59 || (s ?? 0) > 59)) return undefined;
  const zone = m[8];
  const offsetMin = !zone || zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  if (Math.abs(offsetMin) > 14 * 60) return undefined;
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const start = Date.UTC(y!, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0) + frac - offsetMin * 60_000;
  let end: number;
  if (mo === undefined) end = Date.UTC(y! + 1, 0, 1);
  else if (d === undefined) end = Date.UTC(y!, mo, 1);
  else if (h === undefined) end = Date.UTC(y!, mo - 1, d + 1);
  else end = start + (m[7] ? 1 : s === undefined ? 60_000 : 1000);
  return [start, end];
}

type DateTest = (t: number) => boolean;

function dateTest(value: string): DateTest {
  const m = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(.*)$/.exec(value) as RegExpExecArray;
  const prefix = m[1] ?? 'eq';
  const range = dateRange(m[2]);
  if (!range) throw new BadRequest('invalid', `start=${value}: "${m[2]}" is not a valid FHIR date`, 'Slot.start');
  const [lo, hi] = range;
  switch (prefix) {
    case 'ge':
      return (t) => t >= lo;
    case 'gt':
      return (t) => t >= hi;
    case 'le':
      return (t) => t < hi;
    case 'lt':
      return (t) => t < lo;
    case 'eq':
      return (t) => t >= lo && t < hi;
    default:
      throw new BadRequest('not-supported', `start=${value}: prefix "${prefix}" is not supported (ge, le, gt, lt, eq)`, 'Slot.start');
  }
}

interface Token {
  system?: string;
  value?: string;
}

function tokens(value: string): Token[] {
  return value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((t) => {
      const bar = t.indexOf('|');
      if (bar < 0) return { value: t };
      const system = t.slice(0, bar);
      const v = t.slice(bar + 1);
      return { system, ...(v ? { value: v } : {}) };
    });
}

function identifierMatches(ids: any[] | undefined, token: Token): boolean {
  return (ids ?? []).some(
    (i) =>
      (token.system === undefined || (token.system === '' ? i.system === undefined : i.system === token.system)) &&
      (token.value === undefined || i.value === token.value),
  );
}

// ── search ───────────────────────────────────────────────────────────────────────────────────────

/** Include name → the references it follows from a resource of its source type. */
const INCLUDES: Record<string, { source: string; refs: (r: Resource) => unknown[] }> = {
  'Slot:schedule': { source: 'Slot', refs: (r) => [r.schedule] },
  'Schedule:actor': { source: 'Schedule', refs: (r) => r.actor ?? [] },
  'Slot:service-type-reference': {
    source: 'Slot',
    refs: (r) =>
      (r.serviceType ?? []).flatMap((st: any) =>
        (st.extension ?? []).filter((e: any) => e.url === R5_SERVICE_TYPE).map((e: any) => e.valueReference),
      ),
  },
  'HealthcareService:organization': { source: 'HealthcareService', refs: (r) => [r.providedBy] },
  'PractitionerRole:practitioner': { source: 'PractitionerRole', refs: (r) => [r.practitioner] },
};

const KNOWN_PARAMS = new Set([
  'start',
  'status',
  'schedule.actor:Practitioner.identifier',
  '_include',
  '_include:iterate',
  '_count',
  '_format',
]);

interface Include {
  name: string;
  target?: string;
  iterate: boolean;
}

function parseInclude(param: string, value: string): Include {
  const parts = value.split(':');
  const name = parts.slice(0, 2).join(':');
  if (!INCLUDES[name] || parts.length > 3)
    throw new BadRequest('not-supported', `${param}=${value}: include not supported by this server`, param);
  return { name, iterate: param === '_include:iterate', ...(parts[2] ? { target: parts[2] } : {}) };
}

export class ExampleStore {
  private readonly byKey = new Map<string, Resource>();

  constructor(readonly resources: Resource[]) {
    for (const r of resources) this.byKey.set(`${r.resourceType}/${r.id}`, r);
  }

  get(key: string): Resource | undefined {
    return this.byKey.get(key);
  }

  /** A literal reference (`Type/id`, or absolute ending so) → the served resource. */
  resolve(ref: unknown): Resource | undefined {
    const reference = (ref as { reference?: unknown } | undefined)?.reference;
    if (typeof reference !== 'string') return undefined;
    const m = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
    return m ? this.byKey.get(`${m[1]}/${m[2]}`) : undefined;
  }

  private isOneOf(ref: unknown, keys: Set<string>): boolean {
    const r = this.resolve(ref);
    return r !== undefined && keys.has(`${r.resourceType}/${r.id}`);
  }

  /**
   * The Slot search: matched Slots, then what the includes bring. Throws BadRequest for what this
   * server refuses.
   */
  searchSlots(params: [string, string][], strict: boolean): { matches: Resource[]; includes: Resource[] } {
    const unknown = params.filter(([n]) => !KNOWN_PARAMS.has(n)).map(([n]) => n);
    if (strict && unknown.length > 0)
      throw new BadRequest('not-supported', `unknown search parameter(s) ${unknown.join(', ')} (Prefer: handling=strict)`, unknown[0]);
    const values = (name: string) => params.filter(([n]) => n === name).map(([, v]) => v);

    const starts = values('start');
    const lower = starts.filter((s) => /^(ge|gt)/.test(s));
    const upper = starts.filter((s) => /^(le|lt)/.test(s));
    const dateTests = starts.map(dateTest);
    if (lower.length !== 1 || upper.length !== 1) {
      throw new BadRequest('required', 'the SAS search needs one lower bound (start=ge…) and one upper bound (start=le…)', 'Slot.start');
    }
    const ids = values('schedule.actor:Practitioner.identifier');
    if (ids.length !== 1)
      throw new BadRequest(
        'required',
        'give the practitioners once: schedule.actor:Practitioner.identifier=system|value,…',
        'Practitioner.identifier',
      );
    const wanted = tokens(ids[0]);
    if (wanted.length === 0) throw new BadRequest('required', 'no practitioner identifier given', 'Practitioner.identifier');
    if (wanted.length > MAX_IDENTIFIERS)
      throw new BadRequest(
        'too-costly',
        `${wanted.length} identifiers; the SAS search takes 1 to ${MAX_IDENTIFIERS}`,
        'Practitioner.identifier',
      );
    const statuses = values('status');
    if (statuses.length !== 1) throw new BadRequest('required', 'give the status criterion once (status=free)', 'Slot.status');
    const statusSet = new Set(tokens(statuses[0]).map((t) => t.value));
    const count = values('_count');
    if (count.some((c) => !/^\d+$/.test(c))) throw new BadRequest('invalid', `_count must be a non-negative integer`, '_count');
    const includes = [
      ...values('_include').map((v) => parseInclude('_include', v)),
      ...values('_include:iterate').map((v) => parseInclude('_include:iterate', v)),
    ];

    const practitioners = new Set(
      this.resources
        .filter((r) => r.resourceType === 'Practitioner' && wanted.some((t) => identifierMatches(r.identifier, t)))
        .map((r) => `Practitioner/${r.id}`),
    );
    const schedules = new Set(
      this.resources
        .filter((r) => r.resourceType === 'Schedule' && (r.actor ?? []).some((a: unknown) => this.isOneOf(a, practitioners)))
        .map((r) => `Schedule/${r.id}`),
    );
    const matches = this.resources.filter((r) => {
      if (r.resourceType !== 'Slot') return false;
      const t = Date.parse(r.start);
      return this.isOneOf(r.schedule, schedules) && statusSet.has(r.status) && dateTests.every((test) => test(t));
    });

    const out: Resource[] = [];
    const seen = new Set(matches.map((r) => `${r.resourceType}/${r.id}`));
    const follow = (from: Resource[], inc: Include): Resource[] => {
      const added: Resource[] = [];
      for (const r of from.filter((x) => x.resourceType === INCLUDES[inc.name].source)) {
        for (const ref of INCLUDES[inc.name].refs(r)) {
          const target = this.resolve(ref);
          if (!target || (inc.target && target.resourceType !== inc.target)) continue;
          const key = `${target.resourceType}/${target.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          added.push(target);
        }
      }
      return added;
    };
    for (const inc of includes.filter((i) => !i.iterate)) out.push(...follow(matches, inc));
    const iterated = includes.filter((i) => i.iterate);
    for (let changed = true; changed;) {
      changed = false;
      for (const inc of iterated) {
        const added = follow([...matches, ...out], inc);
        if (added.length > 0) {
          out.push(...added);
          changed = true;
        }
      }
    }
    return { matches, includes: out };
  }
}

// ── HTTP ─────────────────────────────────────────────────────────────────────────────────────────

export function operationOutcome(code: string, text: string, expression?: string): Record<string, unknown> {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, diagnostics: text, ...(expression ? { expression: [expression] } : {}) }],
  };
}

function capabilityStatement(): Record<string, unknown> {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2025-01-01',
    kind: 'instance',
    implementation: { description: 'sas-recette test server serving the SAS IG example resources' },
    fhirVersion: '4.0.1',
    format: [FHIR_JSON],
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'Slot',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: 'start', type: 'date' },
              { name: 'status', type: 'token' },
              { name: 'schedule', type: 'reference' },
            ],
            searchInclude: Object.keys(INCLUDES),
          },
          { type: 'Schedule', interaction: [{ code: 'read' }], searchParam: [{ name: 'actor', type: 'reference' }] },
          { type: 'Practitioner', interaction: [{ code: 'read' }], searchParam: [{ name: 'identifier', type: 'token' }] },
          { type: 'PractitionerRole', interaction: [{ code: 'read' }] },
          { type: 'HealthcareService', interaction: [{ code: 'read' }] },
          { type: 'Organization', interaction: [{ code: 'read' }] },
        ],
      },
    ],
  };
}

export interface IgExampleServerOptions {
  resources: Resource[];
  /** meta.profile of the searchset Bundles (the Bundle profile of the examples served). */
  bundleProfiles?: string[];
  /** FHIR base path (default `/fhir`). */
  basePath?: string;
}

export interface IgExampleServer {
  /** `http://127.0.0.1:PORT/fhir` */
  baseUrl: string;
  /** Path and query of every request received, in order. */
  requests: string[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': `${FHIR_JSON}; charset=utf-8`, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startIgExampleServer(o: IgExampleServerOptions): Promise<IgExampleServer> {
  const store = new ExampleStore(o.resources);
  const basePath = (o.basePath ?? '/fhir').replace(/\/+$/, '');
  const requests: string[] = [];
  let origin = '';

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const raw = req.url ?? '/';
    requests.push(raw);
    const q = raw.indexOf('?');
    const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/+$/, '');
    const query = q < 0 ? '' : raw.slice(q + 1);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, operationOutcome('not-supported', `${req.method} is not supported; this server answers GET`));
    if (!path.startsWith(`${basePath}/`)) return send(res, 404, operationOutcome('not-found', `no route for ${path.slice(0, 200)}`));
    const rest = path.slice(basePath.length + 1);
    if (rest === 'metadata') return send(res, 200, capabilityStatement());
    if (rest === 'Slot') {
      const strict = /(^|[;,\s])handling\s*=\s*strict\b/i.test(String(req.headers.prefer ?? ''));
      try {
        const { matches, includes } = store.searchSlots(parseQuery(query), strict);
        const entry = (r: Resource, mode: 'match' | 'include') => ({
          fullUrl: `${origin}${basePath}/${r.resourceType}/${r.id}`,
          resource: r,
          search: { mode },
        });
        const entries = [...matches.map((r) => entry(r, 'match')), ...includes.map((r) => entry(r, 'include'))];
        return send(res, 200, {
          resourceType: 'Bundle',
          id: randomUUID(),
          ...(o.bundleProfiles && o.bundleProfiles.length > 0 ? { meta: { profile: o.bundleProfiles } } : {}),
          type: 'searchset',
          total: matches.length,
          link: [{ relation: 'self', url: `${origin}${raw}` }],
          ...(entries.length > 0 ? { entry: entries } : {}),
        });
      } catch (err) {
        if (err instanceof BadRequest) return send(res, 400, operationOutcome(err.code, err.message, err.expression));
        return send(res, 500, operationOutcome('exception', (err as Error).message));
      }
    }
    const read = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(rest);
    const found = read ? store.get(`${read[1]}/${read[2]}`) : undefined;
    if (found) return send(res, 200, found);
    return send(res, 404, operationOutcome('not-found', `no resource or route ${rest.slice(0, 200)}`));
  };

  const server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}${basePath}`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
