/**
 * Flux V3 over real HTTPS with mutual TLS on loopback, certificates made by the test: the SAS side
 * (`startReceiveServer`) refuses a client without certificate, answers as SAS would (201 / 200 +
 * Location, 4xx + OperationOutcome) and survives hostile clients; the case kind `appointment-receive`
 * judges what the reference editor's sender (or a test client playing a real editor) sent — the
 * shipped flux-v3 cahier passes on the clean editor through the run pipeline, the defect
 * `appointment-invalid` fails with SAS-APT-003 / SAS-APT-004, nothing received fails with sas-v3@1,
 * and each wrong call (update before create, identifier changed, update by id…) has its rule.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseKind, KindEnv } from '../../src/cahier/kinds.js';
import { loadCahier } from '../../src/cahier/load-cahier.js';
import type { TestCase } from '../../src/cahier/types.js';
import type { Finding, Message } from '../../src/core/findings.js';
import type { RunResult } from '../../src/core/model.js';
import { readTgzJson } from '../../src/fhir/packages/read-tgz.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { appointmentKinds } from '../../src/flows/appointments/index.js';
import { startReceiveServer, type ReceiveServer } from '../../src/flows/appointments/receive-server.js';
import { newFlowSession, type FlowDeps, type FlowSession, type ReceiveSettings } from '../../src/flows/context.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClient, TlsClientOptions } from '../../src/http/types.js';
import { SHIPPED_JDD_FILES, loadJdd } from '../../src/jdd/load-jdd.js';
import { EDITOR_APPOINTMENT_SYSTEM } from '../../src/mock/appointment-build.js';
import { sendAppointments } from '../../src/mock/appointment-sender.js';
import type { DefectName } from '../../src/mock/defects.js';
import type { HeldAccount } from '../../src/mock/regulator-accounts.js';
import { startMockServer } from '../../src/mock/server.js';
import { judgeCase } from '../../src/run/judge.js';
import { prepareRun } from '../../src/run/prepare.js';
import { registeredKinds } from '../../src/run/registered-kinds.js';
import { runAcceptance } from '../../src/run/run-acceptance.js';
import { hasOpenssl, makeTestPki, type TestPkiWithSecrets } from '../support/certs.js';
import { loadIndex, PACKAGES } from '../validator/helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CAHIER = resolve(__dirname, '../../testcases/flux-v3.yaml');
const IG = resolve(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz');
const SAS_OID = 'urn:oid:1.2.250.1.213.3.6';
const REGULATOR_UUID = '1ef1c748-01a3-6180-b098-73283ce4e5b1';

const blockingIds = (fs: Finding[]): string[] =>
  [...new Set(fs.filter((f) => f.severity === 'error' || f.severity === 'fatal').map((f) => f.ruleId))].sort();
const of = (fs: Finding[], ruleId: string): Finding[] => fs.filter((f) => f.ruleId === ruleId);

describe.runIf(hasOpenssl())('flux V3: the SAS side and the appointment-receive case', () => {
  let dir: string;
  let pki: TestPkiWithSecrets;
  let index: DefinitionIndex;
  let example1: Json;
  let example2: Json;
  let editorTls: TlsClientOptions & { certFile: string; keyFile: string };
  let receiveTls: NonNullable<ReceiveSettings['tls']>;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sas-recette-v3-'));
    [pki, index, example1, example2] = await Promise.all([
      makeTestPki(dir),
      loadIndex('1.2.0'),
      readTgzJson(IG, 'package/example/Appointment-1.json') as Promise<Json>,
      readTgzJson(IG, 'package/example/Appointment-2.json') as Promise<Json>,
    ]);
    editorTls = { certFile: pki.clientCert, keyFile: pki.clientKey, caFile: pki.caCert };
    receiveTls = { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert };
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    rmSync(dir, { recursive: true, force: true });
  });

  const client = (tls: TlsClientOptions | undefined = editorTls): HttpClient => {
    const c = createHttpClient({ env: {}, timeoutMs: 5000, ...(tls ? { tls } : {}) });
    closers.push(() => c.close());
    return c;
  };
  const sasSide = async (o: Partial<Parameters<typeof startReceiveServer>[0]> = {}): Promise<ReceiveServer> => {
    const s = await startReceiveServer({ host: '127.0.0.1', port: 0, waitMs: 0, flavour: 'appointment', tls: receiveTls, index, ...o });
    closers.push(() => s.close());
    return s;
  };
  const JSON_HEADERS = { 'content-type': 'application/fhir+json' };
  const post = (c: HttpClient, url: string, body: unknown, headers: Record<string, string> = JSON_HEADERS) =>
    c.send({ method: 'POST', url: `${url}/Appointment`, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const put = (c: HttpClient, url: string, query: string, body: unknown) =>
    c.send({ method: 'PUT', url: `${url}/Appointment${query}`, headers: JSON_HEADERS, body: JSON.stringify(body) });
  const token = (a: Json): string => `${encodeURIComponent(a.identifier[0].system)}%7C${encodeURIComponent(a.identifier[0].value)}`;
  const withId = (a: Json, value: string, system = a.identifier[0].system): Json => ({
    ...structuredClone(a),
    identifier: [{ system, value }],
  });
  const waitFor = async (ok: () => boolean, ms = 2000): Promise<void> => {
    const end = Date.now() + ms;
    while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  };

  describe('the SAS side over HTTPS + mutual TLS', () => {
    it('refuses a client without certificate in the handshake, and records the refusal', async () => {
      const s = await sasSide();
      const sent = await post(client({ caFile: pki.caCert }), s.url, example1);
      expect(sent.exchange.response).toBeUndefined();
      expect(['tls-error', 'reset', 'closed']).toContain(sent.exchange.outcome);
      await waitFor(() => (s.refused?.() ?? []).length > 0);
      expect(s.received()).toEqual([]);
      expect(s.refused?.()).toHaveLength(1);
      expect(s.refused?.()[0]).toMatchObject({ stage: 'tls' });
      expect(s.mutualTls).toBe(true);
    });

    it('refuses a certificate from another CA', async () => {
      const s = await sasSide();
      const sent = await post(client({ certFile: pki.clientOtherCaCert, keyFile: pki.clientKey, caFile: pki.caCert }), s.url, example1);
      expect(sent.exchange.response).toBeUndefined();
      expect(s.received()).toEqual([]);
    });

    it('answers a create 201 + Location and its conditional update 200 + the same Location, with the client certificate in the evidence', async () => {
      const s = await sasSide();
      expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/appointment\/fhir$/);
      const c = client();
      const created = await post(c, s.url, example1);
      expect(created.exchange.response?.status).toBe(201);
      const location = created.exchange.response?.headers.location ?? '';
      expect(location).toMatch(new RegExp(`^${s.url}/Appointment/[0-9a-f-]{36}$`));
      const updated = await put(c, s.url, `?identifier=${token(example2)}`, example2);
      expect(updated.exchange.response?.status).toBe(200);
      expect(updated.exchange.response?.headers.location).toBe(location);
      expect(JSON.parse(updated.fullBody ?? '{}')).toMatchObject({
        resourceType: 'Appointment',
        status: 'cancelled',
        meta: { versionId: '2' },
      });
      // the IG's spelling ?Identifier= is accepted too
      const again = await put(c, s.url, `?Identifier=${token(example2)}`, example2);
      expect(again.exchange.response?.status).toBe(200);
      const got = s.received();
      expect(got.map((x) => `${x.label} ${x.response?.status}`)).toEqual(['POST[1] 201', 'PUT[1] 200', 'PUT[2] 200']);
      expect(got[0].request.body).toBe(JSON.stringify(example1));
      expect(got[0].tls?.clientCertSubject).toContain('CN=editor-client');
      expect(got[0].tls?.clientCertFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(got[0].tls?.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(got[1].request.url).toContain('?identifier=urn%3Aoid%3A1.1.111.1.11.1.1.1%7Cb6e39355');
    });

    it.each<[string, (c: HttpClient, url: string) => ReturnType<HttpClient['send']>, number, RegExp]>([
      ['invalid JSON', (c, u) => post(c, u, '{"resourceType": "Appointment",'), 400, /not JSON/],
      ['an HTML page', (c, u) => post(c, u, '<html><body>login</body></html>', { 'content-type': 'text/html' }), 400, /not JSON/],
      [
        'a 2 MiB body',
        (c, u) => post(c, u, JSON.stringify({ resourceType: 'Appointment', text: 'x'.repeat(2 * 1024 * 1024) })),
        413,
        /1 MiB/,
      ],
      ['an empty body', (c, u) => post(c, u, ''), 400, /empty body/],
      ['a Patient', (c, u) => post(c, u, { resourceType: 'Patient' }), 422, /SAS-APT-001/],
      ['an appointment without operator', (c, u) => post(c, u, { ...example1, extension: undefined }), 422, /SAS-APT-003/],
      ['a PUT without identifier', (c, u) => put(c, u, '', example1), 400, /identifier/],
      [
        'a PUT by an unknown id',
        (c, u) => c.send({ method: 'PUT', url: `${u}/Appointment/nope`, body: JSON.stringify(example1) }),
        404,
        /no appointment/,
      ],
      ['a GET', (c, u) => c.send({ url: `${u}/Appointment` }), 405, /not served/],
      ['another path', (c, u) => c.send({ method: 'POST', url: `${u}/Slot`, body: '{}' }), 404, /no route/],
    ])('%s → its 4xx with an OperationOutcome, and the server goes on', async (_name, send, status, text) => {
      const s = await sasSide();
      const c = client();
      const sent = await send(c, s.url);
      expect(sent.exchange.response?.status).toBe(status);
      const oo = JSON.parse(sent.fullBody ?? '{}');
      expect(oo.resourceType).toBe('OperationOutcome');
      expect(JSON.stringify(oo.issue)).toMatch(text);
      expect((await post(c, s.url, example1)).exchange.response?.status).toBe(201);
      expect(s.received()).toHaveLength(2);
    });

    it('survives bytes that are not HTTP, a client that leaves mid-body, and a body that is not UTF-8', async () => {
      const s = await sasSide();
      const port = Number(new URL(s.url).port);
      const raw = (bytes: Buffer, leaveAfterMs?: number): Promise<string> =>
        new Promise((done) => {
          let answer = '';
          const socket = tlsConnect(
            {
              host: '127.0.0.1',
              port,
              servername: 'localhost',
              ca: readFileSync(pki.caCert),
              cert: readFileSync(pki.clientCert),
              key: readFileSync(pki.clientKey),
            },
            () => {
              socket.write(bytes);
              if (leaveAfterMs !== undefined) setTimeout(() => socket.destroy(), leaveAfterMs);
            },
          );
          socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
          socket.on('error', () => done(answer));
          socket.on('close', () => done(answer));
        });
      expect(await raw(Buffer.from('\u0000\u0001 NOT HTTP AT ALL\r\n\r\n'))).toMatch(/^HTTP\/1\.1 400/);
      await raw(Buffer.from('POST /appointment/fhir/Appointment HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{"resourceType":'), 100);
      const latin1 = Buffer.concat([
        Buffer.from('POST /appointment/fhir/Appointment HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3\r\n\r\n'),
        Buffer.from([0xff, 0xfe, 0xfd]),
      ]);
      expect(await raw(latin1)).toMatch(/^HTTP\/1\.1 400[\s\S]*not UTF-8/);
      await waitFor(() => s.received().length > 1);
      expect(s.refused?.().some((r) => r.stage === 'http')).toBe(true);
      expect(s.received().map((x) => `${x.label} ${x.outcome} ${x.response?.status}`)).toEqual([
        'POST[1] closed undefined',
        'POST[2] ok 400',
      ]);
      expect((await post(client(), s.url, example1)).exchange.response?.status).toBe(201);
    });

    it('close() ends open keep-alive connections and frees the port', async () => {
      const s = await startReceiveServer({ host: '127.0.0.1', port: 0, waitMs: 0, flavour: 'sos-appointment', tls: receiveTls });
      expect(s.url).toMatch(/\/sos-appointment\/fhir$/);
      const c = client();
      await c.send({ url: `${s.url}/metadata` });
      const started = Date.now();
      await s.close();
      expect(Date.now() - started).toBeLessThan(2000);
      const refused = await new Promise<string>((done) => {
        const socket = netConnect(Number(new URL(s.url).port), '127.0.0.1');
        socket.on('connect', () => {
          socket.destroy();
          done('connected');
        });
        socket.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    });

    it('a busy port or unreadable certificate files are set-up errors, not crashes', async () => {
      const s = await sasSide();
      const port = Number(new URL(s.url).port);
      await expect(sasSide({ port })).rejects.toThrow(/already in use/);
      await expect(sasSide({ tls: { certFile: join(dir, 'missing.crt'), keyFile: pki.serverKey } })).rejects.toThrow(/cannot read/);
    });
  });

  describe('the appointment-receive case', () => {
    const cases = loadCahier(CAHIER, { kinds: appointmentKinds({}, newFlowSession()) });
    const caseOf = (id: string): TestCase => cases.find((c) => c.id === id) as TestCase;
    const jdds = SHIPPED_JDD_FILES.map((f) => loadJdd(f));
    const account: HeldAccount = { id: 'a1', active: true, identifiers: [{ type: 'INTRN', system: SAS_OID, value: REGULATOR_UUID }] };
    const sessionWithRegulator = (): FlowSession => {
      const s = newFlowSession();
      s.regulators.push({
        key: 'regul-garnier',
        system: SAS_OID,
        value: REGULATOR_UUID,
        type: 'INTRN',
        active: true,
        caseId: 'V1-5.02-CREATE-UUID',
      });
      return s;
    };
    const referenceSender =
      (o: { defects?: DefectName[]; accounts?: HeldAccount[]; tls?: boolean } = {}): FlowDeps['sendAppointments'] =>
      async (url) => {
        await sendAppointments(
          { url, ...(o.tls === false ? {} : { tls: editorTls }) },
          { jdds, defects: new Set(o.defects ?? []), accounts: o.accounts ?? [account], now: new Date() },
        );
      };

    interface Played {
      verdict: string;
      reason?: Message;
      reserves?: Message[];
      findings: Finding[];
      labels: string[];
      progress: string[];
    }
    async function play(id: string, deps: FlowDeps, session = sessionWithRegulator(), envExtra: Partial<KindEnv> = {}): Promise<Played> {
      const kind = appointmentKinds(deps, session)[0] as CaseKind;
      const tc = caseOf(id);
      const progress: string[] = [];
      const c = client();
      const out = await kind.run(tc, {
        baseUrl: 'http://editor.invalid/fhir',
        now: new Date(),
        client: c,
        httpOptions: {},
        lang: 'en',
        progress: (m) => progress.push(m.en),
        ...envExtra,
      });
      const j = judgeCase({
        testCase: tc,
        findings: out.findings,
        skip: out.skip,
        notApplicable: out.notApplicable,
        harnessFault: out.harnessFault,
      });
      return {
        verdict: j.verdict,
        ...(j.reason ? { reason: j.reason } : {}),
        ...(j.reserves ? { reserves: j.reserves } : {}),
        findings: j.findings,
        labels: out.exchanges.map((x) => `${x.label} ${x.response?.status}`),
        progress,
      };
    }
    const receive = (o: Partial<ReceiveSettings> = {}): ReceiveSettings => ({
      host: '127.0.0.1',
      port: 0,
      waitMs: 5000,
      tls: receiveTls,
      ...o,
    });

    it('ships one case per use case, every automatic sas-v3 requirement verified', () => {
      expect(cases.map((c) => `${c.id} ${c.useCase} ${c.group}`)).toEqual([
        'V3-PS-APPOINTMENTS psindiv flux-v3',
        'V3-CPTS-APPOINTMENTS cpts flux-v3',
        'V3-SOS-APPOINTMENTS sos flux-v3',
      ]);
      const cited = new Set(cases.flatMap((c) => c.requirements));
      for (let n = 1; n <= 15; n++) expect(cited.has(`sas-v3@${n}`), `sas-v3@${n}`).toBe(true);
      expect(caseOf('V3-PS-APPOINTMENTS').requirements).not.toContain('sas-v3@15');
    });

    it.each([
      ['V3-PS-APPOINTMENTS', 4],
      ['V3-CPTS-APPOINTMENTS', 4],
      ['V3-SOS-APPOINTMENTS', 2],
    ])('%s passes on the clean reference editor: operator matched, mTLS checked, no reserve', async (id, n) => {
      const p = await play(id, { definitions: index, receive: receive(), sendAppointments: referenceSender() });
      expect(p.verdict, JSON.stringify(p.reason)).toBe('passed');
      expect(p.reserves).toBeUndefined();
      expect(p.labels).toHaveLength(n);
      expect(p.labels.filter((l) => l.startsWith('POST')).every((l) => l.endsWith(' 201'))).toBe(true);
      expect(p.labels.filter((l) => l.startsWith('PUT')).every((l) => l.endsWith(' 200'))).toBe(true);
      expect(of(p.findings, 'SAS-APT-011')).toEqual([]);
      const mtls = of(p.findings, 'SAS-APT-028');
      expect(mtls).toMatchObject([{ severity: 'information', location: 'tls.clientCertificate', requirements: ['sas-v3@3'] }]);
      expect(mtls[0].notChecked).toBeUndefined();
      expect(mtls[0].message.en).toContain('CN=editor-client');
      expect(p.findings.filter((f) => f.severity === 'warning' && f.ruleId.startsWith('SAS-APT'))).toEqual([]);
      // findings are located by their exchange
      expect(of(p.findings, 'SAS-APT-012')[0].location).toBe('POST[1] Appointment.participant');
    });

    it('appointment-invalid fails the PS case with SAS-APT-003 and SAS-APT-004, the SOS case with SAS-APT-003', async () => {
      const deps = (): FlowDeps => ({
        definitions: index,
        receive: receive(),
        sendAppointments: referenceSender({ defects: ['appointment-invalid'] }),
      });
      const psCase = await play('V3-PS-APPOINTMENTS', deps());
      expect(psCase.verdict).toBe('failed');
      expect(blockingIds(psCase.findings)).toEqual(expect.arrayContaining(['SAS-APT-003', 'SAS-APT-004']));
      expect(psCase.labels.every((l) => l.endsWith(' 422'))).toBe(true);
      expect(psCase.findings.find((f) => f.ruleId === 'SAS-APT-004')).toMatchObject({
        location: 'POST[1] Appointment.participant[0].actor.identifier.value',
        requirements: ['sas-v3@12'],
      });
      expect(psCase.findings.find((f) => f.ruleId === 'SAS-APT-003')?.location).toBe('POST[1] Appointment.extension');
      const sosCase = await play('V3-SOS-APPOINTMENTS', deps());
      expect(sosCase.verdict).toBe('failed');
      expect(blockingIds(sosCase.findings)).toContain('SAS-APT-003');
    });

    it('an operator that is not one of the accounts flux V1 sent fails with SAS-APT-011', async () => {
      const stranger: HeldAccount = {
        id: 'x',
        active: true,
        identifiers: [{ type: 'INTRN', system: SAS_OID, value: 'b6e39355-8a61-4556-b340-36f7b95fec6a' }],
      };
      const p = await play('V3-PS-APPOINTMENTS', {
        definitions: index,
        receive: receive(),
        sendAppointments: referenceSender({ accounts: [stranger] }),
      });
      expect(p.verdict).toBe('failed');
      expect(blockingIds(p.findings)).toEqual(['SAS-APT-011']);
    });

    it('without flux V1 accounts the operator is not cross-checked: passed with that reserve', async () => {
      const p = await play(
        'V3-SOS-APPOINTMENTS',
        { definitions: index, receive: receive(), sendAppointments: referenceSender({ accounts: [] }) },
        newFlowSession(),
      );
      expect(p.verdict).toBe('passed');
      expect(p.reserves?.map((r) => r.en).join('\n')).toMatch(
        /SAS-APT-011: operator "urn:oid:1\.2\.250\.1\.71\.4\.2\.1\|899999999999" not matched/,
      );
    });

    it('nothing received within waitMs: failed with sas-v3@1 and what to do', async () => {
      const p = await play('V3-PS-APPOINTMENTS', { definitions: index, receive: receive({ waitMs: 300 }) });
      expect(p.verdict).toBe('failed');
      expect(blockingIds(p.findings)).toEqual(['SAS-APT-020']);
      const f = of(p.findings, 'SAS-APT-020')[0];
      expect(f.requirements).toEqual(['sas-v3@1']);
      expect(f.message.en).toMatch(
        /no POST \[base\]\/Appointment received on https:\/\/127\.0\.0\.1:\d+\/appointment\/fhir within 0\.\d s/,
      );
      expect(f.message.en).toContain('book an appointment as a regulator');
      expect(p.progress[0]).toMatch(/^waiting for appointments on https:\/\/127\.0\.0\.1:\d+\/appointment\/fhir/);
    });

    it('waits for a real editor: the appointments sent during the wait are judged', async () => {
      let url = '';
      const editor = client();
      const playing = play('V3-PS-APPOINTMENTS', { definitions: index, receive: receive({ waitMs: 2500 }) }, newFlowSession(), {
        progress: (m) => {
          const found = /on (https:\S+)/.exec(m.en);
          if (found && !url) url = found[1];
        },
      });
      await waitFor(() => url !== '');
      const a = withId(example1, 'c6f8a1de-6a43-4f0e-9a4d-3b0b8b0f7c11', EDITOR_APPOINTMENT_SYSTEM);
      expect((await post(editor, url, a)).exchange.response?.status).toBe(201);
      expect((await put(editor, url, `?identifier=${token(a)}`, { ...a, status: 'cancelled' })).exchange.response?.status).toBe(200);
      const p = await playing;
      expect(p.verdict, JSON.stringify(p.reason)).toBe('passed');
      expect(p.labels).toEqual(['POST[1] 201', 'PUT[1] 200']);
    });

    it('a run stopped while waiting ends the case at once, as a harness fault when nothing came', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      const p = await play('V3-PS-APPOINTMENTS', { receive: receive({ waitMs: 60_000 }) }, newFlowSession(), { signal: controller.signal });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(p.verdict).toBe('error');
    });

    it('without the SAS side the case is skipped with what to give', async () => {
      const p = await play('V3-PS-APPOINTMENTS', { definitions: index });
      expect(p.verdict).toBe('skipped');
      expect(p.reason?.en).toMatch(/flux V3 needs the SAS side: give --receive-cert, --receive-key and --receive-ca/);
    });

    it('in plain HTTP the case says mTLS was not checked (a reserve, never a silent pass)', async () => {
      const p = await play('V3-PS-APPOINTMENTS', {
        definitions: index,
        receive: receive({ tls: undefined }),
        sendAppointments: referenceSender({ tls: false }),
      });
      expect(p.verdict).toBe('passed');
      expect(p.reserves?.map((r) => r.en).join('\n')).toMatch(/SAS-APT-028: mutual TLS not checked: the SAS side listened in plain HTTP/);
    });

    describe('wrong calls of an editor, each with its rule', () => {
      const uuid = (n: number): string => `00000000-0000-4000-8000-00000000000${n}`;
      it.each<[string, (c: HttpClient, url: string) => Promise<unknown>, string[]]>([
        [
          'an update before any create',
          async (c, u) => {
            const a = withId(example1, uuid(1));
            await put(c, u, `?identifier=${token(a)}`, a);
          },
          ['SAS-APT-020', 'SAS-APT-025'],
        ],
        [
          'an update whose URL names another identifier',
          async (c, u) => {
            const a = withId(example1, uuid(2));
            await post(c, u, a);
            await put(c, u, `?identifier=${token(withId(a, uuid(3)))}`, a);
          },
          ['SAS-APT-024', 'SAS-APT-025'],
        ],
        [
          'an update addressed by the SAS id',
          async (c, u) => {
            const a = withId(example1, uuid(4));
            const created = await post(c, u, a);
            await c.send({ method: 'PUT', url: created.exchange.response?.headers.location ?? '', body: JSON.stringify(a) });
          },
          ['SAS-APT-030'],
        ],
        [
          'a change sent as a second create',
          async (c, u) => {
            const a = withId(example1, uuid(5));
            await post(c, u, a);
            await post(c, u, { ...a, status: 'cancelled' });
          },
          ['SAS-APT-029', 'SAS-APT-031'],
        ],
        [
          'two identifier systems',
          async (c, u) => {
            const a = withId(example1, uuid(6));
            const b = withId(example1, uuid(7), 'https://agenda.editeur.example/rdv');
            for (const x of [a, b]) {
              await post(c, u, x);
              await put(c, u, `?identifier=${token(x)}`, x);
            }
          },
          ['SAS-APT-027'],
        ],
        [
          'an HTML page instead of the appointment',
          async (c, u) => post(c, u, '<html>oops</html>', { 'content-type': 'text/html' }),
          ['SAS-APT-022', 'SAS-APT-031'],
        ],
        [
          'a bare PUT (as the IG example shows)',
          async (c, u) => {
            const a = withId(example1, uuid(8));
            await post(c, u, a);
            await put(c, u, '', a);
          },
          ['SAS-APT-023'],
        ],
      ])('%s', async (_name, calls, rules) => {
        const p = await play(
          'V3-PS-APPOINTMENTS',
          {
            definitions: index,
            receive: receive(),
            sendAppointments: async (url) => {
              await calls(client(), url);
            },
          },
          newFlowSession(),
        );
        expect(p.verdict).toBe('failed');
        expect(blockingIds(p.findings)).toEqual(rules);
      });

      it('an identical second create is a retry (information), a value-only identifier token is said, not failed', async () => {
        const p = await play(
          'V3-PS-APPOINTMENTS',
          {
            definitions: index,
            receive: receive(),
            sendAppointments: async (url) => {
              const c = client();
              const a = withId(example1, uuid(9));
              await post(c, url, a);
              await post(c, url, a);
              await put(c, url, `?identifier=${encodeURIComponent(a.identifier[0].value)}`, a);
            },
          },
          newFlowSession(),
        );
        expect(blockingIds(p.findings)).toEqual([]);
        expect(of(p.findings, 'SAS-APT-029')).toMatchObject([{ severity: 'information' }]);
        expect(of(p.findings, 'SAS-APT-023')).toMatchObject([{ severity: 'information', location: 'PUT[1] HTTP.request.url' }]);
        expect(p.labels).toEqual(['POST[1] 201', 'POST[2] 201', 'PUT[1] 200']);
      });
    });
  });

  /** The shipped cahier files given, played in-process against the clean reference editor, whose sender sends to the run's SAS side. */
  async function playShipped(cahier: string[]): Promise<RunResult> {
    const deps: FlowDeps = { definitions: index, receive: { host: '127.0.0.1', port: 0, waitMs: 10_000, tls: receiveTls } };
    const kinds = registeredKinds(deps);
    const prepared = prepareRun({ jddFiles: [...SHIPPED_JDD_FILES], cahier, selection: {}, kinds });
    const editor = await startMockServer({ jdd: prepared.jdds });
    closers.push(() => editor.close());
    deps.sendAppointments = async (url) => {
      await editor.sendAppointments({ url, tls: editorTls });
    };
    return runAcceptance({
      prepared,
      baseUrl: editor.url,
      now: new Date(),
      http: { env: {}, timeoutMs: 7000 },
      kinds,
      structure: { index, packages: index.packages.map((p) => `${p.id}#${p.version}`), ig: index.ig, notes: [] },
      lang: 'en',
      command: 'test',
    });
  }

  it('the run pipeline plays the shipped flux-v3 cahier on the clean reference editor: every case passes', async () => {
    const run = await playShipped([CAHIER]);
    expect(Object.fromEntries(run.cases.map((c) => [c.id, c.verdict]))).toEqual({
      'V3-PS-APPOINTMENTS': 'passed',
      'V3-CPTS-APPOINTMENTS': 'passed',
      'V3-SOS-APPOINTMENTS': 'passed',
    });
    const sosCase = run.cases.find((c) => c.id === 'V3-SOS-APPOINTMENTS');
    expect(sosCase?.exchanges.map((x) => `${x.request.method} ${x.response?.status}`)).toEqual(['POST 201', 'PUT 200']);
    expect(JSON.parse(sosCase?.exchanges[0].request.body ?? '{}')).toMatchObject({
      status: 'pending',
      participant: [{ status: 'needs-action', type: [{ coding: [{ code: 'ADM' }] }] }],
      identifier: [{ system: EDITOR_APPOINTMENT_SYSTEM }],
    });
    expect(run.requirements.filter((r) => /^sas-v3@([1-9]|1[0-5])$/.test(r.id)).every((r) => r.status === 'passed')).toBe(true);
  });

  it('after flux V1 in the same run, the operator of every appointment is a regulator account that run sent (no reserve)', async () => {
    const run = await playShipped([resolve(__dirname, '../../testcases/flux-v1.yaml'), CAHIER]);
    const v3 = run.cases.filter((c) => c.group === 'flux-v3');
    expect(v3.map((c) => `${c.id} ${c.verdict}`)).toEqual([
      'V3-PS-APPOINTMENTS passed',
      'V3-CPTS-APPOINTMENTS passed',
      'V3-SOS-APPOINTMENTS passed',
    ]);
    for (const c of v3) {
      expect(c.reserves).toBeUndefined();
      expect(c.findings.filter((f) => f.ruleId === 'SAS-APT-011')).toEqual([]);
    }
  });
});
