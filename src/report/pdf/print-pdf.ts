/**
 * Prints an HTML report (the PV) to PDF with Chromium through playwright-core: A4 pages as the PV's
 * print style sheet sets them (page numbers in its page margins), the document title as the PDF title,
 * a tagged PDF with an outline of the headings. The page is opened with JavaScript off and offline:
 * the PV holds endpoint text, and printing it must never run or fetch anything.
 */
import { pathToFileURL } from 'node:url';
import type { Message } from '../../core/findings.js';
import { BROWSER_PACKAGE, findBrowser, launchArgs, type FoundBrowser } from './find-browser.js';

export type PdfOutcome = { ok: true; file: string; browser: FoundBrowser } | { ok: false; reason: Message };

export interface PrintOptions {
  env?: NodeJS.ProcessEnv;
  /** Deadline of the whole print (launch included), ms. */
  timeoutMs?: number;
}

/** What to do when no browser is found: the places looked at and three ways to get one. */
export function noBrowserMessage(env: NodeJS.ProcessEnv): Message {
  const given = env.CHROMIUM_PATH;
  if (given) {
    return {
      fr: `CHROMIUM_PATH désigne « ${given} », qui n'est pas un exécutable : PDF non produit (le PV HTML est écrit)`,
      en: `CHROMIUM_PATH names "${given}", which is not an executable: no PDF (the HTML PV is written)`,
    };
  }
  return {
    fr: `aucun Chromium trouvé pour imprimer le PV en PDF (le PV HTML est écrit) : installer chromium, ou donner son chemin dans CHROMIUM_PATH, ou npm install ${BROWSER_PACKAGE}`,
    en: `no Chromium found to print the PV to PDF (the HTML PV is written): install chromium, or give its path in CHROMIUM_PATH, or npm install ${BROWSER_PACKAGE}`,
  };
}

export async function printPdf(htmlFile: string, pdfFile: string, options: PrintOptions = {}): Promise<PdfOutcome> {
  const env = options.env ?? process.env;
  const browser = await findBrowser(env);
  if (!browser) return { ok: false, reason: noBrowserMessage(env) };
  const { chromium } = await import('playwright-core');
  const timeout = options.timeoutMs ?? 60_000;
  let instance: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    instance = await chromium.launch({
      executablePath: browser.executablePath,
      args: launchArgs(browser),
      timeout,
    });
    const context = await instance.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    return { ok: true, file: pdfFile, browser };
  } catch (e) {
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return {
      ok: false,
      reason: {
        fr: `impression du PV en PDF impossible avec ${browser.executablePath} : ${detail}`,
        en: `could not print the PV to PDF with ${browser.executablePath}: ${detail}`,
      },
    };
  } finally {
    await instance?.close().catch(() => undefined);
  }
}
