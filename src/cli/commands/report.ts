/**
 * `sas-recette report <run.json>`: re-renders a saved run as the HTML PV and/or JUnit XML, optionally
 * with PV identification and declarations added afterwards. Exit 0 when the reports are written,
 * 2 when the run file is missing, broken or not a sas-recette run.
 */
import { dirname, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Lang } from '../../core/findings.js';
import { writeReports } from '../../report/index.js';
import { loadDeclarations, loadPvInfo } from '../../report/pv-info.js';
import { readRunJson } from '../../report/read-run.js';
import type { RunResult } from '../../core/model.js';
import type { CliContext } from '../context.js';

interface ReportOptions {
  html?: string;
  junit?: string;
  lang: Lang;
  pvInfo?: string;
  declarations?: string;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('re-render a saved run (run.json) as the HTML PV and/or JUnit XML')
    .argument('<run-json>', 'run result written by "sas-recette run" (e.g. reports/run.json)')
    .option('--html <file>', 'write the HTML PV (procès-verbal de recette) to this file')
    .option('--junit <file>', 'write JUnit XML to this file')
    .addOption(new Option('--lang <lang>', 'language of the PV and of JUnit texts').choices(['fr', 'en']).default('fr'))
    .option('--pv-info <file>', 'YAML file with the PV identification (editor, software, version…; schemas/pv-info.schema.json)')
    .option('--declarations <file>', 'YAML file with the editor declarations (schemas/declarations.schema.json)')
    .addHelpText(
      'after',
      '\nWithout --html or --junit, writes pv.html and junit.xml next to the run file.\n' +
        'Exit codes: 0 reports written, 2 run file missing, broken or not a sas-recette run.\n',
    )
    .action(async (runJson: string, opts: ReportOptions) => {
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
    });
}
