/**
 * Which rules and which test cases verify each requirement; what is left untested (gaps); which
 * rules or cases cite ids the catalogue does not know. Pure: the caller loads the three inputs.
 */
import { compareRequirementIds, type Requirement } from './load-requirements.js';

export interface CoverageInput {
  requirements: Requirement[];
  rules: readonly { id: string; requirements: string[] }[];
  cases: readonly { id: string; requirements: string[] }[];
}

/** tested: ≥ 1 test case; declarative / not-testable: by nature, no case; gap: automatic and no case. */
export type CoverageStatus = 'tested' | 'declarative' | 'not-testable' | 'gap';

export interface CoverageRow {
  requirement: Requirement;
  rules: string[];
  cases: string[];
  status: CoverageStatus;
}

export interface UnknownReference {
  from: 'rule' | 'case';
  id: string;
  requirement: string;
}

export interface Coverage {
  rows: CoverageRow[];
  unknown: UnknownReference[];
  counts: Record<CoverageStatus, number> & { total: number };
}

export function computeCoverage(input: CoverageInput): Coverage {
  const known = new Set(input.requirements.map((r) => r.id));
  const byReq = (items: CoverageInput['rules'], id: string): string[] => items.filter((x) => x.requirements.includes(id)).map((x) => x.id);
  const rows = [...input.requirements]
    .sort((a, b) => compareRequirementIds(a.id, b.id))
    .map((requirement): CoverageRow => {
      const cases = byReq(input.cases, requirement.id);
      const status: CoverageStatus =
        cases.length > 0 ? 'tested' : requirement.testability === 'automatic' ? 'gap' : requirement.testability;
      return { requirement, rules: byReq(input.rules, requirement.id), cases, status };
    });
  const unknown: UnknownReference[] = [
    ...input.rules.flatMap((r) =>
      r.requirements.filter((q) => !known.has(q)).map((q) => ({ from: 'rule' as const, id: r.id, requirement: q })),
    ),
    ...input.cases.flatMap((c) =>
      c.requirements.filter((q) => !known.has(q)).map((q) => ({ from: 'case' as const, id: c.id, requirement: q })),
    ),
  ];
  const counts = { total: rows.length, tested: 0, declarative: 0, 'not-testable': 0, gap: 0 };
  for (const r of rows) counts[r.status]++;
  return { rows, unknown, counts };
}
