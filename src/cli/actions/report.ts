/** The work of `sas-recette report` (declared in src/cli/commands/report.ts): re-renders a saved run. */
import { dirname, relative, resolve } from 'node:path';
import type { RunResult } from '../../core/model.js';
import { writeReports } from '../../report/index.js';
import { loadDeclarations, loadPvInfo } from '../../report/pv-info.js';
import { readRunJson } from '../../report/read-run.js';
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
  const names = Object.keys(paths).length ? Object.keys(paths) : ['html', 'junit'];
  const files = await writeReports(run, names, { outDir: dirname(runFile), lang: opts.lang, paths });
  for (const f of files) ctx.io.stdout(`wrote ${relative(cwd, f) || f}\n`);
}
