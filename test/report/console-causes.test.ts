/**
 * The end of the console is short whatever the run: failures grouped by root cause (one row a cause:
 * cases, blocking, label, the ids it hit, blocking first), the detail of the first case of each cause,
 * and a summary that names many blocking cases by id only. End to end: the demo against an editor
 * answering an HTML 502 page to every request prints one line per case, then the cause once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { finding } from '../../src/core/findings.js';
import type { CaseResult, RunResult } from '../../src/core/model.js';
import { consoleReporter } from '../../src/report/console.js';
import { failuresByCause } from '../../src/report/console-failures.js';
import { makeExchange, makeResult } from '../run/fixtures.js';
import { summarise } from './fixtures/run-result.js';

const html502 = makeExchange({
  response: { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>', bodyBytes: 6, truncated: false, sha256: '0' },
});
const htmlFindings = [
  finding('error', 'EXP-BODY-JSON', 'expectation', 'HTTP.body', { fr: 'page HTML reçue', en: 'HTML page received' }),
  finding('error', 'EXP-STATUS', 'expectation', 'HTTP.status', { fr: 'statut 502', en: 'status 502' }),
];

/** 40 blocking and 20 minor cases hit by the 502; one case failing a rule; one timing out. */
function manyFailures(): CaseResult[] {
  const hit = Array.from({ length: 60 }, (_, i) =>
    makeResult({
      id: `PS-${String(i + 1).padStart(2, '0')}`,
      verdict: 'failed',
      severity: i % 3 === 2 ? 'minor' : 'blocking',
      exchanges: [html502],
      findings: htmlFindings,
      source: `testcases/ps.yaml:${i + 1}`,
    }),
  );
  const rule = makeResult({
    id: 'PS-WINDOW',
    verdict: 'failed',
    findings: [finding('error', 'SAS-WIN-002', 'rule', 'Bundle.entry[3].resource.start', { fr: 'hors fenêtre', en: 'outside the window' })],
  });
  const timeout = makeResult({
    id: 'TR-LATENCY',
    verdict: 'error',
    severity: 'minor',
    exchanges: [makeExchange({ outcome: 'timeout', error: { code: 'UND_ERR_HEADERS_TIMEOUT', message: 'Headers \u001b[31mTimeout' } })],
    reason: { fr: 'délai dépassé', en: 'timed out' },
  });
  return [...hit, rule, timeout, makeResult({ id: 'PS-OK' })];
}

const plain = new Chalk({ level: 0 });

describe('failures by cause', () => {
  it('says each cause once: its cases, blocking ones, label and ids (blocking first), then its first case in detail', () => {
    const out = failuresByCause({ cases: manyFailures() }, { lang: 'en', color: plain, maxFindings: 4 });
    const lines = out.split('\n');
    expect(lines.slice(0, 10)).toEqual([
      '',
      'Failures by cause',
      '  cases  block.  cause and cases hit',
      '     60      40  server error: HTTP 502 (text/html)',
      // blocking first: PS-03 is minor (every third), so PS-04 follows PS-02
      '                 PS-01, PS-02, PS-04, PS-05, PS-07, PS-08, PS-10, PS-11, PS-13, PS-14, PS-16, PS-17, PS-19, PS-20, … and 46 more',
      '      1       1  SAS-WIN-002 — outside the window',
      '                 PS-WINDOW',
      '      1       0  no HTTP response: timeout (UND_ERR_HEADERS_TIMEOUT: Headers \\u001b[31mTimeout)',
      '                 TR-LATENCY',
      '',
    ]);
    // the detail of one case a cause, not of the 60
    expect(out.match(/EXP-STATUS HTTP\.status/g)).toHaveLength(1);
    expect(out).toContain(
      'First case of each cause\n✗ PS-01 [blocking] Title\n    testcases/ps.yaml:1\n    EXP-BODY-JSON HTTP.body\n      HTML page received\n',
    );
    expect(out).toContain('✗ PS-WINDOW [blocking] Title\n    SAS-WIN-002 Bundle.entry[3].resource.start\n      outside the window\n');
    expect(out).toContain('! TR-LATENCY [minor] Title\n    timed out\n');
    expect(out).not.toContain('\u001b');
  });

  it('keeps the first causes in detail only, and says how many are left', () => {
    const cases = Array.from({ length: 8 }, (_, i) =>
      makeResult({ id: `C-${i}`, verdict: 'failed', findings: [finding('error', `SAS-R-${i}`, 'rule', 'x', { fr: 'r', en: 'r' })] }),
    );
    const fr = failuresByCause({ cases }, { lang: 'fr', color: plain, maxFindings: 4, maxDetailed: 5 });
    expect(fr.match(/^✗ C-\d/gm)).toHaveLength(5);
    expect(fr).toContain('  … 3 autres causes\u00a0: le détail de chaque cas est dans le PV\n');
  });

  it('shows minor cases apart (dim) on a colour terminal', () => {
    const out = failuresByCause({ cases: manyFailures().slice(0, 3) }, { lang: 'en', color: new Chalk({ level: 1 }), maxFindings: 4 });
    expect(out).toContain('PS-01, PS-02, \u001b[2mPS-03\u001b[22m');
  });

  it('names many blocking cases by id only in the summary, a few with their reason', async () => {
    const cases = manyFailures();
    let stdout = '';
    const reporter = consoleReporter({
      stdout: (s) => void (stdout += s),
      stderr: () => undefined,
      color: plain,
      lang: 'en',
      live: false,
      total: cases.length,
    });
    const run = { cases, summary: summarise(cases, 'unfavorable', []), setupNotes: [] } as unknown as RunResult;
    await reporter.onRunEnd(run);
    const summary = stdout.slice(stdout.indexOf('\nSummary'));
    expect(summary).toMatch(
      /Blocking non-conformities \(41\):\n {6}PS-01, PS-02, PS-04, .*\n {6}… and \d+ more, all in the failures by cause above\n/,
    );
    expect(stdout.split('\n').length).toBeLessThan(40);
  });
});

describe('the demo against an editor answering HTML 502 to every request', () => {
  it('prints one line per case, then the cause once and a short end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-502-'));
    let out = '';
    let err = '';
    try {
      const code = await main(
        ['node', 'sas-recette', 'demo', '--http', '--defect', 'html-502', '--lang', 'fr', '--out', join(dir, 'reports')],
        {
          stdout: (s) => void (out += s),
          stderr: (s) => void (err += s),
          readStdin: async () => Buffer.alloc(0),
          // no FHIR package: the structural validation is said not done, the console is what is tested
          env: { PATH: process.env.PATH, NO_COLOR: '1', SAS_RECETTE_PACKAGES: dir },
          cwd: dir,
          isTTY: false,
        },
      );
      expect(code, err).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const lines = out.split('\n');
    const caseLines = lines.filter((l) => /^\[[ \d]{3}\/135\] /.test(l));
    expect(caseLines).toHaveLength(135);
    expect(caseLines.map((l) => l.slice(0, 9))).toEqual(Array.from({ length: 135 }, (_, i) => `[${String(i + 1).padStart(3)}/135]`));
    const end = lines.slice(lines.indexOf(caseLines.at(-1)!) + 1);
    // 600 lines before grouping by cause; now the cause, the notes, the summary, the reserves and the paths
    // (61 lines with the appointment side's groups and the reviewer's manual checks among the reserves)
    expect(end.length, end.join('\n')).toBeLessThan(70);
    expect(end.filter((l) => l.includes('erreur du serveur : HTTP 502 (text/html)'))).toHaveLength(1);
    expect(end.filter((l) => l.includes('EXP-STATUS'))).toHaveLength(1);
    expect(out).toMatch(/\n {3}\d+ {5}\d+ {2}erreur du serveur : HTTP 502 \(text\/html\)\n/);
    expect(out).toMatch(/Avis\u00a0: DÉFAVORABLE — \d+\/135 réussis? — mode standard/);
    // a not-checked element met by many cases names a few of them, then counts the others
    expect(out).toMatch(/SAS-REG-012 — .*\(vu dans V1-5\.01-CREATE-IDNPS, .*, … et \d+ de plus\)\n/);
    expect(out).toMatch(/Non-conformités bloquantes \(\d+\)\u00a0:/);
    expect(out).toMatch(/TR-PS-MTLS-ACCEPTED, TR-PS-MTLS-NO-CERT, .*, … et \d+ de plus — l'URL de base n'est pas en https/); // one line for 21 reserves
    expect(out).not.toMatch(/Reference editor|Reports \/ rapports|latest \//); // one language per run
  }, 60_000);
});
