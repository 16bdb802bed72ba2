/**
 * `sas-recette run` against the reference editor on loopback HTTP: the clean editor passes every
 * shipped search case, the output formats, the selection, and the usage errors (exit 2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { formatParis } from '../../src/sas/time.js';
import { cli, HAVE_PACKAGES, JDD_ARGS, parseRun, tempDir, verdicts } from './support.js';
import type { RunResult } from '../../src/core/model.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)) });
});
afterAll(async () => {
  await server.close();
});

describe('sas-recette run (clean reference editor)', () => {
  it.runIf(HAVE_PACKAGES)('passes every shipped search case, structure included, and writes run.json equal to stdout', async () => {
    const out = tempDir('clean');
    const r = await cli([
      'run',
      '--base-url',
      server.url,
      ...JDD_ARGS,
      '--tag',
      '!transport,!flux-v1,!flux-v2,!flux-v3', // the search cases (the appointment side: test/flows, test/e2e/demo.test.ts)
      '--format',
      'json',
      '--reporter',
      'json',
      '--out',
      out,
    ]);
    expect(r.err).not.toMatch(/internal error/);
    const run = parseRun(r.out);
    const notPassed = run.cases.filter((c) => c.verdict !== 'passed').map((c) => `${c.id}: ${c.reason?.en}`);
    expect(notPassed).toEqual([]);
    expect(r.code).toBe(0);
    expect(run.cases.length).toBeGreaterThanOrEqual(50);
    expect(new Set(run.cases.map((c) => c.group))).toEqual(new Set(['psindiv', 'cpts', 'sos', 'errors']));
    expect(run.summary).toMatchObject({
      overall: 'favorable-with-reserves',
      failed: 0,
      error: 0,
      skipped: 0,
      'not-applicable': 0,
      blocking: [],
    });
    // Only what was not verified keeps it from a plain Favorable: FR Core 1.1.0 / NOS elements, and the
    // requirements of the transport cases this run did not play.
    expect([...new Set(run.summary.reserves.map((x) => x.kind))].sort()).toEqual(['not-checked', 'untested-requirement']);
    expect(run.summary.reserves.filter((x) => x.kind === 'untested-requirement').map((x) => x.ref)).toContain('agg-psindiv@1');
    expect(run.packages).toContain('ans.fhir.fr.sas#1.2.0');
    // structure was really checked: the cases asking for it carry no "not checked" note
    const structural = run.cases.find((c) => c.id === 'PS-ALL-RULES');
    expect(structural?.findings.some((f) => f.ruleId === 'STRUCTURE-NOT-CHECKED')).toBe(false);
    // evidence: the request sent, with the Paris window and its explicit offset, and the answer
    const search = run.cases.find((c) => c.id === 'PS-4.3-SEARCH');
    expect(search?.exchanges[0].request.url).toMatch(/start=ge\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}%2B0[12]:00&/);
    expect(search?.exchanges[0].request.headers.accept).toBe('application/fhir+json');
    expect(search?.exchanges[0].response?.status).toBe(200);
    expect(search?.source).toMatch(/^testcases\/psindiv\.yaml:\d+$/);
    // requirement coverage: catalogue rows of the run's use cases, those cited by the cases passed
    expect(run.requirements.find((q) => q.id === 'agg-psindiv@8')).toMatchObject({
      status: 'passed',
      cases: expect.arrayContaining(['PS-UNKNOWN-EMPTY']),
    });
    expect(run.requirements.find((q) => q.id === 'sas-decl@1')?.status).toBe('not-tested');
    const written = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8'));
    expect(written.cases.map((c: { id: string }) => c.id)).toEqual(run.cases.map((c) => c.id));
  });

  it('prints one line per case and the summary in text mode, in English when asked', async () => {
    const r = await cli([
      'run',
      '--base-url',
      server.url,
      ...JDD_ARGS,
      '--only',
      'PS-4.3-SEARCH,SOS-SEARCH',
      '--reporter',
      'console',
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\[\d\/2\] ✓ passed {2}PS-4\.3-SEARCH {2}Search of the free slots of a PS practising in one place \(\d+ ms\)$/m);
    expect(r.out).toMatch(/^\[\d\/2\] ✓ passed {2}SOS-SEARCH /m);
    // two cases verify few requirements: the others are named as reserves, never a plain Favorable
    expect(r.out).toMatch(/Verdict: FAVOURABLE WITH RESERVES — 2\/2 passed — standard mode/);
    expect(r.out).toMatch(/untested requirements \(\d+\):/);
    expect(r.out).not.toContain('\u001b['); // NO_COLOR
  });

  it('judges against --now: the search window starts there, in Paris time with its offset', async () => {
    const pinned = new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * 3600_000);
    const r = await cli([
      'run',
      '--base-url',
      server.url,
      ...JDD_ARGS,
      '--only',
      'PS-4.3-DATES',
      '--now',
      pinned.toISOString().replace('.000Z', 'Z'),
      '--format',
      'json',
      '--reporter',
      'json',
      '--out',
      tempDir('now'),
    ]);
    expect(r.code).toBe(0);
    const run = parseRun(r.out);
    expect(run.now).toBe(formatParis(pinned));
    expect(run.cases[0].exchanges[0].request.url).toContain(`start=ge${formatParis(pinned).replace('+', '%2B')}&`);
  });

  it('lists the selection without calling any endpoint', async () => {
    const r = await cli(['run', ...JDD_ARGS, '--list', '--tag', 'ans-4.8']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => /^CPTS-4\.8/.test(l))).toHaveLength(2);
    expect(r.out).toMatch(/2 \/ \d+ test case\(s\) selected/);
  });

  it('selects by use case, grep and excluded tag', async () => {
    const r = await cli(['run', ...JDD_ARGS, '--list', '--use-case', 'sos', '--grep', 'PLACE$', '--tag', '!transport']);
    expect(
      r.out
        .split('\n')
        .filter((l) => /^[A-Z]/.test(l))
        .map((l) => l.split(' ')[0]),
    ).toEqual(['SOS-ONE-PLACE']);
  });

  it('reports missing FHIR packages, still runs the rules and fails on them', async () => {
    const bad = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)), defects: ['wrong-status'] });
    try {
      const r = await cli(
        [
          'run',
          '--base-url',
          bad.url,
          ...JDD_ARGS,
          '--only',
          'PS-4.3-STATUS,PS-4.2-BUNDLE',
          '--format',
          'json',
          '--reporter',
          'json',
          '--out',
          tempDir('nopkg'),
        ],
        {
          SAS_RECETTE_PACKAGES: join(tempDir('empty'), 'none'),
        },
      );
      expect(r.code).toBe(1);
      expect(r.err).toContain('Validation structurelle NON FAITE');
      const run = parseRun(r.out);
      expect(run.setupNotes[0].en).toMatch(
        /^Structural validation NOT DONE: FHIR package ans\.fhir\.fr\.sas#1\.2\.0 not found .*sas-recette ig install/,
      );
      expect(run.packages).toEqual([]);
      // its rules passed, but a case asking for structural validity never passes unchecked
      expect(verdicts(run)).toEqual({ 'PS-4.2-BUNDLE': 'skipped', 'PS-4.3-STATUS': 'failed' });
      expect(run.cases[0].findings).toContainEqual(
        expect.objectContaining({ ruleId: 'STRUCTURE-NOT-CHECKED', notChecked: true, severity: 'information' }),
      );
    } finally {
      await bad.close();
    }
  });

  it('stops after the first failure with --bail, the rest skipped', async () => {
    const bad = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)), defects: ['total-mismatch'] });
    try {
      const r = await cli([
        'run',
        '--base-url',
        bad.url,
        ...JDD_ARGS,
        '--use-case',
        'psindiv',
        '--tag',
        'empty',
        '--bail',
        '--format',
        'json',
        '--reporter',
        'json',
        '--out',
        tempDir('bail'),
      ]);
      const run = parseRun(r.out);
      expect(r.code).toBe(1);
      expect(verdicts(run)).toEqual({ 'PS-UNKNOWN-EMPTY': 'failed', 'PS-UNKNOWN-AMONG-KNOWN': 'skipped' });
      expect(run.cases[1].reason?.en).toBe('not run: --bail stopped the run after PS-UNKNOWN-EMPTY failed');
    } finally {
      await bad.close();
    }
  });

  it('says loudly what --insecure disables', async () => {
    const insecure = (out: string) => [
      'run',
      '--base-url',
      server.url,
      ...JDD_ARGS,
      '--only',
      'PS-4.3-SEARCH',
      '--insecure',
      '--reporter',
      'json',
      '--out',
      tempDir(out),
    ];
    const r = await cli([...insecure('insecure'), '--format', 'json']);
    expect(r.code).toBe(0);
    // in the run's language only (French by default)
    expect(r.err).toContain('ATTENTION\u00a0: --insecure');
    expect(r.err).not.toContain('WARNING');
    const en = await cli([...insecure('insecure-en'), '--lang', 'en']);
    expect(en.err).toContain('WARNING: --insecure: the server certificate was NOT verified (chain, validity, host name)');
    expect(en.err).not.toContain('ATTENTION');
    const run = parseRun(r.out);
    expect(run.setupNotes.map((n) => n.en)).toContain(
      '--insecure: the server certificate was NOT verified (chain, validity, host name). This run is not a valid acceptance.',
    );
    // never favorable, and said not valid for acceptance, even when every case passed
    expect(run.insecure).toBe(true);
    expect(run.summary).toMatchObject({ passed: 1, overall: 'favorable-with-reserves', validForAcceptance: false });
    expect(run.summary.reserves.map((x) => x.kind)).toContain('insecure');
  });

  it('--strict (official acceptance): the same passing run exits 1 while a reserve remains, and says its mode', async () => {
    const args = ['run', '--base-url', server.url, ...JDD_ARGS, '--only', 'PS-4.3-SEARCH', '--format', 'json', '--reporter', 'json'];
    const standard = await cli([...args, '--out', tempDir('standard')]);
    expect(standard.code).toBe(0);
    expect(parseRun(standard.out).summary).toMatchObject({ mode: 'standard', overall: 'favorable-with-reserves' });
    const strict = await cli([...args, '--strict', '--out', tempDir('strict')]);
    expect(strict.code).toBe(1);
    const run = parseRun(strict.out);
    expect(run.summary).toMatchObject({ mode: 'strict', passed: 1, failed: 0, error: 0 });
    expect(run.summary.reserves.length).toBeGreaterThan(0);
  });
});

describe('sas-recette run: PV information and declarations', () => {
  it('carries them into the run result and the requirement coverage', async () => {
    const dir = tempDir('pv');
    writeFileSync(join(dir, 'pv.yaml'), 'editor: Éditeur Exemple\nsoftware: Agenda\nsoftwareVersion: "4.10"\noperator: A. Testeur\n');
    writeFileSync(
      join(dir, 'decl.yaml'),
      'declaredBy: B. Responsable\ndeclarations:\n  - id: DECL-HDS\n    answer: "yes"\n    requirements: [sas-decl@1]\n',
    );
    const r = await cli(
      [
        'run',
        '--base-url',
        server.url,
        ...JDD_ARGS,
        '--only',
        'PS-4.3-SEARCH',
        '--pv-info',
        'pv.yaml',
        '--declarations',
        'decl.yaml',
        '--format',
        'json',
        '--reporter',
        'json',
        '--out',
        'out',
      ],
      {},
      dir,
    );
    expect(r.code).toBe(0);
    const run = parseRun(r.out);
    expect(run.pvInfo).toEqual({ editor: 'Éditeur Exemple', software: 'Agenda', softwareVersion: '4.10', operator: 'A. Testeur' });
    expect(run.declarations).toEqual([expect.objectContaining({ id: 'DECL-HDS', answer: 'yes', declaredBy: 'B. Responsable' })]);
    expect(run.requirements.find((q) => q.id === 'sas-decl@1')?.status).toBe('declared');
    expect(run.environment.command).toBe(
      `sas-recette run --base-url ${server.url} ${JDD_ARGS.join(' ')} --only PS-4.3-SEARCH --pv-info pv.yaml --declarations decl.yaml --format json --reporter json --out out`,
    );
    expect(readFileSync(join(dir, 'out', 'latest', 'run.json'), 'utf8')).toContain('"pvInfo"');
  });
});

describe('sas-recette run: usage and setup errors (exit 2, no stack trace)', () => {
  it('names the file, line and field of a broken cahier', async () => {
    const dir = tempDir('cahier');
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      'useCase: psindiv\ncases:\n  - id: PS-BROKEN\n    title: { fr: Cassé, en: Broken }\n    requirements: [agg-psindiv@4]\n    practitioners: [ps-un-lieu]\n    expect:\n      status: deux-cents\n',
    );
    const r = await cli(['run', '--base-url', server.url, ...JDD_ARGS, '--cahier', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:8:15 field "cases[0].expect.status"`);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('an unknown JDD key makes its case not applicable (known keys listed), and nothing judged is exit 1', async () => {
    const dir = tempDir('cahier-key');
    const file = join(dir, 'keys.yaml');
    writeFileSync(
      file,
      'useCase: psindiv\ncases:\n  - id: PS-KEY\n    title: { fr: Clé, en: Key }\n    requirements: [agg-psindiv@4]\n    practitioners: [ps-absent]\n',
    );
    const out = tempDir('cahier-key-out');
    const r = await cli([
      'run',
      '--base-url',
      server.url,
      ...JDD_ARGS,
      '--cahier',
      file,
      '--out',
      out,
      '--reporter',
      'json',
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1);
    const run = JSON.parse(readFileSync(join(out, 'latest', 'run.json'), 'utf8')) as RunResult;
    expect(run.cases[0]).toMatchObject({ id: 'PS-KEY', verdict: 'not-applicable' });
    expect(run.cases[0].reason?.en).toMatch(/ps-absent/);
    expect(run.summary).toMatchObject({ overall: 'unfavorable', validForAcceptance: false });
  });

  it('names the line of an unknown role', async () => {
    const dir = tempDir('cahier-role');
    const file = join(dir, 'roles.yaml');
    writeFileSync(
      file,
      'useCase: psindiv\ncases:\n  - id: PS-ROLE\n    title: { fr: Rôle, en: Role }\n    requirements: [agg-psindiv@4]\n    role: two-place\n',
    );
    const r = await cli(['run', '--base-url', server.url, ...JDD_ARGS, '--cahier', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:\\d+ field "cases\\[0\\]\\.role`));
    expect(r.err).toMatch(/two-place/);
  });

  it.each([
    [['--only', 'NOPE-1'], /aucun cas de test d’identifiant NOPE-1\n {2}→ lister les cas de test avec --list/],
    [['--timeout', 'soon'], /valeur «\u00a0soon\u00a0» refusée pour --timeout <duration>\u00a0: ce n'est pas une durée/],
    [['--now', '2026-03-02T08:00:00'], /--now «\u00a02026-03-02T08:00:00\u00a0»\u00a0: ce n'est pas une date-heure avec décalage horaire/],
    [['--use-case', 'hospital'], /cas d’usage inconnu\u00a0: hospital/],
    [['--reporter', 'console,pfd'], /rapport inconnu «\u00a0pfd\u00a0»/],
    [['--grep', '('], /--grep\u00a0: expression régulière invalide\u00a0: /],
    [['--cert', 'client.pem'], /--cert et --key vont ensemble/],
    [['--tag', 'no-such-tag'], /aucun cas de test sélectionné \(cas d’usage\u00a0: psindiv, cpts, sos\u00a0; \d+ cas dans le cahier\)/],
    [['--tag', 'no-such-tag', '--lang', 'en'], /no test case selected \(use cases: psindiv, cpts, sos; \d+ case\(s\) in the cahier\)/],
  ])('refuses %j', async (args, message) => {
    const r = await cli(['run', '--base-url', server.url, ...JDD_ARGS, ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('requires a JDD and a base URL', async () => {
    expect((await cli(['run', '--base-url', server.url])).err).toMatch(/aucun JDD indiqué\n {2}→ passer --jdd FILE/);
    const noUrl = await cli(['run', ...JDD_ARGS]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.err).toMatch(/--base-url est obligatoire/);
    expect((await cli(['run', ...JDD_ARGS, '--lang', 'en'])).err).toMatch(/--base-url is required\n {2}→ give the FHIR base/);
    expect((await cli(['run', '--base-url', 'ftp://x/fhir', ...JDD_ARGS])).err).toMatch(/--base-url doit être en http\(s\), reçu ftp:/);
  });
});
