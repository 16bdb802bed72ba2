/** The work of `sas-recette report` (declared in src/cli/commands/report.ts): re-renders a saved run. */
import { dirname, relative, resolve } from 'node:path';
import type { RunResult } from '../../core/model.js';
import { withPdf, writeReports } from '../../report/index.js';
import { loadDeclarations, loadPvInfo } from '../../report/pv-info.js';
import { readRunJson } from '../../report/read-run.js';
import { commandReporters } from '../../report/run-reporters.js';
import type { ReportOptions } from '../commands/report.js';
import type { CliContext } from '../context.js';

export async function reportAction(ctx: CliContext, runJson: string, opts: ReportOptions): Promise<void> {
  const cwd = ctx.io.cwd;
  const runFile = resolve(cwd, runJson);
  let run: RunResult = await readRunJson(runFile, runJson);
  if (opts.pvInfo) run = { ...run, pvInfo: { ...run.pvInfo, ...loadPvInfo(resolve(cwd, opts.pvInfo)) } };
  if (opts.declarations) run = { ...run, declarations: loadDeclarations(resolve(cwd, opts.declarations)) };

  const paths: Record<string, string> = {};
  if (opts.html) paths.html = resolve(cwd, opts.html);
  if (opts.junit) paths.junit = resolve(cwd, opts.junit);
  // --pdf prints the HTML PV it writes (pv.html next to the run file, or --html FILE) to a .pdf beside it
  const names = withPdf(Object.keys(paths).length ? Object.keys(paths) : ['html', 'junit'], Boolean(opts.pdf));
  const files = await writeReports(run, names, { outDir: dirname(runFile), lang: opts.lang, paths }, commandReporters(ctx, opts.lang));
  const wrote = opts.lang === 'fr' ? 'écrit' : 'wrote';
  for (const f of files) ctx.io.stdout(`${wrote} ${relative(cwd, f) || f}\n`);
}
