/**
 * The severity table, enforced: every SAS rule's severity follows the strongest requirement it
 * cites (SHALL → error, SHOULD → warning, MAY / good practice → never blocking), and every finding
 * the rules emit on the failing fixtures and on the IG's own examples follows the requirements the
 * finding cites — unless the catalogue records a waiver for that rule and severity. Every waiver
 * must be used by some fixture (a dead waiver is a defect). The error-contract checks follow the same
 * table.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import { readTgzJson } from '../../src/fhir/packages/read-tgz.js';
import type { SentExchange } from '../../src/http/types.js';
import { loadCatalogue } from '../../src/requirements/load-requirements.js';
import { allowedSeverities, tableSeverity, waiversFor } from '../../src/requirements/strength.js';
import { RULES, ruleById, runRules } from '../../src/rules/index.js';
import type { UseCase } from '../../src/core/model.js';
import { parseSearch } from '../../src/sas/search.js';
import { ERROR_PROBES, judgeProbe } from '../../src/transport/error-contract.js';
import { CASES } from '../rules/cases.js';
import { BUILD, ctxFor } from '../rules/fixtures.js';

const { requirements, waivers } = loadCatalogue();
const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? resolve(__dirname, '../../../shared/fhir-packages');

/** Findings that break the table (not-checked and internal-error findings are out of it). */
function offTable(findings: Finding[], useCase: UseCase): string[] {
  return findings
    .filter((f) => !f.notChecked && !f.internalError)
    .filter((f) => !allowedSeverities(f.ruleId, f.requirements ?? [], requirements, waivers, useCase).includes(f.severity as 'error'))
    .map(
      (f) =>
        `${f.ruleId} ${f.severity} [${(f.requirements ?? []).join(', ')}] table=${tableSeverity(f.requirements ?? [], requirements)} at ${f.location}`,
    );
}

/** Waivers a list of findings uses: severity off the table, equal to a waiver of the rule. */
function usedWaivers(findings: Finding[], useCase: UseCase): Set<string> {
  const used = new Set<string>();
  for (const f of findings) {
    if (f.notChecked || f.internalError || f.severity === tableSeverity(f.requirements ?? [], requirements)) continue;
    for (const w of waiversFor(f.ruleId, waivers, useCase)) if (w.severity === f.severity) used.add(`${w.rule}:${w.severity}`);
  }
  return used;
}

describe('the catalogue', () => {
  it('gives every requirement a strength and a source, and never makes good practice a SHALL', () => {
    for (const r of requirements) {
      expect(['SHALL', 'SHOULD', 'MAY'], r.id).toContain(r.strength);
      expect(r.source.ref.length, r.id).toBeGreaterThan(2);
      if (r.source.kind === 'good-practice') expect(r.strength, r.id).not.toBe('SHALL');
    }
  });

  it('records waivers only for registered rules or error-contract checks, each a real departure', () => {
    for (const w of waivers) {
      const rule = ruleById(w.rule);
      expect(rule !== undefined || /^SAS-ERR-00\d$/.test(w.rule), w.rule).toBe(true);
      if (rule)
        expect(w.severity, `${w.rule}: a waiver to the table's own severity is no waiver`).not.toBe(
          tableSeverity(rule.requirements, requirements),
        );
      expect(w.reason.length).toBeGreaterThan(10);
    }
  });
});

describe('every rule in the registry', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s: severity follows its strongest requirement', (_id, rule) => {
    const table = tableSeverity(rule.requirements, requirements);
    expect(table, `${rule.id} cites no catalogued requirement`).toBeDefined();
    // A rule may take another default severity only through a waiver covering every use case it serves.
    const whole = waiversFor(rule.id, waivers).filter((w) => !w.useCases || rule.useCases.every((u) => w.useCases?.includes(u)));
    const allowed = [table, ...whole.map((w) => w.severity)];
    expect(allowed, `${rule.id} cites ${rule.requirements.join(', ')}`).toContain(rule.severity);
  });
});

const used = new Set<string>();

describe('the findings the rules emit', () => {
  it('follow the table on the conformant and failing fixtures', () => {
    const problems: string[] = [];
    for (const uc of ['psindiv', 'cpts', 'sos'] as const) problems.push(...offTable(runRules(BUILD[uc](), ctxFor(uc)), uc));
    for (const c of CASES) {
      const b = BUILD[c.uc]();
      c.mutate(b);
      const fs = runRules(b, ctxFor(c.uc));
      problems.push(...offTable(fs, c.uc).map((p) => `${c.rule} "${c.name}": ${p}`));
      for (const u of usedWaivers(fs, c.uc)) used.add(u);
    }
    expect(problems).toEqual([]);
  });

  it.each([
    ['ExampleBundleCPTS1', 'cpts'],
    ['ExampleBundleCPTS2', 'cpts'],
    ['ExampleBundleAgregateurSOS', 'sos'],
    ['ExampleBundlePSIndiv', 'psindiv'],
  ] as const)('follow the table on the IG example %s (read from the package)', async (name, uc) => {
    const bundle = (await readTgzJson(resolve(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz'), `package/example/Bundle-${name}.json`)) as {
      link: { url: string }[];
    };
    const search = parseSearch(bundle.link[0].url);
    const fs = runRules(bundle, { useCase: uc, now: new Date(search.ge!.epochMs), search });
    expect(offTable(fs, uc)).toEqual([]);
    for (const u of usedWaivers(fs, uc)) used.add(u);
  });
});

describe('the error-contract checks', () => {
  const OO = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] };
  const answer = (status: number, body: unknown): SentExchange => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return {
      exchange: {
        id: 'x',
        request: { method: 'GET', url: 'u', headers: {} },
        outcome: 'ok',
        startedAt: '2026-01-01T00:00:00.000Z',
        timings: { totalMs: 1 },
        response: {
          status,
          headers: { 'content-type': 'application/fhir+json' },
          body: text,
          bodyBytes: text.length,
          truncated: false,
          sha256: '',
        },
      },
      fullBody: text,
    };
  };
  const answers = [
    answer(200, {
      resourceType: 'Bundle',
      type: 'searchset',
      total: 2,
      entry: [{ resource: { resourceType: 'Slot' }, search: { mode: 'match' } }],
    }),
    answer(200, { resourceType: 'Bundle', type: 'searchset' }),
    answer(400, OO),
    answer(500, OO),
    answer(502, '<html>gateway</html>'),
    answer(404, OO),
  ];

  it('report problems at the severity of the requirements they cite (notes are information)', () => {
    const problems: string[] = [];
    for (const probe of ERROR_PROBES) {
      for (const a of answers) {
        const fs = judgeProbe(probe, a);
        for (const f of fs) {
          if (f.severity === 'information') continue; // a pass note
          const table = tableSeverity(f.requirements ?? [], requirements);
          if (!allowedSeverities(f.ruleId, f.requirements ?? [], requirements, waivers).includes(f.severity as 'error')) {
            problems.push(
              `${probe} HTTP ${a.exchange.response?.status}: ${f.ruleId} ${f.severity} [${f.requirements?.join(', ')}] table=${table}`,
            );
          }
        }
        for (const u of usedWaivers(fs, 'psindiv')) used.add(u);
      }
    }
    expect(problems).toEqual([]);
  });

  it('never block on what the IG allows: a 5xx with an OperationOutcome is not an error', () => {
    for (const probe of ERROR_PROBES.filter((p) => p !== 'unknown-identifier')) {
      expect(judgeProbe(probe, answer(500, OO)).map((f) => f.severity)).toEqual(['warning']);
    }
  });
});

describe('the waivers', () => {
  it('are each used by some fixture above (no dead waiver)', () => {
    expect(waivers.map((w) => `${w.rule}:${w.severity}`).filter((k) => !used.has(k))).toEqual([]);
  });
});
