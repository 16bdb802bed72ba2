/**
 * The `pdf` reporter (`--pdf`, or `pdf` in `--reporter`): the PV the html reporter has just written,
 * printed next to it (pv.html → pv.pdf) by Chromium (src/report/pdf/print-pdf.ts: CHROMIUM_PATH, a
 * system Chromium, else the npm package @sparticuz/chromium). The PDF is a copy for reading and
 * archiving; the run, its verdict and its exit code never depend on it: with no browser, or a print
 * that fails, the reporter writes nothing and says why through `onNotice`.
 *
 * It runs after the html reporter (`withPdf` puts it last and adds html when missing). playwright-core is
 * loaded only when a PDF is printed.
 */
import type { Message } from '../../core/findings.js';
import { pvPathOf } from '../html/index.js';
import type { Reporter, ReporterFactory, ReporterOptions } from '../types.js';

export interface PdfReporterSetup {
  /** Where the browser is looked for (CHROMIUM_PATH, PATH): the command's environment. */
  env: NodeJS.ProcessEnv;
  /** Why no PDF was written (no browser, a print that failed), in both languages. */
  onNotice: (reason: Message) => void;
}

/** pv.html → pv.pdf; any other name gets `.pdf` in place of its `.html` (or added). */
export function pdfPathFor(htmlFile: string): string {
  return `${htmlFile.replace(/\.html?$/i, '')}.pdf`;
}

export function pdfReporter(setup: PdfReporterSetup): ReporterFactory {
  return (options: ReporterOptions): Reporter => ({
    name: 'pdf',
    async onRunEnd() {
      const html = pvPathOf(options);
      const pdf = options.paths?.pdf ?? pdfPathFor(html);
      const { printPdf } = await import('./print-pdf.js');
      const printed = await printPdf(html, pdf, { env: setup.env });
      if (printed.ok) return [printed.file];
      setup.onNotice(printed.reason);
      return [];
    },
  });
}

/**
 * The reporter names with the PDF asked for (`--pdf`, or `pdf` among the names): `pdf` last, after the
 * html reporter it prints, which is added when missing.
 */
export function withPdf(names: string[], pdf: boolean): string[] {
  if (!pdf && !names.includes('pdf')) return names;
  const others = names.filter((n) => n !== 'pdf');
  return [...others, ...(others.includes('html') ? [] : ['html']), 'pdf'];
}
