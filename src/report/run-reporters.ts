/**
 * The reporters of a run as the command line asks for them (`--reporter`, `--pdf`, `--format`, `--lang`,
 * `--out`): checked before any request (an unknown name, an unusable `--out`: exit 2), then fed the
 * finished run; the report files go to the run's own folder under `--out`, `latest` points at it
 * (src/report/run-folder.ts), and the files written are said.
 * The folder is made provable (src/report/manifest/): the other reports first, then manifest.json (the
 * SHA-256 of every file, the inputs copied in, the FHIR packages), then the PV showing the manifest's
 * hash, then SHA256SUMS over the manifest and the PV files.
 */
import { isAbsolute, join, relative } from 'node:path';
import { hashFile, relativeInside } from './manifest/hash.js';
import { textOf, type Lang } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import type { RunResult } from '../core/model.js';
import { consoleReporter, wantsLiveProgress } from './console.js';
import { createReporters } from './index.js';
import { reportView, writeEvidenceFiles } from './evidence-files.js';
import { packageSourcesOf, writeManifest, writeSums, type ManifestMark } from './manifest/index.js';
import { wantsHyperlinks } from './hyperlink.js';
import { renderRunJson } from './json.js';
import { pdfReporter, withPdf } from './pdf/pdf-reporter.js';
import { reportPathsText } from './report-paths.js';
import { checkOutDir, pointLatest, runFolderName } from './run-folder.js';
import type { Reporter, ReporterFactory } from './types.js';

export { DEFAULT_REPORTERS } from './default-reporters.js';

/** `--reporter a,b` (and `--pdf`): the names, once each; with a PDF, `pdf` last and `html` before it. */
export function reporterNames(text: string, pdf = false): string[] {
  const names = [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  return withPdf(names, pdf);
}

/**
 * The reporters a command adds to the built-in ones: `pdf`, which looks for the browser in the command's
 * environment and says on stderr, in the run's language, why no PDF was printed (the run goes on, its
 * exit code unchanged).
 */
export function commandReporters(ctx: CliContext, lang: Lang): Record<string, ReporterFactory> {
  return {
    pdf: pdfReporter({
      env: ctx.io.env,
      onNotice: (reason) => ctx.io.stderr(ctx.color.yellow(`${textOf(reason, lang)}\n`)),
    }),
  };
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
  createReporters(fileNames, { outDir: r.outDir, lang: r.lang }, commandReporters(ctx, r.lang)); // the names, checked now
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
  return { console, fileNames, outDir: r.outDir, lang: r.lang, packageSources: packageSourcesOf(r.packages, ctx.io.env) };
}

/** The reporters that print the PV (it shows the manifest's hash, so they come after it). */
const PV_REPORTERS = new Set(['html', 'pdf']);

/**
 * Writes the report files into the run's own folder under `--out` and points `latest` at it, prints
 * the result as asked (console, or JSON on stdout) and the files written.
 */
export async function reportRun(ctx: CliContext, run: RunResult, reporters: RunReporters, format: ReportFormat): Promise<void> {
  const written: string[] = [];
  let latest: string | undefined;
  if (reporters.fileNames.length > 0) {
    const folder = runFolderName(run);
    const dir = join(reporters.outDir, folder);
    const options = { outDir: dir, lang: reporters.lang };
    const extra = commandReporters(ctx, reporters.lang);
    const others = reporters.fileNames.filter((n) => !PV_REPORTERS.has(n));
    for (const reporter of createReporters(others, options, extra)) written.push(...(await reporter.onRunEnd(run)));
    // the evidence files belong to the manifest even when only the PV was asked for
    written.push(...(await writeEvidenceFiles(dir, reportView(run).files)));
    const manifest = await writeManifest(run, { folder: dir, cwd: ctx.io.cwd, packageSources: reporters.packageSources });
    written.push(manifest.file);
    const marked: RunResult & ManifestMark = { ...run, manifestSha256: manifest.sha256 };
    const pvFiles: string[] = [];
    for (const reporter of createReporters(
      reporters.fileNames.filter((n) => PV_REPORTERS.has(n)),
      options,
      extra,
    ))
      pvFiles.push(...(await reporter.onRunEnd(marked)));
    written.push(...pvFiles);
    const sums = [{ path: 'manifest.json', sha256: manifest.sha256 }];
    for (const file of pvFiles) {
      const path = relativeInside(dir, file);
      if (path && !manifest.manifest.files.some((f) => f.path === path)) sums.push({ path, sha256: (await hashFile(file)).sha256 });
    }
    written.push(await writeSums(dir, sums));
    latest = await pointLatest(reporters.outDir, folder);
  }
  if (reporters.console) await reporters.console.onRunEnd(run);
  if (format === 'json') ctx.io.stdout(renderRunJson(run));
  // the files written, as absolute paths (links on a terminal that takes them), after the result
  const out = format === 'json' ? ctx.io.stderr : ctx.io.stdout;
  const links = format === 'text' && wantsHyperlinks(ctx.io.env, { isTTY: ctx.io.isTTY, colorLevel: ctx.color.level });
  out(reportPathsText({ files: written, latest, cwd: ctx.io.cwd, lang: reporters.lang, links }));
}

export type ReportFormat = 'text' | 'json';

export interface ReportSetup {
  format: ReportFormat;
  lang: Lang;
  outDir: string;
  names: string[];
  /** `--packages` (absolute): where the run read its FHIR packages; none: the default sources. For the manifest. */
  packages?: string[];
}

export interface RunReporters {
  console?: Reporter;
  /** The file reporters asked for (json, junit, html…), made at the end for the run's own folder. */
  fileNames: string[];
  /** `--out`: the folder holding one folder per run and the `latest` pointer. */
  outDir: string;
  lang: Lang;
  /** Where the run's FHIR packages are found again and hashed for the manifest. */
  packageSources: string[];
}
