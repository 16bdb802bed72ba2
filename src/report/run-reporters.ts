/**
 * The reporters of a run as the command line asks for them (`--reporter`, `--format`, `--lang`,
 * `--out`): made before any request (an unknown name is exit 2), then fed the finished run; says
 * where the report files were written.
 */
import { isAbsolute, relative } from 'node:path';
import type { Lang } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import type { RunResult } from '../core/model.js';
import { consoleReporter, wantsLiveProgress } from './console.js';
import { createReporters } from './index.js';
import { renderRunJson } from './json.js';
import type { Reporter } from './types.js';

export const DEFAULT_REPORTERS = 'console,json,junit,html';

/** `--reporter a,b`: the names, once each. */
export function reporterNames(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}

/** How files are shown in results: relative to the working folder when inside it. */
export function displayPathFrom(cwd: string): (file: string) => string {
  return (file) => {
    const rel = relative(cwd, file);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  };
}

/** Reporters of a run (checked before any request: an unknown name is exit 2). */
export function makeReporters(ctx: CliContext, r: ReportSetup, total: number): RunReporters {
  const files = createReporters(
    r.names.filter((n) => n !== 'console'),
    { outDir: r.outDir, lang: r.lang },
  );
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
  return { console, files };
}

/** Writes the report files, prints the result as asked (console, or JSON on stdout) and the files written. */
export async function reportRun(ctx: CliContext, run: RunResult, reporters: RunReporters, format: ReportFormat): Promise<void> {
  const written: string[] = [];
  for (const reporter of reporters.files) written.push(...(await reporter.onRunEnd(run)));
  if (reporters.console) await reporters.console.onRunEnd(run);
  if (format === 'json') ctx.io.stdout(renderRunJson(run));
  const display = displayPathFrom(ctx.io.cwd);
  if (written.length > 0) {
    const out = format === 'json' ? ctx.io.stderr : ctx.io.stdout;
    out(`\nReports / rapports:\n${written.map((f) => `  ${display(f)}`).join('\n')}\n`);
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
  files: Reporter[];
}
