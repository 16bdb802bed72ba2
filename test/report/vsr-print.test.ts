/**
 * The PV VSR passes the acceptance PV's print and accessibility checks, in real Chromium (the browser
 * `--pdf` finds, test/report/helpers/chromium.ts): axe-core finds no serious or critical violation in
 * French and English; in print media at the printable width of its @page, no box passes the margin;
 * printed to PDF (the code of `--pdf`) it is A4, names the PV in its title and page footer, and ends
 * with the whole signature block on its last page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../../bench/vsr-history.mjs';
import { readHistory } from '../../src/report/vsr/read-history.js';
import { computeVsr } from '../../src/report/vsr/vsr-model.js';
import { renderVsrPv } from '../../src/report/vsr/vsr-page.js';
import { tempDir } from '../e2e/support.js';
import { axeCheck } from './helpers/axe.js';
import { launchBrowser, printToPdf, readPdf } from './helpers/chromium.js';

const MM_TO_PX = 96 / 25.4;

/** Boxes past the page width (run in the page, as test/report/pv-print-layout.test.ts does for the acceptance PV). */
const OVERFLOWS = `(() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue; // inside a chart: the svg's own box counts
    if (r.right > width + 0.5 || r.left < -0.5) out.push(el.tagName.toLowerCase() + ' ' + (el.textContent || '').trim().slice(0, 50));
  }
  return out;
})()`;

describe('PV VSR in headless Chromium', () => {
  const dir = tempDir('vsr-print');
  const files: Record<string, string> = {};
  let browser: Browser;

  beforeAll(async () => {
    const gen = generateHistory();
    // a long unbreakable endpoint and rule id, as an endpoint may send
    const long = 'x'.repeat(150);
    const records = gen.records.map((r, i) =>
      i === 400 ? { ...r, baseUrl: `https://agenda.example/${long}/fhir`, verdict: 'failed' as const, failingRules: [`SAS-${long}`] } : r,
    );
    const history = join(dir, 'history.jsonl');
    writeFileSync(history, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const report = computeVsr(await readHistory(history));
    for (const lang of ['fr', 'en'] as const) {
      files[lang] = join(dir, `pv-vsr-${lang}.html`);
      const pvInfo = { editor: `Éditeur ${long}`, software: 'Agenda', softwareVersion: '4.2', pvNumber: 'VSR-2026-007' };
      writeFileSync(
        files[lang],
        renderVsrPv(report, {
          lang,
          pvInfo,
          meta: { historyLabel: 'history.jsonl', tool: 'sas-recette 0.0.0', command: 'sas-recette vsr history.jsonl' },
        }),
      );
    }
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ['fr', 'en'] as const) {
    it(`${lang}: no serious or critical axe violation`, async () => {
      const { bad, passes } = await axeCheck(browser, files[lang]);
      expect(bad).toEqual([]);
      expect(passes.length).toBeGreaterThan(10);
      expect(passes).toContain('svg-img-alt'); // the charts were checked, and named
    });

    it(`${lang}: every box lies within the printable width of the PV's @page`, async () => {
      const pv = readFileSync(files[lang], 'utf8');
      const margin = /@page\s*\{[^}]*?margin:\s*([\d.]+)mm\s+([\d.]+)mm/.exec(pv);
      expect(margin).not.toBeNull();
      const width = Math.floor((210 - 2 * Number(margin![2])) * MM_TO_PX);
      const page = await browser.newPage({ viewport: { width, height: 1100 } });
      try {
        await page.emulateMedia({ media: 'print' });
        await page.goto(pathToFileURL(files[lang]).href, { waitUntil: 'load' });
        expect(await page.evaluate(OVERFLOWS)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('prints to A4 PDF as --pdf does: charts and tables, the PV number in the footer, the signature block whole on the last page', async () => {
    const pdf = join(dir, 'pv-vsr.pdf');
    await printToPdf(files.fr, pdf);
    const facts = await readPdf(pdf);
    expect([Math.round(facts.width), Math.round(facts.height)]).toEqual([595, 842]);
    expect(facts.title).toContain('VSR-2026-007');
    const all = facts.text.join('\n');
    for (const w of ['Disponibilité par jour', 'Temps de réponse par jour', 'time-out SAS 7 s', 'Incidents', 'SAS-TEL-001', '87,50'])
      expect(all).toContain(w);
    const last = facts.text[facts.pages - 1];
    expect(last).toContain('Approbation');
    expect(last).toContain('Pour l’ANS');
    expect(last.match(/Lu et approuvé/g)).toHaveLength(2);
    expect(last).toContain('Empreinte SHA-256 du PV');
    expect(last).toContain(`${facts.pages} / ${facts.pages}`);
    expect(last).toContain('PV VSR-2026-007');
    expect(facts.text[facts.pages - 2]).not.toContain('Lu et approuvé');
  }, 120_000);
});
