/**
 * The PV of a realistic run on paper: the demo (reference editor on loopback, shipped cahier and JDDs,
 * real FHIR packages) run in-process, its pv.html printed to A4 by headless Chromium (the code of `--pdf`). Every structurally
 * validated answer carries one dom-6 warning per resource and the latency cases keep 60 exchanges each;
 * the PV must still print in a bounded number of pages, with the signature block on the last one.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/model.js';
import { cli, PACKAGES } from '../e2e/support.js';
import { printToPdf, readPdf, type PdfFacts } from './helpers/chromium.js';

/**
 * Measured: 39 pages for the --http demo of 92 cases (153 before passed cases were condensed). The
 * summary lists every reserve by kind and a table of contents (issue #14), cases passed with reserves
 * list their reserve lines, and the long request lines of passed cases print shortened (45 pages when
 * printed whole). With the appointment side (135 cases: 31 regulator-account cases of 2 to 6 exchanges
 * each, the SSO visits, the appointments received, the reviewer's manual checks): 59 pages.
 */
const MAX_PAGES = 62;

describe('demo PV printed to A4', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-pv-demo-'));
  let run: RunResult;
  let pages = 0;
  let text = '';
  let printed: PdfFacts;

  beforeAll(async () => {
    if (!existsSync(PACKAGES)) throw new Error(`FHIR packages not found at ${PACKAGES}: set SAS_RECETTE_PACKAGES`);
    const r = await cli(['demo', '--http', '--out', dir, '--reporter', 'json,html']);
    if (r.code !== 0) throw new Error(`demo exited ${r.code}: ${r.err}`);
    run = JSON.parse(readFileSync(join(dir, 'latest', 'run.json'), 'utf8')) as RunResult;
    const pdf = join(dir, 'pv.pdf');
    await printToPdf(join(dir, 'latest', 'pv.html'), pdf);
    printed = await readPdf(pdf);
    pages = printed.pages;
    text = printed.text.join('\n');
  }, 180_000);

  it('is the noisy run this test is about: hundreds of dom-6 warnings, 60-exchange latency series', () => {
    const dom6 = run.cases.flatMap((c) => c.findings).filter((f) => f.ruleId === 'dom-6');
    expect(dom6.length).toBeGreaterThan(200);
    expect(run.cases.filter((c) => c.exchanges.length >= 50).length).toBeGreaterThanOrEqual(3);
  });

  it(`prints in at most ${MAX_PAGES} A4 pages, the signature block whole on the last one`, () => {
    expect(pages).toBeGreaterThan(5);
    expect(pages).toBeLessThanOrEqual(MAX_PAGES);
    const last = printed.text[pages - 1];
    expect(last.match(/Lu et approuvé/g)).toHaveLength(2);
    expect(last).toContain('Empreinte SHA-256 du PV');
    expect(last).toContain(`${pages} / ${pages}`);
  });

  it('prints passed cases compactly: counted findings, no response excerpt, 3 exchanges of each series', () => {
    expect(text).toMatch(/Constats : \d+ avertissements, \d+ informations? — détail dans la version écran/);
    expect(text).not.toContain('dom-6'); // every dom-6 sits in passed cases: counted, not listed
    expect(text).not.toContain('"resourceType"'); // no printed excerpt for passed cases
    expect(text).not.toContain('Détail de l’échange');
    expect(text.match(/… et 57 autres échanges/g)).toHaveLength(3);
    expect(text.match(/\[latency /g)).toHaveLength(9);
  });
});
