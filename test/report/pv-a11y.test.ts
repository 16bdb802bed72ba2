/**
 * Accessibility of the PV, checked by axe-core in Chromium: no serious or critical violation, in
 * French and English, for a failing run (every verdict state, evidence excerpts, blocking causes) and
 * for a passing one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/model.js';
import { renderPv } from '../../src/report/html/index.js';
import { makeRunResult, summarise } from './fixtures/run-result.js';

import { axeCheck } from './helpers/axe.js';
import { launchBrowser } from './helpers/chromium.js';

/** The fixture's passed cases only: a favourable run without reserves. */
function passingRun(): RunResult {
  const r = makeRunResult();
  r.cases = r.cases.filter((c) => c.verdict === 'passed' && !c.reserves?.length);
  r.requirements = r.requirements.filter((q) => q.status === 'passed' || q.status === 'declared');
  r.summary = summarise(r.cases, 'favorable', []);
  return r;
}

describe('PV accessibility (axe-core)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-pv-a11y-'));
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const runs: Array<[string, () => RunResult]> = [
    ['failing', makeRunResult],
    ['passing', passingRun],
  ];
  for (const [kind, make] of runs) {
    for (const lang of ['fr', 'en'] as const) {
      it(`${kind} run, ${lang}: no serious or critical violation`, async () => {
        const run = make();
        expect(run.summary.overall).toBe(kind === 'failing' ? 'unfavorable' : 'favorable');
        const file = join(dir, `${kind}-${lang}.html`);
        writeFileSync(file, renderPv(run, { lang }));
        const { bad, passes } = await axeCheck(browser, file);
        expect(bad).toEqual([]);
        expect(passes.length).toBeGreaterThan(10); // axe did run its rules
      });
    }
  }
});
