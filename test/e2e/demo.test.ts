/**
 * `sas-recette demo`: the reference editor on loopback (HTTPS + mTLS with a throw-away test PKI, or
 * plain HTTP), the shipped cahier, the reports. In-process, plus the real executable for the exit codes
 * (after `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_NOTES } from '../../src/run/demo-run.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { hasOpenssl } from '../support/certs.js';
import { cli, HAVE_PACKAGES, PACKAGES, parseRun, tempDir } from './support.js';

describe('sas-recette demo', () => {
  it.runIf(HAVE_PACKAGES && hasOpenssl())(
    'serves the reference editor over mTLS: exit 0, every case passed (transport included); reserves only for what could not be checked',
    async () => {
      const out = tempDir('demo');
      const tmp = tempDir('demo-tmp');
      const r = await cli(['demo', '--out', out], { TMPDIR: tmp });
      expect(r.err).not.toMatch(/internal error|NOT DONE|NON FAITE/);
      expect(r.code).toBe(0);
      for (const f of ['run.json', 'junit.xml', 'pv.html']) expect(existsSync(join(out, 'latest', f)), f).toBe(true);
      const run = parseRun(readFileSync(join(out, 'latest', 'run.json'), 'utf8'));
      expect(run.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/fhir$/);
      expect(r.out).toMatch(/Éditeur de référence\u00a0: https:\/\/127\.0\.0\.1:\d+\/fhir \(HTTPS, mTLS/);
      const transport = run.cases.filter((c) => c.group === 'transport');
      expect(transport).toHaveLength(38);
      expect(transport.filter((c) => c.verdict !== 'passed').map((c) => `${c.id}=${c.verdict}`)).toEqual([]);
      expect(run.summary).toMatchObject({
        failed: 0,
        error: 0,
        skipped: 0,
        'not-applicable': 0,
        overall: 'favorable-with-reserves',
        blocking: [],
        validForAcceptance: true,
      });
      // What keeps it from a plain Favorable is named: FR Core 1.1.0 / NOS are not in ../shared, SSL 2/3
      // cannot be offered from OpenSSL 3, and agg-psindiv@41 has no case yet.
      expect([...new Set(run.summary.reserves.map((x) => x.kind))].sort()).toEqual(['not-checked', 'untested-requirement']);
      expect(run.summary.reserves.filter((x) => x.kind === 'untested-requirement').map((x) => x.ref)).toEqual(['agg-psindiv@41']);
      expect(run.summary.reserves.find((x) => x.ref === 'SAS-TLS-015')?.cases).toHaveLength(3);
      expect(r.out).toMatch(/Avis\u00a0: FAVORABLE AVEC RÉSERVES — 92\/92/);
      // Each refusal is the server's: revoked by the CRL (handshake), wrong CN/OU by HTTP 403.
      const refusal = (id: string) => run.cases.find((c) => c.id === id)?.findings[0]?.message.en ?? '';
      for (const uc of ['PS', 'CPTS', 'SOS']) {
        expect(refusal(`TR-${uc}-MTLS-REVOKED`)).toMatch(/^request with a revoked certificate refused: .*\[(tls-handshake|connection): /);
        expect(refusal(`TR-${uc}-MTLS-WRONG-OU`)).toContain('[http-status: HTTP 403]');
      }
      expect(run.cases.find((c) => c.id === 'TR-PS-MTLS-ACCEPTED')?.exchanges[0].tls?.clientCertSubject).toContain('CN=sas-recette-client');
      expect(run.pvInfo).toEqual({
        editor: 'Éditeur de référence sas-recette (démonstration)',
        software: 'sas-recette mock',
        softwareVersion: TOOL_VERSION,
        environment: 'démonstration locale',
      });
      expect(run.setupNotes.map((n) => n.en)).toContain(DEMO_NOTES.mtls.en);
      // The throw-away PKI (unencrypted test keys) is gone.
      expect(readdirSync(tmp)).toEqual([]);
    },
  );

  it('--http serves plain HTTP: the mTLS/TLS cases are not applicable with their reason; --pv-info replaces the default identification', async () => {
    const out = tempDir('demo-http');
    const pv = join(out, 'pv.yaml');
    writeFileSync(pv, 'editor: Éditeur X\nsoftware: Agenda X\nsoftwareVersion: "4.10"\n');
    const r = await cli(['demo', '--http', '--out', out, '--reporter', 'json', '--pv-info', pv, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(DEMO_NOTES.httpForced.en);
    const run = parseRun(readFileSync(join(out, 'latest', 'run.json'), 'utf8'));
    expect(run.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
    const notApplicable = run.cases.filter((c) => c.verdict === 'not-applicable');
    expect(notApplicable).toHaveLength(24);
    expect(
      notApplicable.every((c) => c.group === 'transport' && /MTLS|TLS-VERSIONS/.test(c.id) && c.reason?.en.includes('not https')),
    ).toBe(true);
    expect(run.summary).toMatchObject({ failed: 0, error: 0, skipped: 0, overall: 'favorable-with-reserves' });
    expect(
      run.summary.reserves
        .filter((x) => x.kind === 'not-applicable')
        .map((x) => x.ref)
        .sort(),
    ).toEqual(notApplicable.map((c) => c.id).sort());
    expect(run.pvInfo).toEqual({ editor: 'Éditeur X', software: 'Agenda X', softwareVersion: '4.10' });
    expect(run.setupNotes.map((n) => n.en)).toContain(DEMO_NOTES.httpForced.en);
  });

  it('without openssl falls back to plain HTTP and says so; says when the FHIR packages are missing; still runs the rules', async () => {
    const out = tempDir('demo-nopkg');
    const r = await cli(['demo', '--out', out, '--reporter', 'json', '--defect', 'wrong-status', '--lang', 'en'], {
      SAS_RECETTE_PACKAGES: join(out, 'none'),
      PATH: join(out, 'empty-path'),
    });
    expect(r.err).toMatch(/Structural validation NOT DONE: FHIR package ans\.fhir\.fr\.sas#1\.2\.0 not found/);
    expect(r.err).toMatch(/sas-recette ig install ans\.fhir\.fr\.sas#1\.2\.0 --from FILE\.tgz, or SAS_RECETTE_PACKAGES=DIR/);
    expect(r.err).toContain(DEMO_NOTES.opensslMissing.en);
    expect(r.code).toBe(1);
    const run = parseRun(readFileSync(join(out, 'latest', 'run.json'), 'utf8'));
    expect(run.baseUrl).toMatch(/^http:\/\//);
    expect(run.setupNotes.map((n) => n.en)).toContain(DEMO_NOTES.opensslMissing.en);
    expect(run.cases.find((c) => c.id === 'PS-4.3-STATUS')?.verdict).toBe('failed');
    expect(run.cases.find((c) => c.id === 'TR-PS-MTLS-REVOKED')?.verdict).toBe('not-applicable');
  });

  it.runIf(hasOpenssl())('removes the test PKI when the run stops on a setup error', async () => {
    const tmp = tempDir('demo-tmp-err');
    const r = await cli(['demo', '--reporter', 'no-such-reporter'], { TMPDIR: tmp });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no-such-reporter/);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('refuses an unknown defect with the known ones (exit 2)', async () => {
    const r = await cli(['demo', '--defect', 'no-such-defect']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/défaut inconnu\u00a0: «\u00a0no-such-defect\u00a0»\n {2}→ défauts connus\u00a0: /);
  });
});

describe('the real executable', () => {
  const bin = resolve('bin/sas-recette.js');
  const built = existsSync(resolve('dist/cli/commands/run.js'));

  it.runIf(built)('exits 2 on a broken cahier, with file:line:field and no stack trace', () => {
    const dir = tempDir('bin');
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'cases:\n  - id: lower-case-id\n    title: { fr: x, en: x }\n    requirements: []\n');
    const r = spawnSync(
      process.execPath,
      [bin, 'run', '--jdd', 'datasets/recette-psindiv.yaml', '--cahier', file, '--list', '--lang', 'en'],
      {
        encoding: 'utf8',
        env: { ...process.env, SAS_RECETTE_PACKAGES: PACKAGES, NO_COLOR: '1' },
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:2:9 field "cases[0].id": the text "lower-case-id" does not match an upper-case id`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
