/**
 * The verdicts `sas-recette receive` shows (src/validate/received-session.ts): the session judge's
 * findings cut per request and for the session, on exchanges built here around the IG's example
 * Appointment-1 (read from the package at test time) and the real definitions: a create then its
 * update, a broken create, an update of an appointment never created, a create alone, a request
 * outside flux V3, nothing at all.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import type { Exchange } from '../../src/core/model.js';
import { readTgzJson } from '../../src/fhir/packages/read-tgz.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { judgeLatestRequest, judgeReceivedSession, type ReceivedSessionInput } from '../../src/validate/received-session.js';
import { PACKAGES, loadIndex } from '../validator/helpers.js';

type Json = Record<string, unknown>;

const ORIGIN = 'https://127.0.0.1:8443';
const BASE = `${ORIGIN}/appointment/fhir`;
const KEY = 'urn:oid:1.1.111.1.11.1.1.1|b6e39355-8a61-4556-b340-36f7b95fec6a';

let index: DefinitionIndex;
let appointment: Json;
let n = 0;

function exchange(label: string, method: string, url: string, body: unknown, status: number): Exchange {
  return {
    id: `x-${++n}`,
    label,
    request: {
      method,
      url,
      headers: { 'content-type': 'application/fhir+json' },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    },
    response: { status, headers: {}, body: '', bodyBytes: 0, truncated: false, sha256: '' },
    outcome: 'ok',
    startedAt: '2026-03-02T08:00:00.000+01:00',
    timings: { totalMs: 3 },
    tls: { protocol: 'TLSv1.3', clientCertSubject: 'CN=editor-client, OU=sas-editor', clientCertFingerprint256: 'AA:BB' },
  };
}

const session = (exchanges: Exchange[]): ReceivedSessionInput => ({
  exchanges,
  flavour: 'appointment',
  index,
  ig: 'ans.fhir.fr.sas#1.2.0',
  url: BASE,
  tls: 'mutual',
  waitedMs: 60_000,
});

const blocking = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error' || f.severity === 'fatal');

beforeAll(async () => {
  index = await loadIndex();
  const example = (await readTgzJson(resolve(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz'), 'package/example/Appointment-1.json')) as Json;
  appointment = { ...example, id: 'rdv-1' };
});

const create = () => exchange('POST[1]', 'POST', `${BASE}/Appointment`, appointment, 201);
const update = () => exchange('PUT[1]', 'PUT', `${BASE}/Appointment?identifier=${KEY}`, { ...appointment, status: 'cancelled' }, 200);

describe('judgeReceivedSession', () => {
  it('a create then its update: each request conform, the session conform, the profile named with its version', () => {
    const v = judgeReceivedSession(session([create(), update()]));
    expect(v.requests.map((r) => [r.label, r.method, r.status, r.judged, r.report.valid])).toEqual([
      ['POST[1]', 'POST', 201, true, true],
      ['PUT[1]', 'PUT', 200, true, true],
    ]);
    expect(v.requests[1].path).toBe(`/appointment/fhir/Appointment?identifier=${KEY}`);
    expect(blocking(v.report.findings)).toEqual([]);
    expect(v.summary).toEqual({ received: 2, judged: 2, conform: 2, notConform: 0, other: 0, refusedConnections: 0, valid: true });
    expect(v.report.profile).toBe('http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS|1.2.0');
    // the client certificate is a session finding (information), not one of a request
    expect(v.session).toContainEqual(expect.objectContaining({ ruleId: 'SAS-APT-028', severity: 'information' }));
  });

  it('a create without the operator extension: that request not conform, its SAS-APT error located on it', () => {
    const broken: Json = { ...appointment };
    delete broken.extension;
    const v = judgeReceivedSession(session([exchange('POST[1]', 'POST', `${BASE}/Appointment`, broken, 422), update()]));
    const post = v.requests[0];
    expect(post.report.valid).toBe(false);
    expect(blocking(post.report.findings)).toContainEqual(
      expect.objectContaining({ ruleId: 'SAS-APT-003', location: 'POST[1] Appointment.extension', requirements: ['sas-v3@10'] }),
    );
    expect(v.summary).toMatchObject({ judged: 2, notConform: 1, valid: false });
  });

  it('an update of an appointment no create made: the error is on the PUT, "nothing created" on the session', () => {
    const v = judgeReceivedSession(session([update()]));
    expect(blocking(v.requests[0].report.findings).map((f) => f.ruleId)).toContain('SAS-APT-025');
    expect(blocking(v.session).map((f) => f.ruleId)).toContain('SAS-APT-020');
    expect(v.summary.valid).toBe(false);
  });

  it('a conform create alone: the request is conform, the session is not (no update received, sas-v3@2)', () => {
    const v = judgeReceivedSession(session([create()]));
    expect(v.requests[0].report.valid).toBe(true);
    expect(blocking(v.session)).toEqual([expect.objectContaining({ ruleId: 'SAS-APT-031', requirements: ['sas-v3@2'] })]);
    expect(v.summary).toMatchObject({ judged: 1, conform: 1, valid: false });
  });

  it('a request outside flux V3 is counted apart; an empty session is not a pass', () => {
    const v = judgeReceivedSession(session([exchange('GET[1]', 'GET', `${BASE}/Patient`, undefined, 404), create(), update()]));
    expect(v.requests[0]).toMatchObject({ judged: false });
    expect(v.requests[0].report.profile).toBeNull();
    expect(v.summary).toMatchObject({ received: 3, judged: 2, other: 1, valid: true });
    const empty = judgeReceivedSession(session([]));
    expect(empty.summary).toMatchObject({ received: 0, valid: false });
    expect(blocking(empty.session).map((f) => f.ruleId)).toEqual(['SAS-APT-020']);
  });
});

describe('judgeLatestRequest', () => {
  it('judges the last request against the ones before it', () => {
    const post = create();
    const put = update();
    expect(judgeLatestRequest(session([post, put]))).toMatchObject({ label: 'PUT[1]', report: { valid: true } });
    expect(judgeLatestRequest(session([put]))?.report.valid).toBe(false);
    expect(judgeLatestRequest(session([]))).toBeUndefined();
  });
});
