/**
 * The reference editor's regulator accounts (flux V1) over HTTPS with mutual TLS: the IG's own
 * Practitioner examples (read from the package at test time, never copied) have no error against
 * FrPractitionerRegul with our engine and are accepted as the IG's pages use them; hostile or odd
 * requests get a status and an OperationOutcome, never a crash; the two regulator defects do what
 * they say.
 */
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlocking } from '../../src/core/findings.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient } from '../../src/http/types.js';
import { loadDefinitions, readTgzJson } from '../../src/fhir/packages/index.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { validateResource } from '../../src/fhir/validator/index.js';
import { loadJdd } from '../../src/jdd/load-jdd.js';
import type { DefectName } from '../../src/mock/defects.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';
import { hasOpenssl } from '../support/certs.js';
import { DATASETS, PACKAGES } from '../support/transport-harness.js';
import { HAVE_PACKAGES, tempDir } from '../e2e/support.js';

const PROFILE = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/FrPractitionerRegul';
const IDNPS = 'urn:oid:1.2.250.1.71.4.2.1';
const SAS = 'urn:oid:1.2.250.1.213.3.6';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function account(system: string, value: string, code: string, extra: Json = {}): Json {
  return {
    resourceType: 'Practitioner',
    identifier: [{ type: { coding: [{ system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203', code }] }, system, value }],
    active: true,
    name: [{ family: 'TEST', given: ['Ana'] }],
    telecom: [{ system: 'email', value: 'ana.test@regulation.example' }],
    ...extra,
  };
}

let counter = 0;
const freshIdnps = () => `899${String(Date.now() % 1e6).padStart(6, '0')}${String(++counter).padStart(3, '0')}`;

describe.runIf(hasOpenssl() && HAVE_PACKAGES)('the reference editor’s regulator accounts', () => {
  let pki: TestPki;
  let index: DefinitionIndex;
  let client: HttpClient;
  const servers: MockServer[] = [];

  beforeAll(async () => {
    pki = await makePki({ dir: tempDir('regul-mock'), cn: 'sas-client', ou: 'sas-platform' });
    index = (await loadDefinitions({ sources: [PACKAGES], ig: 'ans.fhir.fr.sas#1.2.0' })).index;
    client = createHttpClient({ env: {}, timeoutMs: 7000, tls: { certFile: pki.clientCert, keyFile: pki.clientKey, caFile: pki.caCert } });
  });
  afterAll(async () => {
    await client?.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  async function editor(defects: DefectName[] = []): Promise<MockServer> {
    const server = await startMockServer({
      jdd: loadJdd(join(DATASETS, 'recette-psindiv.yaml')),
      defects,
      tls: { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert },
    });
    servers.push(server);
    return server;
  }

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    client.send({
      method,
      url,
      headers: { accept: 'application/fhir+json', ...(body !== undefined ? { 'content-type': 'application/fhir+json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  const json = (s: { fullBody?: string }): Json => JSON.parse(s.fullBody ?? 'null') as Json;
  const put = (server: MockServer, system: string, value: string, body: unknown) =>
    send('PUT', `${server.url}/Practitioner?identifier=${encodeURIComponent(`${system}|${value}`)}`, body);

  /** Any method, with the client certificate (the HTTP client only sends GET, POST and PUT). */
  function raw(url: string, method: string): Promise<{ status: number; body: string; allow?: string }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        url,
        { method, cert: readFileSync(pki.clientCert), key: readFileSync(pki.clientKey), ca: readFileSync(pki.caCert) },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ...(res.headers.allow ? { allow: res.headers.allow } : {}) }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  describe('the IG’s Practitioner examples', () => {
    const names = [1, 2, 3, 4].map((n) => `Practitioner-ExamplePractitionerRegul${n}`);
    const example = async (name: string): Promise<Json> => {
      const read = await readTgzJson(join(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz'), `package/example/${name}.json`);
      if (!read) throw new Error(`${name} is not in the package`);
      return read as Json;
    };

    it.each(names)('%s has no error against FrPractitionerRegul with our engine', async (name) => {
      const r = validateResource(await example(name), { index, profile: PROFILE });
      expect(r.profile).toBe(PROFILE);
      expect(r.findings.filter(isBlocking)).toEqual([]);
    });

    it('the clean editor accepts them as the IG uses them: creations, the FAQ’s UUID → IDNPS PUT, then the deactivation', async () => {
      const server = await editor();
      const [r1, r2, r3, r4] = await Promise.all(names.map(example));
      for (const r of [r1, r4]) {
        const created = await send('POST', `${server.url}/Practitioner`, r);
        expect(created.exchange.response?.status).toBe(201);
        expect(created.exchange.response?.headers.location).toMatch(new RegExp(`^${server.url}/Practitioner/[A-Za-z0-9.-]+$`));
        expect(json(created)).toMatchObject({ resourceType: 'Practitioner', identifier: r.identifier, active: true });
      }
      // FAQ: PUT Practitioner?identifier=urn:oid:1.2.250.1.213.3.6|b6e39355-… carrying Regul2 (unknown here: created)
      const switched = await put(server, SAS, 'b6e39355-8a61-4556-b340-36f7b95fec6a', r2);
      expect(switched.exchange.response?.status).toBe(201);
      // FAQ: PUT Practitioner?identifier=urn:oid:1.2.250.1.71.4.2.1|810002673899 carrying Regul3 (active=false)
      const off = await put(server, IDNPS, '810002673899', r3);
      expect(off.exchange.response?.status).toBe(200);
      expect(off.exchange.response?.headers.location).toBe(switched.exchange.response?.headers.location);
      const read = await send('GET', off.exchange.response?.headers.location ?? '');
      expect(json(read)).toMatchObject({ active: false, identifier: r3.identifier });
    });
  });

  describe('requests that must be refused, each with an OperationOutcome', () => {
    let server: MockServer;
    beforeAll(async () => {
      server = await editor();
    });

    const outcome = (s: { fullBody?: string }) => expect(json(s).resourceType).toBe('OperationOutcome');

    it('invalid JSON → 400; another media type → 415; a Practitioner-less body → 400', async () => {
      const broken = await send('POST', `${server.url}/Practitioner`, '{"resourceType": "Practitioner", ');
      expect(broken.exchange.response?.status).toBe(400);
      outcome(broken);
      const text = await send('POST', `${server.url}/Practitioner`, '{}', { 'content-type': 'text/plain' });
      expect(text.exchange.response?.status).toBe(415);
      outcome(text);
      const patient = await send('POST', `${server.url}/Practitioner`, { resourceType: 'Patient' });
      expect(patient.exchange.response?.status).toBe(400);
    });

    it('each FrPractitionerRegul constraint it checks by hand: 422 for the profile, 400 for an empty string', async () => {
      const v = freshIdnps();
      const cases: [Json, number, string][] = [
        [{ ...account(IDNPS, v, 'IDNPS'), identifier: undefined }, 422, 'Practitioner.identifier'],
        [{ ...account(IDNPS, v, 'IDNPS'), active: undefined }, 422, 'Practitioner.active'],
        [{ ...account(IDNPS, v, 'IDNPS'), active: 'yes' }, 400, 'Practitioner.active'],
        [account(IDNPS, v, 'INTRN'), 422, 'Practitioner.identifier[0].type'],
        [account(SAS, 'f0f1c3a2-3b7e-4a39-9a55-0d7f1c2b9e10', 'IDNPS'), 422, 'Practitioner.identifier[0].type'],
        [{ ...account(IDNPS, v, 'IDNPS'), telecom: [{ system: 'phone', value: '0102030405' }] }, 422, 'Practitioner.telecom[0].system'],
        [{ ...account(IDNPS, v, 'IDNPS'), telecom: [{ system: 'email', value: '' }] }, 400, 'Practitioner.telecom[0].value'],
        [{ ...account(IDNPS, v, 'IDNPS'), name: [{ family: 'A', given: ['B', 'C'] }] }, 422, 'Practitioner.name[0].given'],
        [{ ...account(IDNPS, v, 'IDNPS'), meta: { source: 'urn:oid:1.2.3' } }, 422, 'Practitioner.meta.source'],
      ];
      for (const [body, status, expression] of cases) {
        const r = await send('POST', `${server.url}/Practitioner`, JSON.parse(JSON.stringify(body)));
        expect(r.exchange.response?.status, expression).toBe(status);
        expect(json(r).issue.map((i: Json) => i.expression?.[0])).toContain(expression);
      }
      // none of them was stored: the same identifier is still free
      expect((await send('POST', `${server.url}/Practitioner`, account(IDNPS, v, 'IDNPS'))).exchange.response?.status).toBe(201);
    });

    it('a second POST of a held identifier → 409; re-attachable once its account is inactive', async () => {
      const v = freshIdnps();
      expect((await send('POST', `${server.url}/Practitioner`, account(IDNPS, v, 'IDNPS'))).exchange.response?.status).toBe(201);
      const again = await send('POST', `${server.url}/Practitioner`, account(IDNPS, v, 'IDNPS'));
      expect(again.exchange.response?.status).toBe(409);
      outcome(again);
      expect((await put(server, IDNPS, v, account(IDNPS, v, 'IDNPS', { active: false }))).exchange.response?.status).toBe(200);
      const moved = await send('POST', `${server.url}/Practitioner`, account(IDNPS, v, 'IDNPS'));
      expect(moved.exchange.response?.status).toBe(201);
      // the identifier now addresses the new account only
      const next = await put(server, IDNPS, v, account(IDNPS, v, 'IDNPS'));
      expect(next.exchange.response?.headers.location).toBe(moved.exchange.response?.headers.location);
    });

    it('conditional PUT: `|` raw or %7C, exactly one identifier=system|value; a body id is ignored', async () => {
      const v = freshIdnps();
      const created = await send('POST', `${server.url}/Practitioner`, account(IDNPS, v, 'IDNPS'));
      const location = created.exchange.response?.headers.location ?? '';
      const rawBar = await send('PUT', `${server.url}/Practitioner?identifier=${IDNPS}|${v}&_format=json`, account(IDNPS, v, 'IDNPS'));
      expect([rawBar.exchange.response?.status, rawBar.exchange.response?.headers.location]).toEqual([200, location]);
      for (const query of [
        '',
        '?identifier=',
        `?identifier=${IDNPS}`,
        `?identifier=${IDNPS}%7C${v}&identifier=${IDNPS}%7C${v}`,
        '?name=x',
        '?identifier=%E0%A4%A',
      ]) {
        const r = await send('PUT', `${server.url}/Practitioner${query}`, account(IDNPS, v, 'IDNPS'));
        expect(r.exchange.response?.status, query).toBe(400);
        outcome(r);
      }
      const otherId = await put(server, IDNPS, v, account(IDNPS, v, 'IDNPS', { id: 'not-this-one' }));
      expect([otherId.exchange.response?.status, otherId.exchange.response?.headers.location]).toEqual([200, location]);
      expect(json(otherId).id).toBe(location.split('/').at(-1));
    });

    it('read: 404 for an unknown or malformed id; other methods 405 with Allow; other paths 404', async () => {
      const unknown = await send('GET', `${server.url}/Practitioner/does-not-exist`);
      expect(unknown.exchange.response?.status).toBe(404);
      outcome(unknown);
      expect((await send('GET', `${server.url}/Practitioner/${'x'.repeat(100)}`)).exchange.response?.status).toBe(404);
      expect((await send('GET', `${server.url}/Practitioner/a/_history/1`)).exchange.response?.status).toBe(404);
      const search = await raw(`${server.url}/Practitioner?identifier=x`, 'GET');
      expect([search.status, search.allow]).toEqual([405, 'POST, PUT']);
      const del = await raw(`${server.url}/Practitioner/abc`, 'DELETE');
      expect([del.status, del.allow]).toEqual([405, 'GET']);
      expect(JSON.parse(del.body).resourceType).toBe('OperationOutcome');
    });

    it('a body over 1 MiB → 413 (or the connection is cut), and the editor goes on serving', async () => {
      const huge = JSON.stringify({ ...account(IDNPS, freshIdnps(), 'IDNPS'), padding: 'x'.repeat(1024 * 1024 + 10) });
      const r = await send('POST', `${server.url}/Practitioner`, huge);
      if (r.exchange.response) {
        expect(r.exchange.response.status).toBe(413);
        outcome(r);
      } else expect(['reset', 'closed']).toContain(r.exchange.outcome);
      expect((await send('POST', `${server.url}/Practitioner`, account(IDNPS, freshIdnps(), 'IDNPS'))).exchange.response?.status).toBe(201);
    });
  });

  describe('defects', () => {
    it('regul-accepts-invalid: an account without identifier or with a phone telecom gets 201', async () => {
      const server = await editor(['regul-accepts-invalid']);
      const v = freshIdnps();
      for (const body of [
        { ...account(IDNPS, v, 'IDNPS'), identifier: undefined },
        { ...account(IDNPS, v, 'IDNPS'), telecom: [{ system: 'phone', value: '1' }] },
      ]) {
        expect((await send('POST', `${server.url}/Practitioner`, JSON.parse(JSON.stringify(body)))).exchange.response?.status).toBe(201);
      }
      expect((await send('POST', `${server.url}/Practitioner`, '[1, 2]')).exchange.response?.status).toBe(400);
    });

    it('regul-ignores-update: a PUT answers 200 and Location, the account is unchanged', async () => {
      const server = await editor(['regul-ignores-update']);
      const v = freshIdnps();
      const created = await send('POST', `${server.url}/Practitioner`, account(IDNPS, v, 'IDNPS'));
      const updated = await put(server, IDNPS, v, account(IDNPS, v, 'IDNPS', { active: false }));
      expect([updated.exchange.response?.status, updated.exchange.response?.headers.location]).toEqual([
        200,
        created.exchange.response?.headers.location,
      ]);
      expect(json(await send('GET', created.exchange.response?.headers.location ?? '')).active).toBe(true);
    });
  });
});
