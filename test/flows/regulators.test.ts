/**
 * Flux V1 (regulator accounts) played as the run plays it — the shipped cahier's flux-v1 cases, the
 * shipped JDDs, the IG read from ../shared/fhir-packages — against the reference editor over HTTPS with
 * mutual TLS (certificates made for the test): every case passes on the clean editor, and again on a
 * second run (fresh identifiers); each regulator defect fails exactly the cases it should, with its
 * rule id; the clean-up leaves no account active; a hostile endpoint gives failed or error cases with
 * evidence, never a crash.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunResult } from '../../src/core/model.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClientOptions } from '../../src/http/types.js';
import type { DefectName } from '../../src/mock/defects.js';
import { regulatorAccounts } from '../../src/mock/regulator-accounts.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import type { StructureSetup } from '../../src/run/prepare.js';
import { registeredKinds } from '../../src/run/registered-kinds.js';
import { runAcceptance } from '../../src/run/run-acceptance.js';
import { validatorOf } from '../../src/run/structure-validator.js';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';
import { hasOpenssl } from '../support/certs.js';
import { HAVE_PACKAGES, loadShippedStructure, prepareShipped, tempDir } from '../e2e/support.js';

const CAHIER = join(__dirname, '../../testcases/flux-v1.yaml');
const V1_IDS: string[] = (parse(readFileSync(CAHIER, 'utf8')) as { cases: { id: string }[] }).cases.map((c) => c.id);

/** Cases whose payload the profile or FHIR forbids: refused with a 4xx (SAS-REG-002). */
const SHALL_NEGATIVE = V1_IDS.filter((id) =>
  /-(NO-IDENTIFIER|NO-ACTIVE|TELECOM-PHONE|IDNPS-INTRN-CODE|SAS-IDNPS-CODE|EMPTY-FAMILY|EMPTY-EMAIL)$/.test(id),
);
/** Updates of an existing account, read back afterwards (SAS-REG-005). */
const UPDATES = [
  'V1-5.06-DEACTIVATE',
  'V1-5.07-REACTIVATE',
  'V1-5.08-EMAIL',
  'V1-5.09-NATIONAL-ID',
  'V1-5.10-UUID-TO-IDNPS',
  'V1-5.11-FAMILY',
  'V1-5.12-GIVEN',
  'V1-5.16-REATTACH',
];

const canRun = hasOpenssl() && HAVE_PACKAGES;

function verdicts(run: RunResult): Record<string, string> {
  return Object.fromEntries(run.cases.map((c) => [c.id, c.verdict]));
}

function blocking(run: RunResult, id: string): string[] {
  const c = run.cases.find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id}`);
  return [...new Set(c.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal').map((f) => f.ruleId))].sort();
}

describe.runIf(canRun)('flux V1 against the reference editor (HTTPS, mTLS)', () => {
  let pki: TestPki;
  let structure: StructureSetup;
  let http: HttpClientOptions;
  const servers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    pki = await makePki({ dir: tempDir('regul-pki'), cn: 'sas-client', ou: 'sas-platform' });
    structure = await loadShippedStructure();
    http = { timeoutMs: 7000, env: {}, tls: { certFile: pki.clientCert, keyFile: pki.clientKey, caFile: pki.caCert } };
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  async function editor(defects: DefectName[] = []): Promise<MockServer> {
    const prepared = prepareShipped(structure, V1_IDS);
    const server = await startMockServer({
      jdd: prepared.jdds,
      defects,
      tls: { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert },
    });
    servers.push(server);
    return server;
  }

  function play(baseUrl: string, only: string[] = V1_IDS): Promise<RunResult> {
    return runAcceptance({
      prepared: prepareShipped(structure, only),
      baseUrl,
      now: new Date(),
      http,
      kinds: registeredKinds({ definitions: structure.index }),
      structure,
      validate: validatorOf(structure),
      lang: 'en',
      command: 'test',
    });
  }

  it('the cahier has a case for every ANS kit test 5.01–5.16, the mTLS check, and ends with the clean-up', () => {
    for (const n of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16'])
      expect(V1_IDS.some((id) => id.startsWith(`V1-5.${n}-`))).toBe(true);
    expect(V1_IDS).toContain('V1-MTLS-NO-CERT');
    expect(V1_IDS.at(-1)).toBe('V1-CLEANUP');
  });

  it('every flux-v1 case passes on the clean editor, twice in a row (fresh identifiers), and the clean-up leaves nothing active', async () => {
    const server = await editor();
    for (const round of [1, 2]) {
      const run = await play(server.url);
      const wrong = run.cases.filter((c) => c.verdict !== 'passed').map((c) => `${c.id}: ${c.verdict} ${c.reason?.en ?? ''}`);
      expect(wrong, `round ${round}`).toEqual([]);
      expect(run.cases.map((c) => c.id)).toEqual(V1_IDS);
      // responses were checked, not only their status class: Location and read-back are in the findings
      const create = run.cases.find((c) => c.id === 'V1-5.01-CREATE-IDNPS')!;
      expect(create.exchanges[0].request.body).toContain('FrPractitionerRegul');
      expect(create.exchanges[0].response?.headers.location).toMatch(new RegExp(`^${server.url}/Practitioner/[A-Za-z0-9.-]+$`));
      const email = run.cases.find((c) => c.id === 'V1-5.08-EMAIL')!;
      expect(email.findings.some((f) => f.ruleId === 'SAS-REG-005' && f.severity === 'information' && !f.notChecked)).toBe(true);
      expect(email.exchanges.map((x) => x.label)).toEqual([
        'setup: POST Practitioner (INTRN)',
        'PUT Practitioner?identifier=INTRN (update-email)',
        expect.stringMatching(/^read-back Practitioner\//),
      ]);
      // the clean-up says what it deactivated; every account the run created reads back inactive
      const cleanup = run.cases.find((c) => c.id === 'V1-CLEANUP')!;
      const said = cleanup.findings.find((f) => f.ruleId === 'SAS-REG-013' && f.location === 'cleanup')!;
      expect(said.message.en).toMatch(/deactivated now \(PUT active=false\): [1-9]\d* — /);
      const ids = new Set(
        run.cases.flatMap((c) =>
          c.exchanges.flatMap((x) => /\/Practitioner\/([^/]+)$/.exec(x.response?.headers.location ?? '')?.[1] ?? []),
        ),
      );
      expect(ids.size).toBeGreaterThan(15);
      const client = createHttpClient(http);
      try {
        for (const id of ids) {
          const read = await client.send({ url: `${server.url}/Practitioner/${id}` });
          expect(JSON.parse(read.fullBody ?? '{}').active, `account ${id}`).toBe(false);
        }
      } finally {
        await client.close();
      }
    }
  });

  it('regul-accepts-invalid fails every payload the profile forbids with SAS-REG-002, and nothing else', async () => {
    const server = await editor(['regul-accepts-invalid']);
    const run = await play(server.url);
    for (const id of SHALL_NEGATIVE) expect(blocking(run, id), id).toContain('SAS-REG-002');
    expect(SHALL_NEGATIVE.length).toBe(11);
    const others = run.cases.filter((c) => !SHALL_NEGATIVE.includes(c.id));
    expect(others.filter((c) => c.verdict !== 'passed').map((c) => `${c.id}: ${c.reason?.en}`)).toEqual([]);
    // the kit-only refusals (name, telecom) are information: accepted here, said, never failed
    const noName = run.cases.find((c) => c.id === 'V1-5.04-NO-NAME')!;
    expect(noName.findings.find((f) => f.ruleId === 'SAS-REG-007')?.message.en).toContain('the ANS kit expects a refusal');
  });

  it('regul-ignores-update fails every update case with SAS-REG-005 (the read-back shows the old value)', async () => {
    const server = await editor(['regul-ignores-update']);
    const run = await play(server.url);
    for (const id of UPDATES) expect(blocking(run, id), id).toContain('SAS-REG-005');
    const v = verdicts(run);
    for (const id of ['V1-5.01-CREATE-IDNPS', 'V1-5.02-CREATE-UUID', 'V1-5.15-PUT-AS-CREATE', ...SHALL_NEGATIVE])
      expect(v[id], id).toBe('passed');
  });

  it('a hostile endpoint (an HTML 500 page for everything) gives failed cases with evidence, never a crash', async () => {
    const server: Server = createServer({ cert: readFileSync(pki.serverCert), key: readFileSync(pki.serverKey) }, (req, res) => {
      req.resume();
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body><h1>Internal Server Error</h1></body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const run = await play(`https://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`);
    const v = verdicts(run);
    expect(v['V1-CLEANUP']).toBe('not-applicable');
    expect(v['V1-MTLS-NO-CERT']).toBe('failed'); // a 500 is neither a refusal nor an acceptance: inconclusive
    for (const c of run.cases.filter((x) => x.id !== 'V1-CLEANUP' && x.id !== 'V1-MTLS-NO-CERT')) {
      expect(c.verdict, c.id).toBe('failed');
      expect(c.exchanges.length, c.id).toBeGreaterThan(0);
      expect(c.exchanges[0].response?.status, c.id).toBe(500);
      expect(blocking(run, c.id), c.id).toContain('SAS-REG-004');
    }
    expect(blocking(run, 'V1-5.01-CREATE-IDNPS')).toEqual(['SAS-REG-001', 'SAS-REG-004']);
    expect(blocking(run, 'V1-5.04-NO-ACTIVE')).toEqual(['SAS-REG-002', 'SAS-REG-004']);
    const kitOnly = run.cases.find((c) => c.id === 'V1-5.04-NO-NAME')!;
    expect(kitOnly.findings.find((f) => f.ruleId === 'SAS-REG-007')?.severity).toBe('warning');
  });

  it('the clean-up deactivates every account the run created (read from the editor store itself)', async () => {
    const accounts = regulatorAccounts({ defects: new Set(), now: () => new Date() });
    const server: Server = createServer(
      {
        cert: readFileSync(pki.serverCert),
        key: readFileSync(pki.serverKey),
        ca: readFileSync(pki.caCert),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const [path, query = ''] = (req.url ?? '/').split(/(?=\?)/);
        if (path.startsWith('/fhir/Practitioner')) {
          const base = `https://${req.headers.host ?? ''}/fhir`;
          return accounts.handle(req, res, { path: path.slice('/fhir'.length), query, baseUrl: base });
        }
        res.writeHead(404, { 'content-type': 'application/fhir+json' });
        res.end('{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"not-found"}]}');
      },
    );
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    });
    const only = [
      'V1-5.01-CREATE-IDNPS',
      'V1-5.02-CREATE-UUID',
      'V1-5.10-UUID-TO-IDNPS',
      'V1-5.16-REATTACH',
      'V1-5.15-PUT-AS-CREATE',
      'V1-CLEANUP',
    ];
    const run = await play(`https://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`, only);
    expect(verdicts(run)).toEqual(Object.fromEntries(only.map((id) => [id, 'passed'])));
    const held = accounts.list();
    expect(held.length).toBe(6); // 2 creates, 1 switched, 2 for the re-attachment, 1 PUT-as-create
    expect(held.filter((a) => a.active)).toEqual([]);
    const said = run.cases.find((c) => c.id === 'V1-CLEANUP')!.findings.find((f) => f.location === 'cleanup')!;
    expect(said.message.en).toContain(
      '6 regulator account(s) created by this run, 1 already inactive; deactivated now (PUT active=false): 5',
    );
  });
});
