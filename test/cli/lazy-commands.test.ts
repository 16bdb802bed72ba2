/**
 * The built binary loads a command's work only when that command runs: `--help`, `--version` and every
 * `<command> --help` load no package but commander and, below src/cli, only the small constant modules
 * the declarations need (src/cli/commands/index.ts). Each start is recorded with
 * test/support/record-imports.mjs (every module the process loaded), on the modules of dist/ (the bundle
 * users run hides module names: its own part below checks it loads few files and behaves the same).
 * Needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(REPO_ROOT, 'bin', 'sas-recette.js');
const RECORDER = join(REPO_ROOT, 'test', 'support', 'record-imports.mjs');
const DIST_URL = pathToFileURL(join(REPO_ROOT, 'dist')).href + '/';
const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? resolve(REPO_ROOT, '../shared/fhir-packages');

/** Every command of the CLI, as the root help lists them (a new command must be added here). */
const COMMANDS = [
  'validate',
  'run',
  'demo',
  'mock',
  'receive',
  'report',
  'requirements',
  'ig',
  'certs',
  'jdd',
  'diff',
  'rejudge',
  'verify',
  'doctor',
  'watch',
  'vsr',
  'campaign',
];

/** The modules below src/cli a declaration may load: constants and value checks, no reader, no package. */
const LIGHT_BELOW_CLI = [
  'core/errors.js',
  'core/model.js',
  'core/parse-values.js',
  'core/version.js',
  'fhir/packages/default-ig.js',
  'mock/defect-names.js',
  'report/default-reporters.js',
  'run/run-timeout.js',
];

let tmp: string;
let runs = 0;

interface Start {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Packages of node_modules loaded, by name. */
  packages: string[];
  /** Modules of dist/ loaded, relative to it (`cli/main.js`). */
  modules: string[];
}

/** A start of the built CLI; `bundled`: through the bundle of dist/cli-bundle/ (what users run), else the modules of dist/. */
function start(args: string[], bundled = false): Start {
  const record = join(tmp, `imports-${runs++}.txt`);
  const r = spawnSync(process.execPath, ['--import', RECORDER, BIN, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      NO_COLOR: '1',
      SAS_RECETTE_PACKAGES: PACKAGES,
      RECORD_IMPORTS_FILE: record,
      ...(bundled ? {} : { SAS_RECETTE_UNBUNDLED: '1' }),
    },
    timeout: 60_000,
  });
  const urls = readFileSync(record, 'utf8').split('\n').filter(Boolean);
  const packages = new Set<string>();
  for (const url of urls) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (m) packages.add(m[1]);
  }
  const modules = new Set(urls.filter((u) => u.startsWith(DIST_URL)).map((u) => u.slice(DIST_URL.length)));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, packages: [...packages].sort(), modules: [...modules].sort() };
}

/** The subcommands a help lists (commander's own `help` left out). */
function subcommandsOf(help: string): string[] {
  const section = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]).filter((c) => c !== 'help');
}

/** What a start that only shows help or the version must have loaded, and nothing more. */
function expectLight(s: Start): void {
  expect(s.stderr).toBe('');
  expect(s.code).toBe(0);
  // the recorder saw the start (a start recorded empty would pass every check below)
  expect(s.modules).toContain('cli/main.js');
  expect(s.packages).toEqual(['commander']);
  expect(s.modules.filter((m) => !m.startsWith('cli/') && !LIGHT_BELOW_CLI.includes(m))).toEqual([]);
  expect(s.modules.filter((m) => m.startsWith('cli/actions/') || m === 'cli/context.js')).toEqual([]);
}

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli', 'actions', 'validate.js'))) {
    throw new Error('dist/ is not built (or predates src/cli/actions/): run `npm run build` before this test');
  }
  tmp = mkdtempSync(join(tmpdir(), 'sas-recette-lazy-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a start that only shows help or the version loads no command', () => {
  it('--help lists every command, the exit codes, and loads only the declarations', () => {
    const s = start(['--help']);
    expectLight(s);
    expect(s.stdout).toMatch(/^Usage: sas-recette \[options\] \[command\]/);
    expect(subcommandsOf(s.stdout)).toEqual(COMMANDS);
    expect(s.stdout).toContain('Exit codes / codes de sortie');
    // every command's declaration was loaded, none of their work
    for (const c of COMMANDS) expect(s.modules).toContain(`cli/commands/${c}.js`);
  });

  it('--version prints the version and loads only the declarations', () => {
    const s = start(['--version']);
    expectLight(s);
    expect(s.stdout).toMatch(/^\d+\.\d+\.\d+ \(node v\d+/);
  });

  it.each(COMMANDS)('%s --help, and each of its subcommands, shows its usage and loads only the declarations', (command) => {
    const seen: string[] = [];
    const walk = (path: string[]): void => {
      const s = start([...path, '--help']);
      expectLight(s);
      expect(s.stdout).toMatch(new RegExp(`^Usage: sas-recette ${path.join(' ')} \\[options\\]`));
      expect(s.stdout).toContain('\nOptions:\n');
      expect(s.stdout).toContain('-h, --help');
      seen.push(path.join(' '));
      for (const sub of subcommandsOf(s.stdout)) walk([...path, sub]);
    };
    walk([command]);
    // the command groups were walked into
    if (['ig', 'certs', 'jdd'].includes(command)) expect(seen.length).toBeGreaterThan(1);
  });
});

describe('a command that runs loads its work', () => {
  it('validate of an absent file loads its action and chalk, and still says what is wrong (exit 2)', () => {
    const s = start(['validate', join(tmp, 'absent.json')]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/fichier d'entrée introuvable/);
    expect(s.modules).toContain('cli/actions/validate.js');
    expect(s.modules).toContain('cli/context.js');
    expect(s.packages).toContain('chalk');
    // only its own action
    expect(s.modules.filter((m) => m.startsWith('cli/actions/'))).toEqual(['cli/actions/validate.js']);
  });
});

describe('the bundle users run (dist/cli-bundle/)', () => {
  const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'bundles');

  it('--help: the same output as the modules, from a handful of bundle files (commander and chalk bundled in)', () => {
    const bundled = start(['--help'], true);
    const modules = start(['--help']);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toBe(modules.stdout);
    expect(bundled.packages).toEqual([]);
    expect(bundled.modules.every((m) => m.startsWith('cli-bundle/'))).toBe(true);
    expect(bundled.modules).toContain('cli-bundle/main.js');
    expect(bundled.modules.length).toBeLessThan(modules.modules.length / 3);
  });

  it.each(['cpts-valid', 'psindiv-valid', 'sos-valid'])('validate %s: the same JSON and exit code as the modules', (name) => {
    const args = ['validate', join(FIXTURES, `${name}.json`), '--now', '2026-03-02T08:00:00+01:00', '--format', 'json', '--lang', 'en'];
    const bundled = start(args, true);
    const modules = start(args);
    expect(bundled.code).toBe(modules.code);
    expect(bundled.stderr).toBe(modules.stderr);
    const strip = (out: string) => {
      const report = JSON.parse(out) as { stats: Record<string, number> };
      expect(report.stats.resources).toBeGreaterThan(5);
      delete report.stats.structureMs;
      delete report.stats.rulesMs;
      return report;
    };
    expect(strip(bundled.stdout)).toEqual(strip(modules.stdout));
    expect(bundled.modules.every((m) => m.startsWith('cli-bundle/'))).toBe(true);
    expect(bundled.packages).not.toContain('fhirpath');
  });
});
