/**
 * One language per start, commander's own errors included: `--lang`, else SAS_RECETTE_LANG, else
 * French; the suggestion for a mistyped option or command; exit 2 and no stack trace. And the help of
 * the commands that play the cahier: examples, exit codes, no "(default: [])".
 */
import { describe, expect, it } from 'vitest';
import { runLang } from '../../src/cli/run-lang.js';
import { runCli } from '../validate/helpers.js';

const STACK_FRAME = /\n\s+at .+:\d+/;

/** A start refused before anything runs: exit 2, on stderr only, no stack trace. */
async function refused(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await runCli(args, { env });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK_FRAME);
  return r.stderr;
}

describe('commander errors in the run language', () => {
  it('an unknown option, in French by default, with the option meant and the help to read', async () => {
    expect(await refused(['run', '--bse-url', 'http://x/fhir'])).toBe(
      'erreur\u00a0: option inconnue «\u00a0--bse-url\u00a0»\n  → Vouliez-vous dire --base-url\u00a0?\n  → aide\u00a0: sas-recette run --help\n',
    );
  });

  it('the same in English with --lang en, wherever --lang sits on the line', async () => {
    const expected = "error: unknown option '--bse-url'\n  → Did you mean --base-url?\n  → help: sas-recette run --help\n";
    expect(await refused(['run', '--lang', 'en', '--bse-url', 'http://x/fhir'])).toBe(expected);
    expect(await refused(['run', '--bse-url', 'http://x/fhir', '--lang=en'])).toBe(expected);
  });

  it('SAS_RECETTE_LANG chooses when --lang is not given; --lang wins over it', async () => {
    expect(await refused(['validate', 'a.json', '--formt', 'json'], { SAS_RECETTE_LANG: 'en' })).toMatch(
      /^error: unknown option '--formt'\n {2}→ Did you mean --format\?/,
    );
    expect(await refused(['validate', 'a.json', '--formt', 'json', '--lang', 'fr'], { SAS_RECETTE_LANG: 'en' })).toMatch(
      /^erreur\u00a0: option inconnue «\u00a0--formt\u00a0»\n {2}→ Vouliez-vous dire --format\u00a0\?/,
    );
    expect(runLang(['run', '--lang', 'de'], { SAS_RECETTE_LANG: 'en' })).toBe('en');
    expect(runLang(['run', '--', '--lang', 'en'], {})).toBe('fr');
  });

  it('a mistyped command: did you mean, in both languages, for commands and subcommands', async () => {
    expect(await refused(['valdate'])).toBe(
      'erreur\u00a0: commande inconnue «\u00a0valdate\u00a0»\n  → Vouliez-vous dire validate\u00a0?\n  → aide\u00a0: sas-recette --help\n',
    );
    expect(await refused(['valdate'], { SAS_RECETTE_LANG: 'en' })).toBe(
      "error: unknown command 'valdate'\n  → Did you mean validate?\n  → help: sas-recette --help\n",
    );
    expect(await refused(['ig', 'lst'])).toMatch(
      /^erreur\u00a0: commande inconnue «\u00a0lst\u00a0»\n {2}→ Vouliez-vous dire list\u00a0\?\n {2}→ aide\u00a0: sas-recette ig --help\n$/,
    );
  });

  it('a missing argument, a missing value, too many arguments', async () => {
    expect(await refused(['validate'])).toBe(
      'erreur\u00a0: argument obligatoire manquant\u00a0: <file>\n  → aide\u00a0: sas-recette validate --help\n',
    );
    expect(await refused(['validate', '--lang', 'en'])).toBe(
      'error: missing required argument <file>\n  → help: sas-recette validate --help\n',
    );
    expect(await refused(['run', '--out'])).toMatch(/^erreur\u00a0: l'option --out <dir> attend une valeur\n/);
    expect(await refused(['run', '--lang', 'en', '--out'])).toMatch(/^error: option --out <dir> needs a value\n/);
    expect(await refused(['validate', 'a.json', 'b.json'])).toMatch(
      /^erreur\u00a0: trop d'arguments pour validate\u00a0: 1 attendu, 2 reçus\n/,
    );
  });

  it('an invalid choice and an invalid value: the reason in the run language', async () => {
    expect(await refused(['run', '--format', 'xml'])).toMatch(
      /^erreur\u00a0: valeur «\u00a0xml\u00a0» refusée pour --format <format>\u00a0: valeurs possibles\u00a0: text, json\n/,
    );
    expect(await refused(['run', '--format', 'xml', '--lang', 'en'])).toMatch(
      /^error: option --format <format> argument 'xml' is invalid: allowed choices are text, json\n/,
    );
    // --lang itself out of its choices: the message in the language the rest of the line gives
    expect(await refused(['mock', '--list-defects', '--lang', 'de'])).toMatch(
      /^erreur\u00a0: valeur «\u00a0de\u00a0» refusée pour --lang <lang>\u00a0: valeurs possibles\u00a0: fr, en\n/,
    );
    const timeout = await refused(['demo', '--timeout', 'soon']);
    expect(timeout).toMatch(
      /^erreur\u00a0: valeur «\u00a0soon\u00a0» refusée pour --timeout <duration>\u00a0: ce n'est pas une durée \(écrire par exemple 7s, 500ms ou 7000\)\n/,
    );
    expect(timeout).not.toMatch(/is not|write it/);
    expect(await refused(['run', '--out', '', '--lang', 'en'])).toMatch(/argument '' is invalid: an empty path is not allowed/);
    expect(await refused(['run', '--out', ''])).toMatch(
      /^erreur\u00a0: valeur vide refusée pour --out <dir>\u00a0: un chemin vide est refusé/,
    );
  });

  it('a setup error and an invalid SAS_RECETTE_LANG speak the run language too', async () => {
    expect(await refused(['run', '--list', '--jdd', 'datasets/recette-cpts.yaml'], { SAS_RECETTE_LANG: 'de' })).toMatch(
      /^sas-recette: SAS_RECETTE_LANG="de" n'est pas une valeur possible de --lang\n {2}→ choisir parmi fr, en\n$/,
    );
    // checked before the first request: the port below is never called
    const run = ['run', '--base-url', 'http://127.0.0.1:9/fhir', '--jdd', 'datasets/recette-cpts.yaml', '--reporter', 'console,pfd'];
    expect(await refused([...run, '--lang', 'en'])).toMatch(
      /^sas-recette: unknown reporter "pfd"\n {2}→ choose among: html, json, junit, pdf\n$/,
    );
    expect(await refused(run)).toMatch(
      /^sas-recette: rapport inconnu «\u00a0pfd\u00a0»\n {2}→ choisir parmi\u00a0: html, json, junit, pdf\n$/,
    );
  });
});

describe('run and demo --help', () => {
  it.each([['run'], ['demo']])('%s --help has examples, the exit codes and --pdf', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\nExamples:\n  sas-recette ' + command);
    expect(r.stdout).toMatch(/\nExit codes:\n {2}0 +at least one case judged/);
    for (const code of ['1', '2', '130/143']) expect(r.stdout).toMatch(new RegExp(`\\n {2}${code} +\\S`));
    expect(r.stdout).toContain('--pdf');
    expect(r.stdout).toContain('never changes the exit code');
  });

  it.each([
    ['run', ''],
    ['demo', ''],
    ['validate', ''],
    ['mock', ''],
    ['report', ''],
    ['requirements', ''],
    ['ig', 'list'],
    ['ig', 'install'],
    ['jdd', 'check'],
    ['certs', 'make'],
  ])('%s %s --help: no "(default: [])" on repeatable options', async (...command) => {
    const r = await runCli([...command.filter(Boolean), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Options:');
    expect(r.stdout).not.toContain('default: []');
    expect(r.stdout).not.toMatch(/default: \[\s*\]/);
  });
});
