/**
 * `sas-recette vsr <history>`: renders the PV VSR (procès-verbal of the 2-month regular-service
 * verification after go-live) from the history `sas-recette watch` appends: availability and latency
 * per day, incidents, conformance regressions, identification and signature blocks; HTML, and PDF with
 * `--pdf`. Exit 0 when written, 2 on usage or setup problems. Declares the command; its work is
 * src/cli/actions/vsr.ts, loaded when it runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { usageProblem } from '../option-checks.js';
import { LANG, PDF, PV_INFO } from '../shared-options.js';

const BOUND = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** `--from` / `--to`: a Paris day or an instant with its offset (checked by shape here, by value in the action). */
const bound = (flag: string, help: string) =>
  option({
    flags: `${flag} <date>`,
    kind: 'value',
    help,
    check: (value, lang) => {
      if (!BOUND.test(value))
        throw usageProblem(
          {
            fr: `${flag} ${value}\u00a0: un jour (2026-04-06, heure de Paris) ou un instant avec décalage (2026-04-06T08:00:00+02:00) est attendu`,
            en: `${flag} ${value}: a day (2026-04-06, Paris time) or an instant with its offset (2026-04-06T08:00:00+02:00) is expected`,
          },
          lang,
        );
      return value;
    },
  });

export const VSR_OPTIONS = optionTable({
  from: bound('--from', 'first day (Paris time, included) or instant of the period (default: the first probe)'),
  to: bound('--to', 'last day (Paris time, included) or instant of the period (default: the last probe)'),
  pvInfo: PV_INFO,
  out: option({ flags: '--out <dir>', kind: 'value', help: 'folder of pv-vsr.html (default: the history file’s folder)' }),
  html: option({ flags: '--html <file>', kind: 'value', help: 'write the PV VSR to this file instead of <out>/pv-vsr.html' }),
  pdf: {
    ...PDF,
    help: 'also print the PV VSR to PDF beside the HTML (same browser lookup as the acceptance PV; none found: a message, exit 0)',
  },
  force: option({ flags: '--force', kind: 'flag', help: 'replace a PV VSR already there (otherwise refused, exit 2)' }),
  lang: LANG,
});

export type VsrOptions = OptionsOf<typeof VSR_OPTIONS>;

const HELP = `
Reads the history written by "sas-recette watch" (JSON Lines, one probe per line): a last line cut by a
crash is ignored, an invalid line is skipped, both named in the PV. Days are Paris days.

Examples:
  sas-recette vsr vsr/history.jsonl --pv-info pv.yaml --pdf
  sas-recette vsr vsr/history.jsonl --from 2026-04-06 --to 2026-06-04 --out reports/vsr
  sas-recette vsr vsr/history.jsonl --html pv-vsr-en.html --lang en

Exit codes: 0 PV VSR written (a PDF that could not be printed is a message) · 2 history missing, empty,
without any valid probe or of a newer format, no probe in the period, a PV VSR already there without
--force, or usage problem
`;

export function register(program: Command, ctx: CliRunContext): void {
  const cmd = program
    .command('vsr')
    .description('render the PV VSR (2-month regular-service watch) from a watch history file')
    .argument('<history>', 'history file written by "sas-recette watch" (JSON Lines)');
  addOptions(cmd, VSR_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', HELP)
    .action(async (history: string, opts: VsrOptions, command: Command) => {
      const { vsrAction } = await import('../actions/vsr.js');
      await vsrAction(ctx, history, opts, command);
    });
}
