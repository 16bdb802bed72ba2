/**
 * Issue #12, defect 10: a hostile endpoint answers a 10,000-entry garbage Bundle (with a bidi override
 * in it) over real HTTP on loopback; the real pipeline (runAcceptance) judges it and the json, junit and
 * html reporters write the run. Each report lists a bounded number of findings per case with "n more"
 * counts, the full record of the case goes to `evidence/<id>-<n>.json` with its SHA-256 in run.json,
 * `report run.json` re-renders from the cut run, and the bidi control is shown as `⟨U+202E⟩` in the PV
 * and JUnit. Sizes before/after are printed (the limits are the assertions).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/model.js';
import { BODY_EXCERPT_BYTES, cutRun, FINDINGS_LISTED_MAX, safeFileStem } from '../../src/report/evidence-files.js';
import { readRunJson, writeReports } from '../../src/report/index.js';
import { orderRunKeys } from '../../src/report/json.js';
import { redactRun } from '../../src/report/redact.js';
import type { StructureSetup } from '../../src/run/prepare.js';
import { HAVE_PACKAGES, loadShippedStructure, playPrepared, prepareShipped } from '../e2e/support.js';
import { makeRunResult } from './fixtures/run-result.js';

const ENTRIES = 10_000;
const BIDI = 'Dr \u202Eexe.fdp\u202C';

/** A searchset Bundle of `n` garbage entries: wrong types, unknown elements, bad dates, a bidi override. */
function garbageBundle(n: number): string {
  const entry = Array.from({ length: n }, (_, i) => ({
    fullUrl: `urn:garbage:${i}`,
    resource: { resourceType: 'Slot', id: `g_${i}!`, status: 42, start: 'yesterday', junk: { i }, comment: i === 0 ? BIDI : 'x' },
    search: { mode: 'match' },
  }));
  return JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 'many', entry });
}

/** The hostile endpoint: every request gets the garbage Bundle (loopback only). */
async function hostileServer(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/fhir`, close: () => new Promise((ok) => server.close(() => ok())) };
}

const sizeOf = (file: string): number => statSync(file).size;
const mb = (n: number): string => `${(n / 1e6).toFixed(2)} MB`;

describe.skipIf(!HAVE_PACKAGES)('a 10,000-entry garbage answer (issue #12, defect 10)', () => {
  let structure: StructureSetup;
  let run: RunResult;
  let out: string;

  beforeAll(async () => {
    structure = await loadShippedStructure();
    const prepared = prepareShipped(structure, ['PS-4.2-BUNDLE']);
    const server = await hostileServer(garbageBundle(ENTRIES));
    try {
      run = await playPrepared(prepared, structure, server.url);
    } finally {
      await server.close();
    }
    out = mkdtempSync(join(tmpdir(), 'sas-evidence-'));
    await writeReports(run, ['json', 'junit', 'html'], { outDir: out, lang: 'fr' });
  }, 120_000);

  it('lists at most FINDINGS_LISTED_MAX findings per case, counts the rest, and keeps the reports small', () => {
    const c = run.cases[0];
    const before = Buffer.byteLength(`${JSON.stringify(orderRunKeys(redactRun(run)), null, 2)}\n`);
    const sizes = { json: sizeOf(join(out, 'run.json')), pv: sizeOf(join(out, 'pv.html')), junit: sizeOf(join(out, 'junit.xml')) };
    const evidence = readdirSync(join(out, 'evidence')).reduce((n, f) => n + sizeOf(join(out, 'evidence', f)), 0);
    console.log(
      `findings: ${c.findings.length}; run.json uncut ${mb(before)} → ${mb(sizes.json)}; pv.html ${mb(sizes.pv)}; junit.xml ${mb(sizes.junit)}; evidence files ${mb(evidence)}`,
    );
    expect(c.findings.length).toBeGreaterThan(2000); // the answer really is huge
    expect(sizes.json).toBeLessThan(1_000_000);
    expect(sizes.pv).toBeLessThan(1_500_000);
    expect(sizes.junit).toBeLessThan(100_000);

    const saved = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunResult;
    const sc = saved.cases[0];
    expect(sc.findings.length).toBe(FINDINGS_LISTED_MAX);
    expect(sc.verdict).toBe(c.verdict);
    expect(sc.evidence?.findingsOmitted?.total).toBe(c.findings.length - FINDINGS_LISTED_MAX);
    const pv = readFileSync(join(out, 'pv.html'), 'utf8');
    expect(pv).toContain(`${c.findings.length - FINDINGS_LISTED_MAX} constat(s) de plus non listé(s) ici`);
    expect(pv).toContain(sc.evidence!.file!.path);
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain(`name="evidence_file" value="${sc.evidence!.file!.path}"`);
  });

  it('keeps the full record in evidence/<id>-<n>.json, verifiable with the SHA-256 in run.json', () => {
    const saved = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunResult;
    const ref = saved.cases[0].evidence!.file!;
    expect(ref.path).toBe('evidence/PS-4_2-BUNDLE-1.json');
    expect(readdirSync(join(out, 'evidence'))).toEqual(['PS-4_2-BUNDLE-1.json']);
    const bytes = readFileSync(join(out, ref.path));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(ref.sha256);
    expect(bytes.length).toBe(ref.bytes);
    const record = JSON.parse(bytes.toString('utf8')) as {
      case: { id: string };
      findings: unknown[];
      exchanges: RunResult['cases'][0]['exchanges'];
    };
    expect(record.case.id).toBe('PS-4.2-BUNDLE');
    expect(record.findings.length).toBe(run.cases[0].findings.length);
    expect(record.exchanges[0].response!.body).toBe(run.cases[0].exchanges[0].response!.body);
  });

  it('shows the bidi override visibly in the PV and JUnit, never raw (defect 10)', () => {
    const pv = readFileSync(join(out, 'pv.html'), 'utf8');
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(pv).toContain('⟨U+202E⟩');
    for (const doc of [pv, junit]) expect(doc).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('re-renders from the cut run.json, keeping the evidence references', async () => {
    const again = await readRunJson(join(out, 'run.json'));
    const second = mkdtempSync(join(tmpdir(), 'sas-evidence-re-'));
    const files = await writeReports(again, ['html', 'junit'], { outDir: second, lang: 'en', paths: { json: join(out, 'run.json') } });
    expect(files.map((f) => f.slice(second.length + 1)).sort()).toEqual(['junit.xml', 'pv.html']); // no evidence rewritten
    expect(readFileSync(join(second, 'pv.html'), 'utf8')).toContain(again.cases[0].evidence!.file!.sha256);
  });
});

describe('cutRun', () => {
  it('leaves a small run untouched and writes no evidence file', () => {
    const run = makeRunResult();
    const { run: cut, files } = cutRun(run);
    expect(files).toEqual([]);
    expect(cut.cases).toEqual(run.cases);
  });

  it('keeps the worst findings first, counts the others by severity, cuts long bodies, and is idempotent', () => {
    const run = makeRunResult();
    const c = run.cases[3];
    const base = c.findings[0];
    c.findings = [
      ...Array.from({ length: FINDINGS_LISTED_MAX + 100 }, (_, i) => ({
        ...base,
        severity: 'information' as const,
        location: `info ${i}`,
      })),
      ...Array.from({ length: 5 }, (_, i) => ({ ...base, severity: 'error' as const, location: `error ${i}` })),
    ];
    c.exchanges[0].response!.body = 'x'.repeat(BODY_EXCERPT_BYTES + 10);
    const first = cutRun(run);
    const cc = first.run.cases[3];
    expect(cc.findings.filter((f) => f.severity === 'error')).toHaveLength(5);
    expect(cc.findings).toHaveLength(FINDINGS_LISTED_MAX);
    expect(cc.evidence?.findingsOmitted).toEqual({ total: 105, fatal: 0, error: 0, warning: 0, information: 105 });
    expect(cc.evidence?.bodiesCut).toBe(1);
    expect(cc.exchanges[0].response!.body.length).toBe(BODY_EXCERPT_BYTES);
    expect(first.files).toHaveLength(1);
    const second = cutRun(first.run);
    expect(second.files).toEqual([]);
    expect(second.run.cases[3]).toEqual(cc);
  });

  it('names evidence files from safe ids only', () => {
    expect(safeFileStem('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileStem('PS-4.3-REF')).toBe('PS-4_3-REF');
    expect(safeFileStem('\u202E..')).toBe('case');
    expect(safeFileStem('a'.repeat(200))).toHaveLength(64);
  });
});
