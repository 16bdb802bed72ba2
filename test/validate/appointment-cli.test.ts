/**
 * `sas-recette validate --use-case appointment | sos-appointment` in-process (flux V3 offline): the IG's
 * own Appointment examples, read from the package at test time (never copied into the repository), one
 * made conform-by-construction from Appointment-1 and one broken from it (no operator extension); exit
 * codes, the profile applied in text and JSON, the use case read from meta.profile, and the refusals
 * (a Bundle given as an appointment, --search with an appointment).
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCptsBundle } from '../../bench/cpts-bundle.mjs';
import { readTgzJson } from '../../src/fhir/packages/read-tgz.js';
import { NOW, PACKAGES, STACK_FRAME, runCli, tempDir, type TempDir } from './helpers.js';

const SAS_TGZ = resolve(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz');
const FR_APPOINTMENT_SAS = 'http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS';
const SOS_APPOINTMENT = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-sos-appointment';

interface JsonOut {
  valid: boolean;
  profile: string | null;
  useCase: string;
  useCaseFrom: string;
  issues: { severity: string; ruleId: string; location: string; message: string; source: string; requirements?: string[] }[];
}

type Json = Record<string, unknown>;

let tmp: TempDir;
let conform: string;
let noOperator: string;
let noProfile: string;
let sosExample: string;
let bundle: string;
let search: string;

beforeAll(async () => {
  tmp = tempDir();
  const example = (await readTgzJson(SAS_TGZ, 'package/example/Appointment-1.json')) as Json;
  // An appointment as an editor's software would send it: the example without its generated narrative,
  // with the editor's own id (nothing of the IG's example is written into the repository).
  const sent: Json = structuredClone(example);
  delete sent.text;
  sent.id = 'rdv-editeur-1';
  conform = tmp.file('conform.json', JSON.stringify(sent, null, 2));
  const broken = structuredClone(sent);
  delete broken.extension;
  noOperator = tmp.file('no-operator.json', JSON.stringify(broken));
  const bare = structuredClone(sent);
  delete bare.meta;
  noProfile = tmp.file('no-profile.json', JSON.stringify(bare));
  const sos = (await readTgzJson(SAS_TGZ, 'package/example/Appointment-12345678.json')) as Json;
  sosExample = tmp.file('sos.json', JSON.stringify(sos));
  const g = generateCptsBundle({ slots: 2, now: new Date(NOW) });
  bundle = tmp.file('bundle.json', JSON.stringify(g.bundle));
  search = g.search;
});

afterAll(() => tmp.remove());

const json = (stdout: string): JsonOut => JSON.parse(stdout) as JsonOut;

describe('validate --use-case appointment', () => {
  it('a conform appointment: exit 0, the FrAppointmentSAS profile named in JSON and text', async () => {
    const r = await runCli(['validate', conform, '--use-case', 'appointment', '--format', 'json', '--lang', 'en']);
    expect(r.stderr).toBe('');
    const out = json(r.stdout);
    expect(out).toMatchObject({ valid: true, useCase: 'appointment', useCaseFrom: 'option' });
    expect(out.profile).toContain(FR_APPOINTMENT_SAS);
    expect(out.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
    expect(r.code).toBe(0);

    const text = await runCli(['validate', conform, '--use-case', 'appointment']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('✓ CONFORME');
    expect(text.stdout).toMatch(/profil \S*FrAppointmentSAS/);
    expect(text.stdout).toContain("cas d'usage appointment (--use-case)");
  });

  it('without --use-case, the flavour is read from meta.profile', async () => {
    const r = await runCli(['validate', conform, '--format', 'json']);
    expect(json(r.stdout)).toMatchObject({ useCase: 'appointment', useCaseFrom: 'meta.profile' });
    expect(r.code).toBe(0);
    const sos = await runCli(['validate', sosExample, '--format', 'json', '--lang', 'en']);
    const out = json(sos.stdout);
    expect(out).toMatchObject({ useCase: 'sos-appointment', useCaseFrom: 'meta.profile' });
    expect(out.profile).toContain(SOS_APPOINTMENT);
    // the IG's SOS example (pending, participant needs-action) is conform to the package it ships in
    expect(out.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
    expect(sos.code).toBe(0);
  });

  it('an Appointment without meta.profile is judged as FrAppointmentSAS, with a note saying so', async () => {
    const r = await runCli(['validate', noProfile, '--format', 'json', '--lang', 'en']);
    const out = json(r.stdout);
    expect(out).toMatchObject({ useCase: 'appointment', useCaseFrom: 'default' });
    expect(out.issues).toContainEqual(expect.objectContaining({ ruleId: 'use-case-guessed', severity: 'information' }));
    expect(out.issues.find((i) => i.ruleId === 'use-case-guessed')?.message).toMatch(/--use-case sos-appointment/);
  });

  it('no operator extension: exit 1, an error located on the extension, in both languages', async () => {
    const r = await runCli(['validate', noOperator, '--use-case', 'appointment', '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const out = json(r.stdout);
    expect(out.valid).toBe(false);
    const errors = out.issues.filter((i) => i.severity === 'error');
    expect(errors.some((i) => /^Appointment\.extension/.test(i.location))).toBe(true);
    // a SAS-APT rule names the requirement it verifies (sas-v3@10: the operator extension)
    expect(errors.some((i) => /^SAS-APT-\d{3}$/.test(i.ruleId) && i.requirements?.includes('sas-v3@10'))).toBe(true);

    const fr = await runCli(['validate', noOperator, '--use-case', 'appointment']);
    expect(fr.code).toBe(1);
    expect(fr.stdout).toContain('✗ NON CONFORME');
    expect(fr.stdout).toMatch(/^ {2}erreur +SAS-APT-\d{3} +Appointment\.extension/m);
  });

  it('--use-case sos-appointment applies sas-sos-appointment to the same appointment', async () => {
    const r = await runCli(['validate', conform, '--use-case', 'sos-appointment', '--format', 'json']);
    const out = json(r.stdout);
    expect(out).toMatchObject({ useCase: 'sos-appointment', useCaseFrom: 'option' });
    expect(out.profile).toContain(SOS_APPOINTMENT);
  });

  it('a Bundle given as an appointment: exit 1, one fatal finding naming what was expected', async () => {
    const r = await runCli(['validate', bundle, '--use-case', 'appointment', '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const out = json(r.stdout);
    expect(out.profile).toBeNull();
    expect(out.issues).toHaveLength(1);
    expect(out.issues[0]).toMatchObject({ severity: 'fatal', ruleId: 'appointment-expected', location: 'Bundle' });
    expect(out.issues[0].message).toMatch(/Appointment resource \(FrAppointmentSAS\) is expected .* got "Bundle"/);
    const fr = await runCli(['validate', bundle, '--use-case', 'sos-appointment']);
    expect(fr.code).toBe(1);
    expect(fr.stdout).toMatch(/Une ressource Appointment \(sas-sos-appointment\) est attendue/);
  });

  it('--search with an appointment is a usage problem (exit 2), before anything is read', async () => {
    const r = await runCli(['validate', `${tmp.path}/absent.json`, '--use-case', 'appointment', '--search', search]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--search ne s'applique pas à --use-case appointment/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    const inferred = await runCli([
      'validate',
      conform,
      '--profile',
      'http://sas.fr/fhir/StructureDefinition/FrScheduleAgregateur',
      '--lang',
      'en',
    ]);
    expect(inferred.code).toBe(2);
    expect(inferred.stderr).toMatch(/--profile .* does not apply to an appointment \(appointment, from meta\.profile\)/);
  });

  it('the help lists the two appointment use cases with an example', async () => {
    const r = await runCli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/choices: "psindiv", "cpts", "sos", "appointment", "sos-appointment"/);
    expect(r.stdout).toContain('sas-recette validate rdv.json --use-case appointment');
  });
});
