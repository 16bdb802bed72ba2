/**
 * `validate` loads only what it needs (after `npm run build`): the real binary, with every loaded module
 * recorded (test/support/record-imports.mjs). Our fixture Bundles meet only invariants with a native
 * version, so neither the fhirpath library nor the official validator's wrapper is loaded; a Bundle with
 * an invariant only the library evaluates still gets it evaluated.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGES, REPO_ROOT, tempDir, type TempDir } from './helpers.js';

const BIN = join(REPO_ROOT, 'bin', 'sas-recette.js');
const RECORDER = join(REPO_ROOT, 'test', 'support', 'record-imports.mjs');
/** Before the fixtures' slots (January to March 2025): no finding about slots in the past. */
const NOW = '2025-01-01T08:00:00+01:00';

let tmp: TempDir;
beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, 'dist', 'validate', 'validate-file.js'))) {
    throw new Error('dist/ is not built: run `npm run build` before this test');
  }
  tmp = tempDir();
});
afterAll(() => tmp?.remove());

interface Recorded {
  code: number | null;
  report: { valid: boolean; issues: { ruleId: string; severity: string; location: string }[]; stats: { invariantsEvaluated: number } };
  stderr: string;
  /** URLs of the modules the process loaded. */
  modules: string[];
}

function validateRecorded(file: string, name: string): Recorded {
  const record = join(tmp.path, `${name}.imports`);
  const r = spawnSync(process.execPath, ['--import', RECORDER, BIN, 'validate', file, '--now', NOW, '--format', 'json', '--lang', 'en'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, SAS_RECETTE_PACKAGES: PACKAGES, NO_COLOR: '1', RECORD_IMPORTS_FILE: record, SAS_RECETTE_UNBUNDLED: '1' },
    timeout: 60_000,
  });
  return {
    code: r.status,
    report: JSON.parse(r.stdout),
    stderr: r.stderr,
    modules: readFileSync(record, 'utf8').split('\n').filter(Boolean),
  };
}

const packagesIn = (modules: string[]) =>
  [...new Set(modules.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []))].sort();

describe('validate loads neither fhirpath nor the official validator for a usual SAS answer', () => {
  it.each(['cpts-valid', 'psindiv-valid', 'sos-valid'])('%s', (name) => {
    const r = validateRecorded(join(REPO_ROOT, 'test', 'fixtures', 'bundles', `${name}.json`), name);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.report.valid).toBe(true);
    expect(r.report.stats.invariantsEvaluated).toBeGreaterThan(100);
    // the recorder saw the validator's own modules: an empty record would prove nothing
    expect(r.modules.some((u) => u.endsWith('/dist/fhir/validator/invariants.js'))).toBe(true);
    expect(packagesIn(r.modules)).not.toContain('fhirpath');
    expect(packagesIn(r.modules)).not.toContain('fhir-validator-wrapper');
    // nor the Appointment part of flux V3 (its profile choice, rules and session judge)
    expect(
      r.modules.filter((u) => /\/dist\/(flows\/appointments\/(?!appointment-ids)|validate\/(appointment-input|received-session))/.test(u)),
    ).toEqual([]);
  });
});

describe('an invariant only the library evaluates', () => {
  it('att-1 on a Practitioner photo: fhirpath is loaded and the constraint fails', () => {
    const bundle = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'bundles', 'cpts-valid.json'), 'utf8'));
    const practitioner = bundle.entry.findIndex((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Practitioner');
    bundle.entry[practitioner].resource.photo = [{ data: 'aGVsbG8=' }]; // data without contentType
    const r = validateRecorded(tmp.file('photo.json', JSON.stringify(bundle)), 'photo');
    expect(r.code).toBe(1);
    const errors = r.report.issues.filter((i) => i.severity === 'error');
    expect(errors).toContainEqual(
      expect.objectContaining({ ruleId: 'att-1', location: `Bundle.entry[${practitioner}].resource.photo[0]` }),
    );
    expect(packagesIn(r.modules)).toContain('fhirpath');
  });
});

describe('an Appointment (flux V3)', () => {
  it('loads the Appointment part, and is judged against its profile', () => {
    const appointment = { resourceType: 'Appointment', id: 'a1', status: 'booked', participant: [] };
    const r = validateRecorded(tmp.file('appointment.json', JSON.stringify(appointment)), 'appointment');
    expect(r.modules.some((u) => u.endsWith('/dist/validate/appointment-input.js'))).toBe(true);
    expect((r.report as unknown as { profile: string }).profile).toMatch(/FrAppointmentSAS|fr-appointment-sas/i);
    expect(r.code).toBe(1);
  });
});
