/**
 * The work of `sas-recette diff` (declared in src/cli/commands/diff.ts): reads the two runs, compares them
 * and prints the comparison (text or JSON on stdout, the HTML page to --html), then sets exit 1 when a case
 * regressed. The --html file is checked before any run is read, so a refusal costs nothing.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import { compareRuns, diffHtml, diffJson, diffText } from '../../report/diff/index.js';
import { readRunForDiff } from '../../report/diff/read-runs.js';
import { checkOutDir } from '../../report/run-folder.js';
import { writeOutput } from '../../report/write-output.js';
import type { DiffOptions } from '../commands/diff.js';
import type { CliContext } from '../context.js';

/** The --html file, refused when it is a folder or already there without --force (a report is never replaced silently). */
function htmlTarget(cwd: string, typed: string, force: boolean): string {
  const file = resolve(cwd, typed);
  const existing = existsSync(file) ? statSync(file) : undefined;
  if (existing?.isDirectory())
    throw new SetupError(
      { fr: `--html ${typed}\u00a0: c'est un dossier`, en: `--html ${typed} is a folder` },
      { fr: 'donner un nom de fichier (par exemple diff.html)', en: 'give a file name (e.g. diff.html)' },
    );
  if (existing && !force)
    throw new SetupError(
      { fr: `--html ${typed}\u00a0: le fichier existe déjà`, en: `--html ${typed}: the file already exists` },
      { fr: 'choisir un autre nom, ou ajouter --force pour le remplacer', en: 'choose another name, or add --force to replace it' },
    );
  checkOutDir(dirname(file), '--html');
  return file;
}

export async function diffAction(ctx: CliContext, oldTyped: string, newTyped: string, opts: DiffOptions): Promise<void> {
  const { cwd } = ctx.io;
  const lang = opts.lang;
  const htmlFile = opts.html !== undefined ? htmlTarget(cwd, opts.html, opts.force === true) : undefined;
  const [oldRead, newRead] = [await readRunForDiff(oldTyped, cwd), await readRunForDiff(newTyped, cwd)];
  const diff = compareRuns(oldRead.run, newRead.run, { old: oldRead.label, new: newRead.label });
  diff.caveats.push(...oldRead.notes, ...newRead.notes);

  if (opts.format === 'json') ctx.io.stdout(diffJson(diff));
  else ctx.io.stdout(diffText(diff, { lang, color: ctx.color }));
  if (htmlFile) {
    await writeOutput(htmlFile, diffHtml(diff, lang));
    // with --format json, stdout is the JSON document alone
    const say = opts.format === 'json' ? ctx.io.stderr : ctx.io.stdout;
    say(`${lang === 'fr' ? 'écrit' : 'wrote'} ${relative(cwd, htmlFile) || htmlFile}\n`);
  }
  ctx.setExitCode(diff.regressions.length > 0 ? 1 : 0);
}
