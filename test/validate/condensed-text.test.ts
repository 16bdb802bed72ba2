/**
 * `validate` text output with many repeated findings: a warning or information repeated more than 3
 * times for one rule (dom-6, once per resource) shows its first 3 lines and a count; `--all` lists
 * everything; errors are never condensed; JSON output is always complete.
 */
import { Chalk } from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCptsBundle } from '../../bench/cpts-bundle.mjs';
import { finding, type Finding } from '../../src/core/findings.js';
import { formatText } from '../../src/report/validation/text.js';
import { buildReport } from '../../src/validate/validation-report.js';
import { NOW, runCli, tempDir, type TempDir } from './helpers.js';

const plain = new Chalk({ level: 0 });

const dom6 = (i: number, severity: Finding['severity'] = 'warning'): Finding =>
  finding(
    severity,
    'dom-6',
    'structure',
    `Bundle.entry[${i}].resource`,
    { fr: 'Contrainte dom-6 non respectée', en: 'Constraint dom-6 failed' },
    { resource: `Slot/s${i}` },
  );

function report(findings: Finding[]) {
  return buildReport({
    input: 'rep.json',
    ig: 'ans.fhir.fr.sas#1.2.0',
    profile: null,
    useCase: 'cpts',
    useCaseFrom: 'meta.profile',
    rootLabel: 'Bundle/b1',
    notes: [],
    findings,
  });
}

const noisy = (): Finding[] => [
  ...Array.from({ length: 500 }, (_, i) => dom6(i)),
  ...Array.from({ length: 5 }, (_, i) =>
    finding(
      'error',
      'SAS-TEL-001',
      'rule',
      `Bundle.entry[${600 + i}].resource.telecom[0].value`,
      { fr: `tél ${i}`, en: `phone ${i}` },
      { resource: `Practitioner/p${i}` },
    ),
  ),
  ...Array.from({ length: 3 }, (_, i) =>
    finding('information', 'three-times', 'structure', `Bundle.entry[${700 + i}].resource`, { fr: 'trois', en: 'three' }),
  ),
  ...Array.from({ length: 4 }, (_, i) =>
    finding('information', 'four-times', 'structure', `Bundle.entry[${800 + i}].resource`, { fr: 'quatre', en: 'four' }),
  ),
];

const lines = (out: string, re: RegExp): string[] => out.split('\n').filter((l) => re.test(l));

describe('formatText: repeated findings', () => {
  const fr = formatText(report(noisy()), { lang: 'fr', color: plain });

  it('shows the first 3 lines of a warning repeated more than 3 times, then counts the others', () => {
    const shown = lines(fr, / dom-6 {2}/);
    expect(shown).toHaveLength(3);
    expect(shown.map((l) => /Bundle\.entry\[(\d+)\]/.exec(l)?.[1])).toEqual(['0', '1', '2']);
    expect(fr).toContain('\n… dom-6 : 497 autres occurrences (--all pour tout afficher)\n');
    expect(fr).not.toContain('Slot/s3\n'); // groups left empty disappear
    expect(fr).toContain('… four-times : 1 autre occurrence (--all pour tout afficher)');
    const en = formatText(report(noisy()), { lang: 'en', color: plain });
    expect(en).toContain('… dom-6: 497 more occurrences (--all to list them all)');
  });

  it('lists every error and a rule that comes exactly 3 times', () => {
    expect(lines(fr, /^ {2}erreur +SAS-TEL-001 /)).toHaveLength(5);
    expect(lines(fr, / three-times /)).toHaveLength(3);
    expect(fr).not.toContain('… three-times');
    expect(fr).not.toContain('… SAS-TEL-001');
  });

  it('keeps the full counts in the summary line', () => {
    expect(fr.trimEnd().split('\n').at(-1)).toBe('✗ NON CONFORME — 5 erreurs, 500 avertissements, 7 informations');
  });

  it('with all, lists everything and counts nothing', () => {
    const all = formatText(report(noisy()), { lang: 'fr', color: plain, all: true });
    expect(lines(all, / dom-6 {2}/)).toHaveLength(500);
    expect(lines(all, / four-times /)).toHaveLength(4);
    expect(all).not.toContain('…');
  });

  it('names the severity when one rule id is condensed under two severities', () => {
    const both = [...Array.from({ length: 5 }, (_, i) => dom6(i)), ...Array.from({ length: 6 }, (_, i) => dom6(100 + i, 'information'))];
    const out = formatText(report(both), { lang: 'fr', color: plain });
    expect(out).toContain('… dom-6 (avertissement) : 2 autres occurrences');
    expect(out).toContain('… dom-6 (info) : 3 autres occurrences');
  });
});

describe('sas-recette validate on a 500-slot answer', () => {
  let tmp: TempDir;
  let file: string;
  beforeAll(() => {
    tmp = tempDir();
    file = tmp.file('b500.json', JSON.stringify(generateCptsBundle({ slots: 500, now: new Date(NOW) }).bundle));
  });
  afterAll(() => tmp.remove());

  it('prints 3 dom-6 lines and the count by default, every one with --all; JSON is complete either way', async () => {
    const json = await runCli(['validate', file, '--now', NOW, '--format', 'json']);
    const issues = (JSON.parse(json.stdout) as { issues: { ruleId: string }[] }).issues;
    const total = issues.filter((i) => i.ruleId === 'dom-6').length;
    expect(total).toBeGreaterThan(500);

    const text = await runCli(['validate', file, '--now', NOW]);
    expect(text.code).toBe(0);
    expect(lines(text.stdout, / dom-6 {2}/)).toHaveLength(3);
    expect(text.stdout).toContain(`… dom-6 : ${total - 3} autres occurrences (--all pour tout afficher)`);
    expect(text.stdout.split('\n').length).toBeLessThan(60);

    const all = await runCli(['validate', file, '--now', NOW, '--all']);
    expect(all.code).toBe(0);
    expect(lines(all.stdout, / dom-6 {2}/)).toHaveLength(total);
    expect(all.stdout).not.toContain('--all pour tout afficher');

    const jsonAll = await runCli(['validate', file, '--now', NOW, '--format', 'json', '--all']);
    expect((JSON.parse(jsonAll.stdout) as { issues: unknown[] }).issues).toEqual(issues);
  });
});
