/**
 * `sas-recette doctor` on the FHIR packages (an empty packages folder: the IG missing blocks), on a JDD
 * the linter of `jdd check` refuses, on usage problems (exit 2) — and the all-green case: the reference
 * editor over mutual TLS with certificates made for the test, the shipped JDDs, the real packages of
 * ../shared → nothing blocks, exit 0, in both languages, with a console checklist.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { makePki, type TestPki } from '../../src/transport/make-pki.js';
import { cli, HAVE_PACKAGES, JDD_ARGS, tempDir } from '../e2e/support.js';
import { hasOpenssl } from '../support/certs.js';
import { doctor } from './support.js';

describe('doctor: FHIR packages and JDD', () => {
  it('an empty packages folder: the IG missing blocks, with where it looked and how to install it', async () => {
    const empty = tempDir('doctor-nopkg');
    const r = await doctor(['--packages', empty]);
    expect(r.checks['packages.ig']).toMatchObject({ status: 'blocking' });
    expect(r.checks['packages.ig'].message).toContain('ans.fhir.fr.sas#1.2.0 is not found in');
    expect(r.checks['packages.ig'].message).toContain(empty);
    expect(r.checks['packages.ig'].fix).toContain('sas-recette ig install ans.fhir.fr.sas#1.2.0');
    expect(r.code).toBe(1);
  });

  it.runIf(HAVE_PACKAGES)('the real packages: the IG found with its version, each dependency listed, the cache described', async () => {
    const cache = tempDir('doctor-cache');
    const r = await doctor(['--ig', 'ans.fhir.fr.sas#1.2.0'], { SAS_RECETTE_CACHE: cache });
    expect(r.checks['packages.ig']).toMatchObject({ status: 'ok' });
    expect(r.checks['packages.ig'].message).toContain('IG ans.fhir.fr.sas#1.2.0 found');
    expect(r.checks['packages.dependencies'].details?.some((d) => d.includes('hl7.fhir.r4.core#4.0.1'))).toBe(true);
    expect(r.checks['packages.cache']).toMatchObject({ status: 'ok' });
    expect(r.checks['packages.cache'].message).toContain(cache);
    expect(r.checks['packages.cache'].message).toContain('writable');
  });

  it('a JDD with a lint problem: blocking, the problem located file:line:col as jdd check says it', async () => {
    const dir = tempDir('doctor-jdd');
    const shipped = SHIPPED_JDD_FILES.find((f) => f.endsWith('recette-psindiv.yaml'))!;
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(shipped, 'utf8').replace(/^useCase:.*$/m, 'useCase: dentist'));
    const r = await doctor(['--jdd', broken]);
    expect(r.checks['jdd.lint']).toMatchObject({ status: 'blocking' });
    expect(r.checks['jdd.lint'].details?.join('\n')).toMatch(/broken\.yaml:\d+:\d+ field "useCase"/);
    expect(r.checks['jdd.lint'].fix).toContain('sas-recette jdd check');
    const same = await cli(['jdd', 'check', broken, '--lang', 'en']);
    expect(same.code).toBe(1);
    expect(same.out).toContain(r.checks['jdd.lint'].details![0].replace(/^error: /, ''));
    expect(r.code).toBe(1);
  });

  it('a path with terminal control characters is shown escaped, never raw', async () => {
    const r = await cli(['doctor', '--jdd', join(tempDir('doctor-esc'), 'evil\u001b[2J.yaml'), '--lang', 'en']);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('evil\\u001b[2J.yaml');
    expect(r.code).toBe(1);
  });

  it('a base URL that is not an URL, an unknown option: usage problems, exit 2', async () => {
    const bad = await cli(['doctor', '--base-url', 'agenda.example/fhir', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('is not an http(s) URL');
    expect(bad.err).not.toMatch(/\n\s+at /);
    const unknown = await cli(['doctor', '--bogus']);
    expect(unknown.code).toBe(2);
  });
});

describe.runIf(hasOpenssl() && HAVE_PACKAGES)('doctor: all green against the reference editor over mTLS', () => {
  let pki: TestPki;
  let server: MockServer;
  let profile: string;
  beforeAll(async () => {
    const dir = tempDir('doctor-green');
    pki = await makePki({ dir, cn: 'sas-client', ou: 'sas-editor' });
    server = await startMockServer({
      jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)),
      tls: { certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert },
    });
    mkdirSync(join(dir, 'profile'), { recursive: true });
    profile = join(dir, 'profile', 'tls-profile.yaml');
    writeFileSync(
      profile,
      `ca: ${pki.caCert}\nclient: { cert: ${pki.clientCert}, key: ${pki.clientKey} }\nexpect: { cn: sas-client, ou: sas-editor }\n`,
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it('nothing blocks: every certificate, network, TLS and clock check ok, exit 0', async () => {
    const t0 = Date.now();
    const r = await doctor(['--base-url', server.url, ...JDD_ARGS, '--tls-profile', profile]);
    const blockingOnes = Object.values(r.checks).filter((c) => c.status === 'blocking');
    expect(blockingOnes).toEqual([]);
    for (const id of [
      'cert.profile',
      'cert.ca',
      'cert.pair',
      'cert.dates',
      'cert.subject',
      'cert.chain',
      'packages.ig',
      'proxy.env',
      'network.dns',
      'network.tcp',
      'tls.versions',
      'tls.server-certificate',
      'clock.skew',
    ])
      expect(r.checks[id]?.status, id).toBe('ok');
    expect(r.checks['tls.versions'].message).toMatch(/accepted: TLS 1\.2, TLS 1\.3/);
    expect(r.blocked).toBe(false);
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('an expired client certificate: blocking, and the TLS 1.2 refusal it causes is not blamed on the versions', async () => {
    const r = await doctor(['--base-url', server.url, '--tls-profile', profile, '--cert', pki.clientExpiredCert, '--key', pki.clientKey]);
    expect(r.checks['cert.dates'].status).toBe('blocking');
    expect(r.checks['tls.versions']).toMatchObject({ status: 'not-checked' });
    expect(r.checks['tls.versions'].message).toContain('refusing the client certificate');
    expect(r.code).toBe(1);
  });

  it('the console checklist: grouped, marked, in French by default with its typography, and in English', async () => {
    const fr = await cli(['doctor', '--base-url', server.url, ...JDD_ARGS, '--tls-profile', profile]);
    expect(fr.code).toBe(0);
    for (const title of ['Certificats', 'Packages FHIR', 'JDD', 'Proxy', 'Réseau', 'TLS', 'Horloge'])
      expect(fr.out).toContain(`\n${title}\n`);
    expect(fr.out).toContain('  ✓ la clé ');
    expect(fr.out).toContain('Rien ne bloque un run.');
    expect(fr.out).toContain('\u00a0: ');
    const en = await cli(['doctor', '--base-url', server.url, '--tls-profile', profile, '--lang', 'en']);
    expect(en.out).toContain('\nCertificates\n');
    expect(en.out).toContain('Nothing blocks a run.');
    expect(en.out).toMatch(/– no JDD given/);
  });
});
