/**
 * The IG example server (test/support/ig-example-server.ts) answers real HTTP requests like a FHIR
 * search server: the right Slots for the practitioners and window asked, the includes, total, self
 * link, fullUrls; empty searchset for unknown identifiers; 400 + OperationOutcome for invalid
 * searches. The examples are read from the SAS package at test time; identifiers and ids used here
 * are taken from the served resources, never written in this file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dateRange,
  readIgExampleResources,
  startIgExampleServer,
  type ExampleSet,
  type IgExampleServer,
  type Resource,
} from './ig-example-server.js';

const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? resolve(__dirname, '../../../shared/fhir-packages');
const SAS_TGZ = resolve(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz');
const IDNPS = 'urn:oid:1.2.250.1.71.4.2.1';

/* eslint-disable @typescript-eslint/no-explicit-any */
const enc = (s: string) => encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',');

function slotQuery(ids: string[], ge: string, le: string, includes: [string, string][], extra = ''): string {
  const inc = includes.map(([n, v]) => `${n}=${v}`).join('&');
  return `Slot?${inc}&start=ge${enc(ge)}&start=le${enc(le)}&schedule.actor:Practitioner.identifier=${enc(ids.map((i) => `${IDNPS}|${i}`).join(','))}&status=free${extra}`;
}

const PS_INCLUDES: [string, string][] = [
  ['_include', 'Slot:schedule'],
  ['_include:iterate', 'Schedule:actor'],
];
const CPTS_INCLUDES: [string, string][] = [
  ...PS_INCLUDES,
  ['_include', 'Slot:service-type-reference'],
  ['_include:iterate', 'HealthcareService:organization'],
];

async function get(
  server: IgExampleServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; body: any }> {
  const r = await fetch(`${server.baseUrl}/${path}`, { headers: { accept: 'application/fhir+json', ...headers } });
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.json() };
}

const idnpsOf = (p: Resource): string => p.identifier.find((i: any) => i.system === IDNPS).value;
const keys = (b: any, mode?: string): string[] =>
  (b.entry ?? []).filter((e: any) => !mode || e.search.mode === mode).map((e: any) => `${e.resource.resourceType}/${e.resource.id}`);

describe.runIf(existsSync(SAS_TGZ))('IG example server', () => {
  let cpts: ExampleSet;
  let ps: ExampleSet;
  let cptsServer: IgExampleServer;
  let psServer: IgExampleServer;

  beforeAll(async () => {
    cpts = await readIgExampleResources(SAS_TGZ, ['ExampleBundleCPTS1', 'ExampleBundleCPTS2']);
    ps = await readIgExampleResources(SAS_TGZ, ['ExampleBundlePSIndiv']);
    cptsServer = await startIgExampleServer({ resources: cpts.resources, bundleProfiles: cpts.bundleProfiles });
    psServer = await startIgExampleServer({ resources: ps.resources, bundleProfiles: ps.bundleProfiles });
  });
  afterAll(async () => {
    await cptsServer?.close();
    await psServer?.close();
  });

  it('FHIR date ranges follow the precision of the value', () => {
    expect(dateRange('2024-06-12T16:20:00.000+02:00')).toEqual([Date.UTC(2024, 5, 12, 14, 20), Date.UTC(2024, 5, 12, 14, 20) + 1]);
    expect(dateRange('2024-06-12')).toEqual([Date.UTC(2024, 5, 12), Date.UTC(2024, 5, 13)]);
    expect(dateRange('2024-06-12T16:20:00Z')).toEqual([Date.UTC(2024, 5, 12, 16, 20), Date.UTC(2024, 5, 12, 16, 20, 1)]);
    for (const bad of ['2026-02-30T10:00:00Z', '2026-13-45T25:61:00', '2024-06-12T24:00:00Z', 'tomorrow'])
      expect(dateRange(bad)).toBeUndefined();
  });

  it("CPTS: the practitioner's slots with Schedule, Practitioner, PractitionerRole, HealthcareServices and Organizations", async () => {
    const slots = cpts.resources.filter((r) => r.resourceType === 'Slot');
    const practitioner = cpts.resources.find((r) => r.resourceType === 'Practitioner')!;
    const first = Math.min(...slots.map((s) => Date.parse(s.start)));
    const ge = new Date(first - 3_600_000).toISOString();
    const le = new Date(first + 48 * 3_600_000).toISOString();
    const path = slotQuery([idnpsOf(practitioner)], ge, le, CPTS_INCLUDES);
    const r = await get(cptsServer, path);
    expect(r.status).toBe(200);
    expect(r.type).toContain('application/fhir+json');
    expect(r.body).toMatchObject({
      resourceType: 'Bundle',
      type: 'searchset',
      total: slots.length,
      meta: { profile: cpts.bundleProfiles },
    });
    expect(r.body.link).toEqual([{ relation: 'self', url: `${cptsServer.baseUrl}/${path}` }]);
    expect(keys(r.body, 'match').sort()).toEqual(slots.map((s) => `Slot/${s.id}`).sort());
    // every other example resource is brought by the includes, once
    const others = cpts.resources.filter((x) => x.resourceType !== 'Slot').map((x) => `${x.resourceType}/${x.id}`);
    expect(keys(r.body, 'include').sort()).toEqual(others.sort());
    for (const e of r.body.entry) expect(e.fullUrl).toBe(`${cptsServer.baseUrl}/${e.resource.resourceType}/${e.resource.id}`);
    // the served resources are the examples as published
    expect(r.body.entry.find((e: any) => e.resource.resourceType === 'Practitioner').resource).toEqual(practitioner);
  });

  it('without the CPTS includes no HealthcareService nor Organization; the window filters the slots', async () => {
    const practitioner = cpts.resources.find((r) => r.resourceType === 'Practitioner')!;
    const slot = cpts.resources.find((r) => r.resourceType === 'Slot')!;
    const r = await get(cptsServer, slotQuery([idnpsOf(practitioner)], slot.start, slot.start, PS_INCLUDES));
    expect(new Set(keys(r.body).map((k) => k.split('/')[0]))).toEqual(new Set(['Slot', 'Schedule', 'Practitioner', 'PractitionerRole']));
    const after = new Date(Date.parse(slot.start) + 1000).toISOString();
    const later = await get(
      cptsServer,
      slotQuery([idnpsOf(practitioner)], after, new Date(Date.parse(after) + 86_400_000).toISOString(), CPTS_INCLUDES),
    );
    expect(later.body).toMatchObject({ type: 'searchset', total: 0 });
    expect(later.body.entry).toBeUndefined();
  });

  it('PS: two practitioners, each slot under its own Schedule and actors; an unknown identifier adds nothing', async () => {
    const practitioners = ps.resources.filter((r) => r.resourceType === 'Practitioner');
    expect(practitioners.length).toBeGreaterThanOrEqual(2);
    const starts = ps.resources.filter((r) => r.resourceType === 'Slot').map((s) => Date.parse(s.start));
    const ge = new Date(Math.min(...starts)).toISOString();
    const le = new Date(Math.max(...starts)).toISOString();
    const all = await get(psServer, slotQuery(practitioners.map(idnpsOf), ge, le, PS_INCLUDES));
    expect(all.body.total).toBe(starts.length);
    const withUnknown = await get(psServer, slotQuery([...practitioners.map(idnpsOf), '899999999999'], ge, le, PS_INCLUDES));
    expect(keys(withUnknown.body)).toEqual(keys(all.body));
    // one practitioner: only the slots whose Schedule names him
    const [one] = practitioners;
    const own = await get(psServer, slotQuery([idnpsOf(one)], ge, le, PS_INCLUDES));
    const schedules = own.body.entry.filter((e: any) => e.resource.resourceType === 'Schedule').map((e: any) => e.resource);
    expect(schedules.length).toBeGreaterThan(0);
    for (const s of schedules) expect(s.actor.map((a: any) => a.reference)).toContain(`Practitioner/${one.id}`);
    expect(own.body.total).toBe(own.body.entry.filter((e: any) => e.search.mode === 'match').length);
    expect(own.body.total).toBeLessThan(all.body.total);
  });

  it('unknown practitioner: 200 and an empty searchset', async () => {
    const r = await get(psServer, slotQuery(['899999999999'], '2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', PS_INCLUDES));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 0 });
  });

  it.each([
    ['no status', (q: string) => q.replace('&status=free', ''), 'required'],
    ['a malformed date', (q: string) => q.replace(/start=ge[^&]+/, 'start=ge2026-02-30T25:61:00'), 'invalid'],
    ['no identifier', (q: string) => q.replace(/&schedule\.actor[^&]+/, ''), 'required'],
    [
      '26 identifiers',
      (q: string) =>
        q.replace(/(identifier=)[^&]+/, `$1${Array.from({ length: 26 }, (_, i) => `899999${String(i).padStart(6, '0')}`).join(',')}`),
      'too-costly',
    ],
    ['an unknown include', (q: string) => `${q}&_include=Slot:nothing`, 'not-supported'],
  ])('400 + OperationOutcome for %s', async (_label, edit, code) => {
    const r = await get(psServer, edit(slotQuery(['899999999999'], '2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', PS_INCLUDES)));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code }] });
  });

  it('an unknown parameter is ignored, unless Prefer: handling=strict', async () => {
    const q = `${slotQuery(['899999999999'], '2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z', PS_INCLUDES)}&foo=1`;
    expect((await get(psServer, q)).status).toBe(200);
    expect((await get(psServer, q, { prefer: 'handling=strict' })).status).toBe(400);
  });

  it('metadata is a CapabilityStatement; other routes 404 with an OperationOutcome', async () => {
    const m = await get(psServer, 'metadata');
    expect(m.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', rest: [{ mode: 'server' }] });
    const n = await get(psServer, 'Appointment?x=1');
    expect(n.status).toBe(404);
    expect(n.body.resourceType).toBe('OperationOutcome');
  });
});
