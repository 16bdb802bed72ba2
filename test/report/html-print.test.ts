/**
 * The PV in a real browser: headless Chromium takes a PNG screenshot (through
 * scripts/screenshot-report.mjs) and prints the PV to an A4 PDF (the code of `--pdf`) whose last page
 * holds the signature block; the page footer carries the PV number and "n / N". PDF read with pdf.js.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPv } from '../../src/report/html/index.js';
import { makeRunResult } from './fixtures/run-result.js';
import { printToPdf, readPdf } from './helpers/chromium.js';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/screenshot-report.mjs');

describe('PV in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-pv-print-'));
  const html = join(dir, 'pv.html');

  beforeAll(() => {
    writeFileSync(html, renderPv(makeRunResult(), { lang: 'fr' }));
  });

  it('scripts/screenshot-report.mjs writes a PNG of the requested size', () => {
    const png = join(dir, 'pv.png');
    const r = spawnSync(process.execPath, [SCRIPT, html, png, '--width', '1100', '--height', '1400'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a'); // PNG signature
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1100, 1400]); // IHDR width, height
    expect(bytes.length).toBeGreaterThan(20_000); // a rendered page, not a blank one
  });

  it('the script exits 2 with a message on a missing file', () => {
    const r = spawnSync(process.execPath, [SCRIPT, join(dir, 'none.html'), join(dir, 'x.png')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/none\.html: not found/);
  });

  it('prints to A4 PDF (as --pdf does) with the signature block on the last page and page numbers', async () => {
    const file = join(dir, 'pv.pdf');
    await printToPdf(html, file);
    const pdf = await readPdf(file);
    const pages = pdf.pages;
    expect(pages).toBeGreaterThan(3);
    expect([Math.round(pdf.width), Math.round(pdf.height)]).toEqual([595, 842]); // A4 in points

    const last = pdf.text[pages - 1];
    expect(last).toContain('Approbation');
    expect(last).toContain('Pour l’ANS');
    expect(last).toContain('Pour l’éditeur');
    expect(last.match(/Lu et approuvé/g)).toHaveLength(2);
    expect(last).toMatch(/Empreinte SHA-256 du PV/);
    expect(last).toContain(`${pages} / ${pages}`);
    expect(last).toContain('PV 3f2c9a7e-5b1d-4c8e-9a60-2d4b7e1f0c55');

    // the signature block is not split: the page before has none of it
    expect(pdf.text[pages - 2]).not.toContain('Lu et approuvé');

    // closed evidence is not printed, but its excerpt is; the status words are printed as words
    const all = pdf.text.join('\n');
    expect(all).toContain('"resourceType": "Bundle"');
    expect(all).not.toContain('Détail de l’échange');
    for (const w of ['Réussi', 'Échec', 'Non exécuté', 'Erreur', 'Défavorable']) expect(all).toContain(w);
  });
});
