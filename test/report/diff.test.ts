/**
 * `sas-recette diff` on real runs of the reference editor (in-process, loopback HTTP, the shipped cahier
 * and JDDs, the FHIR packages of ../shared): the clean editor against the same editor with a named defect
 * (`wrong-status`, which test/e2e/defects.test.ts shows breaks PS-4.3-STATUS with SAS-WIN-001 and
 * PS-4.2-BUNDLE with Slot.status, and leaves PS-4.3-DATES alone). Both editors listen on the same port,
 * so the runs differ by the defect only: no caveat is expected. Runs are written by `run` itself
 * (`--reporter json`), then compared by `diff` through the CLI, in text, JSON and HTML.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import type { DefectName } from '../../src/mock/defects.js';
import { startMockServer } from '../../src/mock/server.js';
import type { RunDiff } from '../../src/report/diff/types.js';
import { cli, HAVE_PACKAGES, JDD_ARGS, tempDir } from '../e2e/support.js';

/** Two cases the defect breaks, one it does not touch, and the latency series (samples for the latency rows). */
const CASES = ['PS-4.3-STATUS', 'PS-4.2-BUNDLE', 'PS-4.3-DATES', 'TR-PS-LATENCY'];
const BROKEN: Record<string, string> = { 'PS-4.3-STATUS': 'SAS-WIN-001', 'PS-4.2-BUNDLE': 'Slot.status' };

let root: string;
let port = 0;

/** `sas-recette run` of CASES against the reference editor with `defects`, into `root/name`; returns that run folder. */
async function runAgainst(name: string, defects: DefectName[]): Promise<string> {
  const server = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)), defects, port });
  port = Number(new URL(server.url).port);
  const out = join(root, name);
  try {
    const r = await cli([
      'run',
      '--base-url',
      server.url,
      ...JDD_ARGS,
      ...CASES.flatMap((c) => ['--only', c]),
      '--reporter',
      'json',
      '--out',
      out,
    ]);
    expect(r.err).not.toMatch(/internal error/);
  } finally {
    await server.close();
  }
  return join(out, 'latest');
}

let clean: string;
let clean2: string;
let broken: string;

beforeAll(async () => {
  if (!HAVE_PACKAGES) return;
  root = tempDir('diff');
  clean = await runAgainst('clean', []);
  broken = await runAgainst('broken', ['wrong-status']);
  clean2 = await runAgainst('clean2', []);
}, 120_000);

describe.runIf(HAVE_PACKAGES)('sas-recette diff on real runs of the reference editor', () => {
  it('clean → defect: the broken cases are regressions with the defect’s rule ids, exit 1', async () => {
    const r = await cli(['diff', clean, broken, '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const d = JSON.parse(r.out) as RunDiff;
    expect(d.caveats).toEqual([]);
    expect([...d.regressions].sort()).toEqual(Object.keys(BROKEN).sort());
    for (const [id, rule] of Object.entries(BROKEN)) {
      const c = d.cases.find((x) => x.id === id);
      expect(c).toMatchObject({ change: 'regression', oldVerdict: 'passed', newVerdict: 'failed' });
      expect(c?.findings.added.map((f) => f.ruleId)).toContain(rule);
    }
    expect(d.cases.find((x) => x.id === 'PS-4.3-DATES')?.change).toBe('same');
    expect(d.fixed).toEqual([]);
    expect(d.overall.new).toBe('unfavorable');
    // latency: the series of TR-PS-LATENCY in both runs, then every recorded exchange
    const series = d.latency.filter((l) => !l.allRequests);
    expect(series.length).toBeGreaterThanOrEqual(6);
    for (const l of series) expect(l.old?.samples).toBe(10);
    const all = d.latency.find((l) => l.allRequests);
    expect(all?.old?.samples).toBeGreaterThan(60);
    expect(all?.new?.samples).toBeGreaterThan(60);
    // the series' p50 / p95 are the figures the run itself judged (same nearest-rank percentile)
    const run = JSON.parse(readFileSync(join(clean, 'run.json'), 'utf8')) as import('../../src/core/model.js').RunResult;
    const sample = run.cases.find((c) => c.id === 'TR-PS-LATENCY')?.latency?.[0];
    const row = d.latency.find((l) => l.label === sample?.label);
    expect(row?.old).toMatchObject({ p50: sample?.p50, p95: sample?.p95, max: sample?.max });
  });

  it('clean → defect in the console: regressions first, each finding as ruleId @ location', async () => {
    const r = await cli(['diff', clean, broken, '--lang', 'en']);
    expect(r.code).toBe(1);
    const text = r.out;
    expect(text).toMatch(/Regressions \(2\):/);
    expect(text).toMatch(/SAS-WIN-001 @ \S+/);
    expect(text.indexOf('Regressions')).toBeLessThan(text.indexOf('Latency'));
    expect(text).toMatch(/exit code 1: 2 regressions/);
    if (process.env.SHOW_DIFF) console.log(text);
    const fr = await cli(['diff', clean, broken]);
    if (process.env.SHOW_DIFF) console.log(fr.out);
    expect(fr.out).toMatch(/Régressions \(2\)\u00a0:/);
  });

  it('defect → clean: the same cases are fixed, exit 0', async () => {
    const r = await cli(['diff', broken, clean, '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as RunDiff;
    expect(d.regressions).toEqual([]);
    expect([...d.fixed].sort()).toEqual(Object.keys(BROKEN).sort());
    for (const [id, rule] of Object.entries(BROKEN)) {
      expect(d.cases.find((x) => x.id === id)?.findings.removed.map((f) => f.ruleId)).toContain(rule);
    }
  });

  it('clean → clean: no regression, no caveat, exit 0; the HTML page is written and never overwritten silently', async () => {
    const html = join(root, 'diff.html');
    const r = await cli(['diff', join(clean, 'run.json'), clean2, '--html', html]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 régression/);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).not.toMatch(/<script/i);
    const again = await cli(['diff', clean, clean2, '--html', html]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/existe déjà/);
    expect((await cli(['diff', clean, clean2, '--html', html, '--force'])).code).toBe(0);
  });

  it('a missing or broken run file is a setup error naming it (exit 2)', async () => {
    const missing = await cli(['diff', join(root, 'nope.json'), clean, '--lang', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.json: not found/);
    const brokenFile = join(root, 'broken.json');
    writeFileSync(brokenFile, '{"schemaVersion": 1,\n}');
    const bad = await cli(['diff', clean, brokenFile, '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/broken\.json:2:\d+: not valid JSON/);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const folder = await cli(['diff', empty, clean, '--lang', 'en']);
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/empty: no run\.json in this folder/);
    expect(`${missing.err}${bad.err}${folder.err}`).not.toMatch(/\n\s+at /);
  });
});
