/**
 * The work of `sas-recette vsr` (declared in src/cli/commands/vsr.ts): checks where the PV VSR goes
 * (never over an existing one without --force) before reading anything, reads the history, draws the
 * figures of the period, renders and writes the PV VSR (and its PDF), and prints the summary.
 */
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { textOf } from '../../core/findings.js';
import { TOOL_VERSION } from '../../core/version.js';
import { loadPvInfo } from '../../report/pv-info.js';
import { redactCommand } from '../../report/redact.js';
import { checkBound, computeVsr, readHistory, renderVsrPv, vsrConsoleText, vsrTargets, writeVsr } from '../../report/vsr/index.js';
import { commandLine } from '../command-line.js';
import type { VsrOptions } from '../commands/vsr.js';
import type { CliContext } from '../context.js';

export async function vsrAction(ctx: CliContext, history: string, opts: VsrOptions, command: Command): Promise<void> {
  const cwd = ctx.io.cwd;
  const lang = opts.lang;
  if (opts.from) checkBound('--from', opts.from);
  if (opts.to) checkBound('--to', opts.to);
  const historyFile = resolve(cwd, history);
  const pvInfo = opts.pvInfo ? loadPvInfo(resolve(cwd, opts.pvInfo)) : undefined;
  const targets = vsrTargets({ cwd, historyFile, out: opts.out, html: opts.html, pdf: Boolean(opts.pdf), force: Boolean(opts.force) });

  const read = await readHistory(historyFile, history);
  const report = computeVsr(read, { from: opts.from, to: opts.to });
  const pv = renderVsrPv(report, {
    lang,
    ...(pvInfo ? { pvInfo } : {}),
    meta: { historyLabel: history, tool: `sas-recette ${TOOL_VERSION}`, command: redactCommand(commandLine(command)) },
  });
  const { files, notice } = await writeVsr(targets, pv, ctx.io.env);
  if (notice) ctx.io.stderr(ctx.color.yellow(`${textOf(notice, lang)}\n`));
  const shown = files.map((f) => {
    const rel = relative(cwd, f);
    return rel && !rel.startsWith('..') ? rel : f;
  });
  ctx.io.stdout(vsrConsoleText(report, shown, lang));
}
