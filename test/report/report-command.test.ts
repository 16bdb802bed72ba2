/** `sas-recette report`: re-renders a saved run.json in-process through main(), and exits 2 on bad input. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { renderRunJson } from '../../src/report/json.js';
import { pvHashes } from '../../src/report/html/index.js';
import { makeRunResult } from './fixtures/run-result.js';

function captureIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readStdin: async () => Buffer.alloc(0),
    env: { NO_COLOR: '1' },
    cwd,
    isTTY: false,
  };
}

async function report(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(cwd);
  const code = await main(['node', 'sas-recette', 'report', ...args], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sas-report-cmd-'));
  writeFileSync(join(dir, 'run.json'), renderRunJson(makeRunResult()));
  return dir;
}

describe('sas-recette report', () => {
  it('writes pv.html and junit.xml next to run.json by default', async () => {
    const dir = workspace();
    const r = await report(dir, 'run.json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('écrit pv.html\nécrit junit.xml\n');
    const pv = readFileSync(join(dir, 'pv.html'), 'utf8');
    expect(pv).toContain('<html lang="fr">');
    expect(pvHashes(pv).computed).toBe(pvHashes(pv).written);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('<testsuites name="sas-recette 3f2c9a7e');
  });

  it('writes only the requested formats, in English, with PV information and declarations added', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'pv.yaml'), 'editor: "Autre Éditeur"\npvNumber: "PV-2025-042"\n');
    writeFileSync(join(dir, 'decl.yaml'), 'declaredBy: "A. Editor"\ndeclarations:\n  - { id: DECL-MFA, answer: "no" }\n');
    const r = await report(
      dir,
      'run.json',
      '--html',
      'out/pv-en.html',
      '--lang',
      'en',
      '--pv-info',
      'pv.yaml',
      '--declarations',
      'decl.yaml',
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe(`wrote ${join('out', 'pv-en.html')}\n`);
    expect(existsSync(join(dir, 'junit.xml'))).toBe(false);
    const pv = readFileSync(join(dir, 'out', 'pv-en.html'), 'utf8');
    expect(pv).toContain('<html lang="en">');
    expect(pv).toContain('Autre Éditeur');
    expect(pv).toContain('PV-2025-042');
    expect(pv).toContain('AgendaPro'); // kept from the run's pvInfo
    expect(pv).toContain('Do health professional users sign in with two-factor authentication?');
    expect(pv).not.toContain('DECL-HDS'); // declarations replaced by the file's
  });

  it('exits 2 with a clear message for a broken run.json', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": 1,');
    const r = await report(dir, 'broken.json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sas-recette: broken\.json:1:21\u00a0: JSON invalide \(/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 for a foreign JSON file and for a missing file', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
    expect((await report(dir, 'package.json', '--lang', 'en')).err).toMatch(/^sas-recette: package\.json: not a sas-recette run result/);
    expect((await report(dir, 'package.json')).err).toMatch(/^sas-recette: package\.json\u00a0: ce n'est pas un résultat d'exécution/);
    const missing = await report(dir, 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^sas-recette: nope\.json\u00a0: fichier introuvable/);
  });

  it('exits 2 for an invalid --pv-info file, naming file:line:col', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'pv.yaml'), 'softwareVersion: 4.10\n');
    const r = await report(dir, 'run.json', '--pv-info', 'pv.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/pv\.yaml:1:18 champ «\u00a0softwareVersion\u00a0»\u00a0: .*mettre cette valeur entre guillemets/);
    const en = await report(dir, 'run.json', '--pv-info', 'pv.yaml', '--lang', 'en');
    expect(en.err).toMatch(/pv\.yaml:1:18 field "softwareVersion": .*quote this value/);
  });

  it('exits 2 for an unknown --lang', async () => {
    const r = await report(workspace(), 'run.json', '--lang', 'de');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/de/);
  });
});
