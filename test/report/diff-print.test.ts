/**
 * The diff page printed as `--pdf` prints the PV (headless Chromium, A4, read back with pdf.js): it prints,
 * on A4, with the PV's footer (what is compared, page n / N), every changed case and its findings on paper
 * — a long location with no break opportunity included, broken to fit rather than cut at the margin.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import { compareRuns, diffHtml } from '../../src/report/diff/index.js';
import { makeRunResult } from './fixtures/run-result.js';
import { printToPdf, readPdf } from './helpers/chromium.js';

describe('diff page in headless Chromium', () => {
  it('prints to A4 with the footer, the regression and its whole location', async () => {
    const a = makeRunResult();
    const b = makeRunResult();
    const long = `Bundle.entry[0].resource.extension[0].valueString.${'x'.repeat(180)}END`;
    const ref = b.cases.find((c) => c.id === 'PS-4.3-REF');
    if (!ref) throw new Error('fixture changed');
    Object.assign(ref, {
      verdict: 'failed',
      findings: [finding('error', 'SAS-LONG-001', 'rule', long, { fr: 'trop long', en: 'too long' })],
    });
    const dir = mkdtempSync(join(tmpdir(), 'sas-diff-print-'));
    const html = join(dir, 'diff.html');
    writeFileSync(html, diffHtml(compareRuns(a, b), 'fr'));
    const pdf = join(dir, 'diff.pdf');
    await printToPdf(html, pdf);
    const facts = await readPdf(pdf);
    expect([Math.round(facts.width), Math.round(facts.height)]).toEqual([595, 842]);
    const text = facts.text.join('\n');
    expect(text).toContain('Régressions (1)');
    expect(text).toContain('PS-4.3-REF');
    expect(text).toContain('SAS-LONG-001');
    // the long location is on paper whole (broken across lines, nothing lost past the margin)
    expect(text.replace(/\s+/g, '')).toContain(long);
    expect(text).not.toContain(long); // one unbroken line would overflow A4's width: it must wrap
    expect(facts.text[0]).toContain(`1 / ${facts.pages}`);
    expect(facts.text[0]).toMatch(/diff 3f2c9a7e/);
  }, 60_000);
});
