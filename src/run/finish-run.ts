/**
 * The two ends of a run started from the command line (`run`, `demo`): the official validator asked
 * for, with its start and unavailability said on stderr at once; and, once the run is done (or
 * interrupted by Ctrl-C / SIGTERM: the run marked so, exit 130 / 143), the reports written and the
 * exit code set.
 */
import { textOf, type Lang, type Message } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import type { RunResult } from '../core/model.js';
import { OFFICIAL_STARTING, officialFileOptions, type OfficialCliOptions } from '../official/cli-options.js';
import { reportRun, type ReportFormat, type RunReporters } from '../report/run-reporters.js';
import type { InterruptWatch } from './interrupt.js';
import { markInterrupted } from './interrupt.js';
import type { OfficialRunOptions } from './official.js';
import { exitCodeOf } from './summary.js';

/** The official validator of a run, or nothing; start and unavailability are said on stderr at once. */
export function officialRunOptions(ctx: CliContext, o: OfficialCliOptions & { lang: Lang }): OfficialRunOptions | undefined {
  const say = (m: Message, paint: (s: string) => string) => ctx.io.stderr(paint(`${textOf(m, o.lang)}\n`));
  const base = officialFileOptions(o, ctx.io, () => say(OFFICIAL_STARTING, ctx.color.dim));
  return base ? { ...base, onUnavailable: (reason) => say(reason, ctx.color.yellow) } : undefined;
}

/**
 * Writes the reports, prints the result as asked, sets the exit code; an interrupted run is marked
 * (src/run/interrupt.ts) and exits 130 (SIGINT) or 143 (SIGTERM) once its reports are written.
 */
export async function finishRun(
  ctx: CliContext,
  run: RunResult,
  reporters: RunReporters,
  format: ReportFormat,
  interrupt?: Pick<InterruptWatch, 'interruption' | 'exitCode'>,
): Promise<void> {
  const interruption = interrupt?.interruption();
  const result = interruption ? markInterrupted(run, interruption) : run;
  await reportRun(ctx, result, reporters, format);
  ctx.setExitCode(exitCodeOf(result));
  const code = interrupt?.exitCode();
  if (code !== undefined) ctx.setExitCode(code);
}
