/**
 * `sas-recette jdd check FILE... [--cahier DIR] [--lang fr|en] [--format text|json]`: the JDD linter,
 * before any call to the editor. Exit 0 when the JDDs are fit (warnings allowed: missing roles only
 * make cases not-applicable), 1 when a JDD has problems, 2 on usage or an unreadable file.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addOptions, optionTable, type OptionsOf } from '../option-table.js';
import { CAHIER, FORMAT, LANG } from '../shared-options.js';
import { SetupError } from '../../core/errors.js';
import { defaultCahierDir, loadCahier } from '../../cahier/load-cahier.js';
import { hasErrors, lintJdd } from '../../cahier/jdd-lint.js';
import { formatLintText } from '../../report/jdd-lint-text.js';

export const JDD_CHECK_OPTIONS = optionTable({ cahier: CAHIER, lang: LANG, format: FORMAT });

type Options = OptionsOf<typeof JDD_CHECK_OPTIONS>;

function readable(file: string): void {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new SetupError(`JDD not found: ${file}`, 'give the path of a JDD file (datasets/recette-psindiv.yaml…)');
  }
  if (!isFile) throw new SetupError(`JDD ${file} is not a file`, 'give the path of a JDD file, not a folder');
}

export function register(program: Command, ctx: CliContext): void {
  const jdd = program.command('jdd').description('JDD (test data set) tools');
  const check = jdd
    .command('check')
    .description('check JDD files before a run: schema, identifiers, roles each entry plays and roles the cahier needs')
    .argument('<files...>', 'JDD files (datasets/recette-psindiv.yaml…)');
  addOptions(check, JDD_CHECK_OPTIONS, ctx.io.env).action((files: string[], opts: Options) => {
    const { io } = ctx;
    const paths = files.map((f) => resolve(io.cwd, f));
    paths.forEach(readable);
    const cases = loadCahier(opts.cahier.length > 0 ? opts.cahier.map((c) => resolve(io.cwd, c)) : defaultCahierDir());
    const lints = paths.map((f) => lintJdd(f, cases));
    if (opts.format === 'json') io.stdout(`${JSON.stringify({ files: lints.map((l) => ({ ...l, ok: !hasErrors(l) })) }, null, 2)}\n`);
    else io.stdout(lints.map((l) => formatLintText(l, opts.lang, ctx.color)).join('\n'));
    ctx.setExitCode(lints.some(hasErrors) ? 1 : 0);
  });
}
