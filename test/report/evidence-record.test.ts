/**
 * A case's evidence file read back (src/report/evidence-record.ts), as `diff` and `rejudge` use it: the
 * record of that case from the file run.json names, inside the run folder, intact; otherwise the reason.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/core/model.js';
import { cutRun, writeEvidenceFiles } from '../../src/report/evidence-files.js';
import { readEvidenceRecord } from '../../src/report/evidence-record.js';
import { tempDir } from '../e2e/support.js';
import { makeRunResult } from './fixtures/run-result.js';

/** A run whose first case has a body over the report excerpt, written with its evidence file. */
async function writtenCase(): Promise<{ dir: string; c: CaseResult; body: string }> {
  const run = makeRunResult();
  const body = JSON.stringify({ resourceType: 'Bundle', pad: 'x'.repeat(100 * 1024) });
  const first = run.cases[0];
  const x = { ...first.exchanges[0], response: { ...first.exchanges[0].response!, body, bodyBytes: body.length, truncated: false } };
  run.cases[0] = { ...first, exchanges: [x] };
  const cut = cutRun(run);
  const dir = tempDir('evidence-record');
  await writeEvidenceFiles(dir, cut.files);
  return { dir, c: cut.run.cases[0], body };
}

describe('an evidence file read back', () => {
  it('gives the whole record of the case: every body as recorded', async () => {
    const { dir, c, body } = await writtenCase();
    expect(c.exchanges[0].response?.truncated).toBe(true); // cut in run.json
    const read = await readEvidenceRecord(dir, c);
    expect(read && 'record' in read ? read.record.exchanges[0].response?.body : undefined).toBe(body);
  });

  it('says why it cannot: changed, missing, not the record of this case, or a path out of the run folder', async () => {
    const { dir, c } = await writtenCase();
    const ref = c.evidence!.file!;
    const problem = async (x: CaseResult) => {
      const read = await readEvidenceRecord(dir, x);
      return read && 'problem' in read ? read.problem.kind : 'record';
    };
    expect(await problem({ ...c, id: 'another-case' })).toBe('not-record');
    expect(await problem({ ...c, evidence: { ...c.evidence, file: { ...ref, path: '../outside.json' } } })).toBe('outside');
    expect(await problem({ ...c, evidence: { ...c.evidence, file: { ...ref, path: '/etc/hostname' } } })).toBe('outside');
    expect(await problem({ ...c, evidence: { ...c.evidence, file: { ...ref, path: 'evidence/none.json' } } })).toBe('missing');
    mkdirSync(join(dir, 'evidence'), { recursive: true });
    writeFileSync(join(dir, ...ref.path.split('/')), '{}');
    expect(await problem(c)).toBe('changed');
    expect(await readEvidenceRecord(dir, { ...c, evidence: undefined })).toBeUndefined();
  });
});
