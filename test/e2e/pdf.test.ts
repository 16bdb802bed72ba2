/**
 * `--pdf` end to end: the demo run in-process prints its PV with the browser the tool finds (a system
 * Chromium, else the npm package @sparticuz/chromium), lists pv.pdf with the other reports, and the PDF
 * carries the PV's title; with no browser (`CHROMIUM_PATH` naming nothing) the run says why, in its
 * language, writes the HTML PV and keeps the exit code it has without `--pdf`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../report/helpers/chromium.js';
import { cli, HAVE_PACKAGES, tempDir } from './support.js';

/** The run folder of a finished run under `--out` (the one `latest` points at). */
function runFolder(out: string): string {
  const folders = readdirSync(out).filter((n) => /^\d{8}-\d{6}-[0-9a-f]{8}$/.test(n));
  expect(folders).toHaveLength(1);
  return join(out, folders[0]);
}

/** The text of the PV's <title>, entities decoded as a PDF reader shows them. */
function htmlTitle(file: string): string {
  const m = /<title>([^<]*)<\/title>/.exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`no <title> in ${file}`);
  return m[1]
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

describe.runIf(HAVE_PACKAGES)('sas-recette demo --pdf', () => {
  it('prints pv.html to pv.pdf next to it: several A4 pages, the PV title, listed with the reports', async () => {
    const out = tempDir('pdf');
    const r = await cli(['demo', '--http', '--pdf', '--reporter', 'console,json', '--out', out]);
    expect(r.err).not.toMatch(/internal error|Chromium|CHROMIUM_PATH/);
    expect(r.code).toBe(0);
    const folder = runFolder(out);
    // --pdf added the html reporter the PDF is printed from
    for (const f of ['run.json', 'pv.html', 'pv.pdf']) expect(existsSync(join(folder, f)), f).toBe(true);
    // listed with the other reports, absolute, after the html it is printed from
    const listed = r.out.slice(r.out.lastIndexOf('Rapports'));
    expect(listed).toMatch(/^Rapports\s:\n/);
    expect(listed).toContain(`  ${join(folder, 'pv.html')}\n`);
    expect(listed.indexOf(`  ${join(folder, 'pv.pdf')}\n`)).toBeGreaterThan(listed.indexOf('pv.html'));
    const pdf = await readPdf(join(folder, 'pv.pdf'));
    expect(pdf.pages).toBeGreaterThan(1);
    // A4 in points
    expect(Math.round(pdf.width)).toBe(595);
    expect(Math.round(pdf.height)).toBe(842);
    const title = htmlTitle(join(folder, 'pv.html'));
    expect(title).toMatch(/^Procès-verbal de recette/);
    expect(pdf.title).toBe(title);
    expect(pdf.text.join('\n')).toContain('Lu et approuvé');
  }, 180_000);

  it('with no browser: a message in the run language, the HTML PV, no PDF, and the exit code of the run without --pdf', async () => {
    const noBrowser = { CHROMIUM_PATH: '/nonexistent' };
    // a defect makes the run fail (exit 1): the missing browser must neither hide it nor add to it
    const without = await cli(['demo', '--http', '--defect', 'wrong-status', '--reporter', 'json,html', '--out', tempDir('nopdf')]);
    expect(without.code).toBe(1);

    const out = tempDir('pdf-missing');
    const fr = await cli(['demo', '--http', '--defect', 'wrong-status', '--pdf', '--reporter', 'json', '--out', out], noBrowser);
    expect(fr.code).toBe(without.code);
    expect(fr.err).toContain(
      "CHROMIUM_PATH désigne « /nonexistent », qui n'est pas un exécutable : PDF non produit (le PV HTML est écrit)",
    );
    expect(fr.err).not.toMatch(/not an executable|internal error|\n\s+at /);
    const folder = runFolder(out);
    expect(existsSync(join(folder, 'pv.html'))).toBe(true);
    expect(existsSync(join(folder, 'pv.pdf'))).toBe(false);
    expect(fr.out).toContain('pv.html');
    expect(fr.out).not.toContain('pv.pdf');

    // the same through the `pdf` reporter and `report`, in English: exit 0 (the reports are written)
    const en = await cli(['report', join(folder, 'run.json'), '--html', 'pv-en.html', '--pdf', '--lang', 'en'], noBrowser, out);
    expect(en.code).toBe(0);
    expect(en.err).toContain('CHROMIUM_PATH names "/nonexistent", which is not an executable: no PDF (the HTML PV is written)');
    expect(en.err).not.toContain('désigne');
    expect(en.out).toBe('wrote pv-en.html\n');
    expect(existsSync(join(out, 'pv-en.pdf'))).toBe(false);
  }, 180_000);

  it('the pdf reporter of --reporter prints too, and report --pdf prints beside the --html file', async () => {
    const out = tempDir('pdf-reporter');
    const r = await cli(['demo', '--http', '--reporter', 'json,pdf', '--out', out, '--lang', 'en']);
    expect(r.code).toBe(0);
    const folder = runFolder(out);
    expect(existsSync(join(folder, 'pv.pdf'))).toBe(true);
    const again = await cli(['report', join(folder, 'run.json'), '--html', 'copy/pv-en.html', '--pdf', '--lang', 'en'], {}, out);
    expect(again.code).toBe(0);
    expect(again.out).toBe(`wrote ${join('copy', 'pv-en.html')}\nwrote ${join('copy', 'pv-en.pdf')}\n`);
    expect((await readPdf(join(out, 'copy', 'pv-en.pdf'))).title).toBe(htmlTitle(join(out, 'copy', 'pv-en.html')));
  }, 180_000);
});
