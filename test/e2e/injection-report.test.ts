/**
 * End to end: the reference editor's `injection` defect puts script, attribute, javascript: URL and
 * </textarea> payloads into names, URLs and messages; the PV written by the run shows them as text and
 * Chromium runs none of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INJECTION } from '../../src/mock/apply-defects.js';
import { launchBrowser } from '../report/helpers/chromium.js';
import { cli, HAVE_PACKAGES, parseRun, tempDir } from './support.js';

describe.skipIf(!HAVE_PACKAGES)('demo --defect injection → PV', () => {
  it('the payloads reach the PV as text and no script runs', async () => {
    const out = tempDir('inject');
    const r = await cli(['demo', '--http', '--defect', 'injection', '--out', out, '--reporter', 'json,html']);
    expect(r.code).toBe(1); // the javascript: booking URL fails SAS-URL-001
    const run = parseRun(readFileSync(join(out, 'latest', 'run.json'), 'utf8'));
    expect(run.cases.some((c) => c.findings.some((f) => f.ruleId === 'SAS-URL-001'))).toBe(true);
    const html = readFileSync(join(out, 'latest', 'pv.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);

    const browser = await launchBrowser();
    try {
      for (const bypassCSP of [false, true]) {
        const page = await (await browser.newContext({ bypassCSP })).newPage();
        const dialogs: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.goto(pathToFileURL(join(out, 'latest', 'pv.html')).href, { waitUntil: 'load' });
        expect(await page.evaluate('typeof window.__sasRecettePwned')).toBe('undefined');
        expect(dialogs).toEqual([]);
        // the evidence excerpts are in closed <details>: read the whole document text
        const text = (await page.evaluate('document.body.textContent')) as string;
        expect(text).toContain('window.__sasRecettePwned=3'); // the javascript: URL, shown in a finding
        expect(text).toContain('window.__sasRecettePwned=1'); // the <script> in the practitioner's name
        const hrefs = (await page.evaluate(`[...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))`)) as string[];
        expect(hrefs.filter((h) => /^javascript:/i.test(h))).toEqual([]);
      }
    } finally {
      await browser.close();
    }
    expect(INJECTION.url.startsWith('javascript:')).toBe(true);
  });
});
