/**
 * Flux V2 (booking URL and SSO) against real servers on loopback, with certificates made by the test:
 * the reference editor over HTTPS with mutual TLS (its booking site beside it, no client certificate),
 * and small booking sites that answer the way real editors might (a redirect to another host, an OpenID
 * Connect authorization request, a page of scripts, hostile HTML). The cases are the shipped cahier's
 * (testcases/flux-v2.yaml), played by their kinds and judged by the run's judge.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseKind } from '../../src/cahier/kinds.js';
import { loadCahier } from '../../src/cahier/load-cahier.js';
import type { TestCase } from '../../src/cahier/types.js';
import type { Finding } from '../../src/core/findings.js';
import type { UseCase } from '../../src/core/model.js';
import { newFlowSession } from '../../src/flows/context.js';
import { ssoKinds } from '../../src/flows/sso/index.js';
import { KIT_OIDC_REALM } from '../../src/flows/sso/sso-target.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpClientOptions } from '../../src/http/types.js';
import { loadJdd } from '../../src/jdd/load-jdd.js';
import type { Jdd } from '../../src/jdd/types.js';
import type { DefectName } from '../../src/mock/defects.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { judgeCase, type Judgement } from '../../src/run/judge.js';
import { prepareRun } from '../../src/run/prepare.js';
import { registeredKinds } from '../../src/run/registered-kinds.js';
import { runAcceptance } from '../../src/run/run-acceptance.js';
import { hasOpenssl, makeTestPki, type TestPkiWithSecrets } from '../support/certs.js';
import { startHttpsServer, type RunningServer } from '../support/servers.js';
import { DATASETS } from '../support/transport-harness.js';

const ROOT = join(DATASETS, '..');
const USE_CASES: UseCase[] = ['psindiv', 'cpts', 'sos'];
const FILES: Record<UseCase, string> = { psindiv: 'recette-psindiv.yaml', cpts: 'recette-cpts.yaml', sos: 'recette-sos.yaml' };

interface Played {
  judgement: Judgement;
  findings: Finding[];
  urls: string[];
}

const blockingIds = (fs: Finding[]): string[] =>
  [...new Set(fs.filter((f) => f.severity === 'error' || f.severity === 'fatal').map((f) => f.ruleId))].sort();
const ids = (fs: Finding[], severity: Finding['severity']): string[] =>
  [...new Set(fs.filter((f) => f.severity === severity).map((f) => f.ruleId))].sort();

describe.runIf(hasOpenssl())('flux V2: booking URL and SSO', () => {
  let dir: string;
  let pki: TestPkiWithSecrets;
  let httpOptions: HttpClientOptions;
  const kinds: CaseKind[] = ssoKinds({}, newFlowSession());
  const cases = loadCahier(join(ROOT, 'testcases', 'flux-v2.yaml'), { kinds });
  const closers: (() => Promise<void>)[] = [];

  const caseOf = (id: string): TestCase => {
    const tc = cases.find((c) => c.id === id);
    if (!tc) throw new Error(`no case ${id}`);
    return tc;
  };
  const freshJdd = (uc: UseCase): Jdd => loadJdd(join(DATASETS, FILES[uc]));

  /** The reference editor over HTTPS + mTLS, its JDDs' booking URLs pointed at `bookingOrigin` (its own site by default). */
  async function editor(o: { jdds?: Jdd[]; defects?: DefectName[]; bookingOrigin?: string; http?: boolean } = {}): Promise<{
    server: MockServer;
    jdds: Jdd[];
  }> {
    const jdds = o.jdds ?? USE_CASES.map(freshJdd);
    const server = await startMockServer({
      jdd: jdds,
      ...(o.defects ? { defects: o.defects } : {}),
      ...(o.http ? {} : { tls: { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert } }),
    });
    closers.push(() => server.close());
    // as the demo does: Slot.comment points at the booking site (the mock reads these same objects)
    for (const jdd of jdds)
      jdd.bookingBaseUrl = new URL(new URL(jdd.bookingBaseUrl).pathname, o.bookingOrigin ?? server.bookingOrigin).href;
    return { server, jdds };
  }

  /** A booking site of the test: `/sas/rdv` (and any other route given) over HTTPS, no client certificate; records the URLs asked. */
  async function bookingSite(
    routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>,
  ): Promise<RunningServer & { asked: string[] }> {
    const asked: string[] = [];
    const wrapped = Object.fromEntries(
      Object.entries(routes).map(([path, h]) => [
        path,
        (req: IncomingMessage, res: ServerResponse) => {
          asked.push(req.url ?? '');
          h(req, res);
        },
      ]),
    );
    const site = await startHttpsServer({ certFile: pki.serverCert, keyFile: pki.serverKey }, wrapped);
    closers.push(() => site.close());
    return { ...site, url: `https://127.0.0.1:${site.port}`, asked };
  }

  async function play(tc: TestCase, baseUrl: string, jdd: Jdd | undefined, http: HttpClientOptions = httpOptions): Promise<Played> {
    const kind = kinds.find((k) => k.kind === tc.kind) as CaseKind;
    const client = createHttpClient(http);
    try {
      const out = await kind.run(tc, { baseUrl, now: new Date(), client, httpOptions: http, jdd, lang: 'en' });
      const judgement = judgeCase({
        testCase: tc,
        findings: out.findings,
        skip: out.skip,
        notApplicable: out.notApplicable,
        harnessFault: out.harnessFault,
      });
      return { judgement, findings: out.findings, urls: out.exchanges.map((x) => x.request.url) };
    } finally {
      await client.close();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sas-recette-sso-'));
    pki = await makeTestPki(dir);
    httpOptions = { env: {}, timeoutMs: 7000, tls: { certFile: pki.clientCert, keyFile: pki.clientKey, caFile: pki.caCert } };
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships nine cases, three per use case, each automatic requirement of sas-v2 verified by one', () => {
    expect(cases.map((c) => c.id).sort()).toEqual(
      USE_CASES.flatMap((u) => {
        const code = { psindiv: 'PS', cpts: 'CPTS', sos: 'SOS' }[u];
        return [`V2-${code}-SSO-ATTESTATION`, `V2-${code}-SSO-NO-ORIGIN`, `V2-${code}-SSO-ORIGIN`];
      }).sort(),
    );
    const cited = new Set(cases.flatMap((c) => c.requirements));
    for (const r of ['sas-v2@1', 'sas-v2@3', 'sas-v2@4', 'sas-v2@5', 'sas-v2@6', 'sas-v2@7', 'sas-v2@8'])
      expect(cited.has(r), r).toBe(true);
    expect(cases.filter((c) => c.kind === 'sso-attestation').every((c) => c.tags.includes('manual'))).toBe(true);
  });

  describe('the clean reference editor (HTTPS, mTLS on the FHIR side, no client certificate on the booking site)', () => {
    let server: MockServer;
    let jdds: Jdd[];
    beforeAll(async () => {
      ({ server, jdds } = await editor());
    });
    const jddOf = (uc: UseCase) => jdds.find((j) => j.useCase === uc);

    it.each(cases.filter((c) => c.kind === 'sso-unauthenticated').map((c) => [c.id, c] as const))('%s passes', async (_id, tc) => {
      const p = await play(tc, server.url, jddOf(tc.useCase));
      expect(p.judgement.verdict, JSON.stringify(p.judgement.reason)).toBe('passed');
      expect(p.judgement.reserves).toBeUndefined();
      const infos = ids(p.findings, 'information');
      if ((tc.params as { origin: string }).origin === 'with') {
        expect(infos).toEqual(expect.arrayContaining(['SAS-SSO-001', 'SAS-SSO-002', 'SAS-SSO-003', 'SAS-SSO-007', 'SAS-SSO-008']));
        // visited with origin=sas, redirected to the editor's own login page on the same origin, origin kept
        expect(p.urls.some((u) => u.startsWith(`${server.bookingOrigin}/connexion?origin=sas&next=`))).toBe(true);
        expect(p.findings.find((f) => f.ruleId === 'SAS-SSO-008')?.message.en).toMatch(/origin=sas kept/);
        expect(p.findings.find((f) => f.ruleId === 'SAS-SSO-007')?.message.en).toMatch(
          /editor-login .*IG default.*origin=sas \(IG default\)/,
        );
      } else {
        expect(infos).toContain('SAS-SSO-004');
        const visited = p.urls.filter((u) => u.startsWith(server.bookingOrigin));
        expect(visited.length).toBeGreaterThan(0);
        expect(visited.every((u) => !/[?&]origin=/.test(u.split('/connexion')[0]))).toBe(true);
      }
    });

    it('visits several distinct booking URLs, not only the first', async () => {
      const p = await play(caseOf('V2-PS-SSO-ORIGIN'), server.url, jddOf('psindiv'));
      const starts = new Set(p.urls.filter((u) => u.startsWith(`${server.bookingOrigin}/sas/rdv?`)));
      expect(starts.size).toBeGreaterThan(1);
      expect(starts.size).toBeLessThanOrEqual(5);
    });

    it.each(USE_CASES)('the attestation (%s) is skipped with the exact link to open, never passed', async (uc) => {
      const code = { psindiv: 'PS', cpts: 'CPTS', sos: 'SOS' }[uc];
      const p = await play(caseOf(`V2-${code}-SSO-ATTESTATION`), server.url, jddOf(uc));
      expect(p.judgement.verdict).toBe('skipped');
      const path = uc === 'sos' ? '/sos/rdv?' : '/sas/rdv?';
      expect(p.judgement.reason?.en).toContain(`open ${server.bookingOrigin}${path}`);
      expect(p.judgement.reason?.en).toMatch(/&origin=sas — expected: the booking page/);
      expect(p.judgement.reason?.fr).toContain('sans nouvelle demande de connexion');
    });

    it('the ANS kit target, chosen in the JDD, is a warning only when the editor uses its own login page', async () => {
      const jdd = { ...(jddOf('psindiv') as Jdd), sso: { target: 'sas-oidc' as const } };
      const p = await play(caseOf('V2-PS-SSO-ORIGIN'), server.url, jdd);
      expect(p.judgement.verdict).toBe('passed');
      expect(ids(p.findings, 'warning')).toEqual(['SAS-SSO-006']);
      expect(p.urls.some((u) => u.includes('origin=sas-preprod'))).toBe(true);
      expect(p.findings.find((f) => f.ruleId === 'SAS-SSO-007')?.message.en).toMatch(
        /sas-oidc .*JDD sso\.target.*origin=sas-preprod \(ANS kit default\)/,
      );
      expect(p.findings.find((f) => f.ruleId === 'SAS-SSO-006')?.requirements).toEqual(['sas-v2@6']);
    });
  });

  it('the run pipeline plays the shipped flux-v2 cahier on the clean editor: every case passes, the attestations are skipped', async () => {
    const prepared = prepareRun({
      jddFiles: USE_CASES.map((u) => join(DATASETS, FILES[u])),
      cahier: [join(ROOT, 'testcases', 'flux-v2.yaml')],
      selection: {},
      kinds: registeredKinds({}),
    });
    const { server } = await editor({ jdds: prepared.jdds });
    const run = await runAcceptance({
      prepared,
      baseUrl: server.url,
      now: new Date(),
      http: httpOptions,
      kinds: registeredKinds({}),
      structure: { packages: [], ig: null, notes: [] },
      lang: 'en',
      command: 'test',
    });
    const verdicts = Object.fromEntries(run.cases.map((c) => [c.id, c.verdict]));
    expect(Object.keys(verdicts)).toHaveLength(9);
    for (const [id, v] of Object.entries(verdicts)) expect(v, id).toBe(id.endsWith('-ATTESTATION') ? 'skipped' : 'passed');
    expect(run.summary.blocking).toEqual([]);
    expect(run.summary.reserves.filter((r) => r.kind === 'untested-requirement' && r.ref.startsWith('sas-v2@'))).toEqual([]);
    expect(
      run.summary.reserves
        .filter((r) => r.kind === 'skipped')
        .map((r) => r.ref)
        .sort(),
    ).toEqual(['V2-CPTS-SSO-ATTESTATION', 'V2-PS-SSO-ATTESTATION', 'V2-SOS-SSO-ATTESTATION']);
  });

  it('a plain-HTTP run (demo --http) accepts http booking URLs and says so', async () => {
    const { server, jdds } = await editor({ http: true });
    for (const uc of USE_CASES) {
      const code = { psindiv: 'PS', cpts: 'CPTS', sos: 'SOS' }[uc];
      const p = await play(
        caseOf(`V2-${code}-SSO-ORIGIN`),
        server.url,
        jdds.find((j) => j.useCase === uc),
        { env: {}, timeoutMs: 7000 },
      );
      expect(p.judgement.verdict, JSON.stringify(p.judgement.reason)).toBe('passed');
      expect(p.findings.find((f) => f.ruleId === 'SAS-SSO-001')?.message.en).toMatch(/all absolute \(http or https\)/);
    }
  });

  describe('defect sso-no-redirect (the agenda shown without login)', () => {
    let server: MockServer;
    let jdds: Jdd[];
    beforeAll(async () => {
      ({ server, jdds } = await editor({ defects: ['sso-no-redirect'] }));
    });
    it.each(USE_CASES)('fails the cases with and without origin (%s)', async (uc) => {
      const code = { psindiv: 'PS', cpts: 'CPTS', sos: 'SOS' }[uc];
      const jdd = jdds.find((j) => j.useCase === uc);
      const withOrigin = await play(caseOf(`V2-${code}-SSO-ORIGIN`), server.url, jdd);
      expect(withOrigin.judgement.verdict).toBe('failed');
      expect(blockingIds(withOrigin.findings)).toEqual(['SAS-SSO-002']);
      expect(withOrigin.findings.find((f) => f.ruleId === 'SAS-SSO-002')?.requirements).toEqual(['sas-v2@4']);
      const without = await play(caseOf(`V2-${code}-SSO-NO-ORIGIN`), server.url, jdd);
      expect(without.judgement.verdict).toBe('failed');
      expect(blockingIds(without.findings)).toEqual(['SAS-SSO-004']);
    });
  });

  describe('booking sites of other shapes', () => {
    /** The reference editor's FHIR side with the psindiv JDD, its booking URLs pointed at `site`. */
    async function psAt(site: { url: string }, sso?: Jdd['sso']): Promise<{ server: MockServer; jdd: Jdd }> {
      const jdd = freshJdd('psindiv');
      if (sso) jdd.sso = sso;
      const { server } = await editor({ jdds: [jdd], bookingOrigin: site.url });
      return { server, jdd };
    }

    it('never fetches a redirect to another host: it is recorded and judged by its target (not checked)', async () => {
      const other = await bookingSite({ '/login': (_q, res) => res.end('<form><input type=password></form>') });
      const site = await bookingSite({
        '/sas/rdv': (_q, res) => {
          res.writeHead(302, { location: `https://localhost:${other.port}/login?from=booking` });
          res.end();
        },
      });
      const { server, jdd } = await psAt(site);
      for (const id of ['V2-PS-SSO-ORIGIN', 'V2-PS-SSO-NO-ORIGIN']) {
        const p = await play(caseOf(id), server.url, jdd);
        expect(other.asked).toEqual([]);
        expect(p.urls.some((u) => u.includes('localhost'))).toBe(false);
        const note = p.findings.find((f) => f.ruleId === 'SAS-SSO-009' && f.notChecked);
        expect(note?.message.en).toContain(`https://localhost:${other.port}/login?from=booking`);
        expect(p.judgement.verdict).toBe('passed');
        expect(p.judgement.reserves?.length).toBeGreaterThan(0);
      }
      expect(site.asked.length).toBeGreaterThan(0);
    });

    it('an OpenID Connect authorization request on another host: the kit target passes, the IG target fails SAS-SSO-003', async () => {
      const site = await bookingSite({
        '/sas/rdv': (_q, res) => {
          res.writeHead(302, {
            location: `${KIT_OIDC_REALM}auth?client_id=sas&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://editor.example/cb?origin=sas-preprod')}`,
          });
          res.end();
        },
      });
      const kit = await psAt(site, { target: 'sas-oidc' });
      const pass = await play(caseOf('V2-PS-SSO-ORIGIN'), kit.server.url, kit.jdd);
      expect(pass.judgement.verdict).toBe('passed');
      expect(ids(pass.findings, 'warning')).toEqual([]);
      expect(pass.findings.filter((f) => f.ruleId === 'SAS-SSO-006').every((f) => f.severity === 'information')).toBe(true);
      expect(pass.findings.find((f) => f.ruleId === 'SAS-SSO-008')?.message.en).toMatch(
        /kept up to the login \(in a parameter of its URL\)/,
      );
      expect(pass.urls.some((u) => u.includes('seconnecter'))).toBe(false);

      const ig = await psAt(site);
      const fail = await play(caseOf('V2-PS-SSO-ORIGIN'), ig.server.url, ig.jdd);
      expect(fail.judgement.verdict).toBe('failed');
      expect(blockingIds(fail.findings)).toEqual(['SAS-SSO-003']);
      expect(fail.findings.find((f) => f.ruleId === 'SAS-SSO-003' && f.severity === 'error')?.location).toBe(
        'sso.bookingUrl[0].HTTP.header.location',
      );
      // a login all the same: sas-v2@4 is met
      expect(fail.findings.some((f) => f.ruleId === 'SAS-SSO-002' && f.severity === 'information')).toBe(true);
    });

    it('the JDD login URL overrides the target: a login service of another host, named in sso.loginUrl, is never fetched and passes', async () => {
      const other = await bookingSite({ '/auth/login': (_q, res) => res.end('<p>login</p>') });
      const site = await bookingSite({
        '/sas/rdv': (_q, res) => {
          res.writeHead(303, { location: `https://localhost:${other.port}/auth/login?next=%2Fsas%2Frdv` });
          res.end();
        },
      });
      const { server, jdd } = await psAt(site, { loginUrl: `https://localhost:${other.port}/auth/` });
      const p = await play(caseOf('V2-PS-SSO-ORIGIN'), server.url, jdd);
      expect(p.judgement.verdict).toBe('passed');
      expect(other.asked).toEqual([]);
      expect(p.findings.find((f) => f.ruleId === 'SAS-SSO-003')?.severity).toBe('information');
      expect(p.findings.find((f) => f.ruleId === 'SAS-SSO-008')?.message.en).toMatch(/no longer visible/);
    });

    it('a page of scripts only (SPA shell) is not checked — a reserve, never a pass of the login check', async () => {
      const site = await bookingSite({
        '/sas/rdv': (_q, res) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(
            '<!doctype html><html><head><script src="/app.js"></script></head><body><div id="root"></div><noscript>Activez JavaScript</noscript></body></html>',
          );
        },
      });
      const { server, jdd } = await psAt(site);
      for (const id of ['V2-PS-SSO-ORIGIN', 'V2-PS-SSO-NO-ORIGIN']) {
        const p = await play(caseOf(id), server.url, jdd);
        const shell = p.findings.filter((f) => f.ruleId === 'SAS-SSO-009');
        expect(shell.length).toBeGreaterThan(0);
        expect(shell.every((f) => f.notChecked && f.severity === 'information')).toBe(true);
        expect(p.findings.some((f) => ['SAS-SSO-002', 'SAS-SSO-004'].includes(f.ruleId))).toBe(false);
        expect(p.judgement.reserves?.[0]?.en).toMatch(/page made of scripts/);
      }
    });

    it('does not crash on hostile HTML: huge, nested, broken, over the size cap, a redirect loop', async () => {
      const answers: Record<string, string> = {
        nested: `<!doctype html><title>Agenda</title>${'<div>'.repeat(100_000)}agenda`,
        huge: `<!doctype html><title>Agenda</title><p>${'créneau libre '.repeat(250_000)}</p>`,
        broken: `<html><body><div><form action=/x><table><tr><td><input type="password" name=p></form></div>\u0000\uFFFD<<<>>><!--`,
        over: `<!doctype html><p>${'x'.repeat(6 * 1024 * 1024)}</p>`,
      };
      let shape = 'nested';
      const site = await bookingSite({
        '/sas/rdv': (_q, res) => {
          if (shape === 'loop') {
            res.writeHead(302, { location: '/sas/rdv?again=1' });
            res.end();
            return;
          }
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(answers[shape]);
        },
      });
      const { server, jdd } = await psAt(site);
      const tc = caseOf('V2-PS-SSO-ORIGIN');
      const expected: Record<string, { verdict: string; blocking: string[] }> = {
        nested: { verdict: 'failed', blocking: ['SAS-SSO-002'] },
        huge: { verdict: 'passed', blocking: [] },
        broken: { verdict: 'passed', blocking: [] },
        over: { verdict: 'failed', blocking: ['SAS-SSO-005'] },
        loop: { verdict: 'passed', blocking: [] },
      };
      for (const [name, want] of Object.entries(expected)) {
        shape = name;
        const t0 = Date.now();
        const p = await play(tc, server.url, jdd);
        expect({ name, verdict: p.judgement.verdict, blocking: blockingIds(p.findings) }).toEqual({ name, ...want });
        expect(Date.now() - t0).toBeLessThan(20_000);
        if (name === 'huge' || name === 'loop') expect(p.judgement.reserves?.length, name).toBeGreaterThan(0);
        if (name === 'broken')
          expect(p.findings.find((f) => f.ruleId === 'SAS-SSO-002')?.message.en).toMatch(/a form with a password field/);
      }
    });
  });

  describe('booking URLs of a FHIR endpoint of the test', () => {
    /** A FHIR endpoint (HTTPS, mTLS) answering every Slot search with these slots. */
    async function fhirWith(slots: object[]): Promise<string> {
      const fhir = await startHttpsServer(
        { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert, requestClientCert: true },
        {
          '/fhir/Slot': (_q, res) => {
            res.writeHead(200, { 'content-type': 'application/fhir+json' });
            res.end(
              JSON.stringify({
                resourceType: 'Bundle',
                type: 'searchset',
                total: slots.length,
                entry: slots.map((resource) => ({ resource, search: { mode: 'match' } })),
              }),
            );
          },
        },
      );
      closers.push(() => fhir.close());
      return `https://127.0.0.1:${fhir.port}/fhir`;
    }

    it('a URL without a query gets ?origin= (the kit would write …/agenda&origin=), and none when visited without origin', async () => {
      const site = await bookingSite({
        '/sas/agenda/ps-1': (_q, res) => {
          res.writeHead(401, { 'www-authenticate': 'Basic realm="editeur"', 'content-type': 'text/plain' });
          res.end('authentication required');
        },
      });
      const base = await fhirWith([{ resourceType: 'Slot', id: 's1', status: 'free', comment: `${site.url}/sas/agenda/ps-1` }]);
      const jdd = freshJdd('psindiv');
      const withOrigin = await play(caseOf('V2-PS-SSO-ORIGIN'), base, jdd);
      const without = await play(caseOf('V2-PS-SSO-NO-ORIGIN'), base, jdd);
      expect(site.asked).toEqual(['/sas/agenda/ps-1?origin=sas', '/sas/agenda/ps-1']);
      expect(withOrigin.judgement.verdict).toBe('passed');
      expect(withOrigin.findings.find((f) => f.ruleId === 'SAS-SSO-002')?.message.en).toMatch(/HTTP 401 with WWW-Authenticate/);
      expect(without.judgement.verdict).toBe('passed');
    });

    it('judges every slot comment: relative or missing is an error (not for walk-in slots), http(s) both accepted', async () => {
      const site = await bookingSite({ '/sas/rdv': (_q, res) => res.end('<form><input type="password"></form>') });
      const base = await fhirWith([
        { resourceType: 'Slot', id: 'ok', comment: `${site.url}/sas/rdv` },
        { resourceType: 'Slot', id: 'rel', comment: '/sas/rdv?ps=1' },
        { resourceType: 'Slot', id: 'plain', comment: `http://127.0.0.1:${site.port}/sas/rdv` },
        { resourceType: 'Slot', id: 'ftp', comment: `ftp://127.0.0.1:${site.port}/sas/rdv` },
        { resourceType: 'Slot', id: 'none' },
        { resourceType: 'Slot', id: 'walkin', appointmentType: { coding: [{ code: 'WALKIN' }] } },
      ]);
      const p = await play(caseOf('V2-PS-SSO-ORIGIN'), base, freshJdd('psindiv'));
      expect(p.judgement.verdict).toBe('failed');
      const url = p.findings.filter((f) => f.ruleId === 'SAS-SSO-001' && f.severity === 'error');
      expect(url.map((f) => f.location)).toEqual([
        'Bundle.entry[1].resource.comment',
        'Bundle.entry[3].resource.comment',
        'Bundle.entry[4].resource.comment',
      ]);
      expect(url[1].message.en).toMatch(/has scheme ftp: \(expected http or https\)/);
      expect(url.every((f) => f.requirements?.includes('sas-v2@1'))).toBe(true);
    });

    it('a search without slots leaves the cases not applicable, with the reason', async () => {
      const base = await fhirWith([]);
      for (const id of ['V2-PS-SSO-ORIGIN', 'V2-PS-SSO-NO-ORIGIN']) {
        const p = await play(caseOf(id), base, freshJdd('psindiv'));
        expect(p.judgement.verdict).toBe('not-applicable');
        expect(p.judgement.reason?.en).toMatch(/returns no free slot: no booking URL to visit/);
      }
      const att = await play(caseOf('V2-PS-SSO-ATTESTATION'), base, freshJdd('psindiv'));
      expect(att.judgement.verdict).toBe('skipped');
      expect(att.judgement.reason?.en).toMatch(/No link given: the slot search/);
    });

    it('a search that fails leaves the case in error (SSO not judged), never passed', async () => {
      const fhir = await startHttpsServer(
        { certFile: pki.serverCert, keyFile: pki.serverKey },
        {
          '/fhir/Slot': (_q, res) => {
            res.writeHead(500, { 'content-type': 'text/html' });
            res.end('<h1>oops</h1>');
          },
        },
      );
      closers.push(() => fhir.close());
      const p = await play(caseOf('V2-PS-SSO-ORIGIN'), `https://127.0.0.1:${fhir.port}/fhir`, freshJdd('psindiv'));
      expect(p.judgement.verdict).toBe('error');
      expect(p.judgement.reason?.en).toMatch(/slot search answered HTTP 500/);
    });
  });

  it('without a JDD the cases are not applicable', async () => {
    const p = await play(caseOf('V2-SOS-SSO-ORIGIN'), 'https://127.0.0.1:9/fhir', undefined);
    expect(p.judgement.verdict).toBe('not-applicable');
  });
});
