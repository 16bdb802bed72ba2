/**
 * A French run reads as French: a non-breaking space before every ":" the console writes, plurals that
 * agree (0 and 1 singular), and no English word or bilingual line. The English run keeps English rules.
 */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import type { CaseResult, Reserve, RunResult } from '../../src/core/model.js';
import { consoleReporter } from '../../src/report/console.js';
import { colon } from '../../src/core/typography.js';
import { count } from '../../src/report/console-words.js';
import { makeResult } from '../run/fixtures.js';
import { summarise } from './fixtures/run-result.js';

const cases: CaseResult[] = [
  makeResult({ id: 'PS-A' }),
  makeResult({ id: 'PS-B', reserves: [{ fr: 'jeu de valeurs non vérifié', en: 'value set not checked' }] }),
  makeResult({
    id: 'PS-C',
    verdict: 'failed',
    findings: [finding('error', 'SAS-WIN-002', 'rule', 'Bundle.entry[3].resource.start', { fr: 'hors fenêtre', en: 'outside the window' })],
  }),
  makeResult({ id: 'PS-D', verdict: 'error', severity: 'minor', reason: { fr: 'règle en défaut', en: 'rule threw' } }),
  makeResult({ id: 'PS-E', verdict: 'error', severity: 'minor', reason: { fr: 'règle en défaut', en: 'rule threw' } }),
  makeResult({ id: 'PS-F', verdict: 'skipped', reason: { fr: 'validateur absent', en: 'validator missing' } }),
  makeResult({ id: 'PS-G', verdict: 'not-applicable', reason: { fr: 'aucun PS à deux lieux', en: 'no PS with two places' } }),
  makeResult({ id: 'PS-H', verdict: 'not-applicable', reason: { fr: 'aucun PS à deux lieux', en: 'no PS with two places' } }),
];
const reserves: Reserve[] = [
  { kind: 'failed-minor', ref: 'PS-D', cases: ['PS-D'], message: { fr: 'cas mineur en erreur', en: 'minor case in error' } },
  { kind: 'not-applicable', ref: 'PS-G', cases: ['PS-G'], message: { fr: 'aucun PS à deux lieux', en: 'no PS with two places' } },
  { kind: 'not-applicable', ref: 'PS-H', cases: ['PS-H'], message: { fr: 'aucun PS à deux lieux', en: 'no PS with two places' } },
  { kind: 'untested-requirement', ref: 'agg-psindiv@34', message: { fr: 'aucun cas jugé', en: 'no judged case' } },
];

async function consoleOf(lang: 'fr' | 'en'): Promise<string> {
  let out = '';
  const reporter = consoleReporter({
    stdout: (s) => void (out += s),
    stderr: () => undefined,
    color: new Chalk({ level: 0 }),
    lang,
    live: false,
    total: cases.length,
  });
  for (const c of cases) await reporter.onCaseEnd?.(c);
  const summary = summarise(cases, 'unfavorable', [], { reserves });
  const official = { jar: 'validator_cli.jar', version: '6.3.0', disagreements: 2, gates: false };
  await reporter.onRunEnd({ cases, summary, setupNotes: [{ fr: 'note', en: 'note' }], official } as unknown as RunResult);
  return out;
}

describe('the console in French', () => {
  it('puts a non-breaking space before every colon it writes', async () => {
    const out = await consoleOf('fr');
    for (const label of [
      'Avis',
      'Réserves',
      'motif',
      'réserve',
      '8 cas',
      'Validateur officiel HL7',
      'Non-conformités bloquantes (1)',
      'non applicables (2)',
    ]) {
      expect(out).toContain(`${label}\u00a0:`);
    }
    expect(out.match(/[^\u00a0]:/g)).toBeNull(); // no other colon: none glued, none after a breaking space
  });

  it('makes plurals agree, 0 and 1 in the singular', async () => {
    const out = await consoleOf('fr');
    expect(out).toContain('8 cas\u00a0: 2 réussis (dont 1 avec réserves), 1 en échec, 2 erreurs, 1 non exécuté, 2 non applicables');
    expect(out).toContain('Avis\u00a0: DÉFAVORABLE — 2/8 réussis — mode standard');
    expect(out).toContain('2 désaccords avec sas-recette');
    expect([0, 1, 2].map((n) => count(n, 'fr', 'réussi', 'réussis'))).toEqual(['0 réussi', '1 réussi', '2 réussis']);
    expect([0, 1, 2].map((n) => count(n, 'en', 'error', 'errors'))).toEqual(['0 errors', '1 error', '2 errors']);
  });

  it('says one thing in one language: no English word, no bilingual line', async () => {
    const out = await consoleOf('fr');
    for (const english of [/\bpassed\b/, /\bfailed\b/, /\bcases?\b/, /\bReports?\b/, /\bSummary\b/, / \/ /])
      expect(out).not.toMatch(english);
    const en = await consoleOf('en');
    expect(en).toContain('8 cases: 2 passed (1 with reserves), 1 failed, 2 errors, 1 skipped, 2 not applicable');
    expect(en).not.toContain('\u00a0');
    expect(en).not.toMatch(/réussi|échec|Bilan/);
    expect(colon('en')).toBe(':');
  });

  it('says reserves of one message once, with the cases they come from', async () => {
    const out = await consoleOf('fr');
    expect(out).toContain('    cas obligatoires non applicables (2)\u00a0:\n      PS-G, PS-H — aucun PS à deux lieux\n');
    expect(out).toContain('    cas mineurs en échec ou en erreur (1)\u00a0:\n      PS-D — détail dans les échecs par cause ci-dessus\n');
  });
});
