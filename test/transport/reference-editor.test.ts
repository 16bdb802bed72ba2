/**
 * The transport checks against the reference editor on loopback (real TLS, certificates made by the
 * test): well configured it passes every check; reconfigured to accept TLS 1.0, to not ask for a
 * client certificate, to not load the CRL, or to answer in 8 s, exactly the matching checks fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDefinitions } from '../../src/fhir/packages/index.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import type { TestCase } from '../../src/cahier/types.js';
import type { CaseKind } from '../../src/cahier/kinds.js';
import type { HttpClientOptions } from '../../src/http/types.js';
import { loadJdd } from '../../src/jdd/load-jdd.js';
import type { Jdd } from '../../src/jdd/types.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/mock/server.js';
import type { TlsProfile } from '../../src/transport/tls-profile.js';
import { transportKinds } from '../../src/transport/index.js';
import { hasOpenssl, makeTestPki, type TestPkiWithSecrets } from '../support/certs.js';
import { startHttpsServer } from '../support/servers.js';
import { blocking, DATASETS, PACKAGES, ruleIds, runKind, testCase, type KindRun } from '../support/transport-harness.js';

const openssl = hasOpenssl();

describe.runIf(openssl)('transport checks against the reference editor', () => {
  let dir: string;
  let pki: TestPkiWithSecrets;
  let jdd: Jdd;
  let definitions: DefinitionIndex;
  let profile: TlsProfile;
  let httpOptions: HttpClientOptions;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sas-recette-transport-'));
    pki = await makeTestPki(dir);
    jdd = loadJdd(join(DATASETS, 'recette-psindiv.yaml'));
    definitions = (await loadDefinitions({ sources: [PACKAGES], ig: 'ans.fhir.fr.sas#1.2.0' })).index;
    const neg = (certFile: string) => ({ certFile, keyFile: pki.clientKey });
    profile = {
      file: join(dir, 'tls-profile.yaml'),
      caFile: pki.caCert,
      negative: {
        'other-ca': neg(pki.clientOtherCaCert),
        expired: neg(pki.clientExpiredCert),
        'wrong-cn': neg(pki.clientWrongCnCert),
        'wrong-ou': neg(pki.clientWrongOuCert),
      },
    };
    httpOptions = { env: {}, timeoutMs: 7000, tls: { certFile: pki.clientCert, keyFile: pki.clientKey, caFile: pki.caCert } };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const kinds = () => transportKinds({ tlsProfile: profile, definitions });
  const quickLatency = { samples: 2, identifiers: [1, 25], concurrency: [1, 2] };

  /** Every check (latency shortened) against a server; returns the blocking rule ids per case. */
  async function runAll(
    baseUrl: string,
    cases: Record<string, TestCase> = allCases(),
  ): Promise<Record<string, { run: KindRun; failed: string[] }>> {
    const out: Record<string, { run: KindRun; failed: string[] }> = {};
    for (const [name, tc] of Object.entries(cases)) {
      const run = await runKind(kinds(), tc, { baseUrl, httpOptions, jdd });
      out[name] = { run, failed: ruleIds(blocking(run)) };
    }
    return out;
  }

  function allCases() {
    return {
      'mtls-accepted': testCase('mtls-accepted'),
      'mtls-refused none': testCase('mtls-refused', { certificate: 'none' }),
      'mtls-refused other-ca': testCase('mtls-refused', { certificate: 'other-ca' }),
      'mtls-refused expired': testCase('mtls-refused', { certificate: 'expired' }),
      'tls-versions': testCase('tls-versions'),
      latency: testCase('latency', quickLatency),
      'capability-statement': testCase('capability-statement'),
      'error-contract': testCase('error-contract'),
    };
  }

  async function withMock<T>(opts: Partial<MockServerOptions>, fn: (m: MockServer) => Promise<T>): Promise<T> {
    const mock = await startMockServer({
      jdd,
      tls: { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert, requestClientCert: true, minVersion: 'TLSv1.2' },
      ...opts,
    });
    try {
      return await fn(mock);
    } finally {
      await mock.close();
    }
  }

  const failing = (r: Record<string, { failed: string[] }>): Record<string, string[]> =>
    Object.fromEntries(
      Object.entries(r)
        .filter(([, v]) => v.failed.length > 0)
        .map(([k, v]) => [k, v.failed]),
    );

  it('passes every check when configured for TLS 1.2+ with a client CA', async () => {
    const results = await withMock({}, (m) => runAll(m.url));
    expect(failing(results)).toEqual({});
    // Evidence and the observed channel are kept.
    const accepted = results['mtls-accepted'].run;
    expect(accepted.exchanges[0].response?.status).toBe(200);
    expect(accepted.exchanges[0].tls?.clientCertSubject).toContain('CN=editor-client');
    for (const name of ['mtls-refused none', 'mtls-refused other-ca', 'mtls-refused expired']) {
      const f = results[name].run.findings[0];
      expect(f.severity).toBe('information');
      expect(f.message.en).toMatch(/refused: .*\[(tls-handshake|connection|http-status): /);
      expect(results[name].run.exchanges[0].response).toBeUndefined();
    }
    const tls = results['tls-versions'].run;
    expect(tls.exchanges.map((x) => `${x.label}=${x.outcome}`)).toEqual([
      'tls-probe TLSv1=tls-error',
      'tls-probe TLSv1.1=tls-error',
      'tls-probe TLSv1.2=ok',
      'tls-probe TLSv1.3=ok',
    ]);
    const lat = results.latency.run;
    expect(lat.latency?.map((s) => s.label)).toEqual(['1 id, c=1', '1 id, c=2', '25 id, c=1', '25 id, c=2']);
    expect(lat.latency?.[0].samplesMs).toEqual(lat.exchanges.slice(0, 2).map((x) => x.timings.totalMs));
    expect(lat.exchanges).toHaveLength(8);
    expect(results['error-contract'].run.exchanges.map((x) => x.response?.status)).toEqual([400, 400, 400, 400, 200]);
    // The reference editor's CapabilityStatement matches the IG's SAS-GestionnaireAgenda-PsIndiv.
    const cap = results['capability-statement'].run.findings;
    expect(cap.filter((f) => f.severity !== 'information')).toEqual([]);
    expect(cap.some((f) => f.ruleId === 'SAS-CAP-007')).toBe(false);
  });

  it('fails exactly tls-versions when the server also accepts TLS 1.0/1.1', async () => {
    const results = await withMock(
      {
        tls: {
          certFile: pki.serverCert,
          keyFile: pki.serverKey,
          caFile: pki.caCert,
          requestClientCert: true,
          minVersion: 'TLSv1',
          ciphers: 'DEFAULT@SECLEVEL=0',
        },
      },
      (m) => runAll(m.url),
    );
    expect(failing(results)).toEqual({ 'tls-versions': ['SAS-TLS-010', 'SAS-TLS-011'] });
  });

  it('fails exactly the mTLS refusal checks when the server does not ask for a client certificate', async () => {
    const results = await withMock(
      { tls: { certFile: pki.serverCert, keyFile: pki.serverKey, requestClientCert: false, minVersion: 'TLSv1.2' } },
      (m) => runAll(m.url),
    );
    expect(failing(results)).toEqual({
      'mtls-refused none': ['SAS-TLS-020'],
      'mtls-refused other-ca': ['SAS-TLS-021'],
      'mtls-refused expired': ['SAS-TLS-022'],
    });
    expect(results['mtls-refused none'].run.findings[0].message.en).toContain('accepted: the server answered HTTP 200');
  });

  it('fails exactly the latency check when searches are answered in 8 s', async () => {
    const cases = {
      'mtls-refused none': testCase('mtls-refused', { certificate: 'none' }),
      'tls-versions': testCase('tls-versions'),
      'capability-statement': testCase('capability-statement'),
      latency: testCase('latency', { samples: 1, identifiers: [1], concurrency: [1] }),
    };
    const results = await withMock({ delayMs: 8000 }, (m) => runAll(m.url, cases));
    expect(failing(results)).toEqual({ latency: ['SAS-PERF-001'] });
    const x = results.latency.run.exchanges[0];
    expect(x.outcome).toBe('timeout');
    expect(results.latency.run.latency?.[0].max).toBe(x.timings.totalMs);
    expect(x.timings.totalMs).toBeGreaterThanOrEqual(7000);
  });

  it('sees the revoked certificate refused by the reference editor that loads the CRL, and accepted by one that does not', async () => {
    const withRevoked = (): CaseKind[] =>
      transportKinds({
        tlsProfile: { ...profile, negative: { ...profile.negative, revoked: { certFile: pki.clientRevokedCert, keyFile: pki.clientKey } } },
      });
    const tc = testCase('mtls-refused', { certificate: 'revoked' });
    const base = { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert, requestClientCert: true, minVersion: 'TLSv1.2' };
    const refused = await withMock({ tls: { ...base, crlFile: pki.crl } }, (m) =>
      runKind(withRevoked(), tc, { baseUrl: m.url, httpOptions, jdd }),
    );
    expect(blocking(refused)).toEqual([]);
    expect(refused.findings[0]).toMatchObject({ ruleId: 'SAS-TLS-025', severity: 'information' });
    expect(refused.findings[0].message.en).toMatch(/refused: .*\[(tls-handshake|connection): /);
    // The valid certificate of the same CA still gets through the server with the CRL.
    const accepted = await withMock({ tls: { ...base, crlFile: pki.crl } }, (m) =>
      runKind(withRevoked(), testCase('mtls-accepted'), { baseUrl: m.url, httpOptions, jdd }),
    );
    expect(blocking(accepted)).toEqual([]);
    const lax = await withMock({ tls: base }, (m) => runKind(withRevoked(), tc, { baseUrl: m.url, httpOptions, jdd }));
    expect(ruleIds(blocking(lax))).toEqual(['SAS-TLS-025']);
    expect(lax.findings[0].message.en).toContain('accepted: the server answered HTTP 200');
  });

  it('sees wrong CN and wrong OU refused by a server that checks the subject, and accepted by one that does not', async () => {
    const checking = await startHttpsServer({
      certFile: pki.serverCert,
      keyFile: pki.serverKey,
      caFile: pki.caCert,
      requestClientCert: true,
      expectCn: 'editor-client',
      expectOu: 'sas-editor',
    });
    const lax = await startHttpsServer({ certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert, requestClientCert: true });
    try {
      for (const variant of ['wrong-cn', 'wrong-ou'] as const) {
        const tc = testCase('mtls-refused', { certificate: variant });
        const refused = await runKind(kinds(), tc, { baseUrl: `https://127.0.0.1:${checking.port}/fhir`, httpOptions, jdd });
        expect(blocking(refused)).toEqual([]);
        expect(refused.findings[0].message.en).toContain('[http-status: HTTP 403]');
        const accepted = await runKind(kinds(), tc, { baseUrl: `https://127.0.0.1:${lax.port}/fhir`, httpOptions, jdd });
        expect(ruleIds(blocking(accepted))).toEqual([variant === 'wrong-cn' ? 'SAS-TLS-023' : 'SAS-TLS-024']);
      }
    } finally {
      await checking.close();
      await lax.close();
    }
  });
});
