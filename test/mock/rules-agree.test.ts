/**
 * The reference editor and sas-recette's SAS rules agree: a correct answer raises no rule error, and
 * each content defect raises (at least) one of the SAS rules its catalogue entry names.
 */
import { describe, expect, it } from 'vitest';
import { isBlocking, type Finding } from '../../src/core/findings.js';
import { DEFECTS, type DefectName } from '../../src/mock/defects.js';
import { runRules } from '../../src/rules/index.js';
import type { UseCase } from '../../src/core/model.js';
import { parseSearch } from '../../src/sas/search.js';
import { answer, CPTS_JDD, NOW, PS_JDD, psByTag, query, SOS_JDD } from './helpers.js';

const requests: Record<UseCase, () => string> = {
  psindiv: () =>
    query(
      'psindiv',
      ['one-place', 'two-places', 'all-types', 'minimal'].map((t) => psByTag(PS_JDD, t).idnps),
    ),
  cpts: () =>
    query(
      'cpts',
      ['cpts-two-cpts', 'cpts-shared-slot', 'cpts-one-cpts', 'cpts-both'].map((t) => psByTag(CPTS_JDD, t).idnps),
    ),
  sos: () =>
    query(
      'sos',
      SOS_JDD.sos.map((s) => s.siret),
    ),
};

function rulesOn(useCase: UseCase, defects: DefectName[] = []): Finding[] {
  const q = requests[useCase]();
  return runRules(answer(q, defects).body, { useCase, now: NOW, search: parseSearch(q) });
}

const show = (f: Finding) => `${f.ruleId} ${f.location}: ${f.message.en}`;

describe('SAS rules on the reference editor', () => {
  it.each(['psindiv', 'cpts', 'sos'] as UseCase[])('%s: a correct answer has no rule error', (useCase) => {
    expect(rulesOn(useCase).filter(isBlocking).map(show)).toEqual([]);
  });

  const ruleDefects = DEFECTS.filter((d) => d.layer === 'content' && d.rules.some((r) => r.startsWith('SAS-')));
  it.each(ruleDefects.map((d) => [d.name, d] as const))('%s raises one of the rules it names', (_name, defect) => {
    const named = defect.rules.filter((r) => r.startsWith('SAS-'));
    const useCase: UseCase = defect.name === 'cpts-after-48h' ? 'cpts' : 'psindiv';
    const raised = rulesOn(useCase, [defect.name])
      .filter((f) => !f.notChecked && f.severity !== 'information')
      .map((f) => f.ruleId);
    expect(
      raised.filter((id) => named.includes(id)),
      `raised: ${[...new Set(raised)].join(', ')}`,
    ).not.toEqual([]);
  });
});
