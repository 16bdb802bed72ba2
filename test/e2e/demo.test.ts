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
        skipped: 3,
        'not-applicable': 0,
        overall: 'favorable-with-reserves',
        blocking: [],
        validForAcceptance: true,
      });
      // The appointment side is played too: regulator accounts, booking URLs and SSO, appointments received.
      const groups = (g: string) => run.cases.filter((c) => c.group === g);
      expect(groups('flux-v1')).toHaveLength(31);
      expect(groups('flux-v1').every((c) => c.verdict === 'passed' && c.useCase === 'all')).toBe(true);
      expect(groups('flux-v3').map((c) => `${c.id}=${c.verdict}`)).toEqual([
        'V3-PS-APPOINTMENTS=passed',
        'V3-CPTS-APPOINTMENTS=passed',
        'V3-SOS-APPOINTMENTS=passed',
      ]);
      // only the reviewer's manual SSO checks are left, skipped with the link to open (never passed)
      const skipped = run.cases.filter((c) => c.verdict === 'skipped');
      expect(skipped.map((c) => c.id)).toEqual(['V2-PS-SSO-ATTESTATION', 'V2-CPTS-SSO-ATTESTATION', 'V2-SOS-SSO-ATTESTATION']);
      expect(
        skipped.every(
          (c) => c.tags.includes('manual') && /https:\/\/127\.0\.0\.1:\d+\/s[ao]s\/rdv\?\S*origin=sas/.test(c.reason?.fr ?? ''),
        ),
      ).toBe(true);
      // What keeps it from a plain Favorable is named: FR Core 1.1.0 / NOS are not in ../shared, SSL 2/3
      // cannot be offered from OpenSSL 3, agg-psindiv@41 has no case yet, and the manual SSO checks.
      expect([...new Set(run.summary.reserves.map((x) => x.kind))].sort()).toEqual(['not-checked', 'skipped', 'untested-requirement']);
      expect(run.summary.reserves.filter((x) => x.kind === 'untested-requirement').map((x) => x.ref)).toEqual(['agg-psindiv@41']);
      expect(run.summary.reserves.find((x) => x.ref === 'SAS-TLS-015')?.cases).toHaveLength(3);
      expect(r.out).toMatch(/Avis\u00a0: FAVORABLE AVEC RÉSERVES — 132\/135/);
      // the PV lists the manual checks for the reviewer, with the link to open
      const pv = readFileSync(join(out, 'latest', 'pv.html'), 'utf8');
      expect(pv).toContain('id="sec-attestations"');
      expect(pv.match(/<table class="attestations">[\s\S]*?<\/table>/)?.[0].match(/<tr><th scope="row">/g)).toHaveLength(3);
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
    expect(notApplicable).toHaveLength(25);
    const transport = notApplicable.filter((c) => c.group === 'transport');
    expect(transport).toHaveLength(24);
    expect(transport.every((c) => /MTLS|TLS-VERSIONS/.test(c.id) && c.reason?.en.includes('not https'))).toBe(true);
    // flux V1 over the same endpoint: without TLS there is no client certificate to leave out
    expect(notApplicable.filter((c) => c.group !== 'transport').map((c) => c.id)).toEqual(['V1-MTLS-NO-CERT']);
    expect(run.summary).toMatchObject({ failed: 0, error: 0, skipped: 3, overall: 'favorable-with-reserves' });
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

  it.runIf(HAVE_PACKAGES && hasOpenssl())(
    'the appointment-side defects fail their cases with their rule ids, and only those (one run, mTLS)',
    async () => {
      const out = tempDir('demo-flow-defects');
      const r = await cli([
        'demo',
        '--out',
        out,
        '--reporter',
        'json',
        '--defect',
        'regul-accepts-invalid,sso-no-redirect,appointment-invalid',
      ]);
      expect(r.code).toBe(1);
      const run = parseRun(readFileSync(join(out, 'latest', 'run.json'), 'utf8'));
      const failing = new Map(
        run.cases
          .filter((c) => c.verdict === 'failed' || c.verdict === 'error')
          .map((c) => [c.id, new Set(c.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal').map((f) => f.ruleId))]),
      );
      // every invalid regulator payload the profile forbids is accepted: SAS-REG-002, one case each
      const regul = [...failing.keys()].filter((id) => id.startsWith('V1-'));
      expect(regul.sort()).toEqual(
        [
          'V1-5.04-NO-IDENTIFIER',
          'V1-5.04-NO-ACTIVE',
          'V1-5.05-TELECOM-PHONE',
          'V1-5.05-IDNPS-INTRN-CODE',
          'V1-5.05-SAS-IDNPS-CODE',
          'V1-5.05-EMPTY-FAMILY',
          'V1-5.05-EMPTY-EMAIL',
          'V1-5.13-PUT-NO-IDENTIFIER',
          'V1-5.13-PUT-NO-ACTIVE',
          'V1-5.14-PUT-CREATE-NO-IDENTIFIER',
          'V1-5.14-PUT-CREATE-NO-ACTIVE',
        ].sort(),
      );
      for (const id of regul) expect([...(failing.get(id) ?? [])]).toEqual(['SAS-REG-002']);
      // the kit-only payloads (no name, no telecom) the profile allows stay passed
      expect(run.cases.find((c) => c.id === 'V1-5.04-NO-NAME')?.verdict).toBe('passed');
      for (const uc of ['PS', 'CPTS', 'SOS']) {
        expect([...(failing.get(`V2-${uc}-SSO-ORIGIN`) ?? [])]).toEqual(['SAS-SSO-002']);
        expect([...(failing.get(`V2-${uc}-SSO-NO-ORIGIN`) ?? [])]).toEqual(['SAS-SSO-004']);
        expect(failing.get(`V3-${uc}-APPOINTMENTS`)).toContain('SAS-APT-003');
      }
      expect(failing.get('V3-PS-APPOINTMENTS')).toContain('SAS-APT-004');
      // the slot search side is untouched
      expect([...failing.keys()].filter((id) => !/^V[123]-/.test(id))).toEqual([]);
    },
  );

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
