/**
 * The reporters of a run as the command line asks for them (`--reporter`, `--format`, `--lang`,
 * `--out`): checked before any request (an unknown name, an unusable `--out`: exit 2), then fed the
 * finished run; the report files go to the run's own folder under `--out`, `latest` points at it
 * (src/report/run-folder.ts), and the files written are said.
 */
import { isAbsolute, join, relative } from 'node:path';
import type { Lang } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import type { RunResult } from '../core/model.js';
import { consoleReporter, wantsLiveProgress } from './console.js';
import { createReporters } from './index.js';
import { renderRunJson } from './json.js';
import { checkOutDir, pointLatest, runFolderName } from './run-folder.js';
import type { Reporter } from './types.js';

export { DEFAULT_REPORTERS } from './default-reporters.js';

/** `--reporter a,b`: the names, once each. */
export function reporterNames(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** How files are shown in results: relative to the working folder when inside it. */
export function displayPathFrom(cwd: string): (file: string) => string {
  return (file) => {
    const rel = relative(cwd, file);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  };
}

/**
 * Reporters of a run, checked before any request: an unknown name, or an `--out` that cannot hold the
 * report files (a file, /dev/null, a parent that cannot be created, a read-only folder), is exit 2.
 */
export function makeReporters(ctx: CliContext, r: ReportSetup, total: number): RunReporters {
  const fileNames = r.names.filter((n) => n !== 'console');
  createReporters(fileNames, { outDir: r.outDir, lang: r.lang }); // the names, checked now
  if (fileNames.length > 0) checkOutDir(r.outDir);
  const wantConsole = r.format === 'text' && (r.names.includes('console') || r.names.length === 0);
  const console = wantConsole
    ? consoleReporter({
        stdout: ctx.io.stdout,
        stderr: ctx.io.stderr,
        color: ctx.color,
        lang: r.lang,
        live: wantsLiveProgress(ctx.io.env, ctx.io.isTTY),
        total,
      })
    : undefined;
  return { console, fileNames, outDir: r.outDir, lang: r.lang };
}

/**
 * Writes the report files into the run's own folder under `--out` and points `latest` at it, prints
 * the result as asked (console, or JSON on stdout) and the files written.
 */
export async function reportRun(ctx: CliContext, run: RunResult, reporters: RunReporters, format: ReportFormat): Promise<void> {
  const written: string[] = [];
  let latest: string | undefined;
  if (reporters.fileNames.length > 0) {
    const folder = runFolderName(run);
    const files = createReporters(reporters.fileNames, { outDir: join(reporters.outDir, folder), lang: reporters.lang });
    for (const reporter of files) written.push(...(await reporter.onRunEnd(run)));
    latest = await pointLatest(reporters.outDir, folder);
  }
  if (reporters.console) await reporters.console.onRunEnd(run);
  if (format === 'json') ctx.io.stdout(renderRunJson(run));
  const display = displayPathFrom(ctx.io.cwd);
  if (written.length > 0) {
    const out = format === 'json' ? ctx.io.stderr : ctx.io.stdout;
    const pointer = latest ? `  (latest / dernière exécution: ${display(latest)})\n` : '';
    out(`\nReports / rapports:\n${written.map((f) => `  ${display(f)}`).join('\n')}\n${pointer}`);
  }
}

export type ReportFormat = 'text' | 'json';

export interface ReportSetup {
  format: ReportFormat;
  lang: Lang;
  outDir: string;
  names: string[];
}

export interface RunReporters {
  console?: Reporter;
  /** The file reporters asked for (json, junit, html…), made at the end for the run's own folder. */
  fileNames: string[];
  /** `--out`: the folder holding one folder per run and the `latest` pointer. */
  outDir: string;
  lang: Lang;
}
