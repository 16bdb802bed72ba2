/**
 * `sas-recette validate --official-validator` in-process with the stand-in `java`: the official
 * findings in their own section, the disagreements, the JSON shape, the exit code with and without
 * gates, the IG handed over from our package source, and the clear message when java is absent.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCptsBundle } from '../../bench/cpts-bundle.mjs';
import { NOW, PACKAGES, STACK_FRAME, runCli, tempDir, type TempDir } from '../validate/helpers.js';
import { answerFile, expectStopped, igArgs, outcome, SAS_TGZ, standInEnv, useOfficialFixture, validations } from './support.js';

const fx = useOfficialFixture();
const CPTS_PROFILE = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-bundle-aggregator';

let tmp: TempDir;
/** Our engine: errors at entry[0].resource.status (Slot.status) and entry[2].resource.start (format). */
let invalidFile: string;
let validFile: string;
/** The official validator agrees on entry[0].status, adds an error of its own, only warns on entry[2].start. */
let mixedAnswer: string;
let warningsOnly: string;

beforeAll(() => {
  tmp = tempDir();
  const g = generateCptsBundle({ slots: 3, now: new Date(NOW) });
  validFile = tmp.file('valid.json', JSON.stringify(g.bundle));
  const bad = structuredClone(g.bundle);
  (bad.entry[0].resource as Record<string, unknown>).status = 'busy';
  (bad.entry[2].resource as Record<string, unknown>).start = 'not-a-date';
  invalidFile = tmp.file('invalid.json', JSON.stringify(bad));
  mixedAnswer = answerFile(
    fx,
    'mixed',
    outcome([
      {
        severity: 'error',
        expression: 'Bundle.entry[0].resource/*Slot/slot-0*/.status',
        text: 'Value is "busy" but must be "free"',
        messageId: 'Profile_VAL_Fixed',
      },
      {
        severity: 'error',
        expression: 'Bundle.entry[1].resource/*Slot/slot-1*/.meta.security[0]',
        text: 'None of the codes provided are in the value set',
        messageId: 'Terminology_TX_NoValid_1_CC',
        code: 'code-invalid',
      },
      { severity: 'warning', expression: 'Bundle.entry[2].resource/*Slot/slot-2*/.start', text: 'Not a valid instant' },
    ]),
  );
  warningsOnly = answerFile(
    fx,
    'warnings',
    outcome([{ severity: 'warning', expression: 'Bundle.entry[0]', text: 'SearchSet bundles should have search modes on the entries' }]),
  );
});

afterAll(() => tmp.remove());

const haveSas = existsSync(SAS_TGZ);

describe.runIf(haveSas)('validate --official-validator (stand-in java)', () => {
  it('shows the official findings in their own section, then the disagreements; the exit code stays ours', async () => {
    const r = await runCli(['validate', invalidFile, '--now', NOW, '--lang', 'en', '--official-validator', fx.standIn.jar], {
      env: standInEnv(fx, PACKAGES, { FAKE_JAVA_OO: mixedAnswer }),
    });
    expect(r.stderr).toContain('Starting the official HL7 validator');
    expect(r.stdout).not.toMatch(STACK_FRAME);
    const out = r.stdout;
    const officialAt = out.indexOf('Validateur officiel HL7 / Official HL7 validator');
    const disagreementsAt = out.indexOf('Désaccords / Disagreements');
    expect(officialAt).toBeGreaterThan(0);
    expect(disagreementsAt).toBeGreaterThan(officialAt);

    // Our findings come before the official section and carry no official finding.
    const ours = out.slice(0, officialAt);
    expect(ours).toMatch(/error +Slot\.status +Bundle\.entry\[0\]\.resource\.status /);
    expect(ours).not.toContain('official:');
    // The official section: its version, its findings (labelled), its counts.
    const official = out.slice(officialAt, disagreementsAt);
    expect(official).toContain(`${fx.standIn.jar} · version 6.9.9 · for information: its findings do not decide the verdict`);
    expect(official).toMatch(/^Slot\/slot-1$/m);
    expect(official).toMatch(
      /error +official:Terminology_TX_NoValid_1_CC +Bundle\.entry\[1\]\.resource\.meta\.security\[0\] +\[official validator\] None of the codes/,
    );
    expect(official).toMatch(/warning +official:invalid +Bundle\.entry\[2\]\.resource\.start /);
    expect(official).toContain('→ 2 errors, 1 warning');

    // Disagreements: entry[0].status agrees; entry[1] only official; entry[2].start only ours (official warns).
    const disagreements = out.slice(disagreementsAt, out.lastIndexOf('✗'));
    expect(disagreements).not.toContain('Bundle.entry[0].resource.status');
    expect(disagreements).toMatch(
      /Bundle\.entry\[1\]\.resource\.meta\.security\[0\] \(Slot\/slot-1\) — error only from the official validator\n +official:Terminology_TX_NoValid_1_CC: \[official validator\] None of the codes provided are in the value set\n +sas-recette: warning dom-6\n/,
    );
    expect(disagreements).toMatch(
      /Bundle\.entry\[2\]\.resource\.start \(Slot\/slot-2\) — error only from sas-recette\n +structure\.format: .*\n +official validator: warning official:invalid/,
    );
    expect(disagreements).toContain('→ 1 only from sas-recette, 1 only from the official validator');

    // The verdict line: ours decides, the official counts are shown for information.
    expect(out).toMatch(/✗ NOT VALID — 4 errors, .* · official validator \(for information\): 2 errors, 1 warning\n$/);
    expect(r.code).toBe(1);

    // One service, given the SAS IG tgz our engine read, FHIR 4.0.1, no terminology server; stopped.
    const [start, ...others] = fx.starts();
    expect(others).toEqual([]);
    expect(igArgs(start)).toEqual([SAS_TGZ]);
    expect(start.args).toEqual(expect.arrayContaining(['-version', '4.0.1', '-tx', 'n/a']));
    expect(validations(fx).map((v) => [v.resourceType, v.profiles])).toEqual([['Bundle', CPTS_PROFILE]]);
    await expectStopped(start);
    expect(fx.connects.outbound()).toEqual([]);
  });

  it('says it in French by default, and passes --official-tx through', async () => {
    const r = await runCli(
      ['validate', validFile, '--now', NOW, '--official-validator', fx.standIn.jar, '--official-tx', 'http://127.0.0.1:9/tx'],
      {
        env: standInEnv(fx, PACKAGES, { FAKE_JAVA_OO: warningsOnly }),
      },
    );
    expect(r.stdout).toContain('pour information : ses constats ne décident pas du verdict');
    expect(r.stdout).toContain('→ aucun désaccord sur les erreurs');
    expect(r.stdout).toMatch(/✓ CONFORME — .* · validateur officiel \(pour information\) : 0 erreur, 1 avertissement\n$/);
    expect(r.code).toBe(0);
    const args = fx.starts()[0].args ?? [];
    expect(args[args.indexOf('-tx') + 1]).toBe('http://127.0.0.1:9/tx');
  });

  it('gives the documented JSON: official issues and disagreements beside ours', async () => {
    const r = await runCli(
      ['validate', invalidFile, '--now', NOW, '--lang', 'en', '--format', 'json', '--official-validator', fx.standIn.jar],
      {
        env: standInEnv(fx, PACKAGES, { FAKE_JAVA_OO: mixedAnswer }),
      },
    );
    const j = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(j.valid).toBe(false);
    expect(j.issues.some((i: { engine?: string }) => i.engine === 'official')).toBe(false);
    expect(j.official).toMatchObject({ jar: fx.standIn.jar, version: '6.9.9', gates: false });
    expect(j.official.unavailable).toBeUndefined();
    expect(j.official.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        ruleId: 'official:Profile_VAL_Fixed',
        location: 'Bundle.entry[0].resource.status',
        resource: 'Slot/slot-0',
        engine: 'official',
        source: 'structure',
      }),
      expect.objectContaining({
        severity: 'error',
        ruleId: 'official:Terminology_TX_NoValid_1_CC',
        location: 'Bundle.entry[1].resource.meta.security[0]',
        engine: 'official',
      }),
      expect.objectContaining({
        severity: 'warning',
        location: 'Bundle.entry[2].resource.start',
        message: '[official validator] Not a valid instant',
      }),
    ]);
    expect(j.official.disagreements).toEqual([
      {
        scope: 'Bundle.entry[1].resource',
        resource: 'Slot/slot-1',
        location: 'Bundle.entry[1].resource.meta.security[0]',
        reportedBy: 'official',
        findings: [expect.objectContaining({ ruleId: 'official:Terminology_TX_NoValid_1_CC' })],
        // what ours says at the resource above: a warning, not an error
        otherEngine: [expect.objectContaining({ ruleId: 'dom-6', severity: 'warning', location: 'Bundle.entry[1].resource' })],
      },
      {
        scope: 'Bundle.entry[2].resource',
        resource: 'Slot/slot-2',
        location: 'Bundle.entry[2].resource.start',
        reportedBy: 'sas-recette',
        findings: [expect.objectContaining({ ruleId: 'structure.format', source: 'structure' })],
        otherEngine: [expect.objectContaining({ severity: 'warning', engine: 'official' })],
      },
    ]);
    expect(j.official.stats).toMatchObject({ error: 2, warning: 1, issues: 3, onlyOurs: 1, onlyOfficial: 1 });
  });

  it('with --official-validator-gates, official errors alone make the answer invalid (exit 1)', async () => {
    const errorOnly = answerFile(
      fx,
      'error-only',
      outcome([{ severity: 'error', expression: 'Bundle.entry[1].resource.meta', text: 'Profile not satisfied' }]),
    );
    const without = await runCli(['validate', validFile, '--now', NOW, '--format', 'json', '--official-validator', fx.standIn.jar], {
      env: standInEnv(fx, PACKAGES, { FAKE_JAVA_OO: errorOnly }),
    });
    expect(JSON.parse(without.stdout)).toMatchObject({ valid: true, official: { gates: false, stats: { error: 1 } } });
    expect(without.code).toBe(0);

    const gated = await runCli(
      ['validate', validFile, '--now', NOW, '--lang', 'en', '--official-validator', fx.standIn.jar, '--official-validator-gates'],
      {
        env: standInEnv(fx, PACKAGES, { FAKE_JAVA_OO: errorOnly }),
      },
    );
    expect(gated.stdout).toContain('its errors also decide the verdict (--official-validator-gates)');
    expect(gated.stdout).toMatch(/✗ NOT VALID — 0 errors, .* · official validator \(also decides\): 1 error\n$/);
    expect(gated.code).toBe(1);

    // Gates on, official warnings only: still valid.
    const warned = await runCli(
      ['validate', validFile, '--now', NOW, '--official-validator', fx.standIn.jar, '--official-validator-gates'],
      {
        env: standInEnv(fx, PACKAGES, { FAKE_JAVA_OO: warningsOnly }),
      },
    );
    expect(warned.code).toBe(0);
    expect(fx.starts()).toHaveLength(3);
  });

  it('without java: a clear warning, our engine alone decides, nothing started', async () => {
    const empty = path.join(fx.dir, 'no-java-bin');
    mkdirSync(empty, { recursive: true });
    const env = standInEnv(fx, PACKAGES, { PATH: empty });
    const text = await runCli(
      ['validate', invalidFile, '--now', NOW, '--lang', 'en', '--official-validator', fx.standIn.jar, '--official-validator-gates'],
      { env },
    );
    expect(text.stdout).toContain('Validateur officiel HL7 / Official HL7 validator');
    expect(text.stdout).toContain('⚠ Official validator unavailable: Java not found ("java" is not on PATH).');
    expect(text.stdout).toContain('Validation goes on with the sas-recette engine only.');
    expect(text.stdout).not.toContain('Désaccords / Disagreements');
    expect(text.code).toBe(1); // our own errors

    const valid = await runCli(
      ['validate', validFile, '--now', NOW, '--format', 'json', '--official-validator', fx.standIn.jar, '--official-validator-gates'],
      { env },
    );
    const j = JSON.parse(valid.stdout);
    expect(j.valid).toBe(true);
    expect(j.official).toMatchObject({ issues: [], disagreements: [], gates: true });
    expect(j.official.unavailable).toContain('Java introuvable');
    expect(valid.stderr).toContain('Validateur officiel indisponible : Java introuvable');
    expect(valid.code).toBe(0);
    expect(fx.starts()).toEqual([]);
  });

  it('a missing jar is said clearly and the validation goes on', async () => {
    const jar = path.join(fx.dir, 'nowhere', 'validator_cli.jar');
    const r = await runCli(['validate', validFile, '--now', NOW, '--lang', 'en', '--official-validator', jar], {
      env: standInEnv(fx, PACKAGES),
    });
    expect(r.stdout).toContain(`⚠ Official validator unavailable: the jar "${jar}" does not exist.`);
    expect(r.stdout).toContain('✓ VALID');
    expect(r.code).toBe(0);
  });

  it('an input that is not JSON: the validator is not started, and the report says why', async () => {
    const broken = tmp.file('broken.json', '{"resourceType": "Bundle",');
    const r = await runCli(['validate', broken, '--lang', 'en', '--format', 'json', '--official-validator', fx.standIn.jar], {
      env: standInEnv(fx, PACKAGES),
    });
    expect(JSON.parse(r.stdout).official.unavailable).toContain(
      'Official validator not run: the input is not a readable FHIR JSON resource',
    );
    expect(r.code).toBe(1);
    expect(fx.starts()).toEqual([]);
  });

  it('refuses the companion options without --official-validator (exit 2)', async () => {
    for (const extra of [['--official-validator-gates'], ['--official-tx', 'http://127.0.0.1:9/tx']]) {
      const r = await runCli(['validate', validFile, ...extra], { env: standInEnv(fx, PACKAGES) });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${extra[0]} demande --official-validator JAR`);
    }
    expect(fx.starts()).toEqual([]);
  });
});
