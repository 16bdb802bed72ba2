/**
 * Setup errors (exit 2: missing package, unreadable input, bad --pv-info or --declarations file, bad
 * date-time or deadline) speak the run's language, like commander's own errors (issue #14): French by
 * default, with its typography (a non-breaking space before « : »), English with `--lang en` or
 * SAS_RECETTE_LANG=en, and never a word of the other language. Real commands, run in-process on real files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SetupError } from '../../src/core/errors.js';
import { parseNow } from '../../src/core/parse-values.js';
import { renderRunJson } from '../../src/report/json.js';
import { makeRunResult } from '../report/fixtures/run-result.js';
import { PACKAGES, STACK_FRAME, runCli } from '../validate/helpers.js';

/** English words none of the French messages below use (file names here are chosen without them). */
const ENGLISH = /\b(the|not|is|found|give|check|see|with|or|must|longer|than|invalid)\b/;
/** French letters, guillemets, the non-breaking space and French words none of the English messages use. */
const FRENCH = /[àâçéèêëîïôûùü«»\u00a0]|\b(le|la|les|du|des|est|pas|dans|ou|voir|fichier|introuvable)\b/;

let dir: string;
let emptyPackages: string;
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sas-setup-lang-'));
  emptyPackages = mkdtempSync(join(tmpdir(), 'sas-setup-lang-pkgs-'));
  file('run.json', renderRunJson(makeRunResult()));
  file('bundle.json', JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: [] }));
  // a version number YAML reads as a number: the schema wants a string
  file('pv.yaml', 'softwareVersion: 4.10\n');
  file(
    'declarations.yaml',
    'declaredBy: Jeanne Martin\ndeclarations:\n  - id: DECL-HDS\n    answer: yes\n  - id: DECL-HDS\n    answer: no\n',
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(emptyPackages, { recursive: true, force: true });
});

interface Case {
  name: string;
  args: () => string[];
  /** The message line in French, then in English (after "sas-recette: "). */
  fr: RegExp;
  en: RegExp;
  /** The hint line (after "  → "), when the error has one. */
  hint?: { fr: RegExp; en: RegExp };
}

const CASES: Case[] = [
  {
    name: 'a missing FHIR package',
    args: () => ['validate', join(dir, 'bundle.json'), '--packages', emptyPackages],
    fr: /^package FHIR ans\.fhir\.fr\.sas#1\.2\.0 introuvable \(cherché dans\u00a0: \S+sas-setup-lang-pkgs-\w+\)$/,
    en: /^FHIR package ans\.fhir\.fr\.sas#1\.2\.0 not found \(looked in: \S+sas-setup-lang-pkgs-\w+\)$/,
    hint: {
      fr: /^indiquer le dossier qui le contient avec --packages DIR \(répétable\) ou SAS_RECETTE_PACKAGES, ou l'installer dans le cache FHIR\u00a0: sas-recette ig install/,
      en: /^give the folder that holds it with --packages DIR \(repeatable\) or SAS_RECETTE_PACKAGES, or install it into the FHIR cache: sas-recette ig install/,
    },
  },
  {
    name: 'an input file that cannot be read',
    args: () => ['validate', 'absent.json'],
    fr: /^fichier d'entrée introuvable\u00a0: absent\.json \(cherché en \S+absent\.json\)$/,
    en: /^input file not found: absent\.json \(looked for \S+absent\.json\)$/,
    hint: {
      fr: /^vérifier le chemin, ou donner - pour lire l’entrée standard$/,
      en: /^check the path, or give - to read standard input$/,
    },
  },
  {
    name: 'a --declarations file declaring an id twice',
    args: () => ['report', join(dir, 'run.json'), '--declarations', join(dir, 'declarations.yaml')],
    fr: /^\S+declarations\.yaml:5:\d+ champ «\u00a0declarations\[1\]\.id\u00a0»\u00a0: «\u00a0DECL-HDS\u00a0» est déclaré deux fois$/,
    en: /^\S+declarations\.yaml:5:\d+ field "declarations\[1\]\.id": "DECL-HDS" is declared twice$/,
  },
  {
    name: 'a --now that is not a date-time',
    args: () => ['validate', join(dir, 'bundle.json'), '--now', 'tomorrow'],
    fr: /^--now «\u00a0tomorrow\u00a0»\u00a0: ce n'est pas une date-heure avec décalage horaire$/,
    en: /^--now "tomorrow" is not a date-time with an offset$/,
    hint: { fr: /^l’écrire par exemple 2026-03-02T08:00:00\+01:00/, en: /^write it like 2026-03-02T08:00:00\+01:00/ },
  },
];

/** The message and hint lines of a setup error, as the CLI prints them on stderr. */
function lines(stderr: string): { message: string; hint?: string } {
  const [first, second, ...rest] = stderr.trimEnd().split('\n');
  expect(first).toMatch(/^sas-recette: /);
  expect(rest).toEqual([]);
  if (second !== undefined) expect(second).toMatch(/^ {2}→ /);
  return { message: first.slice('sas-recette: '.length), hint: second?.slice('  → '.length) };
}

describe('setup errors in the run’s language', () => {
  for (const c of CASES) {
    it(`${c.name}: French by default, English with --lang en or SAS_RECETTE_LANG=en`, async () => {
      const fr = await runCli(c.args(), { cwd: dir });
      expect(fr.code).toBe(2);
      expect(fr.stderr).not.toMatch(STACK_FRAME);
      const frLines = lines(fr.stderr);
      expect(frLines.message).toMatch(c.fr);
      expect(frLines.message.replace(/\S*sas-setup-lang\S*/g, '')).not.toMatch(ENGLISH);
      if (c.hint) {
        expect(frLines.hint).toMatch(c.hint.fr);
        expect(frLines.hint).not.toMatch(ENGLISH);
      } else expect(frLines.hint).toBeUndefined();

      const byFlag = await runCli([...c.args(), '--lang', 'en'], { cwd: dir });
      const byEnv = await runCli(c.args(), { cwd: dir, env: { SAS_RECETTE_PACKAGES: PACKAGES, SAS_RECETTE_LANG: 'en' } });
      for (const en of [byFlag, byEnv]) {
        expect(en.code).toBe(2);
        const enLines = lines(en.stderr);
        expect(enLines.message).toMatch(c.en);
        expect(enLines.message).not.toMatch(FRENCH);
        if (c.hint) {
          expect(enLines.hint).toMatch(c.hint.en);
          expect(enLines.hint).not.toMatch(FRENCH);
        } else expect(enLines.hint).toBeUndefined();
      }
    });
  }

  it('a bad --pv-info file: the header, the located problem below it and the hint, all in the run’s language', async () => {
    const args = ['report', join(dir, 'run.json'), '--pv-info', join(dir, 'pv.yaml')];
    const fr = await runCli(args, { cwd: dir });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toMatch(
      /^sas-recette: fichier d'identification du PV invalide\u00a0:\n\S+pv\.yaml:1:18 champ «\u00a0softwareVersion\u00a0»\u00a0: texte attendu, mais YAML a lu le nombre 4\.1\u00a0: mettre cette valeur entre guillemets \(écrire "4\.10"\)\n/,
    );
    expect(fr.stderr).toMatch(/\n {2}→ voir schemas\/pv-info\.schema\.json\n$/);
    expect(fr.stderr.replace(/\S*sas-setup-lang\S*/g, '')).not.toMatch(ENGLISH);
    const en = await runCli([...args, '--lang', 'en'], { cwd: dir });
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(
      /^sas-recette: invalid PV information file:\n\S+pv\.yaml:1:18 field "softwareVersion": expected text but YAML read the number 4\.1: quote this value \(write "4\.10"\)\n/,
    );
    expect(en.stderr).toMatch(/\n {2}→ see schemas\/pv-info\.schema\.json\n$/);
    expect(en.stderr).not.toMatch(FRENCH);
  });

  it('a deadline longer than a day: commander’s usage error, in the same language', async () => {
    const args = ['run', '--base-url', 'http://127.0.0.1:9/fhir', '--run-timeout', '2000m'];
    const fr = await runCli(args, { cwd: dir });
    expect(fr.code).toBe(2);
    expect(fr.stderr).toMatch(/^erreur\u00a0: valeur «\u00a02000m\u00a0» refusée pour --run-timeout <duration>\u00a0: plus d'une journée/);
    expect(fr.stderr).not.toMatch(ENGLISH);
    const en = await runCli([...args, '--lang', 'en'], { cwd: dir });
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/^error: option --run-timeout <duration> argument '2000m' is invalid: longer than a day/);
    expect(en.stderr).not.toMatch(FRENCH);
  });
});

describe('SetupError keeps English for programs and logs', () => {
  it('message is the English text; problem and hint carry both languages', () => {
    let caught: unknown;
    try {
      parseNow('tomorrow');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SetupError);
    const e = caught as SetupError;
    expect(e.message).toBe('--now "tomorrow" is not a date-time with an offset');
    expect(e.problem.fr).toBe("--now «\u00a0tomorrow\u00a0»\u00a0: ce n'est pas une date-heure avec décalage horaire");
    expect(e.textIn('en')).toEqual({ problem: e.message, hint: e.hint?.en });
  });
});
