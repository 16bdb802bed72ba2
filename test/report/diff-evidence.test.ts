/**
 * What `sas-recette diff` reads: a run.json, a run folder or a reports folder (latest.txt), and the full
 * findings of a case that run.json lists only in part (more than FINDINGS_LISTED_MAX), taken from its
 * evidence file when its SHA-256 matches, said as a caveat when it does not. Runs are written by the real
 * json reporter functions (renderRunJson, writeEvidenceFiles) from the reporter fixture.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import type { RunResult } from '../../src/core/model.js';
import type { RunDiff } from '../../src/report/diff/types.js';
import { FINDINGS_LISTED_MAX, reportView, writeEvidenceFiles } from '../../src/report/evidence-files.js';
import { renderRunJson } from '../../src/report/json.js';
import { cli, tempDir } from '../e2e/support.js';
import { makeRunResult } from './fixtures/run-result.js';

/** The fixture with PS-4.2-PROFILES carrying FINDINGS_LISTED_MAX errors and `infos` information findings (cut from run.json). */
function bigRun(infos: number[]): RunResult {
  const run = makeRunResult();
  const c = run.cases.find((x) => x.id === 'PS-4.2-PROFILES');
  if (!c) throw new Error('fixture changed');
  c.findings = [
    ...Array.from({ length: FINDINGS_LISTED_MAX }, (_, i) =>
      finding('error', 'SAS-BIG-001', 'rule', `Bundle.entry[${i}]`, { fr: 'e', en: 'e' }),
    ),
    ...infos.map((i) => finding('information', 'SAS-INFO-001', 'rule', `Bundle.entry[${i}]`, { fr: 'i', en: 'i' })),
  ];
  return run;
}

async function writeRun(dir: string, run: RunResult): Promise<string> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run.json'), renderRunJson(run));
  await writeEvidenceFiles(dir, reportView(run).files);
  return dir;
}

describe('diff reads the whole record of each run', () => {
  it('compares the findings run.json left out, from the evidence file; says so when that file changed', async () => {
    const root = tempDir('diff-evidence');
    const oldDir = await writeRun(join(root, 'old'), bigRun([1, 2, 3]));
    const newDir = await writeRun(join(root, 'new'), bigRun([1, 3]));
    const listed = JSON.parse(readFileSync(join(newDir, 'run.json'), 'utf8')) as RunResult;
    const cut = listed.cases.find((c) => c.id === 'PS-4.2-PROFILES');
    expect(cut?.findings.some((f) => f.ruleId === 'SAS-INFO-001')).toBe(false); // really cut from run.json
    expect(cut?.evidence?.findingsOmitted?.information).toBe(2);

    const r = await cli(['diff', oldDir, newDir, '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as RunDiff;
    const c = d.cases.find((x) => x.id === 'PS-4.2-PROFILES');
    expect(c?.change).toBe('changed');
    expect(c?.findings.removed.map((f) => `${f.ruleId}@${f.location}`)).toEqual(['SAS-INFO-001@Bundle.entry[2]']);
    expect(d.caveats).toEqual([]);

    // one byte changed in the new run's evidence file: not used, and the diff says it compared on the listed findings
    const file = join(newDir, cut?.evidence?.file?.path ?? 'none');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"i"', '"j"'));
    const tampered = JSON.parse((await cli(['diff', oldDir, newDir, '--format', 'json', '--lang', 'en'])).out) as RunDiff;
    expect(tampered.caveats.map((m) => m.en)).toEqual([
      expect.stringMatching(
        /case PS-4\.2-PROFILES: 2 finding\(s\) not listed in run\.json and the evidence file \(evidence\/.+\) is missing or changed/,
      ),
    ]);
  });

  it('finds the run.json of a run folder and of a reports folder (latest.txt)', async () => {
    const root = tempDir('diff-folders');
    await writeRun(join(root, 'reports', '20260101-100000-aaaa'), makeRunResult());
    writeFileSync(join(root, 'reports', 'latest.txt'), '20260101-100000-aaaa\n');
    const r = await cli(['diff', 'reports', join('reports', '20260101-100000-aaaa', 'run.json'), '--format', 'json'], {}, root);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as RunDiff;
    expect(d.old.file).toBe(join('reports', '20260101-100000-aaaa', 'run.json'));
    expect(d.cases.every((c) => c.change === 'same')).toBe(true);
  });
});
