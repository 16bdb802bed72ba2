import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SetupError } from '../../src/core/errors.js';
import type { DefectName } from '../../src/mock/defects.js';
import { SLOW_DEFAULT_MS, startMockServer, type MockServer } from '../../src/mock/server.js';
import { CPTS_JDD, JDDS, NOW, PS_JDD, psByTag, query, SOS_JDD, type Json } from './helpers.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

async function get(url: string, signal?: AbortSignal) {
  const res = await request(url, { headers: { accept: 'application/fhir+json' }, signal });
  const text = await res.body.text();
  return { status: res.statusCode, type: String(res.headers['content-type']), text, json: () => JSON.parse(text) as Json };
}

async function withServer(defects: DefectName[], fn: (url: string) => Promise<void>, extra: { delayMs?: number } = {}) {
  const server = await startMockServer({ jdd: JDDS, defects, now: () => NOW, ...extra });
  try {
    await fn(server.url);
  } finally {
    await server.close();
  }
}

describe('reference editor over HTTP', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ jdd: JDDS, now: () => NOW });
  });
  afterAll(() => server.close());

  it('listens on loopback and gives its FHIR base', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
  });

  it.each([
    ['psindiv', () => query('psindiv', [psByTag(PS_JDD, 'two-places').idnps]), ['Slot', 'Schedule', 'Practitioner', 'PractitionerRole']],
    [
      'cpts',
      () => query('cpts', [psByTag(CPTS_JDD, 'cpts-shared-slot').idnps]),
      ['Slot', 'Schedule', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Organization'],
    ],
    ['sos', () => query('sos', [SOS_JDD.sos[0].siret]), ['Schedule', 'Slot', 'Location', 'Organization']],
  ] as const)('answers the %s search with the self link of the request', async (_uc, make, types) => {
    const url = `${server.url}/${make()}`;
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.type).toBe(FHIR_JSON);
    const bundle = res.json();
    expect(bundle.link).toEqual([{ relation: 'self', url }]);
    expect([...new Set(bundle.entry.map((e: Json) => e.resource.resourceType))]).toEqual(types);
    expect(bundle.entry.every((e: Json) => e.fullUrl.startsWith(`${server.url}/`))).toBe(true);
    expect(bundle.total).toBe(bundle.entry.filter((e: Json) => e.search.mode === 'match').length);
  });

  it('serves a CapabilityStatement declaring the searches of each use case', async () => {
    const res = await get(`${server.url}/metadata`);
    expect(res.status).toBe(200);
    const cs = res.json();
    expect(cs).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      format: ['application/fhir+json'],
      kind: 'instance',
    });
    const [slot, schedule] = cs.rest[0].resource;
    expect(slot.type).toBe('Slot');
    expect(slot.searchInclude).toEqual([
      'Slot:schedule',
      'Schedule:actor',
      'Slot:service-type-reference',
      'HealthcareService:organization',
    ]);
    expect(slot.searchParam.map((p: Json) => p.name)).toEqual(['start', 'status', 'schedule', 'service-type-reference']);
    expect(schedule).toMatchObject({
      type: 'Schedule',
      searchRevInclude: ['Slot:schedule'],
      searchInclude: ['Schedule:actor:Location', 'Location:organization'],
    });
    expect(cs.instantiates).toHaveLength(3);
  });

  it('answers bad parameters with 400 and an OperationOutcome', async () => {
    const res = await get(`${server.url}/${query('psindiv', [PS_JDD.practitioners[0].idnps], { status: null })}`);
    expect(res.status).toBe(400);
    expect(res.type).toBe(FHIR_JSON);
    expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'required' }] });
  });

  it('answers unknown routes with 404 and other methods with 405, each with an OperationOutcome', async () => {
    const missing = await get(`${server.url}/Patient?name=x`);
    expect(missing.status).toBe(404);
    expect(missing.json().issue[0].code).toBe('not-found');
    const post = await request(`${server.url}/Slot`, { method: 'POST', body: '{}' });
    expect(post.statusCode).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(JSON.parse(await post.body.text()).resourceType).toBe('OperationOutcome');
  });

  it('survives odd requests', async () => {
    const odd = [
      '/fhir/Slot?%E0%A4%A',
      '/fhir/Slot?start=ge%00&&&==&status',
      '/../../etc/passwd',
      `/fhir/Slot?${'a='.repeat(2000)}`,
      '/fhir/Schedule?_has:Slot:schedule:start=ge2026-02-30T00:00:00',
    ];
    for (const path of odd) {
      const res = await get(`${server.url.replace(/\/fhir$/, '')}${path}`);
      expect([400, 404]).toContain(res.status);
      expect(res.json().resourceType).toBe('OperationOutcome');
    }
    // A malformed HTTP request line: the server answers 400 and stays up.
    const port = Number(new URL(server.url).port);
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GARBAGE\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await get(`${server.url}/metadata`)).status).toBe(200);
  });
});

describe('transport defects over HTTP', () => {
  const q = () => query('psindiv', [psByTag(PS_JDD, 'one-place').idnps]);

  it('html-502: a gateway error page', () =>
    withServer(['html-502'], async (url) => {
      const res = await get(`${url}/${q()}`);
      expect(res.status).toBe(502);
      expect(res.type).toMatch(/^text\/html/);
      expect(res.text).toContain('<h1>502 Bad Gateway</h1>');
      expect((await get(`${url}/metadata`)).status).toBe(200);
    }));

  it('wrong-content-type: JSON labelled text/plain', () =>
    withServer(['wrong-content-type'], async (url) => {
      const res = await get(`${url}/${q()}`);
      expect(res.status).toBe(200);
      expect(res.type).toBe('text/plain; charset=utf-8');
      expect(res.json().resourceType).toBe('Bundle');
    }));

  it('truncated-json: a body cut in the middle', () =>
    withServer(['truncated-json'], async (url) => {
      const res = await get(`${url}/${q()}`);
      expect(res.status).toBe(200);
      expect(res.text.startsWith('{"resourceType":"Bundle"')).toBe(true);
      expect(() => res.json()).toThrow(SyntaxError);
    }));

  it('huge-body: streams more than 20 MB of valid-looking JSON', () =>
    withServer(['huge-body'], async (url) => {
      const res = await request(`${url}/${q()}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-length']).toBeUndefined();
      let bytes = 0;
      let head = '';
      for await (const chunk of res.body) {
        if (head.length < 100) head += chunk.toString();
        bytes += (chunk as Buffer).length;
      }
      expect(head.startsWith('{"resourceType":"Bundle"')).toBe(true);
      expect(bytes).toBeGreaterThan(20 * 1024 * 1024);
    }));

  it('slow: no answer before the delay (8 s by default); closing the server does not wait for it', async () => {
    expect(SLOW_DEFAULT_MS).toBeGreaterThan(7000);
    await withServer(['slow'], async (url) => {
      await expect(get(`${url}/${q()}`, AbortSignal.timeout(300))).rejects.toThrow();
      expect((await get(`${url}/metadata`)).status).toBe(200);
    });
    await withServer(
      [],
      async (url) => {
        await expect(get(`${url}/${q()}`, AbortSignal.timeout(300))).rejects.toThrow();
      },
      { delayMs: 60_000 },
    );
  });
});

describe('server set-up errors', () => {
  it('refuses JDDs whose identifiers collide', async () => {
    const copy = { ...PS_JDD, file: 'copy.yaml' };
    await expect(startMockServer({ jdd: [PS_JDD, copy] })).rejects.toThrow(
      /IDNPS "\d{12}" appears in .*recette-psindiv\.yaml and copy\.yaml/,
    );
  });

  it('reports a port in use and an unknown defect as setup errors', async () => {
    const first = await startMockServer({ jdd: JDDS });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startMockServer({ jdd: JDDS, port })).rejects.toThrow(SetupError);
    } finally {
      await first.close();
    }
    await expect(startMockServer({ jdd: JDDS, defects: ['nope' as DefectName] })).rejects.toThrow(/unknown defect "nope"/);
  });
});
