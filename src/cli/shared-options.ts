/**
 * Options several commands take, declared once so the same flag means the same thing everywhere:
 * `--format`, `--lang`, `--packages`, `--ig`, `--out`, `--reporter`, `--pdf`, `--timeout` (a duration: 7s,
 * 500ms, or a bare number of milliseconds), `--now`, the official validator's three, and the files a
 * run reads. A command adds them to its own table, overriding the help or default where its use differs.
 *
 * Loaded by every start (`--help` too): it imports only commander and the small constant modules of the
 * layers below, never their readers (contract of src/cli/commands/index.ts).
 */
import { DEFAULT_IG } from '../fhir/packages/default-ig.js';
import { DEFAULT_REPORTERS, REPORTER_NAMES } from '../report/default-reporters.js';
import { parseRunTimeout } from '../run/run-timeout.js';
import { checkTimeoutValue, durationValue, usageProblem } from './option-checks.js';
import { option } from './option-table.js';
import { LANG_ENV } from './run-lang.js';

export const FORMAT = option({
  flags: '--format <format>',
  kind: 'value',
  choices: ['text', 'json'],
  default: 'text',
  help: 'output: text, or json (the whole result on stdout)',
});

export const LANG = option({
  flags: '--lang <lang>',
  kind: 'value',
  choices: ['fr', 'en'],
  default: 'fr',
  env: LANG_ENV,
  help: 'language of the messages, errors and reports',
});

export const PACKAGES = option({
  flags: '--packages <dir>',
  kind: 'list',
  defaultHelp: 'SAS_RECETTE_PACKAGES, else ~/.fhir/packages',
  help: 'FHIR package folder, FHIR cache or .tgz (repeatable)',
});

export const IG = option({
  flags: '--ig <id#version>',
  kind: 'value',
  default: DEFAULT_IG,
  help: 'IG package of the SAS profiles (structural validation)',
});

export const OUT = option({ flags: '--out <dir>', kind: 'value', default: 'reports', help: 'folder of the reports' });

export const REPORTER = option({
  flags: '--reporter <names>',
  kind: 'value',
  default: DEFAULT_REPORTERS,
  help: `comma list of ${REPORTER_NAMES.join(', ')} (pdf: pv.pdf printed from pv.html, see --pdf)`,
});

export const TIMEOUT = option({
  flags: '--timeout <duration>',
  kind: 'value',
  default: '7s',
  help: 'hard deadline per request (7s, 500ms; a bare number is milliseconds), from 100ms to 10m',
  check: checkTimeoutValue,
});

/** `--run-timeout`: a deadline for the whole run (run, demo); the cases left then end in error. */
export const RUN_TIMEOUT = option({
  flags: '--run-timeout <duration>',
  kind: 'value',
  help: 'deadline of the whole run (10m, 90s); once reached, the cases left end in error "run deadline reached" (default: none)',
  check: (value: string, lang) => {
    durationValue('--run-timeout', value, lang, '10m, 90s or 600000');
    try {
      parseRunTimeout(value);
    } catch {
      throw usageProblem({ fr: "plus d'une journée (24h au plus)", en: 'longer than a day (24h at most)' }, lang);
    }
    return value;
  },
});

export const NOW = option({
  flags: '--now <iso-datetime>',
  kind: 'value',
  help: 'judge against this instant instead of the clock, with an offset (e.g. 2026-03-02T08:00:00+01:00)',
});

export const STRICT = option({
  flags: '--strict',
  kind: 'flag',
  help: 'official acceptance mode: any reserve (case not applicable or skipped, element not checked, requirement not tested) also exits 1',
});

export const JDD = option({
  flags: '--jdd <file>',
  kind: 'list',
  split: true,
  help: 'JDD file of a use case (repeatable or comma-separated)',
});

export const CAHIER = option({
  flags: '--cahier <path>',
  kind: 'list',
  defaultHelp: 'the shipped testcases/',
  help: 'cahier folder or file (repeatable)',
});

export const DEFECT = option({
  flags: '--defect <name>',
  kind: 'list',
  split: true,
  help: 'make the reference editor misbehave (repeatable or comma-separated; list: sas-recette mock --list-defects)',
});

export const PV_INFO = option({
  flags: '--pv-info <file>',
  kind: 'value',
  help: 'PV identification: editor, software, version, operator… (schemas/pv-info.schema.json)',
});

export const DECLARATIONS = option({
  flags: '--declarations <file>',
  kind: 'value',
  help: "the editor's declarations, attestations (schemas/declarations.schema.json)",
});

/** `--official-validator` and its companions (`validate`, `run`, `demo`). */
export const OFFICIAL_OPTIONS = {
  officialValidator: option({
    flags: '--official-validator <jar>',
    kind: 'value',
    help: 'also check with the official HL7 validator (path to validator_cli.jar; needs java); findings shown apart',
  }),
  officialValidatorGates: option({
    flags: '--official-validator-gates',
    kind: 'flag',
    help: 'official validator errors also count in the verdicts and exit code (default: shown only)',
  }),
  officialTx: option({
    flags: '--official-tx <url>',
    kind: 'value',
    help: 'terminology server for the official validator (default: none, -tx n/a)',
  }),
} as const;

/** `--pdf`: the PV also printed to PDF (src/report/pdf/pdf-reporter.ts); never fails a run. */
export const PDF = option({
  flags: '--pdf',
  kind: 'flag',
  help: 'also print the PV to pv.pdf next to pv.html, with Chromium: CHROMIUM_PATH, else chromium or google-chrome on the PATH, else the npm package @sparticuz/chromium (none found: a message, no PDF, same exit code)',
});

/** The options of every command that writes the reports of a run (`run`, `demo`). */
export const REPORT_OPTIONS = { out: OUT, reporter: REPORTER, pdf: PDF, format: FORMAT, lang: LANG, strict: STRICT } as const;
