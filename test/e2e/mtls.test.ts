/**
 * The run over HTTPS with client certificates, certificates made with openssl for this test: the
 * right certificate passes; without it the server refuses and the run says so clearly; a server the
 * CA does not vouch for is a TLS failure; the key passphrase comes from an environment variable and
 * never shows in the results.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';
import { execFileSync } from 'node:child_process';
import { blockingRuleIds, cli, JDD_ARGS, parseRun, tempDir, verdicts } from './support.js';

const PASSPHRASE = 'e2e-passphrase-4c1d-never-printed';
let pki: TestPki;
let server: MockServer;
let encryptedKey: string;

beforeAll(async () => {
  const dir = tempDir('pki');
  pki = await makePki({ dir, cn: 'sas-client', ou: 'sas-editor' });
  encryptedKey = join(dir, 'client-encrypted.key');
  execFileSync('openssl', ['pkey', '-in', pki.clientKey, '-aes256', '-passout', `pass:${PASSPHRASE}`, '-out', encryptedKey]);
  server = await startMockServer({
    jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)),
    tls: { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert },
  });
});
afterAll(async () => {
  await server?.close();
});

const SEARCHES = 'PS-4.3-SEARCH,CPTS-4.3-SEARCH,SOS-SEARCH';

function args(extra: string[]): string[] {
  return ['run', '--base-url', server.url, ...JDD_ARGS, '--format', 'json', '--reporter', 'json', '--out', tempDir('mtls-out'), ...extra];
}

describe('run over mTLS', () => {
  it('passes with the right client certificate, and the mTLS transport checks pass too', async () => {
    const profile = join(pki.dir, 'tls-profile.yaml');
    writeFileSync(profile, `ca: ${pki.caCert}\nnegative:\n  expired: { cert: ${pki.clientExpiredCert}, key: ${pki.clientKey} }\n`);
    const r = await cli(
      args([
        '--cert',
        pki.clientCert,
        '--key',
        pki.clientKey,
        '--ca',
        pki.caCert,
        '--tls-profile',
        profile,
        '--only',
        `${SEARCHES},TR-PS-MTLS-ACCEPTED,TR-PS-MTLS-NO-CERT,TR-PS-MTLS-OTHER-CA,TR-PS-MTLS-EXPIRED`,
      ]),
    );
    const run = parseRun(r.out);
    expect(verdicts(run)).toEqual({
      'PS-4.3-SEARCH': 'passed',
      'CPTS-4.3-SEARCH': 'passed',
      'SOS-SEARCH': 'passed',
      'TR-PS-MTLS-ACCEPTED': 'passed',
      'TR-PS-MTLS-NO-CERT': 'passed',
      'TR-PS-MTLS-OTHER-CA': 'passed',
      'TR-PS-MTLS-EXPIRED': 'passed',
    });
    expect(r.code).toBe(0);
    expect(run.cases[0].exchanges[0].tls).toMatchObject({ protocol: expect.stringMatching(/^TLSv1\.[23]$/) });
  });

  it('without a client certificate the server refuses: no answer to judge, each case ends in error with the transport reason', async () => {
    const r = await cli(args(['--ca', pki.caCert, '--only', SEARCHES]));
    expect(r.code).toBe(1);
    const run = parseRun(r.out);
    expect(run.summary).toMatchObject({ failed: 0, error: 3, overall: 'unfavorable' });
    for (const c of run.cases) {
      const [rule] = blockingRuleIds(run, c.id);
      expect(rule).toMatch(/^HTTP-(CLOSED|RESET|TLS-ERROR)$/);
      expect(c.reason?.en).toContain('no client certificate is configured (--cert/--key)');
      expect(c.exchanges[0].response).toBeUndefined();
    }
  });

  it('fails the cases when the server certificate is not from a trusted CA', async () => {
    const r = await cli(args(['--cert', pki.clientCert, '--key', pki.clientKey, '--only', 'PS-4.3-SEARCH']));
    expect(r.code).toBe(1);
    const run = parseRun(r.out);
    expect(blockingRuleIds(run, 'PS-4.3-SEARCH')).toEqual(['HTTP-TLS-ERROR']);
  });

  it('reads the key passphrase from the named variable only, and never shows it', async () => {
    const r = await cli(
      args([
        '--cert',
        pki.clientCert,
        '--key',
        encryptedKey,
        '--passphrase-env',
        'E2E_KEY_PASS',
        '--ca',
        pki.caCert,
        '--only',
        'PS-4.3-SEARCH',
      ]),
      {
        E2E_KEY_PASS: PASSPHRASE,
      },
    );
    expect(r.code).toBe(0);
    expect(r.out + r.err).not.toContain(PASSPHRASE);
    const missing = await cli(
      args([
        '--cert',
        pki.clientCert,
        '--key',
        encryptedKey,
        '--passphrase-env',
        'E2E_KEY_PASS',
        '--ca',
        pki.caCert,
        '--only',
        'PS-4.3-SEARCH',
      ]),
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/E2E_KEY_PASS/);
  });
});
