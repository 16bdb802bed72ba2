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
  it('prints one line per case when not live, then failures, notes and the summary', async () => {
    const { out, reporter } = capture(false);
    await reporter.onCaseEnd?.(passed);
    await reporter.onCaseEnd?.(failed);
    await reporter.onRunEnd(runOf([passed, failed]));
    expect(out.stderr).toBe('');
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('✓ passed  PS-4.3-SEARCH  Search (1 ms)');
    expect(lines[1]).toBe('✗ failed  PS-4.3-DATES  Title (1 ms)');
    expect(out.stdout).toContain(
      'Failures and errors\n✗ PS-4.3-DATES [blocking] Title\n    testcases/psindiv.yaml:40\n    SAS-WIN-002 Bundle.entry[3].resource.start\n      outside the window',
    );
    expect(out.stdout).not.toContain('EXP-CONTENT-TYPE'); // warnings do not decide
    expect(out.stdout).toContain('  • note en\n');
    expect(out.stdout).toContain('psindiv      2 cases: 1 passed, 1 failed, 0 error, 0 skipped, 0 not applicable');
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

  it('redraws a progress line on stderr when live, and clears it at the end', async () => {
    const { out, reporter } = capture(true);
    await reporter.onCaseEnd?.(passed);
    await reporter.onCaseEnd?.(failed);
    expect(out.stderr).toBe('\r\u001b[2K[1/2] 1✓ 0✗ PS-4.3-SEARCH\r\u001b[2K[2/2] 1✓ 1✗ PS-4.3-DATES');
    await reporter.onCaseEnd?.(notApplicable);
    expect(out.stderr.endsWith('[3/2] 1✓ 1✗ 1○ PS-NA')).toBe(true);
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
      '✓ passed  PS-4.3-SEARCH  Search (1 ms)',
      '◐ passed with reserves  PS-RES  Title (1 ms)',
      '    reserve: value set TRE-R04 not checked',
      '    reserve: invariant sas-1 not evaluated',
      '✗ failed  PS-4.3-DATES  Title (1 ms)',
      '! error  PS-ERR  Title (1 ms)',
      '- skipped  PS-SKIP  Title (1 ms)',
      '    reason: official validator missing',
      '○ not applicable  PS-NA  Title (1 ms)',
      '    reason: no practitioner with two places in the dataset',
      '',
    ]);
    const fr = capture(false, 0, 'fr');
    for (const c of all) await fr.reporter.onCaseEnd?.(c);
    for (const w of [
      '✓ réussi ',
      '◐ réussi avec réserves ',
      '✗ échec ',
      '! erreur ',
      '- non exécuté ',
      '○ non applicable ',
      '    motif: aucun PS à deux lieux dans le JDD',
    ]) {
      expect(fr.out.stdout).toContain(w);
    }
  });

  it('sums up: counts of each verdict, overall verdict, mode, blocking cases, reserves grouped by kind', async () => {
    const { out, reporter } = capture(false);
    await reporter.onRunEnd(runOf(all, { overall: 'unfavorable', reserves }));
    const s = out.stdout.slice(out.stdout.indexOf('Summary'));
    expect(s).toContain('psindiv      6 cases: 2 passed (with reserves: 1), 1 failed, 1 error, 1 skipped, 1 not applicable');
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
    expect(fr.out.stdout).toContain('Avis: FAVORABLE AVEC RÉSERVES — 2/3 réussi — mode strict (toute réserve fait échouer)');
    expect(fr.out.stdout).toContain('éléments non vérifiés (1):');
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
      expect(line.startsWith(ESC)).toBe(true);
      return line.slice(0, line.indexOf('m') + 1); // the opening colour code of the symbol and word
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
