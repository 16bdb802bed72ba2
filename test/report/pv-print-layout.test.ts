/**
 * Nothing of the PV is cut at the A4 margin. In print media emulation, with the viewport as wide as
 * the printable width of the PV's own @page (A4 less its left and right margins), every element's box
 * lies within that width and every id stays inside its table cell — for the PV of a demo run failing
 * on every request (HTML 502), of a demo run failing on located elements (bad phone numbers, slots out
 * of the window, a wrong status), and of the fixture with long unbreakable values. Printed to PDF, no
 * text passes the right margin and the signature block is whole on the last page.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/model.js';
import { cli, PACKAGES } from '../e2e/support.js';
import { renderPv } from '../../src/report/html/index.js';
import { makeRunResult } from './fixtures/run-result.js';
import { launchBrowser, printToPdf, readPdf } from './helpers/chromium.js';

const MM_TO_PX = 96 / 25.4;
const MM_TO_PT = 72 / 25.4;
const A4_WIDTH_MM = 210;

/** Left and right margins (mm) of the PV's `@page` rule, read from its stylesheet. */
function pageMarginsMm(pv: string): { left: number; right: number } {
  const rule = /@page\s*\{[^}]*?margin:\s*([^;]+);/.exec(pv)?.[1];
  if (!rule) throw new Error('no @page margin in the PV');
  const mm = rule
    .trim()
    .split(/\s+/)
    .map((v) => {
      const m = /^([\d.]+)mm$/.exec(v);
      if (!m) throw new Error(`@page margin not in mm: ${v}`);
      return Number(m[1]);
    });
  const [, right = mm[0], , left = right] = mm; // CSS shorthand: top, right, bottom, left
  return { left, right };
}

/** A run of the fixture with long values that have no break opportunity. */
function longValuesRun(): RunResult {
  const r = makeRunResult();
  const long = 'x'.repeat(160);
  r.pvInfo = { ...r.pvInfo, editor: `Éditeur${long}`, software: `Logiciel${long}` };
  r.baseUrl = `https://agenda.example-editeur.fr/${long}/fhir`;
  r.summary.reserves.push({ kind: 'not-checked', ref: `ValueSet https://example.org/${long}`, message: { fr: long, en: long } });
  const c = r.cases[3];
  c.exchanges[0].request.url += `&_elements=${'identifier,'.repeat(30)}&x=${'%7C'.repeat(40)}`;
  c.findings.push({
    ...c.findings[2],
    ruleId: `structure.${'very-long-rule-id-'.repeat(4)}`,
    location: `Bundle.entry[0].resource.${long}`,
  });
  c.requirements.push('agg-psindiv@1000');
  return r;
}

async function demoPv(dir: string, defects: string): Promise<string> {
  if (!existsSync(PACKAGES)) throw new Error(`FHIR packages not found at ${PACKAGES}: set SAS_RECETTE_PACKAGES`);
  const r = await cli(['demo', '--http', '--defect', defects, '--out', dir, '--reporter', 'json,html']);
  if (r.code !== 1) throw new Error(`demo with ${defects} exited ${r.code}, expected 1 (failures): ${r.err}`);
  return join(dir, 'latest', 'pv.html');
}

/** Runs in the page: boxes past the printable width, and ids wider than their cell. */
const OVERFLOWS = `(() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).replace(/ /g, '.') : '');
  const text = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
  const outside = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > width + 0.5 || r.left < -0.5) outside.push(name(el) + ' [' + Math.round(r.left) + ', ' + Math.round(r.right) + '] ' + text(el));
  }
  const idsOut = [];
  for (const el of document.querySelectorAll('td code.id, th code.id')) {
    const cell = el.closest('td, th').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (r.right > cell.right + 0.5) idsOut.push(text(el));
  }
  return { width, outside, idsOut };
})()`;

describe('PV printed without clipping', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-pv-layout-'));
  const pvs: Record<string, string> = {};
  let browser: Browser;

  beforeAll(async () => {
    pvs['demo html-502'] = await demoPv(join(dir, 'html-502'), 'html-502');
    pvs['demo located faults'] = await demoPv(join(dir, 'located'), 'bad-phone,wrong-status,slot-outside-window');
    for (const lang of ['fr', 'en'] as const) {
      pvs[`fixture ${lang}`] = join(dir, `fixture-${lang}.html`);
      writeFileSync(pvs[`fixture ${lang}`], renderPv(makeRunResult(), { lang }));
      pvs[`long values ${lang}`] = join(dir, `long-${lang}.html`);
      writeFileSync(pvs[`long values ${lang}`], renderPv(longValuesRun(), { lang }));
    }
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('reads the printable width from the PV’s @page rule', () => {
    const { left, right } = pageMarginsMm(readFileSync(pvs['fixture fr'], 'utf8'));
    expect(left).toBeGreaterThan(5);
    expect(right).toBeGreaterThan(5);
  });

  for (const name of ['demo html-502', 'demo located faults', 'fixture fr', 'fixture en', 'long values fr', 'long values en']) {
    it(`${name}: every box lies within the printable width, every id within its cell`, async () => {
      const pv = readFileSync(pvs[name], 'utf8');
      const { left, right } = pageMarginsMm(pv);
      const width = Math.floor((A4_WIDTH_MM - left - right) * MM_TO_PX);
      const page = await browser.newPage({ viewport: { width, height: 1100 } });
      try {
        await page.emulateMedia({ media: 'print' });
        await page.goto(pathToFileURL(pvs[name]).href, { waitUntil: 'load' });
        const r = (await page.evaluate(OVERFLOWS)) as { width: number; outside: string[]; idsOut: string[] };
        expect(r.width).toBe(width);
        expect(r.outside).toEqual([]);
        expect(r.idsOut).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('prints to PDF with no text past the right margin and the signature block whole on the last page', async () => {
    const html = pvs['long values fr'];
    const pdf = join(dir, 'long.pdf');
    await printToPdf(html, pdf);
    const facts = await readPdf(pdf);
    expect(facts.title).toContain('3f2c9a7e-5b1d-4c8e-9a60-2d4b7e1f0c55');
    const last = facts.text[facts.pages - 1];
    expect(last).toContain('Approbation');
    expect(last).toContain('Pour l’ANS');
    expect(last).toContain('Pour l’éditeur');
    expect(last.match(/Lu et approuvé/g)).toHaveLength(2);
    expect(last).toContain(`${facts.pages} / ${facts.pages}`);
    expect(facts.text[facts.pages - 2]).not.toContain('Lu et approuvé');

    const { right } = pageMarginsMm(readFileSync(html, 'utf8'));
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(pdf)));
    const past: string[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const edge = page.view[2] - right * MM_TO_PT + 1.5; // the content edge, with rounding slack
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const end = item.transform[4] + item.width;
        if (end > edge) past.push(`page ${n}: ${item.str.slice(0, 40)} ends at ${end.toFixed(1)} > ${edge.toFixed(1)}`);
      }
    }
    expect(past).toEqual([]);
  }, 120_000);
});
