/**
 * The severity table: a check verifying a SHALL reports an error, a SHOULD a warning, a MAY an
 * information; a good-practice requirement (no written source) is never blocking. A departure is
 * allowed only when the catalogue records it as a waiver (rule, severity, reason). Pure.
 */
import type { UseCase } from '../core/model.js';
import type { Requirement, Strength, Waiver } from './load-requirements.js';

export type TableSeverity = 'error' | 'warning' | 'information';

const BY_STRENGTH: Record<Strength, TableSeverity> = { SHALL: 'error', SHOULD: 'warning', MAY: 'information' };
const RANK: Record<Strength, number> = { SHALL: 0, SHOULD: 1, MAY: 2 };

/** The strongest strength among the cited requirements that the catalogue knows (undefined if none). */
export function strongestStrength(ids: readonly string[], catalogue: readonly Requirement[]): Strength | undefined {
  let best: Strength | undefined;
  for (const id of ids) {
    const r = catalogue.find((x) => x.id === id);
    if (!r) continue;
    const s: Strength = r.source.kind === 'good-practice' && r.strength === 'SHALL' ? 'SHOULD' : r.strength;
    if (best === undefined || RANK[s] < RANK[best]) best = s;
  }
  return best;
}

/** The severity the table gives a check citing these requirements (undefined when none is known). */
export function tableSeverity(ids: readonly string[], catalogue: readonly Requirement[]): TableSeverity | undefined {
  const s = strongestStrength(ids, catalogue);
  return s === undefined ? undefined : BY_STRENGTH[s];
}

/** Waivers recorded for a rule (and use case, when given). */
export function waiversFor(ruleId: string, waivers: readonly Waiver[], useCase?: UseCase): Waiver[] {
  return waivers.filter((w) => w.rule === ruleId && (useCase === undefined || !w.useCases || w.useCases.includes(useCase)));
}

/** Severities a check may report: the table's, plus the recorded waivers of the rule. */
export function allowedSeverities(
  ruleId: string,
  requirementIds: readonly string[],
  catalogue: readonly Requirement[],
  waivers: readonly Waiver[],
  useCase?: UseCase,
): TableSeverity[] {
  const table = tableSeverity(requirementIds, catalogue);
  const out = new Set<TableSeverity>(table ? [table] : []);
  for (const w of waiversFor(ruleId, waivers, useCase)) out.add(w.severity);
  return [...out];
}
