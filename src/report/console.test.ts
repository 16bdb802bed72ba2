import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { finding } from '../core/findings.js';
import { makeResult } from '../../test/run/fixtures.js';
import type { CaseResult, RunResult } from '../run/result.js';
import { summarize } from '../run/summary.js';
import { consoleReporter, safe, wantsLiveProgress } from './console.js';

function runOf(cases: CaseResult[]): RunResult {
  return { cases, summary: summarize(cases), setupNotes: [{ fr: 'note fr', en: 'note en' }] } as unknown as RunResult;
}

function capture(live: boolean, level: 0 | 1 = 0, lang: 'fr' | 'en' = 'en') {
  const out = { stdout: '', stderr: '' };
  const reporter = consoleReporter({
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    color: new Chalk({ level }),
    lang,
    live,
    total: 2,
  });
  return { out, reporter };
}

const failed = makeResult({
  id: 'PS-4.3-DATES',
  verdict: 'failed',
  source: 'testcases/psindiv.yaml:40',
  findings: [
    finding('error', 'SAS-WIN-002', 'rule', 'Bundle.entry[3].resource.start', { fr: 'hors fenêtre', en: 'outside the window \u001b[31mred\u0007' }),
    finding('warning', 'EXP-CONTENT-TYPE', 'expectation', 'HTTP.header.content-type', { fr: 'w', en: 'w' }),
  ],
});
const passed = makeResult({ id: 'PS-4.3-SEARCH', title: { fr: 'Recherche', en: 'Search' } });

describe('consoleReporter', () => {
  it('prints one line per case when not live, then failures, notes and the summary', async () => {
    const { out, reporter } = capture(false);
    await reporter.onCaseEnd?.(passed);
    await reporter.onCaseEnd?.(failed);
    await reporter.onRunEnd(runOf([passed, failed]));
    expect(out.stderr).toBe('');
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('✓ PS-4.3-SEARCH  Search (1 ms)');
    expect(lines[1]).toBe('✗ PS-4.3-DATES  Title (1 ms)');
    expect(out.stdout).toContain('Failures and errors\n✗ PS-4.3-DATES [blocking] Title\n    testcases/psindiv.yaml:40\n    SAS-WIN-002 Bundle.entry[3].resource.start\n      outside the window');
    expect(out.stdout).not.toContain('EXP-CONTENT-TYPE'); // warnings do not decide
    expect(out.stdout).toContain('  • note en\n');
    expect(out.stdout).toContain('psindiv      2 cases: 1 passed, 1 failed, 0 error, 0 skipped');
    expect(out.stdout).toContain('Verdict: UNFAVOURABLE — 1/2 passed');
  });

  it('never lets endpoint text drive the terminal', async () => {
    const { out, reporter } = capture(false);
    await reporter.onRunEnd(runOf([failed]));
    expect(out.stdout.includes('\u001b') || out.stdout.includes('\u0007')).toBe(false);
    expect(safe('a\u001b[2Jb\nc\u009bd')).toBe('a�[2Jb\nc�d');
  });

  it('redraws a progress line on stderr when live, and clears it at the end', async () => {
    const { out, reporter } = capture(true);
    await reporter.onCaseEnd?.(passed);
    await reporter.onCaseEnd?.(failed);
    expect(out.stderr).toBe('\r\u001b[2K[1/2] 1✓ 0✗ PS-4.3-SEARCH\r\u001b[2K[2/2] 1✓ 1✗ PS-4.3-DATES');
    await reporter.onRunEnd(runOf([passed, failed]));
    expect(out.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(out.stdout).not.toContain('✓ PS-4.3-SEARCH  Search');
  });

  it('colours only when the CLI decided so, and speaks French by default wording', async () => {
    const plain = capture(false);
    await plain.reporter.onRunEnd(runOf([passed]));
    expect(plain.out.stdout).not.toContain('\u001b[');
    const coloured = capture(false, 1, 'fr');
    await coloured.reporter.onRunEnd(runOf([passed]));
    expect(coloured.out.stdout).toContain('\u001b[');
    expect(coloured.out.stdout).toContain('FAVORABLE');
  });
});

describe('wantsLiveProgress', () => {
  it('only on a TTY outside CI', () => {
    expect(wantsLiveProgress({}, true)).toBe(true);
    expect(wantsLiveProgress({ CI: 'true' }, true)).toBe(false);
    expect(wantsLiveProgress({ CI: 'false' }, true)).toBe(true);
    expect(wantsLiveProgress({}, false)).toBe(false);
  });
});
