/**
 * `sas-recette demo`: the reference editor on loopback, the shipped cahier, the reports. In-process,
 * plus the real executable for the exit codes (after `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, HAVE_PACKAGES, PACKAGES, parseRun, tempDir } from './support.js';

describe('sas-recette demo', () => {
  it.runIf(HAVE_PACKAGES)('exits 0 against the clean editor and writes run.json, junit.xml and pv.html', async () => {
    const out = tempDir('demo');
    const r = await cli(['demo', '--out', out]);
    expect(r.err).not.toMatch(/internal error|NOT DONE|NON FAITE/);
    expect(r.code).toBe(0);
    for (const f of ['run.json', 'junit.xml', 'pv.html']) expect(existsSync(join(out, f)), f).toBe(true);
    const run = parseRun(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.summary).toMatchObject({ failed: 0, error: 0 });
    // without a TLS endpoint the mTLS checks cannot apply: skipped with their reason, never passed
    const skipped = run.cases.filter((c) => c.verdict === 'skipped');
    expect(skipped.every((c) => c.group === 'transport' && c.reason)).toBe(true);
    expect(run.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
    expect(r.out).toMatch(/Reference editor \/ éditeur de référence: http:\/\/127\.0\.0\.1:\d+\/fhir/);
    expect(r.out).toMatch(/Avis: FAVORABLE/);
  });

  it('says when the FHIR packages are missing and how to get them, and still runs the rules', async () => {
    const out = tempDir('demo-nopkg');
    const r = await cli(['demo', '--out', out, '--reporter', 'json', '--defect', 'wrong-status', '--lang', 'en'], { SAS_RECETTE_PACKAGES: join(out, 'none') });
    expect(r.err).toMatch(/Structural validation NOT DONE: FHIR package ans\.fhir\.fr\.sas#1\.2\.0 not found/);
    expect(r.err).toMatch(/sas-recette ig install ans\.fhir\.fr\.sas#1\.2\.0 --from FILE\.tgz, or SAS_RECETTE_PACKAGES=DIR/);
    expect(r.code).toBe(1);
    const run = parseRun(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.cases.find((c) => c.id === 'PS-4.3-STATUS')?.verdict).toBe('failed');
  });

  it('refuses an unknown defect with the known ones (exit 2)', async () => {
    const r = await cli(['demo', '--defect', 'no-such-defect']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown defect "no-such-defect"/);
  });
});

describe('the real executable', () => {
  const bin = resolve('bin/sas-recette.js');
  const built = existsSync(resolve('dist/cli/commands/run.js'));

  it.runIf(built)('exits 2 on a broken cahier, with file:line:field and no stack trace', () => {
    const dir = tempDir('bin');
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'cases:\n  - id: lower-case-id\n    title: { fr: x, en: x }\n    requirements: []\n');
    const r = spawnSync(process.execPath, [bin, 'run', '--jdd', 'datasets/recette-psindiv.yaml', '--cahier', file, '--list'], {
      encoding: 'utf8',
      env: { ...process.env, SAS_RECETTE_PACKAGES: PACKAGES, NO_COLOR: '1' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:2:9 field "cases[0].id": the text "lower-case-id" does not match an upper-case id`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
