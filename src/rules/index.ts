/**
 * Entry point of the SAS business rules: runs every rule of the use case on a search Bundle.
 * Never throws: a non-object gives no finding, a non-Bundle only SAS-BDL-001, and a rule that
 * crashes on odd input gives one "not checked" finding instead of stopping the others.
 */
import type { Finding } from '../core/findings.js';
import { asObj, buildGraph } from './graph.js';
import { notChecked, notCheckedBecause } from './kit.js';
import { RULES, ruleById } from './registry.js';
import type { Rule, RuleContext } from './types.js';

export { RULES, ruleById };
export type { Rule, RuleContext };

function applyOverride(rule: Rule, findings: Finding[], ctx: RuleContext): Finding[] {
  const o = ctx.severityOverrides?.[rule.id];
  if (o === undefined) return findings;
  if (o === 'off') return [];
  return findings.map((f) => (f.severity === rule.severity && !f.notChecked ? { ...f, severity: o } : f));
}

function runOne(rule: Rule, bundle: Record<string, unknown>, ctx: RuleContext): Finding[] {
  if (rule.needsSearch && !ctx.search) return [notChecked(rule)];
  try {
    return rule.check(bundle, ctx);
  } catch (err) {
    return [
      notCheckedBecause(rule, {
        fr: `Règle non évaluée (erreur interne : ${(err as Error)?.message ?? String(err)}).`,
        en: `Rule not evaluated (internal error: ${(err as Error)?.message ?? String(err)}).`,
      }),
    ];
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
