import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CERTS_MAKE_OPTIONS } from '../../src/cli/commands/certs.js';
import { DEMO_OPTIONS } from '../../src/cli/commands/demo.js';
import { IG_INSTALL_OPTIONS, IG_LIST_OPTIONS } from '../../src/cli/commands/ig.js';
import { JDD_CHECK_OPTIONS } from '../../src/cli/commands/jdd.js';
import { MOCK_OPTIONS } from '../../src/cli/commands/mock.js';
import { REPORT_COMMAND_OPTIONS } from '../../src/cli/commands/report.js';
import { REQUIREMENTS_OPTIONS } from '../../src/cli/commands/requirements.js';
import { RUN_OPTIONS } from '../../src/cli/commands/run.js';
import { VALIDATE_OPTIONS } from '../../src/cli/commands/validate.js';
import { addOptions, optionTable, type OptionTable } from '../../src/cli/option-table.js';
import { FORMAT, LANG, TIMEOUT } from '../../src/cli/shared-options.js';
import { PACKAGES, runCli } from '../validate/helpers.js';

const SAS_TGZ = join(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz');

const TABLES: Array<[string[], OptionTable]> = [
  [['run'], RUN_OPTIONS],
  [['demo'], DEMO_OPTIONS],
  [['validate'], VALIDATE_OPTIONS],
  [['mock'], MOCK_OPTIONS],
  [['report'], REPORT_COMMAND_OPTIONS],
  [['requirements'], REQUIREMENTS_OPTIONS],
  [['ig', 'list'], IG_LIST_OPTIONS],
  [['ig', 'install'], IG_INSTALL_OPTIONS],
  [['jdd', 'check'], JDD_CHECK_OPTIONS],
  [['certs', 'make'], CERTS_MAKE_OPTIONS],
];

describe('option tables drive commander', () => {
  it.each(TABLES)('every entry of %s appears in its --help, with its choices, default and variable', async (command, table) => {
    const help = await runCli([...command, '--help']);
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    for (const spec of Object.values(table)) {
      expect(text).toContain(spec.flags);
      if (spec.choices) expect(text).toContain(`choices: ${spec.choices.map((c) => `"${c}"`).join(', ')}`);
      if (spec.default !== undefined) expect(text).toContain(`default: "${spec.default}"`);
      if (spec.env) expect(text).toContain(`env: ${spec.env}`);
    }
  });

  it('the same option means the same thing in every command', () => {
    for (const [, table] of TABLES) {
      if (table.format) expect(table.format).toBe(FORMAT);
      if (table.lang) expect({ ...table.lang, help: LANG.help }).toEqual(LANG);
      if (table.timeout) expect({ ...table.timeout, help: '', default: '' }).toEqual({ ...TIMEOUT, help: '', default: '' });
    }
  });

  it('a key must be the attribute commander derives from the flag', () => {
    expect(() => addOptions(new Command('x'), { base: { flags: '--base-url <url>', kind: 'value', help: '' } }, {})).toThrow(
      /does not match/,
    );
  });

  describe('environment fallback (from the command environment, not process.env)', () => {
    const table = optionTable({
      lang: { ...LANG, env: 'X_LANG' },
      dirs: { flags: '--dirs <dir>', kind: 'list', split: true, env: 'X_DIRS', help: 'folders' },
    });
    async function parse(args: string[], env: NodeJS.ProcessEnv) {
      let seen: unknown;
      const cmd = new Command('x').exitOverride();
      addOptions(cmd, table, env).action((o) => {
        seen = o;
      });
      await cmd.parseAsync(args, { from: 'user' });
      return seen as { lang: string; dirs: string[] };
    }

    it('the variable fills an option not given; the command line wins; else the default', async () => {
      expect(await parse([], { X_LANG: 'en', X_DIRS: 'a,b' })).toEqual({ lang: 'en', dirs: ['a', 'b'] });
      expect(await parse(['--lang', 'fr'], { X_LANG: 'en' })).toMatchObject({ lang: 'fr' });
      expect(await parse([], {})).toEqual({ lang: 'fr', dirs: [] });
    });

    it('a variable outside the choices is a usage error', async () => {
      await expect(parse([], { X_LANG: 'de' })).rejects.toThrow(/X_LANG="de".*--lang/);
    });

    it.skipIf(!existsSync(SAS_TGZ))('ig install takes --cache from FHIR_PACKAGE_CACHE through its table', async () => {
      const cache = mkdtempSync(join(tmpdir(), 'sas-recette-cache-'));
      try {
        const r = await runCli(['ig', 'install', 'ans.fhir.fr.sas#1.2.0', '--from', SAS_TGZ], { env: { FHIR_PACKAGE_CACHE: cache } });
        expect(r.code, r.stderr).toBe(0);
        expect(existsSync(join(cache, 'ans.fhir.fr.sas#1.2.0', 'package', 'package.json'))).toBe(true);
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    });
  });

  it('--timeout is a duration in run, demo and ig install; --lang has fixed choices in mock', async () => {
    for (const command of [['run', '--list'], ['demo'], ['ig', 'install', 'a#1']]) {
      const r = await runCli([...command, '--timeout', 'soon']);
      expect(r.code, command.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/valeur «\u00a0soon\u00a0» refusée pour --timeout <duration>\u00a0: ce n'est pas une durée/);
    }
    const mock = await runCli(['mock', '--list-defects', '--lang', 'de']);
    expect(mock.code).toBe(2);
    expect(mock.stderr).toMatch(/valeurs possibles\u00a0: fr, en/);
  });
});

describe('--now is read the same way by run and validate', () => {
  const accepted = ['2026-03-02T08:00:00+01:00', '2026-03-02T08:00+01:00', '2026-03-02T07:00Z', '2026-07-01T10:00:00.250+02:00'];
  const rejected = ['2026-03-02T08:00:00', '2026-03-02T08:00', '2026-03-02', 'tomorrow', '2026-02-30T08:00:00Z', '2026-03-02T24:00:00Z'];

  /** Whether the command refused the value of --now (exit 2 naming it). */
  async function refuses(args: string[]): Promise<boolean> {
    const r = await runCli(args, { stdin: 'not json' });
    return r.code === 2 && /^sas-recette: --now «\u00a0/.test(r.stderr);
  }

  it.each([...accepted.map((v) => [v, false] as const), ...rejected.map((v) => [v, true] as const)])(
    '%s → refused: %s',
    async (now, refused) => {
      expect(await refuses(['run', '--list', '--jdd', 'datasets/recette-cpts.yaml', '--now', now])).toBe(refused);
      expect(await refuses(['validate', '-', '--now', now])).toBe(refused);
    },
  );
});
