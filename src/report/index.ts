/**
 * Reporter registry: name → factory. json, junit and html are built in; the console reporter
 * (src/report/console.ts), the pdf reporter (src/report/pdf/pdf-reporter.ts, which needs the command's
 * environment and a place to say why no PDF was printed) and any other come in through `extra`, so this
 * module depends on none of them.
 */
import { SetupError } from '../core/errors.js';
import type { RunResult } from '../core/model.js';
import { htmlReporter } from './html/index.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import type { Reporter, ReporterFactory, ReporterOptions } from './types.js';

export type { Reporter, ReporterFactory, ReporterOptions } from './types.js';
export { htmlReporter, renderPv, pvHashes } from './html/index.js';
export { jsonReporter, renderRunJson } from './json.js';
export { junitReporter, renderJunit } from './junit.js';
export { readRunJson, parseRunResult } from './read-run.js';
export { loadDeclarations, loadPvInfo } from './pv-info.js';
export { redactRun } from './redact.js';
export { pdfReporter, pdfPathFor, withPdf, type PdfReporterSetup } from './pdf/pdf-reporter.js';

export const BUILTIN_REPORTERS: Readonly<Record<string, ReporterFactory>> = {
  json: jsonReporter,
  junit: junitReporter,
  html: htmlReporter,
};

/** Reporters for `names` (duplicates ignored), in the order given. Unknown name → SetupError (exit 2). */
export function createReporters(names: string[], options: ReporterOptions, extra: Record<string, ReporterFactory> = {}): Reporter[] {
  const registry: Record<string, ReporterFactory> = { ...BUILTIN_REPORTERS, ...extra };
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  const unknown = unique.filter((n) => !Object.hasOwn(registry, n));
  if (unknown.length) {
    const names = { fr: unknown.map((n) => `«\u00a0${n}\u00a0»`).join(', '), en: unknown.map((n) => `"${n}"`).join(', ') };
    const known = Object.keys(registry).sort().join(', ');
    throw new SetupError(
      { fr: `rapport inconnu ${names.fr}`, en: `unknown reporter ${names.en}` },
      { fr: `choisir parmi\u00a0: ${known}`, en: `choose among: ${known}` },
    );
  }
  return unique.map((n) => registry[n](options));
}

/** Writes the named reports for a finished run; returns the files written, in reporter order. */
export async function writeReports(
  run: RunResult,
  names: string[],
  options: ReporterOptions,
  extra: Record<string, ReporterFactory> = {},
): Promise<string[]> {
  const files: string[] = [];
  for (const reporter of createReporters(names, options, extra)) {
    files.push(...(await reporter.onRunEnd(run)));
  }
  return files;
}
