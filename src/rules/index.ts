/**
 * Entry point of the SAS business rules: runs every rule of the use case on a search Bundle.
 * Never throws: a non-object gives no finding, a non-Bundle only SAS-BDL-001, and a rule that
 * crashes gives one error finding marked `internalError` (the case is `error`, never passed)
 * instead of stopping the others.
 */
import type { Finding } from '../core/findings.js';
import { asObj, buildGraph } from './graph.js';
import { internalError } from './kit.js';
import { RULES, ruleById } from './registry.js';
import type { Rule, RuleContext } from './types.js';

export { RULES, ruleById };
export type { Rule, RuleContext };

function applyOverride(rule: Rule, findings: Finding[], ctx: RuleContext): Finding[] {
  const o = ctx.severityOverrides?.[rule.id];
  if (o === undefined) return findings;
  if (o === 'off') return findings.filter((f) => f.internalError);
  return findings.map((f) => (f.severity === rule.severity && !f.notChecked && !f.internalError ? { ...f, severity: o } : f));
}

function runOne(rule: Rule, bundle: Record<string, unknown>, ctx: RuleContext): Finding[] {
  try {
    return rule.check(bundle, ctx);
  } catch (err) {
    return [internalError(rule, err)];
  }
}

export function runRules(bundle: unknown, ctx: RuleContext): Finding[] {
  const b = asObj(bundle);
  if (!b) return [];
  const rules = RULES.filter((r) => r.useCases.includes(ctx.useCase));
  if (b.resourceType !== 'Bundle') {
    const first = ruleById('SAS-BDL-001');
    return first ? applyOverride(first, runOne(first, b, ctx), ctx) : [];
  }
  const shared: RuleContext = { ...ctx, graph: buildGraph(b) };
  return rules.flatMap((r) => applyOverride(r, runOne(r, b, shared), shared));
}
