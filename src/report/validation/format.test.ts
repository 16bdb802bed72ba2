import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { finding } from '../../core/findings.js';
import { buildReport, orderFindings } from '../../validate/validation-report.js';
import { formatJson } from './json.js';
import { formatText } from './text.js';

const plain = new Chalk({ level: 0 });
const coloured = new Chalk({ level: 1 });

const report = (valid: boolean) =>
  buildReport({
    input: 'rep.json',
    ig: 'ans.fhir.fr.sas#1.2.0',
    profile: 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-bundle-aggregator',
    useCase: 'cpts',
    useCaseFrom: 'meta.profile',
    rootLabel: 'Bundle/b1',
    notes: [{ fr: 'Dépendance X absente', en: 'Dependency X missing' }],
    stats: { bytes: 1234, resources: 3, structureMs: 12.345 },
    findings: [
      finding(
        'warning',
        'SAS-FMT-002',
        'rule',
        'Bundle.entry[10].resource.start',
        { fr: 'format date', en: 'date format' },
        { resource: 'Slot/s10' },
      ),
      ...(valid
        ? []
        : [
            finding(
              'error',
              'Slot.status',
              'structure',
              'Bundle.entry[2].resource.status',
              { fr: 'statut « busy »', en: 'status "busy"' },
              {
                resource: 'Slot/s2',
                requirements: ['agg-psindiv@5'],
              },
            ),
          ]),
      finding(
        'information',
        'binding',
        'structure',
        'Bundle.entry[2].resource.specialty[0]',
        { fr: 'jeu inconnu', en: 'unknown value set' },
        {
          resource: 'Slot/s2',
          notChecked: true,
        },
      ),
      finding('information', 'use-case-guessed', 'setup', 'Bundle.meta.profile', { fr: 'cas déduit', en: 'guessed' }),
    ],
  });

describe('orderFindings', () => {
  it('compares indexes as numbers', () => {
    const r = report(false);
    expect(orderFindings(r.findings).map((f) => f.location)).toEqual([
      'Bundle.entry[2].resource.specialty[0]',
      'Bundle.entry[2].resource.status',
      'Bundle.entry[10].resource.start',
      'Bundle.meta.profile',
    ]);
  });
});

describe('formatText', () => {
  it('groups by resource, one line per finding, and ends with the counts', () => {
    const out = formatText(report(false), { lang: 'en', color: plain });
    const lines = out.split('\n');
    expect(lines[0]).toBe('sas-recette validate rep.json');
    expect(out).toMatch(
      /IG ans\.fhir\.fr\.sas#1\.2\.0 · profile https:\/\/\S+sas-cpts-bundle-aggregator · use case cpts \(meta\.profile\)/,
    );
    expect(out).toContain('note: Dependency X missing');
    const groups = lines.filter((l) => /^(Slot|Bundle)\//.test(l));
    expect(groups).toEqual(['Slot/s2', 'Slot/s10', 'Bundle/b1']);
    expect(out).toMatch(/^ {2}error {9}Slot\.status {2}Bundle\.entry\[2\]\.resource\.status {2}status "busy" \[agg-psindiv@5\]$/m);
    expect(out).toMatch(/unknown value set \(not checked\)/);
    expect(lines.at(-2)).toBe('✗ NOT VALID — 1 error, 1 warning, 2 information, 1 not checked');
    expect(out).not.toContain('\u001b[');
  });

  it('speaks French by default words and says CONFORME when nothing blocks', () => {
    const out = formatText(report(true), { lang: 'fr', color: plain });
    expect(out).toContain("cas d'usage cpts (meta.profile)");
    expect(out).toMatch(/avertissement +SAS-FMT-002/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('✓ CONFORME — 0 erreur, 1 avertissement, 2 informations, dont 1 non vérifié');
  });

  it('colours only when the chalk instance says so', () => {
    expect(formatText(report(false), { lang: 'en', color: coloured })).toContain('\u001b[31m');
  });

  it('neutralises control characters coming from the input', () => {
    const r = buildReport({
      ...report(true),
      findings: [
        finding('error', 'x', 'rule', 'Bundle.id', { fr: 'id \u001b[2J\r', en: 'id \u001b[2J\r' }, { resource: 'Slot/\u202eevil' }),
      ],
    });
    const out = formatText(r, { lang: 'en', color: plain });
    for (const c of ['\u001b', '\r', '\u202e']) expect(out).not.toContain(c);
    expect(out).toContain('id \\u001b[2J\\u000d');
  });
});

describe('formatJson', () => {
  it('has the documented shape, messages in the chosen language', () => {
    const json = JSON.parse(formatJson(report(false), 'en'));
    expect(Object.keys(json)).toEqual(['valid', 'ig', 'profile', 'useCase', 'useCaseFrom', 'input', 'issues', 'stats', 'notes']);
    expect(json.valid).toBe(false);
    expect(json.issues[1]).toEqual({
      severity: 'error',
      ruleId: 'Slot.status',
      location: 'Bundle.entry[2].resource.status',
      resource: 'Slot/s2',
      message: 'status "busy"',
      requirements: ['agg-psindiv@5'],
      source: 'structure',
    });
    expect(json.issues[0].notChecked).toBe(true);
    expect(json.issues[3].resource).toBeNull();
    expect(json.stats).toMatchObject({
      fatal: 0,
      error: 1,
      warning: 1,
      information: 2,
      issues: 4,
      notChecked: 1,
      bytes: 1234,
      structureMs: 12.3,
    });
    expect(json.notes).toEqual(['Dependency X missing']);
    expect(JSON.parse(formatJson(report(true), 'fr')).issues[0].message).toBe('jeu inconnu');
  });
});
