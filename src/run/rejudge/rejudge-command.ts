/**
 * `sas-recette rejudge RUN`, from already parsed options: reads the recording (run.json and its evidence
 * files: problems are exit 2 naming the file), checks the reporters and `--out` before any work, loads
 * the cahier, JDDs and IG, judges the recorded answers again (rejudge-run.ts), then writes the new run's
 * folder — its diff with the original (diff.json, diff.html) first, then the usual reports (run.json,
 * JUnit, PV) — and says what was re-judged, what was carried over and why, the verdict and the diff.
 * Exit code as a run's (src/run/summary.ts exitCodeOf).
 */
import { dirname, join } from 'node:path';
import type { CliContext } from '../../core/io.js';
import { diffText } from '../../report/diff/index.js';
import { wantsHyperlinks } from '../../report/hyperlink.js';
import { reportPathsText } from '../../report/report-paths.js';
import { runFolderName } from '../../report/run-folder.js';
import { displayPathFrom, makeReporters, reportRun, type ReportSetup } from '../../report/run-reporters.js';
import { exitCodeOf } from '../summary.js';
import { rejudgeText } from './console-text.js';
import { loadRejudgeInputs } from './inputs.js';
import { readRecording } from './recording.js';
import { rejudgeRun } from './rejudge-run.js';
import { rejudgeDiff, writeRejudgeDiff } from './write-diff.js';

/** A re-judging as the command line asks for it; every path absolute except `run`, as typed. */
export interface RejudgeCommand {
  /** run.json or its folder, as typed (resolved against the working folder). */
  run: string;
  cahier: string[];
  jddFiles: string[];
  ig: string;
  packages: string[];
  report: ReportSetup;
  /** `--strict`; default: the original run's mode. */
  strict?: boolean;
  /** The command line as typed, for the PV. */
  command: string;
}

export async function rejudgeCommand(ctx: CliContext, o: RejudgeCommand): Promise<void> {
  const { io } = ctx;
  const lang = o.report.lang;
  const recording = await readRecording(o.run, io.cwd);
  const reporters = makeReporters(ctx, o.report, recording.run.cases.length);
  const display = displayPathFrom(io.cwd);
  const inputs = await loadRejudgeInputs({
    original: recording.run,
    cahier: o.cahier,
    jddFiles: o.jddFiles,
    ig: o.ig,
    packages: o.packages,
    env: io.env,
    cwd: io.cwd,
    displayPath: display,
    runDir: dirname(recording.file),
  });
  if (!inputs.structure.index) io.stderr(ctx.color.yellow(`${inputs.structure.notes[0][lang]}\n`));
  const result = await rejudgeRun({
    original: recording.run,
    from: { file: recording.label, sha256: recording.sha256 },
    prepared: inputs.prepared,
    structure: inputs.structure,
    kinds: inputs.kinds,
    lang,
    command: o.command,
    notes: inputs.notes,
    ...(o.strict ? { strict: true } : {}),
    displayPath: display,
  });
  for (const c of result.run.cases) await reporters.console?.onCaseEnd?.(c);

  const text = o.report.format === 'json' ? io.stderr : io.stdout;
  text(rejudgeText(result, lang, ctx.color));
  const folder = join(reporters.outDir, runFolderName(result.run));
  const diff = rejudgeDiff(recording.run, result.run, { old: recording.label, new: display(join(folder, 'run.json')) });
  // Before the reports: the run folder's manifest (written with them) then covers the diff too.
  const diffFiles = reporters.fileNames.length > 0 ? await writeRejudgeDiff(folder, diff, lang) : [];
  await reportRun(ctx, result.run, reporters, o.report.format);
  text(`\n${diffText(diff, { lang, color: ctx.color, withoutExitCode: true })}`);
  const links = o.report.format === 'text' && wantsHyperlinks(io.env, { isTTY: io.isTTY, colorLevel: ctx.color.level });
  text(reportPathsText({ files: diffFiles, cwd: io.cwd, lang, links }));
  ctx.setExitCode(exitCodeOf(result.run));
}
