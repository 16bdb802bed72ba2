/**
 * Small helpers every rule file uses to build findings the same way: source 'rule', the rule id,
 * its requirement ids, FR/EN messages that name the resource and the path.
 */
import { finding, type Finding, type Message, type Severity } from '../core/findings.js';
import type { UseCase } from '../core/model.js';
import { buildGraph, type BundleGraph, type Node } from './graph.js';
import type { Rule, RuleContext } from './types.js';

export const ALL: UseCase[] = ['psindiv', 'cpts', 'sos'];
export const PS_CPTS: UseCase[] = ['psindiv', 'cpts'];

export function graphOf(bundle: Record<string, unknown>, ctx: RuleContext): BundleGraph {
  return ctx.graph && ctx.graph.bundle === bundle ? ctx.graph : buildGraph(bundle);
}

/**
 * A finding of `rule` at `location`, about `node` (its `Type/id` goes into `resource`). A rule that
 * verifies requirements of different strengths passes the ones this finding is about
 * (`requirements`), so its severity follows them (the strength table, requirements/strength.ts).
 */
export function report(
  rule: Pick<Rule, 'id' | 'requirements' | 'severity'>,
  location: string,
  node: Node | undefined,
  message: Message,
  severity: Severity = rule.severity,
  requirements: readonly string[] = rule.requirements,
): Finding {
  const resource = node ? (node.container ? `${node.container.label}${node.label}` : node.label) : undefined;
  return finding(severity, rule.id, 'rule', location, message, {
    requirements: [...requirements],
    ...(resource ? { resource } : {}),
  });
}

/** An information finding, marked not checked, saying why `rule` could not judge the Bundle. */
export function notCheckedBecause(rule: Pick<Rule, 'id' | 'requirements'>, message: Message): Finding {
  return finding('information', rule.id, 'rule', 'Bundle', message, { requirements: [...rule.requirements], notChecked: true });
}

/**
 * The finding of a rule that threw: sas-recette failed, so nothing was checked and the case cannot
 * pass (severity error, `internalError`), with the internal message.
 */
export function internalError(rule: Pick<Rule, 'id' | 'requirements'>, err: unknown): Finding {
  const why = err instanceof Error ? err.message : String(err);
  return finding(
    'error',
    rule.id,
    'rule',
    'Bundle',
    {
      fr: `Erreur interne de sas-recette pendant la règle ${rule.id} : ${why}. Rien n'a été vérifié par cette règle ; signaler l'anomalie.`,
      en: `sas-recette internal error in rule ${rule.id}: ${why}. Nothing was checked by this rule; please report the defect.`,
    },
    { requirements: [...rule.requirements], internalError: true },
  );
}

/** The one finding a rule emits when the search it needs is unknown. */
export function notChecked(rule: Pick<Rule, 'id' | 'requirements' | 'title'>): Finding {
  return notCheckedBecause(rule, {
    fr: `Non vérifié : la requête de recherche est inconnue (${rule.title.fr}).`,
    en: `Not checked: the search request is unknown (${rule.title.en}).`,
  });
}

/** Quotes a value from the response for a message (shortened; reporters escape it). */
export function q(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return `"${s.length > 80 ? `${s.slice(0, 77)}…` : s}"`;
}

/** Binds `check` to its rule so `this` (the rule's id, requirements, severity) survives destructuring. */
export function rule(def: Rule): Rule {
  const bound: Rule = { ...def, check: (bundle, ctx) => def.check.call(bound, bundle, ctx) };
  return bound;
}
