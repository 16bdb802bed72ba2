/**
 * `sas-recette rejudge`: a REAL run of the shipped cahier's individual-PS cases (search, transport and
 * error cases, the reference editor showing the `bad-phone` defect) is written to a folder, then the
 * editor is STOPPED and the run is judged again from its recording — nothing can answer on the network:
 * - unchanged: every re-judged case has the same verdict and the same findings, the transport cases are
 *   carried over and marked so, the new folder holds run.json, JUnit, PV (with its banner) and the diff;
 * - with a changed rule set (in-process: an extra rule that flags every Slot): exactly the cases that
 *   judge that rule turn failed, and the diff written with the new run names them as regressions;
 * - a case whose evidence file (the whole recorded body) is missing or altered: exit 2 naming the file.
 * And the replay client alone: a request not in the recording, a cut body, a body that does not match its
 * SHA-256 are each said, never answered as if recorded.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/core/findings.js';
import type { CaseResult, Exchange, RunResult } from '../../src/core/model.js';
import { createReplayClient } from '../../src/http/replay-client.js';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import type { RunDiff } from '../../src/report/diff/types.js';
import { runRules } from '../../src/rules/index.js';
import { loadRejudgeInputs, readRecording, rejudgeDiff, rejudgeRun, writeRejudgeDiff } from '../../src/run/rejudge/index.js';
import { cli, HAVE_PACKAGES, JDD_ARGS, PACKAGES, parseRun, tempDir } from '../e2e/support.js';

/** The individual-PS cases of the shipped cahier, transport and error cases included (flux V1–V3 apart). */
const RUN_ARGS = ['--use-case', 'psindiv', '--tag', '!flux-v1,!flux-v2,!flux-v3'];

/** A finding as two runs can compare it. */
const key = (f: Finding): string => `${f.severity} ${f.ruleId} @ ${f.location}: ${f.message.en}`;
const keys = (c: CaseResult | undefined): string[] => (c?.findings ?? []).map(key).sort();

function byId(run: RunResult): Map<string, CaseResult> {
  return new Map(run.cases.map((c) => [c.id, c]));
}

describe.skipIf(!HAVE_PACKAGES)('rejudge a real run of the reference editor, offline', () => {
  let dir: string;
  let original: RunResult;
  let runCode: number;
  let mock: MockServer | undefined;

  beforeAll(async () => {
    mock = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)), defects: ['bad-phone'] });
    dir = tempDir('rejudge-run');
    const r = await cli(['run', '--base-url', mock.url, ...JDD_ARGS, ...RUN_ARGS, '--reporter', 'json', '--out', dir, '--lang', 'en']);
    runCode = r.code;
    expect(r.err).not.toMatch(/internal error/);
    original = parseRun(readFileSync(join(dir, 'latest', 'run.json'), 'utf8'));
    // Stopped: from here nothing answers at the run's base URL.
    await mock.close();
    mock = undefined;
  }, 120_000);

  afterAll(async () => {
    await mock?.close();
  });

  it('gives the same verdicts and findings for every re-judged case, and carries the transport cases over', async () => {
    const out = tempDir('rejudge-out');
    const r = await cli(['rejudge', join(dir, 'latest'), '--out', out, '--lang', 'en']);
    expect(r.err).not.toMatch(/internal error|not in the case's recording/);
    expect(r.code).toBe(runCode);
    const folder = join(out, 'latest');
    const again = parseRun(readFileSync(join(folder, 'run.json'), 'utf8'));
    expect(again.runId).not.toBe(original.runId);
    expect(again.now).toBe(original.now); // the date windows did not move
    expect(again.cases.map((c) => c.id)).toEqual(original.cases.map((c) => c.id));

    const before = byId(original);
    const rejudged = again.cases.filter((c) => !c.carriedOver);
    const carried = again.cases.filter((c) => c.carriedOver);
    // every search case and the CapabilityStatement / error-contract cases are judged again
    expect(rejudged.length).toBeGreaterThanOrEqual(20);
    expect(rejudged.map((c) => c.id)).toEqual(
      expect.arrayContaining(['PS-4.3-SEARCH', 'PS-4.6-IDENTITY', 'TR-PS-CAPABILITY', 'TR-PS-ERR-UNKNOWN-PARAM']),
    );
    for (const c of rejudged) {
      expect({ id: c.id, verdict: c.verdict }).toEqual({ id: c.id, verdict: before.get(c.id)?.verdict });
      expect({ id: c.id, findings: keys(c) }).toEqual({ id: c.id, findings: keys(before.get(c.id)) });
    }
    // the defect is still seen, from the recording alone
    expect(again.cases.find((c) => c.id === 'PS-4.6-IDENTITY')?.verdict).toBe('failed');
    // the transport facts are kept as they were, each marked with why
    const reasons = Object.fromEntries(carried.map((c) => [c.id, c.carriedOver?.en ?? '']));
    expect(reasons['TR-PS-LATENCY']).toMatch(/not re-measurable offline: latency/);
    expect(reasons['TR-PS-TLS-VERSIONS']).toMatch(/not re-measurable offline: TLS versions/);
    expect(reasons['TR-PS-MTLS-ACCEPTED']).toMatch(/not re-measurable offline: TLS handshakes/);
    for (const c of carried) {
      const was = before.get(c.id);
      expect({ id: c.id, verdict: c.verdict, findings: keys(c) }).toEqual({ id: c.id, verdict: was?.verdict, findings: keys(was) });
      expect(c.exchanges.length).toBe(was?.exchanges.length);
    }
    expect(again.cases.find((c) => c.id === 'TR-PS-LATENCY')?.latency?.length).toBeGreaterThan(0);
    expect(again.rejudged).toMatchObject({
      fromRunId: original.runId,
      rejudgedCases: rejudged.length,
      carriedOver: carried.length,
      fromSha256: createHash('sha256')
        .update(readFileSync(join(dir, 'latest', 'run.json')))
        .digest('hex'),
    });
    expect(again.setupNotes.map((n) => n.en).join('\n')).toMatch(
      /JDD of the original run, the copies kept in its folder: .*inputs\/jdd\/recette-psindiv\.yaml/,
    );

    // the new folder: the usual reports, the PV's banner and marks, the diff with the original
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(['run.json', 'junit.xml', 'pv.html', 'diff.json', 'diff.html']));
    const diff = JSON.parse(readFileSync(join(folder, 'diff.json'), 'utf8')) as RunDiff;
    expect(diff.old.runId).toBe(original.runId);
    expect(diff.new.runId).toBe(again.runId);
    expect(diff.regressions).toEqual([]);
    expect(diff.fixed).toEqual([]);
    const pv = readFileSync(join(folder, 'pv.html'), 'utf8');
    expect(pv).toContain('class="rejudged-banner"');
    expect(pv).toContain(original.runId);
    expect(pv.match(/class="carried-over"/g)?.length).toBe(carried.length);
    // re-rendered from run.json (the marks are part of the run), in French by default
    const frPv = join(tempDir('rejudge-fr'), 'pv.html');
    expect((await cli(['report', join(folder, 'run.json'), '--html', frPv])).code).toBe(0);
    const fr = readFileSync(frPv, 'utf8');
    expect(fr).toContain('Recette re-jugée hors ligne');
    expect(fr.match(/Reporté de la recette d’origine, non re-jugé/g)?.length).toBe(carried.length);
    // the console says what was re-judged and carried over, the verdict and the diff
    expect(r.out).toMatch(new RegExp(`${rejudged.length} case\\(s\\) re-judged, ${carried.length} carried over`));
    expect(r.out).toMatch(/not re-measurable offline: TLS handshakes and client certificates \(\d+\): TR-PS-MTLS-/);
    expect(r.out).toMatch(/Verdict: /);
    expect(r.out).toContain('diff.html');
  }, 120_000);

  it('gives the changed verdicts after a rule change, and the diff written with the new run names them', async () => {
    const recording = await readRecording(join(dir, 'latest'), process.cwd());
    const inputs = await loadRejudgeInputs({
      original: recording.run,
      cahier: [],
      jddFiles: [],
      ig: 'ans.fhir.fr.sas#1.2.0',
      packages: [PACKAGES],
      env: {},
      cwd: process.cwd(),
      displayPath: (f) => f,
    });
    // A stricter rule set: SAS-BDL-999 flags every Slot of a Bundle.
    const rules: typeof runRules = (bundle, ctx) => {
      const entries = ((bundle as { entry?: { resource?: { resourceType?: string } }[] }).entry ?? []).map((e) => e.resource);
      const flagged = entries.flatMap((res, i) =>
        res?.resourceType === 'Slot'
          ? [finding('error', 'SAS-BDL-999', 'rule', `Bundle.entry[${i}].resource`, { fr: 'créneau refusé', en: 'slot refused' })]
          : [],
      );
      return [...runRules(bundle, ctx), ...flagged];
    };
    const { run } = await rejudgeRun({
      original: recording.run,
      from: { file: recording.label, sha256: recording.sha256 },
      ...inputs,
      rules,
      lang: 'en',
      command: 'test',
    });
    const before = byId(original);
    const changed = run.cases.filter((c) => c.verdict !== before.get(c.id)?.verdict).map((c) => c.id);
    // the cases that judge SAS-BDL-* or every rule, and only they, now fail on it
    const judging = run.cases.filter((c) => c.findings.some((f) => f.ruleId === 'SAS-BDL-999'));
    expect(judging.map((c) => c.id)).toContain('PS-4.2-BUNDLE');
    for (const c of judging) expect(c.verdict).toBe('failed');
    expect(changed.sort()).toEqual(
      judging
        .filter((c) => before.get(c.id)?.verdict === 'passed')
        .map((c) => c.id)
        .sort(),
    );
    expect(changed.length).toBeGreaterThan(0);

    const diff = rejudgeDiff(recording.run, run, { old: recording.label, new: 'new/run.json' });
    const folder = tempDir('rejudge-diff');
    await writeRejudgeDiff(folder, diff, 'en');
    const written = JSON.parse(readFileSync(join(folder, 'diff.json'), 'utf8')) as RunDiff;
    expect(written.regressions.sort()).toEqual(changed.sort());
    const bundle = written.cases.find((c) => c.id === 'PS-4.2-BUNDLE');
    expect(bundle?.findings.added.map((f) => f.ruleId)).toContain('SAS-BDL-999');
    const page = readFileSync(join(folder, 'diff.html'), 'utf8');
    for (const id of changed) expect(page).toContain(id);
  }, 60_000);

  it('refuses a file that is not a run (exit 2, named)', async () => {
    const bogus = join(tempDir('rejudge-bogus'), 'run.json');
    writeFileSync(bogus, '{"hello": 1}');
    const r = await cli(['rejudge', bogus, '--out', tempDir('rejudge-bogus-out'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(bogus);
    expect(r.err).toMatch(/not a sas-recette run result/);
  });
});

/** A loopback endpoint answering every request with `body` (a Bundle larger than run.json's 64 KiB excerpt). */
describe.skipIf(!HAVE_PACKAGES)('rejudge a demo run (the booking URLs the demo pointed at its reference editor)', () => {
  it('gives the verdicts of the demo: the JDD booking base URLs the run judged against are recorded and used again', async () => {
    const out = tempDir('rejudge-demo');
    const demo = await cli(['demo', '--http', '--out', join(out, 'runs'), '--reporter', 'json', '--format', 'json']);
    expect(demo.code).toBe(0);
    const original = parseRun(demo.out);
    expect(Object.keys(original.jdd.bookingBaseUrls ?? {}).length).toBe(3);
    const r = await cli(['rejudge', join(out, 'runs', 'latest'), '--out', join(out, 'rejudged'), '--format', 'json', '--reporter', 'json']);
    expect(r.code, r.err).toBe(0);
    const diff = JSON.parse(readFileSync(join(out, 'rejudged', 'latest', 'diff.json'), 'utf8')) as RunDiff;
    expect(diff.regressions).toEqual([]);
    expect(diff.cases.filter((c) => c.change !== 'same').map((c) => c.id)).toEqual([]);
    expect(diff.cases.length).toBe(original.cases.length);
    // judged with the JDD copies kept in the run folder (inputs/jdd/), as its manifest lists them
    const rejudged = parseRun(r.out);
    expect(rejudged.setupNotes.map((n) => n.en).join('\n')).toMatch(
      /JDD of the original run, the copies kept in its folder: .*inputs\/jdd\/recette-psindiv\.yaml/,
    );

    // a copy changed since the run: another JDD would judge another run, so exit 2 naming it
    const folder = join(out, 'runs', 'latest');
    const copy = join(folder, 'inputs', 'jdd', 'recette-cpts.yaml');
    writeFileSync(copy, `${readFileSync(copy, 'utf8')}\n# changed\n`);
    const altered = await cli(['rejudge', folder, '--out', join(out, 'rejudged-2'), '--lang', 'en']);
    expect(altered.code).toBe(2);
    expect(altered.err).toContain('recette-cpts.yaml');
    expect(altered.err).toContain('was changed since the run');
  }, 120_000);
});

async function bigAnswerServer(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/fhir`, close: () => new Promise((ok) => server.close(() => ok())) };
}

describe.skipIf(!HAVE_PACKAGES)('rejudge reads the whole recorded bodies from the evidence files', () => {
  let dir: string;
  let evidence: string;

  beforeAll(async () => {
    // 1,500 Slots that are not SAS slots: a ~200 KB answer, so run.json keeps a 64 KiB excerpt and the evidence file the whole body.
    const entry = Array.from({ length: 1500 }, (_, i) => ({
      fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resource: { resourceType: 'Slot', id: `s${i}`, status: 'free', start: 'yesterday', comment: 'x'.repeat(40) },
      search: { mode: 'match' },
    }));
    const server = await bigAnswerServer(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 1500, entry }));
    dir = tempDir('rejudge-evidence');
    try {
      const r = await cli([
        'run',
        '--base-url',
        server.url,
        ...JDD_ARGS,
        '--only',
        'PS-4.2-BUNDLE',
        '--reporter',
        'json',
        '--out',
        dir,
        '--lang',
        'en',
      ]);
      expect(r.code).toBe(1);
    } finally {
      await server.close();
    }
    const files = readdirSync(join(dir, 'latest', 'evidence'));
    expect(files).toHaveLength(1);
    evidence = join(dir, 'latest', 'evidence', files[0]);
  }, 60_000);

  it('re-judges the case from its whole body: same verdict, same findings as the run', async () => {
    const out = tempDir('rejudge-evidence-out');
    const r = await cli(['rejudge', join(dir, 'latest', 'run.json'), '--out', out, '--reporter', 'json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const again = parseRun(readFileSync(join(out, 'latest', 'run.json'), 'utf8'));
    const c = again.cases[0];
    expect(c.carriedOver).toBeUndefined();
    expect(c.verdict).toBe('failed');
    // the full findings of both runs, from their evidence files
    const full = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { findings: Finding[] }).findings.map(key).sort();
    const newEvidence = join(out, 'latest', 'evidence', readdirSync(join(out, 'latest', 'evidence'))[0]);
    expect(full(newEvidence)).toEqual(full(evidence));
    expect(c.evidence?.bodiesCut).toBe(1);
  }, 60_000);

  it('stops with exit 2 naming an evidence file that was altered, then one that is missing', async () => {
    const bytes = readFileSync(evidence);
    const at = bytes.indexOf('yesterday');
    const altered = Buffer.from(bytes);
    altered[at] = 'Y'.charCodeAt(0);
    writeFileSync(evidence, altered);
    let r = await cli(['rejudge', join(dir, 'latest'), '--out', tempDir('rejudge-altered'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/evidence\/PS-4_2-BUNDLE-1\.json: evidence file of case PS-4\.2-BUNDLE changed since the run/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace

    rmSync(evidence);
    r = await cli(['rejudge', join(dir, 'latest'), '--out', tempDir('rejudge-missing'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/evidence\/PS-4_2-BUNDLE-1\.json: not found/);
    writeFileSync(evidence, bytes);
  }, 60_000);
});

describe('the replay client', () => {
  const body = '{"resourceType":"Bundle","type":"searchset","total":0}';
  const recorded = (over: Partial<NonNullable<Exchange['response']>> = {}): Exchange => ({
    id: 'x1',
    request: { method: 'GET', url: 'https://editor.example/fhir/Slot?status=free', headers: { accept: 'application/fhir+json' } },
    response: {
      status: 200,
      headers: { 'content-type': 'application/fhir+json' },
      body,
      bodyBytes: Buffer.byteLength(body),
      truncated: false,
      sha256: createHash('sha256').update(body).digest('hex'),
      ...over,
    },
    outcome: 'ok',
    startedAt: '2026-03-02T08:00:00.000+01:00',
    timings: { totalMs: 12, ttfbMs: 10 },
  });

  it('answers a recorded request with the recorded answer, untouched', async () => {
    const client = createReplayClient([recorded()]);
    const sent = await client.send({ url: 'https://editor.example/fhir/Slot?status=free' });
    expect(sent.fullBody).toBe(body);
    expect(sent.exchange.timings.totalMs).toBe(12);
    expect(client.problem).toBeUndefined();
    expect(client.used).toBe(1);
  });

  it('says when a request is not in the recording, when it was already used, and never invents an answer', async () => {
    const client = createReplayClient([recorded()]);
    const other = await client.send({ url: 'https://editor.example/fhir/Slot?status=busy' });
    expect(other.exchange.outcome).toBe('other');
    expect(other.exchange.response).toBeUndefined();
    expect(client.problem?.en).toMatch(/GET https:\/\/editor\.example\/fhir\/Slot\?status=busy is not in the case's recording/);
    const twice = createReplayClient([recorded()]);
    await twice.send({ url: 'https://editor.example/fhir/Slot?status=free' });
    await twice.send({ url: 'https://editor.example/fhir/Slot?status=free' });
    expect(twice.problem?.en).toMatch(/not in the case's recording/);
  });

  it('says when the recorded body is cut or does not match its SHA-256', async () => {
    const cut = createReplayClient([recorded({ truncated: true, bodyBytes: 900_000 })]);
    await cut.send({ url: 'https://editor.example/fhir/Slot?status=free' });
    expect(cut.problem?.en).toMatch(/recorded body of GET .* is cut \(\d+ of 900000 bytes kept\)/);
    const altered = createReplayClient([recorded({ body: body.replace('0', '1') })]);
    await altered.send({ url: 'https://editor.example/fhir/Slot?status=free' });
    expect(altered.problem?.en).toMatch(/does not match its SHA-256/);
  });
});
