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
    return first ? runOne(first, b, ctx) : [];
  }
  const shared: RuleContext = { ...ctx, graph: buildGraph(b) };
  return rules.flatMap((r) => runOne(r, b, shared));
}
