/** The work of `sas-recette jdd check` (declared in src/cli/commands/jdd.ts): lints the JDD files against the cahier. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasErrors, lintJdd } from '../../cahier/jdd-lint.js';
import { defaultCahierDir, loadCahier } from '../../cahier/load-cahier.js';
import { SetupError } from '../../core/errors.js';
import { formatLintText } from '../../report/jdd-lint-text.js';
import type { JddCheckOptions } from '../commands/jdd.js';
import type { CliRunContext } from '../run-lang.js';

function readable(file: string): void {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new SetupError(
      { fr: `JDD introuvable\u00a0: ${file}`, en: `JDD not found: ${file}` },
      {
        fr: 'donner le chemin d’un fichier JDD (datasets/recette-psindiv.yaml…)',
        en: 'give the path of a JDD file (datasets/recette-psindiv.yaml…)',
      },
    );
  }
  if (!isFile)
    throw new SetupError(
      { fr: `le JDD ${file} n'est pas un fichier`, en: `JDD ${file} is not a file` },
      { fr: 'donner le chemin d’un fichier JDD, pas d’un dossier', en: 'give the path of a JDD file, not a folder' },
    );
}

export function jddCheckAction(ctx: CliRunContext, files: string[], opts: JddCheckOptions): void {
  const { io } = ctx;
  const paths = files.map((f) => resolve(io.cwd, f));
  paths.forEach(readable);
  const cases = loadCahier(opts.cahier.length > 0 ? opts.cahier.map((c) => resolve(io.cwd, c)) : defaultCahierDir());
  const lints = paths.map((f) => lintJdd(f, cases));
  if (opts.format === 'json') io.stdout(`${JSON.stringify({ files: lints.map((l) => ({ ...l, ok: !hasErrors(l) })) }, null, 2)}\n`);
  else io.stdout(lints.map((l) => formatLintText(l, ctx.lang, ctx.color)).join('\n'));
  ctx.setExitCode(lints.some(hasErrors) ? 1 : 0);
}
