import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { finding } from '../core/findings.js';
import { makeResult } from '../../test/run/fixtures.js';
import { summarise } from '../../test/report/fixtures/run-result.js';
import type { CaseResult, Reserve, RunResult, RunSummary } from '../core/model.js';
import { consoleReporter, wantsLiveProgress } from './console.js';

/** A run as the pipeline would hand it over; the summary is built by hand (reporters never compute it). */
function runOf(cases: CaseResult[], summary: Partial<RunSummary> = {}, extra: Partial<RunResult> = {}): RunResult {
  const judgedFault = cases.some((c) => c.severity === 'blocking' && (c.verdict === 'failed' || c.verdict === 'error'));
  const s = summarise(cases, judgedFault ? 'unfavorable' : 'favorable', [], summary);
  return { cases, summary: s, setupNotes: [{ fr: 'note fr', en: 'note en' }], ...extra } as unknown as RunResult;
}

/** A console reporter writing into strings; `clock.t` is its time (ms), moved by hand. */
function capture(live: boolean, level: 0 | 1 = 0, lang: 'fr' | 'en' = 'en', total = 2) {
  const out = { stdout: '', stderr: '' };
  const clock = { t: 0 };
  const reporter = consoleReporter({
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    color: new Chalk({ level }),
    lang,
    live,
    total,
    now: () => clock.t,
  });
  return { out, reporter, clock };
}

const failed = makeResult({
  id: 'PS-4.3-DATES',
  verdict: 'failed',
  source: 'testcases/psindiv.yaml:40',
  findings: [
    finding('error', 'SAS-WIN-002', 'rule', 'Bundle.entry[3].resource.start', {
      fr: 'hors fenêtre',
      en: 'outside the window \u001b[31mred\u0007',
    }),
    finding('warning', 'EXP-CONTENT-TYPE', 'expectation', 'HTTP.header.content-type', { fr: 'w', en: 'w' }),
  ],
});
const passed = makeResult({ id: 'PS-4.3-SEARCH', title: { fr: 'Recherche', en: 'Search' } });
const withReserves = makeResult({
  id: 'PS-RES',
  reserves: [
    { fr: 'jeu de valeurs TRE-R04 non vérifié', en: 'value set TRE-R04 not checked' },
    { fr: 'invariant sas-1 non évalué', en: 'invariant sas-1 not evaluated' },
  ],
});
const skipped = makeResult({
  id: 'PS-SKIP',
  verdict: 'skipped',
  reason: { fr: 'validateur officiel absent', en: 'official validator missing' },
});
const notApplicable = makeResult({
  id: 'PS-NA',
  verdict: 'not-applicable',
  reason: { fr: 'aucun PS à deux lieux dans le JDD', en: 'no practitioner with two places in the dataset' },
});
const errored = makeResult({
  id: 'PS-ERR',
  verdict: 'error',
  severity: 'minor',
  reason: { fr: 'la règle SAS-X a levé', en: 'rule SAS-X threw: boom' },
});

const reserves: Reserve[] = [
  { kind: 'failed-minor', ref: 'PS-ERR', cases: ['PS-ERR'], message: { fr: 'cas mineur en erreur', en: 'minor case in error' } },
  { kind: 'skipped', ref: 'PS-SKIP', cases: ['PS-SKIP'], message: { fr: 'validateur officiel absent', en: 'official validator missing' } },
  {
    kind: 'not-applicable',
    ref: 'PS-NA',
    cases: ['PS-NA'],
    message: { fr: 'aucun PS à deux lieux', en: 'no practitioner with two places' },
  },
  {
    kind: 'not-checked',
    ref: 'ValueSet TRE-R04',
    cases: ['PS-RES', 'PS-4.3-SEARCH'],
    message: { fr: 'paquet absent', en: 'package missing' },
  },
  { kind: 'untested-requirement', ref: 'agg-psindiv@34', message: { fr: 'aucun cas jugé', en: 'no judged case' } },
];

describe('consoleReporter', () => {
  it('prints one line per case when not live, then failures by cause, notes and the summary', async () => {
    const { out, reporter } = capture(false);
    await reporter.onCaseEnd?.(passed);
    reporter.onProgress?.({ caseId: 'PS-4.3-DATES', index: 2, total: 2, elapsedMs: 0 }); // quiet: no heartbeat in a log
    await reporter.onCaseEnd?.(failed);
    await reporter.onRunEnd(runOf([passed, failed]));
    expect(out.stderr).toBe('');
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('[1/2] ✓ passed  PS-4.3-SEARCH  Search (1 ms)');
    expect(lines[1]).toBe('[2/2] ✗ failed  PS-4.3-DATES  Title (1 ms)');
    expect(out.stdout).toContain(
      [
        'Failures by cause',
        '  cases  block.  cause and cases hit',
        '      1       1  SAS-WIN-002 — outside the window \\u001b[31mred\\u0007',
        '                 PS-4.3-DATES',
        '',
        'First case of each cause',
        '✗ PS-4.3-DATES [blocking] Title',
        '    testcases/psindiv.yaml:40',
        '    SAS-WIN-002 Bundle.entry[3].resource.start',
        '      outside the window',
      ].join('\n'),
    );
    expect(out.stdout).not.toContain('EXP-CONTENT-TYPE'); // warnings do not decide
    expect(out.stdout).toContain('  • note en\n');
    expect(out.stdout).toContain('psindiv      2 cases: 1 passed, 1 failed, 0 errors, 0 skipped, 0 not applicable');
    expect(out.stdout).toContain('Verdict: UNFAVOURABLE — 1/2 passed — standard mode');
    expect(out.stdout).toContain(
      'Blocking non-conformities (1):\n      PS-4.3-DATES Title — SAS-WIN-002 Bundle.entry[3].resource.start: outside the window',
    );
    expect(out.stdout).not.toContain('NOT VALID');
  });

  it('never lets endpoint text drive the terminal', async () => {
    const { out, reporter } = capture(false);
    await reporter.onRunEnd(runOf([failed]));
    expect(out.stdout.includes('\u001b') || out.stdout.includes('\u0007')).toBe(false);
    expect(out.stdout).toContain('      outside the window \\u001b[31mred\\u0007\n'); // the one sanitiser of terminal.ts
  });

  it('redraws a progress line on stderr when live: position, tally, time, running case; clears it at the end', async () => {
    const { out, reporter, clock } = capture(true, 0, 'en', 3);
    const frames = (): string[] => out.stderr.split('\r\u001b[2K').slice(1);
    reporter.onProgress?.({ caseId: 'PS-4.3-SEARCH', index: 1, total: 3, elapsedMs: 0 });
    clock.t = 2000;
    await reporter.onCaseEnd?.({ ...passed, durationMs: 2000 });
    reporter.onProgress?.({ caseId: 'PS-4.3-DATES', index: 2, total: 3, elapsedMs: 0 });
    clock.t = 3400; // a heartbeat: the case's own time, what it is doing (endpoint text made safe)
    reporter.onProgress?.({ caseId: 'PS-4.3-DATES', index: 2, total: 3, elapsedMs: 1400, detail: { fr: 'x', en: '4/10\u001b[2J' } });
    clock.t = 4000;
    await reporter.onCaseEnd?.({ ...failed, durationMs: 2000 });
    await reporter.onCaseEnd?.({ ...notApplicable, durationMs: 0 });
    expect(frames()).toEqual([
      '[1/3] 0✓ 0✗ · elapsed 0 s · PS-4.3-SEARCH',
      // mean 2 s a case, 2 to come
      '[1/3] 1✓ 0✗ · elapsed 2 s · ≈ 4 s left',
      // the running one's share, then one more
      '[2/3] 1✓ 0✗ · elapsed 2 s · ≈ 4 s left · PS-4.3-DATES',
      // 0.6 s of the running one (mean 2 s, 1.4 s spent), then 2 s
      '[2/3] 1✓ 0✗ · elapsed 3 s · ≈ 3 s left · PS-4.3-DATES 1 s — 4/10\\u001b[2J',
      '[2/3] 1✓ 1✗ · elapsed 4 s · ≈ 2 s left',
      // the mean falls to 4 s / 3 cases, none to come
      '[3/3] 1✓ 1✗ 1○ · elapsed 4 s · ≈ 0 s left',
    ]);
    await reporter.onRunEnd(runOf([passed, failed]));
    expect(out.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(out.stdout).not.toContain('PS-4.3-SEARCH  Search');
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

describe('consoleReporter and the verdict model', () => {
  const all = [passed, withReserves, failed, errored, skipped, notApplicable];

  it('shows each verdict with its own symbol and word, the reason of skipped / not-applicable, the reserves of a pass', async () => {
    const { out, reporter } = capture(false);
    for (const c of all) await reporter.onCaseEnd?.(c);
    const lines = out.stdout.split('\n');
    expect(lines).toEqual([
      '[1/2] ✓ passed  PS-4.3-SEARCH  Search (1 ms)',
      '[2/2] ◐ passed with reserves  PS-RES  Title (1 ms) — reserve: value set TRE-R04 not checked (… and 1 more)',
      '[3/2] ✗ failed  PS-4.3-DATES  Title (1 ms)',
      '[4/2] ! error  PS-ERR  Title (1 ms)',
      '[5/2] - skipped  PS-SKIP  Title (1 ms) — reason: official validator missing',
      '[6/2] ○ not applicable  PS-NA  Title (1 ms) — reason: no practitioner with two places in the dataset',
      '',
    ]);
    const fr = capture(false, 0, 'fr');
    for (const c of all) await fr.reporter.onCaseEnd?.(c);
    for (const w of [
      '] ✓ réussi ',
      '] ◐ réussi avec réserves ',
      '] ✗ échec ',
      '] ! erreur ',
      '] - non exécuté ',
      '] ○ non applicable ',
      ' — motif\u00a0: aucun PS à deux lieux dans le JDD\n',
    ]) {
      expect(fr.out.stdout).toContain(w);
    }
  });

  it('sums up: counts of each verdict, overall verdict, mode, blocking cases, reserves grouped by kind', async () => {
    const { out, reporter } = capture(false);
    await reporter.onRunEnd(runOf(all, { overall: 'unfavorable', reserves }));
    const s = out.stdout.slice(out.stdout.indexOf('Summary'));
    expect(s).toContain('psindiv      6 cases: 2 passed (1 with reserves), 1 failed, 1 error, 1 skipped, 1 not applicable');
    expect(s).toContain('Verdict: UNFAVOURABLE — 2/6 passed — standard mode');
    expect(s).toContain('Blocking non-conformities (1):\n      PS-4.3-DATES');
    expect(s).not.toContain('Blocking non-conformities (1):\n      PS-ERR'); // a minor error is a reserve, not blocking
    const order = [
      'Reserves:',
      'minor cases failed or in error (1):',
      'mandatory cases skipped (1):',
      'mandatory cases not applicable (1):',
      'elements not checked (1):',
      'untested requirements (1):',
    ];
    const at = order.map((x) => s.indexOf(x));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(s).toContain('      ValueSet TRE-R04 — package missing (seen in PS-RES, PS-4.3-SEARCH)');
    expect(s).toContain('      PS-NA — no practitioner with two places\n');
    expect(s).toContain('      agg-psindiv@34 — no judged case\n');
  });

  it('says favourable with reserves, and strict mode, in both languages', async () => {
    const cases = [passed, withReserves, notApplicable];
    const en = capture(false);
    await en.reporter.onRunEnd(runOf(cases, { overall: 'favorable-with-reserves', mode: 'strict', reserves: reserves.slice(2, 4) }));
    expect(en.out.stdout).toContain('Verdict: FAVOURABLE WITH RESERVES — 2/3 passed — strict mode (any reserve fails the run)');
    const fr = capture(false, 0, 'fr');
    await fr.reporter.onRunEnd(runOf(cases, { overall: 'favorable-with-reserves', mode: 'strict', reserves: reserves.slice(2, 4) }));
    expect(fr.out.stdout).toContain('Avis\u00a0: FAVORABLE AVEC RÉSERVES — 2/3 réussis — mode strict (toute réserve fait échouer)');
    expect(fr.out.stdout).toContain('éléments non vérifiés (1)\u00a0:');
  });

  it('says an insecure run is not valid for acceptance, and why; likewise a run where nothing was judged', async () => {
    const insecure = capture(false);
    const insecureReserve: Reserve = { kind: 'insecure', ref: '--insecure', message: { fr: 'TLS non vérifié', en: 'TLS not verified' } };
    await insecure.reporter.onRunEnd(
      runOf([passed], { overall: 'favorable-with-reserves', validForAcceptance: false, reserves: [insecureReserve] }, { insecure: true }),
    );
    expect(insecure.out.stdout).toContain('  NOT VALID FOR ACCEPTANCE (TLS verification off)\n');
    expect(insecure.out.stdout).not.toContain('Reserves:'); // the cause is in the banner, not repeated
    const none = capture(false, 0, 'fr');
    const nothing: Reserve = { kind: 'nothing-judged', ref: 'run', message: { fr: 'aucun cas jugé', en: 'no case judged' } };
    await none.reporter.onRunEnd(runOf([notApplicable], { overall: 'unfavorable', validForAcceptance: false, reserves: [nothing] }));
    expect(none.out.stdout).toContain('  NON VALABLE POUR UNE RECETTE (aucun cas jugé)\n');
    const valid = capture(false);
    await valid.reporter.onRunEnd(runOf([passed]));
    expect(valid.out.stdout).not.toContain('NOT VALID');
  });

  it('colours each state apart on a colour terminal and not at all otherwise', async () => {
    const coloured = capture(false, 1);
    for (const c of all) await coloured.reporter.onCaseEnd?.(c);
    const ESC = '\u001b[';
    const colourOf = (id: string): string => {
      const line = coloured.out.stdout.split('\n').find((l) => l.includes(` ${id} `) || l.includes(`${id}${ESC}`))!;
      const mark = line.slice(line.indexOf(']') + 1); // after the dim position `[1/2]`
      expect(mark.startsWith(`${ESC}22m ${ESC}`)).toBe(true);
      return mark.slice(5, mark.indexOf('m', 5) + 1); // the opening colour code of the symbol and word
    };
    const colours = all.map((c) => colourOf(c.id));
    expect(new Set(colours).size).toBe(colours.length);
    const plain = capture(false, 0);
    for (const c of all) await plain.reporter.onCaseEnd?.(c);
    expect(plain.out.stdout).not.toContain('\u001b[');
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
