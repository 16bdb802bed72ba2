/**
 * Pinned-version TLS probes on loopback (accepted / refused / not testable from this client, client
 * certificate presented), and the mTLS checks' skips and generated untrusted certificate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTlsMaterial } from '../../src/http/tls-material.js';
import { loadJdd } from '../../src/jdd/load-jdd.js';
import type { Jdd } from '../../src/jdd/types.js';
import { transportKinds } from '../../src/transport/index.js';
import { probeTlsVersion } from '../../src/transport/tls-probe.js';
import { hasOpenssl, makeTestPki, type TestPkiWithSecrets } from '../support/certs.js';
import { freePort, startHttpsServer, type RunningServer } from '../support/servers.js';
import { blocking, DATASETS, ruleIds, runKind, testCase } from '../support/transport-harness.js';

const openssl = hasOpenssl();

describe.runIf(openssl)('TLS probes and mTLS checks', () => {
  let dir: string;
  let pki: TestPkiWithSecrets;
  let jdd: Jdd;
  let legacy: RunningServer;
  let demanding12: RunningServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sas-recette-probe-'));
    pki = await makeTestPki(dir);
    jdd = loadJdd(join(DATASETS, 'recette-psindiv.yaml'));
    legacy = await startHttpsServer({
      certFile: pki.serverCert,
      keyFile: pki.serverKey,
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    demanding12 = await startHttpsServer({
      certFile: pki.serverCert,
      keyFile: pki.serverKey,
      caFile: pki.caCert,
      requestClientCert: true,
      maxVersion: 'TLSv1.2',
    });
  });
  afterAll(async () => {
    await legacy?.close();
    await demanding12?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const target = (s: RunningServer) => ({ host: '127.0.0.1', port: s.port });

  it('negotiates TLS 1.0 with legacy suites offered, and says "not testable" without them (never accepted, never refused)', async () => {
    const ok = await probeTlsVersion(target(legacy), 'TLSv1', {}, { timeoutMs: 3000 });
    expect(ok).toMatchObject({ status: 'accepted', protocol: 'TLSv1' });
    expect(ok.exchange).toMatchObject({ label: 'tls-probe TLSv1', outcome: 'ok', request: { method: 'TLS' } });
    expect(ok.exchange.tls?.protocol).toBe('TLSv1');
    const local = await probeTlsVersion(target(legacy), 'TLSv1', {}, { timeoutMs: 3000, ciphers: 'DEFAULT' });
    expect(local.status).toBe('not-testable');
    // OpenSSL 3.0 (Node 20) and 3.5 (Node 24) word the local refusal differently
    expect(local.code).toMatch(/^ERR_SSL_(LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED|NO_PROTOCOLS_AVAILABLE)$/);
  });

  it('presents the client certificate so a server demanding one does not look like refusing TLS 1.2', async () => {
    const without = await probeTlsVersion(target(demanding12), 'TLSv1.2', {}, { timeoutMs: 3000 });
    expect(without.status).toBe('refused');
    const material = loadTlsMaterial({ certFile: pki.clientCert, keyFile: pki.clientKey }, {});
    const withCert = await probeTlsVersion(target(demanding12), 'TLSv1.2', material, { timeoutMs: 3000 });
    expect(withCert.status).toBe('accepted');
    expect(withCert.exchange.tls?.clientCertSubject).toContain('CN=editor-client');
    const tc = testCase('tls-versions');
    const viaKind = await runKind(transportKinds(), tc, {
      baseUrl: `https://127.0.0.1:${demanding12.port}/fhir`,
      httpOptions: { env: {}, tls: { certFile: pki.clientCert, keyFile: pki.clientKey, caFile: pki.caCert } },
    });
    // TLS 1.3 is not offered by this server (information), TLS 1.2 accepted thanks to the certificate.
    expect(blocking(viaKind)).toEqual([]);
    expect(viaKind.findings.find((f) => f.ruleId === 'SAS-TLS-013')?.message.en).toContain('TLS 1.3 not offered');
  });

  it('reports an unreachable port as not checked, not as refused', async () => {
    const port = await freePort();
    const r = await probeTlsVersion({ host: '127.0.0.1', port }, 'TLSv1.2', {}, { timeoutMs: 3000 });
    expect(r.status).toBe('unreachable');
    const kind = await runKind(transportKinds(), testCase('tls-versions'), {
      baseUrl: `https://127.0.0.1:${port}/fhir`,
      httpOptions: { env: {} },
    });
    expect(ruleIds(blocking(kind))).toEqual(['SAS-TLS-016']);
    expect(blocking(kind).every((f) => f.notChecked)).toBe(true);
  });

  it('mTLS checks are not applicable on http, skipped without a configured certificate or without the negative certificate in the profile', async () => {
    const http = await runKind(transportKinds(), testCase('mtls-refused', { certificate: 'none' }), {
      baseUrl: 'http://127.0.0.1:1/fhir',
      httpOptions: { env: {} },
      jdd,
    });
    expect(http.skip).toBeUndefined();
    expect(http.notApplicable?.en).toContain('not https');
    const noCert = await runKind(transportKinds(), testCase('mtls-accepted'), {
      baseUrl: `https://127.0.0.1:${demanding12.port}/fhir`,
      httpOptions: { env: {} },
      jdd,
    });
    expect(noCert.skip?.en).toContain('no client certificate configured');
    const noProfile = await runKind(transportKinds(), testCase('mtls-refused', { certificate: 'wrong-cn' }), {
      baseUrl: `https://127.0.0.1:${demanding12.port}/fhir`,
      httpOptions: { env: {} },
      jdd,
    });
    expect(noProfile.skip?.en).toContain('no "wrong-cn" certificate in --tls-profile');
  });

  it('makes a certificate from an unknown CA when the profile has no other-CA certificate', async () => {
    let cleaned = false;
    const deps = {
      untrustedCertificate: async () => {
        const made = await (await import('../../src/transport/untrusted-cert.js')).makeUntrustedCertificate();
        return (
          made && {
            ...made,
            cleanup: async () => {
              cleaned = true;
              await made.cleanup();
            },
          }
        );
      },
    };
    const httpOptions = { env: {}, tls: { caFile: pki.caCert } };
    const r = await runKind(transportKinds(deps), testCase('mtls-refused', { certificate: 'other-ca' }), {
      baseUrl: `https://127.0.0.1:${demanding12.port}/fhir`,
      httpOptions,
      jdd,
    });
    expect(blocking(r)).toEqual([]);
    expect(r.findings[0]).toMatchObject({ ruleId: 'SAS-TLS-021', severity: 'information' });
    expect(r.exchanges[0].label).toBe('mtls-refused other-ca');
    expect(cleaned).toBe(true);
    const noOpenssl = await runKind(
      transportKinds({ untrustedCertificate: async () => undefined }),
      testCase('mtls-refused', { certificate: 'other-ca' }),
      { baseUrl: `https://127.0.0.1:${demanding12.port}/fhir`, httpOptions, jdd },
    );
    expect(noOpenssl.skip?.en).toContain('openssl is missing');
  });

  it('calls a refusal it cannot attribute "inconclusive" (not checked), never a pass', async () => {
    // No --ca: sas-recette does not trust the server certificate, so the failure says nothing about mTLS.
    const r = await runKind(transportKinds(), testCase('mtls-refused', { certificate: 'none' }), {
      baseUrl: `https://127.0.0.1:${legacy.port}/fhir`,
      httpOptions: { env: {} },
      jdd,
    });
    expect(r.exchanges[0].error?.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(ruleIds(blocking(r))).toEqual(['SAS-TLS-020']);
    expect(blocking(r)[0]).toMatchObject({ notChecked: true });
    expect(blocking(r)[0].message.en).toContain('inconclusive');
  });
});
