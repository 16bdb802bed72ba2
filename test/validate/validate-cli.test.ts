/**
 * `sas-recette validate` in-process: exit codes 0/1/2, text and JSON output, language, NO_COLOR, stdin,
 * use-case choice, set-up errors. Inputs are generated (bench/cpts-bundle.mjs) or built here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCptsBundle } from '../../bench/cpts-bundle.mjs';
import { NOW, PACKAGES, STACK_FRAME, runCli, tempDir, type TempDir } from './helpers.js';

const now = new Date(NOW);
let tmp: TempDir;
let validFile: string;
let invalidFile: string;
let search: string;

interface JsonOut {
  valid: boolean;
  ig: string;
  profile: string | null;
  useCase: string;
  useCaseFrom: string;
  issues: {
    severity: string;
    ruleId: string;
    location: string;
    resource: string | null;
    message: string;
    source: string;
    requirements?: string[];
  }[];
  stats: Record<string, number>;
  notes: string[];
}

beforeAll(() => {
  tmp = tempDir();
  const g = generateCptsBundle({ slots: 12, now });
  search = g.search;
  validFile = tmp.file('valid.json', JSON.stringify(g.bundle, null, 2));
  const bad = structuredClone(g.bundle);
  (bad.entry[0].resource as Record<string, unknown>).status = 'busy';
  invalidFile = tmp.file('invalid.json', JSON.stringify(bad));
});

afterAll(() => tmp.remove());

describe('validate: verdict and exit code', () => {
  it('exits 0 on a valid CPTS answer and says so in French by default', async () => {
    const r = await runCli(['validate', validFile, '--now', NOW, '--search', search]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✓ CONFORME');
    expect(r.stdout).toContain("cas d'usage cpts (meta.profile)");
    expect(r.stdout).toMatch(/IG ans\.fhir\.fr\.sas#1\.2\.0/);
    expect(r.code).toBe(0);
  });

  it('exits 1 on an invalid answer and locates the error in the resource group', async () => {
    const r = await runCli(['validate', invalidFile, '--now', NOW, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ NOT VALID');
    const lines = r.stdout.split('\n');
    const group = lines.indexOf('Slot/slot-0');
    expect(group).toBeGreaterThan(0);
    const slotLines = lines.slice(
      group + 1,
      lines.findIndex((l, i) => i > group && !l.startsWith('  ')),
    );
    expect(slotLines.some((l) => /^ {2}error +\S+ +Bundle\.entry\[0\]\.resource\.status /.test(l))).toBe(true);
  });

  it('prints the documented JSON, messages in the chosen language', async () => {
    const r = await runCli(['validate', invalidFile, '--now', NOW, '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as JsonOut;
    expect(json.valid).toBe(false);
    expect(json.ig).toBe('ans.fhir.fr.sas#1.2.0');
    expect(json.profile).toMatch(/sas-cpts-bundle-aggregator/);
    expect(json.useCase).toBe('cpts');
    const status = json.issues.find((i) => i.location === 'Bundle.entry[0].resource.status' && i.source === 'structure');
    expect(status).toMatchObject({ resource: 'Slot/slot-0', severity: 'error' });
    expect(status?.message).toMatch(/[a-z]/);
    for (const i of json.issues) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['severity', 'ruleId', 'location', 'resource', 'message', 'source']));
      expect(['fatal', 'error', 'warning', 'information']).toContain(i.severity);
    }
    expect(json.stats.error).toBeGreaterThan(0);
    expect(json.stats.resources).toBeGreaterThan(12);
    const fr = JSON.parse((await runCli(['validate', invalidFile, '--now', NOW, '--format', 'json'])).stdout) as JsonOut;
    const frStatus = fr.issues.find((i) => i.location === status?.location && i.ruleId === status?.ruleId);
    expect(frStatus?.message).not.toBe(status?.message);
  });

  it('reads standard input with -', async () => {
    const { readFileSync } = await import('node:fs');
    const ok = await runCli(['validate', '-', '--now', NOW, '--format', 'json'], { stdin: readFileSync(validFile) });
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as JsonOut & { input: string }).input).toBe('stdin');
    const bad = await runCli(['validate', '-', '--now', NOW], { stdin: readFileSync(invalidFile) });
    expect(bad.code).toBe(1);
  });

  it('does not wait on a terminal: "-" with nothing piped is a usage error', async () => {
    const r = await runCli(['validate', '-'], { stdinIsTTY: true, stdin: 'never read' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('«\u00a0-\u00a0» lit l’entrée standard, mais rien n’y est envoyé');
    expect(r.stderr).toContain('cat response.json | sas-recette validate -');
  });

  it('reports the SAS rules without --search as not checked, and with it as checked', async () => {
    const without = JSON.parse((await runCli(['validate', validFile, '--now', NOW, '--format', 'json'])).stdout) as JsonOut;
    const withSearch = JSON.parse(
      (await runCli(['validate', validFile, '--now', NOW, '--format', 'json', '--search', search])).stdout,
    ) as JsonOut;
    const notChecked = (j: JsonOut) => j.issues.filter((i) => i.source === 'rule' && (i as { notChecked?: boolean }).notChecked).length;
    expect(notChecked(without)).toBeGreaterThan(notChecked(withSearch));
  });
});

describe('validate: colour', () => {
  it('colours on a TTY, and never when NO_COLOR is set', async () => {
    const env = { SAS_RECETTE_PACKAGES: PACKAGES };
    const tty = await runCli(['validate', invalidFile, '--now', NOW], { env, isTTY: true });
    expect(tty.stdout).toContain('\u001b[');
    const noColor = await runCli(['validate', invalidFile, '--now', NOW], { env: { ...env, NO_COLOR: '1' }, isTTY: true });
    expect(noColor.stdout).not.toContain('\u001b[');
    expect(noColor.code).toBe(1);
    const json = await runCli(['validate', invalidFile, '--now', NOW, '--format', 'json'], { env, isTTY: true });
    expect(json.stdout).not.toContain('\u001b[');
  });
});

describe('validate: use case', () => {
  it('guesses psindiv with an information note when nothing says otherwise', async () => {
    const g = generateCptsBundle({ slots: 3, now });
    const b = { resourceType: 'Bundle', type: 'searchset', total: 0 };
    const file = tmp.file('no-profile.json', JSON.stringify(b));
    const r = JSON.parse((await runCli(['validate', file, '--now', NOW, '--format', 'json', '--lang', 'en'])).stdout) as JsonOut;
    expect(r.useCase).toBe('psindiv');
    expect(r.useCaseFrom).toBe('default');
    expect(r.issues.find((i) => i.ruleId === 'use-case-guessed')).toMatchObject({ severity: 'information' });
    const forced = JSON.parse((await runCli(['validate', file, '--now', NOW, '--format', 'json', '--use-case', 'sos'])).stdout) as JsonOut;
    expect(forced.useCase).toBe('sos');
    expect(forced.issues.some((i) => i.ruleId === 'use-case-guessed')).toBe(false);
    const fromSearch = JSON.parse(
      (await runCli(['validate', file, '--now', NOW, '--format', 'json', '--search', g.search])).stdout,
    ) as JsonOut;
    expect(fromSearch).toMatchObject({ useCase: 'cpts', useCaseFrom: 'search' });
  });

  it('validates a lone resource and says the SAS rules were not run', async () => {
    const g = generateCptsBundle({ slots: 1, now });
    const file = tmp.file('slot.json', JSON.stringify(g.bundle.entry[0].resource));
    const r = await runCli(['validate', file, '--now', NOW, '--format', 'json', '--lang', 'en']);
    const json = JSON.parse(r.stdout) as JsonOut;
    expect(json.profile).toMatch(/sas-cpts-slot-aggregator/);
    expect(json.issues.find((i) => i.ruleId === 'sas-rules-not-run')?.message).toMatch(/lone Slot/);
    expect(r.code).toBe(json.valid ? 0 : 1);
  });

  it('with --use-case, an answer that is not a searchset Bundle is an error (exit 1)', async () => {
    const oo = tmp.file(
      'oo.json',
      JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics: 'boom' }] }),
    );
    const r = await runCli(['validate', oo, '--now', NOW, '--format', 'json', '--lang', 'en', '--use-case', 'psindiv']);
    const json = JSON.parse(r.stdout) as JsonOut;
    expect(r.code).toBe(1);
    const f = json.issues.find((i) => i.ruleId === 'SAS-BDL-001');
    expect(f).toMatchObject({ severity: 'error' });
    expect(f?.message).toMatch(/not an answer to the SAS search.*OperationOutcome/);
    expect(json.issues.some((i) => i.ruleId === 'sas-rules-not-run')).toBe(false);
    const batch = tmp.file('batch.json', JSON.stringify({ resourceType: 'Bundle', type: 'batch-response', entry: [] }));
    const rb = await runCli(['validate', batch, '--now', NOW, '--format', 'json', '--lang', 'en', '--use-case', 'cpts']);
    expect(rb.code).toBe(1);
    expect((JSON.parse(rb.stdout) as JsonOut).issues.find((i) => i.ruleId === 'SAS-BDL-001')?.message).toMatch(
      /Bundle.type must be "searchset", got "batch-response"/,
    );
  });
});

describe('validate: usage and set-up problems exit 2', () => {
  it('missing file', async () => {
    const r = await runCli(['validate', 'nope/absent.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fichier d'entrée introuvable\u00a0: nope\/absent\.json/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('IG not found: says where it looked and how to fix it', async () => {
    const empty = tempDir();
    try {
      const r = await runCli(['validate', validFile, '--packages', empty.path, '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`ans.fhir.fr.sas#1.2.0 not found (looked in: ${empty.path})`);
      expect(r.stderr).toMatch(/--packages DIR/);
      expect(r.stderr).toMatch(/SAS_RECETTE_PACKAGES/);
      expect(r.stderr).toMatch(/sas-recette ig install ans\.fhir\.fr\.sas#1\.2\.0 --from FILE\.tgz/);
      const viaEnv = await runCli(['validate', validFile], { env: { SAS_RECETTE_PACKAGES: `${empty.path}/missing` } });
      expect(viaEnv.code).toBe(2);
      expect(viaEnv.stderr).toContain(
        `package FHIR ans.fhir.fr.sas#1.2.0 introuvable (cherché dans\u00a0: ${empty.path}/missing (n'existe pas))`,
      );
      const otherVersion = await runCli(['validate', validFile, '--ig', 'ans.fhir.fr.sas#9.9.9']);
      expect(otherVersion.code).toBe(2);
      expect(otherVersion.stderr).toMatch(/autres versions trouvées\u00a0: .*1\.2\.0/);
    } finally {
      empty.remove();
    }
  });

  it('bad options', async () => {
    for (const args of [
      ['--now', '2026-03-02T08:00:00'],
      ['--now', 'yesterday'],
      ['--use-case', 'hospital'],
      ['--format', 'xml'],
      ['--lang', 'de'],
      ['--search', 'https://h/fhir/Patient?name=x'],
    ]) {
      const r = await runCli(['validate', validFile, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/\S/);
      expect(r.stderr).not.toMatch(STACK_FRAME);
    }
  });

  it('a folder instead of a file', async () => {
    const r = await runCli(['validate', tmp.path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/est un dossier, pas un fichier/);
  });
});
