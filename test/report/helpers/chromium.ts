/**
 * A real browser and real PDF reading for the report tests, with nothing installed on the system: the
 * browser is the one `--pdf` finds (CHROMIUM_PATH, a system Chromium, else the npm package
 * @sparticuz/chromium, a devDependency), driven by playwright-core; PDF text and metadata come from
 * unpdf (pdf.js), not from poppler.
 */
import { readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { findBrowser, launchArgs } from '../../../src/report/pdf/find-browser.js';
import { printPdf } from '../../../src/report/pdf/print-pdf.js';

/** Launches the browser `--pdf` would use; throws (a test set-up failure) when none is found. */
export async function launchBrowser(): Promise<Browser> {
  const found = await findBrowser();
  if (!found) throw new Error('no Chromium: the devDependency @sparticuz/chromium should provide one (npm ci)');
  return chromium.launch({ executablePath: found.executablePath, args: launchArgs(found) });
}

/** Prints an HTML file to PDF exactly as `--pdf` does; throws with the reason when it cannot. */
export async function printToPdf(html: string, pdf: string): Promise<void> {
  const r = await printPdf(html, pdf);
  if (!r.ok) throw new Error(r.reason.en);
}

export interface PdfFacts {
  pages: number;
  title?: string;
  /** Size of the first page in points. */
  width: number;
  height: number;
  /** Text of each page (pdf.js text items joined; lines as pdf.js reports them). */
  text: string[];
}

/** Page count, title, page size and text of every page of a PDF file. */
export async function readPdf(file: string): Promise<PdfFacts> {
  const data = new Uint8Array(readFileSync(file));
  const doc = await getDocumentProxy(data);
  const meta = await getMeta(doc);
  const page = await doc.getPage(1);
  const [x0, y0, x1, y1] = page.view;
  const { text } = await extractText(doc, { mergePages: false });
  const info = meta.info as { Title?: string };
  return { pages: doc.numPages, title: info.Title, width: x1 - x0, height: y1 - y0, text };
}
