/**
 * The PV in a real browser: headless Chromium takes a PNG screenshot (through
 * scripts/screenshot-report.mjs) and prints the PV to an A4 PDF whose last page holds the signature
 * block; the page footer carries the PV number and "n / N".
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPv } from '../../src/report/html/index.js';
import { makeRunResult } from './fixtures/run-result.js';
import { poppler, requireChromium, runChromium } from './helpers/chromium.js';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/screenshot-report.mjs');

describe('PV in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-pv-print-'));
  const html = join(dir, 'pv.html');

  beforeAll(() => {
    requireChromium();
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

  it('prints to A4 PDF with the signature block on the last page and page numbers', () => {
    const pdf = join(dir, 'pv.pdf');
    runChromium([`--print-to-pdf=${pdf}`, '--no-pdf-header-footer', pathToFileURL(html).href]);
    const info = poppler('pdfinfo', [pdf]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(3);
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);

    const last = poppler('pdftotext', ['-f', String(pages), '-l', String(pages), '-layout', pdf, '-']);
    expect(last).toContain('Approbation');
    expect(last).toContain('Pour l’ANS');
    expect(last).toContain('Pour l’éditeur');
    expect(last.match(/Lu et approuvé/g)).toHaveLength(2);
    expect(last).toMatch(/Empreinte SHA-256 du PV/);
    expect(last).toContain(`${pages} / ${pages}`);
    expect(last).toContain('PV 3f2c9a7e-5b1d-4c8e-9a60-2d4b7e1f0c55');

    // the signature block is not split: the page before has none of it
    const before = poppler('pdftotext', ['-f', String(pages - 1), '-l', String(pages - 1), '-layout', pdf, '-']);
    expect(before).not.toContain('Lu et approuvé');

    // closed evidence is not printed, but its excerpt is; the status words are printed as words
    const all = poppler('pdftotext', ['-layout', pdf, '-']);
    expect(all).toContain('"resourceType": "Bundle"');
    expect(all).not.toContain('Détail de l’échange');
    for (const w of ['Réussi', 'Échec', 'Non exécuté', 'Erreur', 'Défavorable']) expect(all).toContain(w);
  });
});
