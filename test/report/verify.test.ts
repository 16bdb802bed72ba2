/**
 * `sas-recette verify` on a real run of the reference editor (in-process, over loopback HTTP, a few cases
 * with an evidence file): the intact folder passes (and `sha256sum -c SHA256SUMS` too), then a one-byte
 * change in each kind of file — each in a fresh copy of the folder — fails naming exactly that file;
 * so do a missing file, an added file and a changed FHIR package (a copy of a package of ../shared in
 * a temporary sources folder, never the original). A package not found here is "not checked", not a failure.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { findBrowser } from '../../src/report/pdf/find-browser.js';
import { cli, HAVE_PACKAGES, JDD_ARGS, PACKAGES, tempDir } from '../e2e/support.js';

const BROWSER = await findBrowser(process.env);
const HAVE_SHA256SUM = spawnSync('sha256sum', ['--version']).status === 0;

interface Verification {
  intact: boolean;
  manifest: { sha256: string };
  files: { checked: boolean; intact: number; problems: { path: string; state: string }[] };
  packages: { checks: { package: string; state: string; reason?: string; location?: string }[] };
  inputs: { kind: string; original: string; path?: string }[];
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Flips the lowest bit of the byte at `at` (default: the middle of the file). */
function flipByte(file: string, at?: number): void {
  const bytes = readFileSync(file);
  const i = at ?? Math.floor(bytes.length / 2);
  bytes[i] ^= 0x01;
  writeFileSync(file, bytes);
}

/** Changes the hex digit at `at` of a text file to another hex digit (SHA256SUMS stays well-formed). */
function changeHexDigit(file: string, at: number): void {
  const text = readFileSync(file, 'utf8');
  const c = text[at];
  expect(c).toMatch(/[0-9a-f]/);
  writeFileSync(file, text.slice(0, at) + (c === '0' ? '1' : '0') + text.slice(at + 1));
}

let server: MockServer;
let packages: string; // the run's package sources: copies of ../shared's packages
let runFolder: string;

/** A fresh copy of the run's folder. */
function copyOfRun(name: string): string {
  const dir = join(tempDir(`verify-${name}`), 'run');
  cpSync(runFolder, dir, { recursive: true });
  return dir;
}

async function verifyJson(dir: string, extra: string[] = []): Promise<{ code: number; v: Verification; err: string }> {
  const r = await cli(['verify', dir, '--format', 'json', '--lang', 'en', ...extra], { SAS_RECETTE_PACKAGES: packages });
  return { code: r.code, v: JSON.parse(r.out) as Verification, err: r.err };
}

describe.runIf(HAVE_PACKAGES)('sas-recette verify', () => {
  beforeAll(async () => {
    server = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)) });
    packages = tempDir('verify-packages');
    for (const f of readdirSync(PACKAGES).filter((n) => n.endsWith('.tgz'))) cpSync(join(PACKAGES, f), join(packages, f));
    const out = tempDir('verify-run');
    const r = await cli(
      [
        'run',
        '--base-url',
        server.url,
        ...JDD_ARGS,
        '--only',
        'PS-25-IDENTIFIERS,PS-4.3-SEARCH,CPTS-UNKNOWN-EMPTY',
        '--out',
        out,
        '--lang',
        'en',
      ],
      { SAS_RECETTE_PACKAGES: packages },
    );
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    runFolder = realpathSync(join(out, 'latest'));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('a run writes its manifest: reports, evidence, input copies and packages hashed; the PV shows its fingerprint', () => {
    const manifest = JSON.parse(readFileSync(join(runFolder, 'manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string; bytes: number }[];
      inputs: { kind: string; original: string; path?: string }[];
      packages: { package: string; location?: string; sha256?: string }[];
    };
    const paths = manifest.files.map((f) => f.path);
    for (const p of ['run.json', 'junit.xml', 'inputs/cahier/psindiv.yaml', 'inputs/jdd/recette-psindiv.yaml']) expect(paths).toContain(p);
    expect(paths.some((p) => /^evidence\/PS-25-IDENTIFIERS-\d+\.json$/.test(p))).toBe(true);
    // the PV files and the manifest itself are in SHA256SUMS, not in the manifest
    expect(paths).not.toContain('pv.html');
    expect(paths).not.toContain('manifest.json');
    for (const f of manifest.files) expect(f.sha256, f.path).toBe(sha256(join(runFolder, f.path)));
    expect(manifest.inputs).toContainEqual({ kind: 'cahier', original: 'testcases/psindiv.yaml', path: 'inputs/cahier/psindiv.yaml' });
    expect(readFileSync(join(runFolder, 'inputs/cahier/psindiv.yaml'))).toEqual(readFileSync('testcases/psindiv.yaml'));
    const sas = manifest.packages.find((p) => p.package === 'ans.fhir.fr.sas#1.2.0');
    expect(sas?.location).toBe(join(packages, 'ans.fhir.fr.sas#1.2.0.tgz'));
    expect(sas?.sha256).toBe(sha256(join(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz')));

    const fingerprint = sha256(join(runFolder, 'manifest.json'));
    expect(readFileSync(join(runFolder, 'pv.html'), 'utf8')).toContain(`data-manifest-sha256="${fingerprint}">${fingerprint}<`);
    expect(readFileSync(join(runFolder, 'SHA256SUMS'), 'utf8')).toBe(
      `${fingerprint}  manifest.json\n${sha256(join(runFolder, 'pv.html'))}  pv.html\n`,
    );
  });

  it('an intact folder: exit 0, the fingerprint the PV carries, every package intact (DIR, run.json or latest)', async () => {
    const fingerprint = sha256(join(runFolder, 'manifest.json'));
    const text = await cli(['verify', runFolder, '--lang', 'en'], { SAS_RECETTE_PACKAGES: packages });
    expect(text.code).toBe(0);
    expect(text.out).toContain(`Manifest fingerprint (SHA-256): ${fingerprint}\n  (the PV of this run carries this fingerprint)`);
    expect(text.out).toMatch(/\nINTACT: the folder is as the run wrote it\n$/);
    const fr = await cli(['verify', join(runFolder, 'run.json')], { SAS_RECETTE_PACKAGES: packages });
    expect(fr.code).toBe(0);
    expect(fr.out).toContain(`Empreinte du manifeste (SHA-256)\u00a0: ${fingerprint}`);
    const { code, v } = await verifyJson(join(runFolder, '..', 'latest'));
    expect(code).toBe(0);
    expect(v.intact).toBe(true);
    expect(v.files.problems).toEqual([]);
    // every file of the folder but SHA256SUMS: those the manifest lists, and manifest.json and pv.html through SHA256SUMS
    const files = readdirSync(runFolder, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(v.files.intact).toBe(files.length - 1);
    expect(v.packages.checks.length).toBeGreaterThanOrEqual(4);
    expect(v.packages.checks.every((p) => p.state === 'intact')).toBe(true);
  });

  it.runIf(HAVE_SHA256SUM)('sha256sum -c SHA256SUMS passes on the intact folder', () => {
    const r = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: runFolder, encoding: 'utf8' });
    expect(r.stdout).toBe('manifest.json: OK\npv.html: OK\n');
    expect(r.status).toBe(0);
  });

  const oneByte: [kind: string, file: (dir: string) => string][] = [
    ['run.json', () => 'run.json'],
    ['junit.xml', () => 'junit.xml'],
    ['an evidence file', (dir) => `evidence/${readdirSync(join(dir, 'evidence'))[0]}`],
    ['pv.html', () => 'pv.html'],
    ['manifest.json', () => 'manifest.json'],
    ['an input cahier copy', () => 'inputs/cahier/psindiv.yaml'],
    ['an input JDD copy', () => 'inputs/jdd/recette-cpts.yaml'],
  ];
  for (const [kind, fileOf] of oneByte) {
    it(`a one-byte change in ${kind}: exit 1 naming exactly that file`, async () => {
      const dir = copyOfRun(kind.replace(/\W+/g, '-'));
      const file = fileOf(dir);
      flipByte(join(dir, file));
      const { code, v } = await verifyJson(dir);
      expect(code).toBe(1);
      expect(v.intact).toBe(false);
      expect(v.files.problems).toEqual([{ path: file, state: 'changed' }]);
      const text = await cli(['verify', dir, '--lang', 'en'], { SAS_RECETTE_PACKAGES: packages });
      expect(text.code).toBe(1);
      expect(text.out).toContain(`✗ changed: ${file}\n`);
      expect(text.out).toMatch(/\nNOT INTACT \(1 difference\)\n$/);
    });
  }

  it('manifest.json changed: the other files are said not checked, never passed', async () => {
    const dir = copyOfRun('manifest-text');
    flipByte(join(dir, 'manifest.json'));
    const r = await cli(['verify', dir, '--lang', 'en'], { SAS_RECETTE_PACKAGES: packages });
    expect(r.code).toBe(1);
    expect(r.out).toContain('Files NOT CHECKED: the manifest itself is not intact');
    expect(r.out).not.toMatch(/files? intact/);
  });

  it('a one-byte change in SHA256SUMS (the manifest line, or the PV line): exit 1 naming exactly SHA256SUMS', async () => {
    for (const line of [0, 1]) {
      const dir = copyOfRun(`sums-${line}`);
      const offset = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').split('\n').slice(0, line).join('\n').length + (line ? 1 : 0) + 10;
      changeHexDigit(join(dir, 'SHA256SUMS'), offset);
      const { code, v } = await verifyJson(dir);
      expect(code).toBe(1);
      expect(v.files.problems).toEqual([{ path: 'SHA256SUMS', state: 'changed' }]);
      expect(v.files.checked).toBe(true);
    }
  });

  it('a missing file and an added file: exit 1 naming each', async () => {
    const dir = copyOfRun('missing-added');
    unlinkSync(join(dir, 'junit.xml'));
    writeFileSync(join(dir, 'notes.txt'), 'added later\n');
    mkdirSync(join(dir, 'evidence', 'more'));
    writeFileSync(join(dir, 'evidence', 'more', 'x.json'), '{}');
    const { code, v } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(v.files.problems).toEqual([
      { path: 'evidence/more/x.json', state: 'added' },
      { path: 'junit.xml', state: 'missing' },
      { path: 'notes.txt', state: 'added' },
    ]);
    const gone = copyOfRun('sums-missing');
    unlinkSync(join(gone, 'SHA256SUMS'));
    const g = await verifyJson(gone);
    expect(g.code).toBe(1);
    expect(g.v.files.problems).toEqual([{ path: 'SHA256SUMS', state: 'missing' }]);
  });

  it('a one-byte change in a FHIR package: exit 1 naming it; a package not found here: "not checked", exit 0', async () => {
    const changed = tempDir('verify-changed-packages');
    cpSync(packages, changed, { recursive: true });
    flipByte(join(changed, 'hl7.fhir.fr.core#2.1.0.tgz'));
    const { code, v } = await verifyJson(runFolder, ['--packages', changed]);
    expect(code).toBe(1);
    expect(v.files.problems).toEqual([]);
    expect(v.packages.checks.filter((p) => p.state !== 'intact')).toEqual([
      { package: 'hl7.fhir.fr.core#2.1.0', state: 'changed', location: join(changed, 'hl7.fhir.fr.core#2.1.0.tgz') },
    ]);
    const text = await cli(['verify', runFolder, '--lang', 'en', '--packages', changed]);
    expect(text.out).toContain('✗ hl7.fhir.fr.core#2.1.0: CHANGED');

    const partial = tempDir('verify-partial-packages');
    for (const f of readdirSync(packages).filter((n) => !n.startsWith('hl7.terminology'))) cpSync(join(packages, f), join(partial, f));
    const p = await verifyJson(runFolder, ['--packages', partial]);
    expect(p.code).toBe(0);
    expect(p.v.packages.checks.filter((x) => x.state !== 'intact')).toEqual([
      expect.objectContaining({ package: 'hl7.terminology#5.3.0', state: 'not-checked', reason: 'not-found' }),
    ]);
    const t = await cli(['verify', runFolder, '--lang', 'en', '--packages', partial]);
    expect(t.out).toContain('hl7.terminology#5.3.0: not checked here: not found on this machine (looked in');
  });

  it('not a run folder, or a run made before manifests: exit 2 saying so', async () => {
    const old = copyOfRun('older');
    rmSync(join(old, 'manifest.json'));
    rmSync(join(old, 'SHA256SUMS'));
    const r = await cli(['verify', old, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no manifest (manifest.json): a run made by an older version of sas-recette');
    expect(r.err).not.toMatch(/\n\s+at /);
    const empty = tempDir('verify-empty');
    const e = await cli(['verify', empty, '--lang', 'en']);
    expect(e.code).toBe(2);
    expect(e.err).toContain('not a run folder (no manifest.json, no run.json)');
    const none = await cli(['verify', join(empty, 'nothing'), '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('nothing: not found');
  });

  it('report run.json in the run folder: the new PV shows the manifest fingerprint, SHA256SUMS rewritten, still intact', async () => {
    const dir = copyOfRun('report');
    const fingerprint = sha256(join(dir, 'manifest.json'));
    const before = readFileSync(join(dir, 'pv.html'), 'utf8');
    const r = await cli(['report', join(dir, 'run.json'), '--lang', 'fr'], {}, dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`SHA256SUMS réécrit pour le nouveau PV (empreinte du manifeste\u00a0: ${fingerprint})`);
    const after = readFileSync(join(dir, 'pv.html'), 'utf8');
    expect(after).not.toBe(before); // French now
    expect(after).toContain(`data-manifest-sha256="${fingerprint}"`);
    expect(readFileSync(join(dir, 'SHA256SUMS'), 'utf8')).toBe(`${fingerprint}  manifest.json\n${sha256(join(dir, 'pv.html'))}  pv.html\n`);
    expect((await verifyJson(dir)).code).toBe(0);

    // an altered folder is not re-rendered: its PV would carry the fingerprint over altered content
    flipByte(join(dir, 'run.json'), readFileSync(join(dir, 'run.json'), 'utf8').indexOf('127.0.0.1')); // still valid JSON
    const refused = await cli(['report', join(dir, 'run.json'), '--lang', 'en']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('run.json no longer matches the manifest');
  });

  it.runIf(BROWSER)(
    'pv.pdf: printed by report --pdf into the folder, listed in SHA256SUMS; a one-byte change names it',
    async () => {
      const dir = copyOfRun('pdf');
      const r = await cli(['report', join(dir, 'run.json'), '--pdf', '--lang', 'en']);
      expect(r.code).toBe(0);
      expect(existsSync(join(dir, 'pv.pdf'))).toBe(true);
      expect(readFileSync(join(dir, 'SHA256SUMS'), 'utf8')).toContain(`${sha256(join(dir, 'pv.pdf'))}  pv.pdf\n`);
      expect((await verifyJson(dir)).code).toBe(0);
      flipByte(join(dir, 'pv.pdf'));
      const { code, v } = await verifyJson(dir);
      expect(code).toBe(1);
      expect(v.files.problems).toEqual([{ path: 'pv.pdf', state: 'changed' }]);
    },
    180_000,
  );
  it.skipIf(BROWSER)('pv.pdf: skipped, no browser found (CHROMIUM_PATH, chromium on the PATH, @sparticuz/chromium)', () => {});
});
