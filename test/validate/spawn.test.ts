/**
 * The real binary: `node bin/sas-recette.js validate …` as CI runs it (after `npm run build`), with stdin,
 * exit codes 0/1/2 and NO_COLOR.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCptsBundle } from '../../bench/cpts-bundle.mjs';
import { NOW, PACKAGES, REPO_ROOT, STACK_FRAME, tempDir, type TempDir } from './helpers.js';

const BIN = join(REPO_ROOT, 'bin', 'sas-recette.js');
let tmp: TempDir;
let valid: string;
let invalid: string;

function run(args: string[], input?: Buffer, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, SAS_RECETTE_PACKAGES: PACKAGES, NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, 'dist', 'validate', 'validate-file.js'))) {
    throw new Error('dist/ is not built: run `npm run build` before this test');
  }
  tmp = tempDir();
  const g = generateCptsBundle({ slots: 6, now: new Date(NOW) });
  valid = tmp.file('valid.json', JSON.stringify(g.bundle));
  const bad = structuredClone(g.bundle);
  delete (bad.entry[1].resource as Record<string, unknown>).schedule;
  invalid = tmp.file('invalid.json', JSON.stringify(bad));
});
afterAll(() => tmp?.remove());

describe('node bin/sas-recette.js validate', () => {
  it('exit 0 with JSON on stdout', () => {
    const r = run(['validate', valid, '--now', NOW, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, ig: 'ans.fhir.fr.sas#1.2.0', useCase: 'cpts' });
  });

  it('exit 1 from stdin, without colour although FORCE_COLOR is set (NO_COLOR wins)', () => {
    // (Node 24 itself warns on stderr that NO_COLOR is ignored when FORCE_COLOR is set; sas-recette does not)
    const r = run(['validate', '-', '--now', NOW], readFileSync(invalid), { FORCE_COLOR: '3' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('sas-recette validate stdin');
    expect(r.stdout).toMatch(/Bundle\.entry\[1\]\.resource\.schedule/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('exit 2 for a missing file, without stack trace', () => {
    const r = run(['validate', join(tmp.path, 'absent.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fichier d'entrée introuvable/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('exit 1 for an HTML page piped in', () => {
    const r = run(['validate', '-', '--format', 'json'], Buffer.from('<html><body>Bad Gateway</body></html>'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).issues[0]).toMatchObject({ severity: 'fatal', ruleId: 'input-not-json' });
  });
});
