/**
 * compareRuns on hand-built runs (the realistic fixture of the reporter tests, changed case by case): each
 * kind of change, the finding matching by rule id and location, the caveats, the latency percentiles; and
 * the three renderers: the console text (order, terminal escaping), the JSON (round trip) and the HTML page
 * (hostile text escaped, no script).
 */
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/core/findings.js';
import type { CaseResult, RunResult } from '../../src/core/model.js';
import { compareFindings, compareRuns } from '../../src/report/diff/compare-runs.js';
import { diffHtml, diffJson, diffText } from '../../src/report/diff/index.js';
import { percentilesOf } from '../../src/report/diff/latency.js';
import { makeRunResult } from './fixtures/run-result.js';

function twoRuns(): { a: RunResult; b: RunResult } {
  return { a: makeRunResult(), b: makeRunResult() };
}

function caseOf(run: RunResult, id: string): CaseResult {
  const c = run.cases.find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id} in the fixture`);
  return c;
}

const err = (rule: string, location: string, text = 'message'): Finding => finding('error', rule, 'rule', location, { fr: text, en: text });

describe('compareRuns', () => {
  it('gives no change, no caveat and no regression for the same run twice', () => {
    const { a, b } = twoRuns();
    const d = compareRuns(a, b);
    expect(d.caveats).toEqual([]);
    expect(d.cases.map((c) => c.change)).toEqual(a.cases.map(() => 'same'));
    expect([d.regressions, d.fixed, d.added, d.removed]).toEqual([[], [], [], []]);
    expect(d.overall).toEqual({ old: a.summary.overall, new: a.summary.overall });
    for (const row of d.latency) expect(row.old).toEqual(row.new);
  });

  it('calls passed, skipped or not-applicable → failed or error a regression, and failed → passed fixed', () => {
    const { a, b } = twoRuns();
    caseOf(a, 'PS-4.3-REF').verdict = 'passed';
    Object.assign(caseOf(b, 'PS-4.3-REF'), { verdict: 'failed', findings: [err('SAS-REF-001', 'Bundle.entry[1].resource.schedule')] });
    caseOf(b, 'CPTS-4.10-QA').verdict = 'failed'; // skipped before
    caseOf(b, 'CPTS-4.9-ORG').verdict = 'error'; // not applicable before
    Object.assign(caseOf(b, 'PS-4.2-PROFILES'), { verdict: 'passed', findings: [] }); // failed before
    caseOf(b, 'SOS-1-SCHEDULE').verdict = 'error'; // failed before: another failing verdict, not a regression
    const d = compareRuns(a, b, { old: 'old/run.json', new: 'new/run.json' });
    expect(d.regressions).toEqual(['PS-4.3-REF', 'CPTS-4.9-ORG', 'CPTS-4.10-QA']);
    expect(d.fixed).toEqual(['PS-4.2-PROFILES']);
    expect(d.cases.find((c) => c.id === 'SOS-1-SCHEDULE')).toMatchObject({ change: 'changed', oldVerdict: 'failed', newVerdict: 'error' });
    const ref = d.cases.find((c) => c.id === 'PS-4.3-REF');
    expect(ref?.findings.added).toEqual([
      {
        ruleId: 'SAS-REF-001',
        location: 'Bundle.entry[1].resource.schedule',
        severity: 'error',
        message: { fr: 'message', en: 'message' },
      },
    ]);
    const fixed = d.cases.find((c) => c.id === 'PS-4.2-PROFILES');
    expect(fixed?.findings.removed.map((f) => f.ruleId).sort()).toEqual(
      caseOf(a, 'PS-4.2-PROFILES')
        .findings.map((f) => f.ruleId)
        .sort(),
    );
    expect(d.old.file).toBe('old/run.json');
    expect(d.new.file).toBe('new/run.json');
  });

  it('lists cases only in the new run as added (a failing one is no regression) and cases only in the old run as removed', () => {
    const { a, b } = twoRuns();
    const extra: CaseResult = { ...caseOf(b, 'PS-4.3-REF'), id: 'PS-NEW', verdict: 'failed', findings: [err('SAS-NEW-001', 'Bundle')] };
    b.cases.push(extra);
    b.cases = b.cases.filter((c) => c.id !== 'SOS-2-TIMEOUT');
    const d = compareRuns(a, b);
    expect(d.added).toEqual(['PS-NEW']);
    expect(d.removed).toEqual(['SOS-2-TIMEOUT']);
    expect(d.regressions).toEqual([]);
    expect(d.cases.at(-1)).toMatchObject({ id: 'SOS-2-TIMEOUT', change: 'removed', oldVerdict: 'error' });
    expect(d.cases.find((c) => c.id === 'PS-NEW')?.findings.added.map((f) => f.ruleId)).toEqual(['SAS-NEW-001']);
    const text = diffText(d, { lang: 'en' });
    expect(text).toMatch(/PS-NEW {2}failed \(new case, failing \(not a regression\)\)/);
    expect(text).toMatch(/exit code 0/);
  });

  it('matches findings by rule id and location: severity changes, added and removed, repeated keys paired', () => {
    const warn = (rule: string, location: string): Finding => finding('warning', rule, 'rule', location, { fr: 'w', en: 'w' });
    const out = compareFindings(
      [err('R-1', 'a'), warn('R-2', 'b'), err('R-3', 'c'), err('R-3', 'c'), err('R-4', 'd')],
      [warn('R-1', 'a'), warn('R-2', 'b'), err('R-3', 'c'), warn('R-3', 'c'), err('R-3', 'c'), err('R-4', 'e')],
    );
    expect(out.severityChanged).toEqual([{ ruleId: 'R-1', location: 'a', old: 'error', new: 'warning' }]);
    // R-3 @ c: two errors before, two errors and a warning now: one warning added, nothing else
    expect(out.added.map((f) => `${f.ruleId}@${f.location}:${f.severity}`)).toEqual(['R-3@c:warning', 'R-4@e:error']);
    expect(out.removed.map((f) => `${f.ruleId}@${f.location}`)).toEqual(['R-4@d']);
  });

  it('says a case whose only change is a finding severity is changed', () => {
    const { a, b } = twoRuns();
    const f = caseOf(b, 'PS-4.2-PROFILES').findings[0];
    caseOf(b, 'PS-4.2-PROFILES').findings[0] = { ...f, severity: f.severity === 'error' ? 'fatal' : 'error' };
    const d = compareRuns(a, b);
    const c = d.cases.find((x) => x.id === 'PS-4.2-PROFILES');
    expect(c?.change).toBe('changed');
    expect(c?.findings.severityChanged).toEqual([
      { ruleId: f.ruleId, location: f.location, old: f.severity, new: f.severity === 'error' ? 'fatal' : 'error' },
    ]);
    expect(diffText(d, { lang: 'en' })).toMatch(new RegExp(`± ${f.ruleId.replace(/[.]/g, '\\.')} @ `));
  });

  it('states each difference of set-up as a caveat, first, without refusing to compare', () => {
    const { a, b } = twoRuns();
    b.cahier = { ...b.cahier, sha256: 'f'.repeat(64) };
    b.jdd = { ...b.jdd, sha256: 'e'.repeat(64) };
    b.ig = { id: 'ans.fhir.fr.sas', version: '1.3.0' };
    b.packages = [...b.packages.filter((p) => !p.startsWith('ans.fhir.fr.sas#')), 'ans.fhir.fr.sas#1.3.0'];
    b.tool = { ...b.tool, version: '9.9.9' };
    b.baseUrl = 'https://preprod.example/fhir';
    b.interrupted = { at: '2026-01-01T10:00:00+01:00', signal: 'SIGINT' };
    const d = compareRuns(a, b);
    const en = d.caveats.map((m) => m.en);
    expect(en).toHaveLength(7);
    expect(en[0]).toMatch(/^Another cahier \(sha256 \w{12} → ffffffffffff\)/);
    expect(en[1]).toMatch(/^Another test data set/);
    expect(en[2]).toMatch(/ans\.fhir\.fr\.sas#1\.2\.0 → ans\.fhir\.fr\.sas#1\.3\.0/);
    expect(en[3]).toMatch(/^Other FHIR packages: added ans\.fhir\.fr\.sas#1\.3\.0; removed ans\.fhir\.fr\.sas#1\.2\.0/);
    expect(en[4]).toMatch(/→ 9\.9\.9/);
    expect(en[5]).toMatch(/→ https:\/\/preprod\.example\/fhir/);
    expect(en[6]).toMatch(/new run was interrupted/);
    // French typography: a no-break space before each colon of a sentence
    for (const m of d.caveats) expect(m.fr).not.toMatch(/[^\u00a0]: /);
    expect(d.caveats[0].fr).toMatch(/\u00a0: /);
    expect(d.cases.every((c) => c.change === 'same')).toBe(true);
    // the console says them before the overall verdict
    const text = diffText(d, { lang: 'fr' });
    expect(text.indexOf('Cahier de recette différent')).toBeLessThan(text.indexOf('Avis global'));
  });

  it('pools the samples of each latency series label and takes nearest-rank percentiles, plus every exchange', () => {
    expect(percentilesOf(Array.from({ length: 100 }, (_, i) => 100 - i))).toEqual({ samples: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentilesOf([7])).toEqual({ samples: 1, p50: 7, p95: 7, p99: 7, max: 7 });
    expect(percentilesOf([])).toBeUndefined();
    const { a, b } = twoRuns();
    const lat = caseOf(b, 'PS-LAT-25').latency?.[0];
    if (!lat) throw new Error('fixture without latency');
    lat.samplesMs = [5000, 100, 200];
    const d = compareRuns(a, b);
    const row = d.latency.find((r) => r.label === lat.label);
    expect(row?.new).toEqual({ samples: 3, p50: 200, p95: 5000, p99: 5000, max: 5000 });
    expect(row?.old?.samples).toBe(caseOf(a, 'PS-LAT-25').latency?.[0].samplesMs.length);
    const all = d.latency.at(-1);
    expect(all?.allRequests).toBe(true);
    expect(all?.new?.samples).toBe(b.cases.reduce((n, c) => n + c.exchanges.length, 0));
    // a series only in one run keeps the other side empty
    caseOf(b, 'PS-LAT-25').latency = [];
    expect(compareRuns(a, b).latency.find((r) => r.label === lat.label)).toEqual({ label: lat.label, old: row?.old });
  });
});

describe('renderers', () => {
  function hostileDiff(): ReturnType<typeof compareRuns> {
    const { a, b } = twoRuns();
    const evil = '<script>alert(1)</script>\u001b[2J\u202e';
    Object.assign(caseOf(b, 'PS-4.3-REF'), {
      verdict: 'failed',
      title: { fr: `titre ${evil}`, en: `title ${evil}` },
      findings: [err('SAS-X<b>', `Bundle.entry[0]"><img src=x onerror=alert(1)>${evil}`, `message ${evil}`)],
    });
    b.baseUrl = `https://evil.example/fhir?${evil}`;
    return compareRuns(a, b, { new: `runs/${evil}/run.json` });
  }

  it('HTML: hostile text from a run only ever appears escaped; no script, the PV policy', () => {
    const page = diffHtml(hostileDiff(), 'fr');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/<b>/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:"');
    expect(page).not.toContain('\u001b');
    expect(page).not.toContain('\u202e');
    expect(page).toContain('⟨U+202E⟩');
    expect(page).toMatch(/<h2>Régressions \(1\)<\/h2>/);
    expect(diffHtml(hostileDiff(), 'en')).toMatch(/<h2>Regressions \(1\)<\/h2>/);
  });

  it('console: control and bidi characters shown escaped, regressions before fixed, changed, added, removed', () => {
    const d = hostileDiff();
    const text = diffText(d, { lang: 'en' });
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('\\u001b[2J');
    expect(text).toMatch(/\+ SAS-X<b> @ Bundle\.entry\[0\]/);
    const { a, b } = twoRuns();
    Object.assign(caseOf(b, 'PS-4.3-REF'), { verdict: 'failed' });
    Object.assign(caseOf(b, 'PS-4.2-PROFILES'), { verdict: 'passed', findings: [] });
    caseOf(b, 'SOS-1-SCHEDULE').verdict = 'error';
    b.cases.push({ ...caseOf(b, 'PS-4.3-REF'), id: 'PS-NEW' });
    b.cases = b.cases.filter((c) => c.id !== 'CPTS-4.8-SERVICE');
    const order = diffText(compareRuns(a, b), { lang: 'en' });
    const at = ['Regressions (1)', 'Fixed (1)', 'Changed (1)', 'Cases added (1)', 'Cases removed (1)', 'Latency', 'Result'].map((h) =>
      order.indexOf(h),
    );
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
  });

  it('cuts the finding lines of a case in the console, counting the others', () => {
    const { a, b } = twoRuns();
    Object.assign(caseOf(b, 'PS-4.3-REF'), { verdict: 'failed', findings: Array.from({ length: 20 }, (_, i) => err(`R-${i}`, `x[${i}]`)) });
    const text = diffText(compareRuns(a, b), { lang: 'fr', findingsPerCase: 5 });
    expect(text.match(/^ {6}\+ R-/gm)).toHaveLength(5);
    expect(text).toMatch(/… et 15 autres constats/);
  });

  it('JSON: the RunDiff itself, round-tripping', () => {
    const d = hostileDiff();
    const text = diffJson(d);
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(d);
  });
});

describe('secrets', () => {
  it('never reach the diff, even from runs not read from a (redacted) run.json', () => {
    const { a, b } = twoRuns();
    b.baseUrl = 'https://user:hunter2-passphrase@agenda.example/fhir?access_token=eyJhbGciOiJSUzI1NiJ9.secret-bearer-token';
    Object.assign(caseOf(b, 'PS-4.3-REF'), {
      verdict: 'failed',
      findings: [err('SAS-AUTH-001', 'Bundle', 'echoed header Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.secret-bearer-token')],
    });
    const d = compareRuns(a, b);
    expect(d.regressions).toEqual(['PS-4.3-REF']);
    for (const out of [diffJson(d), diffText(d, { lang: 'fr' }), diffHtml(d, 'en')]) {
      expect(out).not.toContain('secret-bearer-token');
      expect(out).not.toContain('hunter2-passphrase');
    }
  });
});
