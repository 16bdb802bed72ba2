/**
 * `sas-recette run --official-validator` against the reference editor on loopback, with the stand-in
 * `java`: one validator service for the whole run, stopped at the end (and when the run fails), the
 * official findings kept apart on the structural cases, gates that flip a verdict, the run-level record
 * in run.json, the console summary, JUnit and the PV, and a run without java that completes.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import type { RunResult } from '../../src/core/model.js';
import { cli, JDD_ARGS, PACKAGES, parseRun, tempDir } from '../e2e/support.js';
import { expectStopped, igArgs, SAS_TGZ, standInEnv, useOfficialFixture, validations } from './support.js';

const fx = useOfficialFixture();
const CPTS_PROFILE = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-bundle-aggregator';
const SOS_PROFILE = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-bundle-aggregator';
/** Two CPTS answers (CPTS-4.3-SEARCH shares CPTS-4.2-BUNDLE's request) and one SOS answer. */
const ONLY = ['--only', 'CPTS-4.3-SEARCH', '--only', 'CPTS-4.2-BUNDLE', '--only', 'CPTS-ALL-RULES', '--only', 'SOS-BUNDLE'];
const STRUCTURAL = ['CPTS-4.2-BUNDLE', 'CPTS-ALL-RULES', 'SOS-BUNDLE'];

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)) });
});
afterAll(async () => {
  await server.close();
});

function byId(run: RunResult, id: string) {
  const c = run.cases.find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id}`);
  return c;
}

const runArgs = (out: string) => [
  'run',
  '--base-url',
  server.url,
  ...JDD_ARGS,
  ...ONLY,
  '--out',
  out,
  '--official-validator',
  fx.standIn.jar,
];

describe.runIf(existsSync(SAS_TGZ))('run --official-validator (stand-in java, reference editor)', () => {
  it('starts one service for the run, keeps its findings apart on the structural cases, never changes a verdict', async () => {
    const out = tempDir('official');
    const r = await cli([...runArgs(out), '--format', 'json', '--reporter', 'json,junit'], standInEnv(fx, PACKAGES));
    expect(r.err).not.toMatch(/internal error/);
    expect(r.err).toContain('Démarrage du validateur officiel HL7');
    const run = parseRun(r.out);

    // Our engine alone decides: the clean editor passes everything, exit 0.
    expect(run.cases.map((c) => [c.id, c.verdict])).toEqual(
      ['CPTS-4.3-SEARCH', 'CPTS-4.2-BUNDLE', 'CPTS-ALL-RULES', 'SOS-BUNDLE'].map((id) => [id, 'passed']),
    );
    expect(r.code).toBe(0);

    // Official findings on the structural cases only, apart from ours.
    for (const id of STRUCTURAL) {
      const c = byId(run, id);
      expect(c.officialFindings).toEqual([
        expect.objectContaining({
          severity: 'error',
          ruleId: 'official:Terminology_TX_NoValid_1_CC',
          engine: 'official',
          location: 'Bundle.entry[1].resource.meta.security[1]',
        }),
        expect.objectContaining({ severity: 'warning', engine: 'official' }),
      ]);
      expect(c.findings.some((f) => f.engine === 'official')).toBe(false);
    }
    expect(byId(run, 'CPTS-4.3-SEARCH').officialFindings).toBeUndefined();

    // One start for the whole run, with the SAS tgz our engine read; one validation per response.
    const [start, ...more] = fx.starts();
    expect(more).toEqual([]);
    expect(igArgs(start)).toEqual([SAS_TGZ]);
    expect(start.args).toEqual(expect.arrayContaining(['-tx', 'n/a', '-version', '4.0.1']));
    expect(
      validations(fx)
        .map((v) => v.profiles)
        .sort(),
    ).toEqual([CPTS_PROFILE, CPTS_PROFILE, SOS_PROFILE]);
    await expectStopped(start);

    // Run level: the jar, its version, and one disagreement per response (the official error, none of ours).
    expect(run.official).toEqual({ jar: fx.standIn.jar, version: '6.9.9', gates: false, disagreements: 3 });
    expect(run.setupNotes.some((n) => /official|officiel/i.test(n.en + n.fr))).toBe(false);
    const written = JSON.parse(readFileSync(path.join(out, 'latest', 'run.json'), 'utf8'));
    expect(written.official).toEqual(run.official);

    // JUnit: the validator as a suite property; the official findings in system-out, not as failures.
    const junit = readFileSync(path.join(out, 'latest', 'junit.xml'), 'utf8');
    expect(junit).toContain(`<property name="official_validator" value="${fx.standIn.jar} 6.9.9"/>`);
    expect(junit).toContain('<property name="official_validator_disagreements" value="3"/>');
    expect(junit).toContain("official validator: 2 finding(s), kept apart from sas-recette's");
    expect(junit).toMatch(
      / {2}error official:Terminology_TX_NoValid_1_CC at Bundle\.entry\[1\]\.resource\.meta\.security\[1\] \(Slot\/slot-7\)/,
    );
    expect(junit).not.toContain('<failure');
    expect(fx.connects.outbound()).toEqual([]);
  });

  it('with --official-validator-gates, an official error fails the structural cases (labelled official)', async () => {
    const out = tempDir('official-gates');
    const r = await cli(
      [...runArgs(out), '--official-validator-gates', '--reporter', 'console,junit,html', '--lang', 'en'],
      standInEnv(fx, PACKAGES),
    );
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(1);
    // Console: the failed cases name the official finding; the summary says the validator decided.
    expect(r.out).toMatch(/^\[[ \d]+\/\d+\] ✓ passed {2}CPTS-4\.3-SEARCH /m);
    expect(r.out).toMatch(/^\[[ \d]+\/\d+\] ✗ failed {2}CPTS-4\.2-BUNDLE /m);
    expect(r.out).toMatch(
      / {4}official:Terminology_TX_NoValid_1_CC Bundle\.entry\[1\]\.resource\.meta\.security\[1\]\n {6}\[official validator\] /,
    );
    expect(r.out).toContain(
      `Official HL7 validator: ${fx.standIn.jar} 6.9.9 — 3 disagreements with sas-recette on structural errors; its errors also fail the cases`,
    );
    expect(r.out).toContain('--official-validator-gates: errors of the official HL7 validator also fail the cases');
    // JUnit: with gates the official error is the failure.
    const junit = readFileSync(path.join(out, 'latest', 'junit.xml'), 'utf8');
    expect(junit).toMatch(
      /<failure message="official:Terminology_TX_NoValid_1_CC at Bundle\.entry\[1\]\.resource\.meta\.security\[1\]: \[official validator\] /,
    );
    expect(junit).toContain('<property name="official_validator_gates" value="on"/>');
    // PV: the identification block names the validator and says it decided.
    const pv = readFileSync(path.join(out, 'latest', 'pv.html'), 'utf8');
    const ident = pv.slice(pv.indexOf('id="sec-identification"'), pv.indexOf('</section>', pv.indexOf('id="sec-identification"')));
    expect(ident).toContain('<th scope="row">Official HL7 validator</th>');
    expect(ident).toContain(`<code>${fx.standIn.jar}</code> — version <code>6.9.9</code>`);
    expect(ident).toContain('its errors also fail the cases (--official-validator-gates)');
    // …and the official section does not claim that its findings are for comparison only
    const section = pv.slice(pv.indexOf('id="sec-official"'));
    expect(section).toContain('This run used --official-validator-gates: its errors also fail the cases.');
    expect(section).not.toContain('they do not decide the verdict');
    expect(fx.starts()).toHaveLength(1);
    await expectStopped(fx.starts()[0]);
  });

  it('without java: a clear note, and the run completes with our engine alone', async () => {
    const empty = path.join(fx.dir, 'no-java-run');
    mkdirSync(empty, { recursive: true });
    const out = tempDir('official-nojava');
    const r = await cli(
      [...runArgs(out), '--official-validator-gates', '--format', 'json', '--reporter', 'json,html'],
      standInEnv(fx, PACKAGES, { PATH: empty }),
    );
    expect(r.err).toContain('Validateur officiel indisponible : Java introuvable');
    const run = parseRun(r.out);
    expect(run.cases.every((c) => c.verdict === 'passed' && c.officialFindings === undefined)).toBe(true);
    expect(r.code).toBe(0);
    expect(run.official).toMatchObject({
      jar: fx.standIn.jar,
      gates: true,
      disagreements: 0,
      unavailable: { en: expect.stringContaining('Java not found') },
    });
    expect(run.setupNotes).toContainEqual(
      expect.objectContaining({ en: expect.stringContaining('Official validator unavailable: Java not found') }),
    );
    const pv = readFileSync(path.join(out, 'latest', 'pv.html'), 'utf8');
    expect(pv).toContain('indisponible — recette faite avec le moteur sas-recette seul :');
    expect(fx.starts()).toEqual([]);
  });

  it('stops the service when the run fails midway', async () => {
    let calls = 0;
    const code = await main(['node', 'sas-recette', ...runArgs(tempDir('official-fail')), '--reporter', 'console'], {
      stdout: () => {
        calls += 1;
        throw new Error('stdout closed');
      },
      stderr: () => undefined,
      readStdin: async () => Buffer.alloc(0),
      env: standInEnv(fx, PACKAGES),
      cwd: process.cwd(),
      isTTY: false,
    });
    expect(code).toBe(2);
    expect(calls).toBe(1); // the first case line
    const [start] = fx.starts();
    expect(start).toBeDefined();
    await expectStopped(start);
  });

  it('refuses --official-validator-gates alone (exit 2) before any request', async () => {
    const r = await cli(
      ['run', '--base-url', server.url, ...JDD_ARGS, ...ONLY, '--official-validator-gates', '--reporter', 'console'],
      standInEnv(fx, PACKAGES),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('--official-validator-gates demande --official-validator JAR');
    expect(r.out).toBe('');
  });
});

describe.runIf(existsSync(SAS_TGZ))('demo --official-validator (passes through like run)', () => {
  it('runs the demo with one official validator service and records it', async () => {
    const out = tempDir('official-demo');
    const r = await cli(
      ['demo', '--http', '--out', out, '--format', 'json', '--reporter', 'json', '--official-validator', fx.standIn.jar],
      standInEnv(fx, PACKAGES),
    );
    expect(r.err).not.toMatch(/internal error/);
    const run = parseRun(r.out);
    expect(run.official).toMatchObject({ jar: fx.standIn.jar, version: '6.9.9', gates: false });
    const structural = run.cases.filter((c) => c.officialFindings);
    expect(structural.map((c) => c.id)).toEqual(expect.arrayContaining(['PS-4.2-BUNDLE', 'CPTS-4.2-BUNDLE', 'SOS-BUNDLE']));
    expect(run.cases.filter((c) => c.verdict === 'failed')).toEqual([]); // no gates: verdicts are ours
    expect(fx.starts()).toHaveLength(1);
    await expectStopped(fx.starts()[0]);
  });
});
