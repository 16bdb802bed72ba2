/**
 * How a rule is declared: `defineRule` owns the skeleton every rule repeats (the Bundle's graph, the
 * loop over the nodes it checks, the list of findings, the "search missing" guard), so a rule says
 * only what it checks; and the helpers that build findings the same way: source 'rule', the rule
 * id, its requirement ids, FR/EN messages that name the resource and the path.
 */
import { finding, type Finding, type Message, type Severity } from '../core/findings.js';
import type { UseCase } from '../core/model.js';
import { buildGraph, searchedSlots, type BundleGraph, type Node } from './graph.js';
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
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `"${s.length > 80 ? `${s.slice(0, 77)}…` : s}"`;
}

/**
 * Binds `check` to its rule so `this` (the rule's id, requirements, severity) survives destructuring;
 * a rule that needs the search gives its one "not checked" finding when the search is unknown.
 */
export function rule(def: Rule): Rule {
  const bound: Rule = {
    ...def,
    check: (bundle, ctx) => (def.needsSearch && !ctx.search ? [notChecked(bound)] : def.check.call(bound, bundle, ctx)),
  };
  return bound;
}

/** The Slots the search returned (its matches), for `each`. */
export const SEARCHED_SLOTS: NodeSelector = (g, ctx) => searchedSlots(g, ctx.useCase);

/**
 * A rule from what it checks: with `each` (a resource type of the Bundle, or a selection such as
 * SEARCHED_SLOTS), `check(node, scope)` runs once per node, in order; without, `check(scope)` once
 * for the Bundle. Either records its findings with `scope.report`.
 */
export function defineRule(def: EachNodeRule | BundleRule): Rule {
  const { check, each, ...meta } = def;
  return rule({
    ...meta,
    check(bundle, ctx) {
      const out: Finding[] = [];
      const scope: RuleScope = {
        bundle,
        ctx,
        g: graphOf(bundle, ctx),
        report: (location, node, message, severity, requirements) =>
          void out.push(report(this, location, node, message, severity, requirements)),
        notChecked: () => void out.push(notChecked(this)),
      };
      if (each === undefined) (check as BundleRule['check'])(scope);
      else {
        const nodes = typeof each === 'string' ? scope.g.ofType(each) : each(scope.g, ctx);
        for (const node of nodes) (check as EachNodeRule['check'])(node, scope);
      }
      return out;
    },
  });
}

/** Records one finding of the rule: at `location`, about `node`, at the rule's severity unless given. */
export type Reporter = (
  location: string,
  node: Node | undefined,
  message: Message,
  severity?: Severity,
  requirements?: readonly string[],
) => void;

/** What a rule declared with `defineRule` checks with. */
export interface RuleScope {
  bundle: Record<string, unknown>;
  ctx: RuleContext;
  /** The Bundle's graph, shared by the rules of a run. */
  g: BundleGraph;
  report: Reporter;
  /** Records the rule's one "not checked" finding (the search lacks what the rule needs). */
  notChecked: () => void;
}

/** The nodes a rule checks one by one: the entries of a resource type, or a selection. */
export type NodeSelector = string | ((g: BundleGraph, ctx: RuleContext) => Node[]);

type RuleMeta = Omit<Rule, 'check'>;

export interface EachNodeRule extends RuleMeta {
  each: NodeSelector;
  check: (node: Node, scope: RuleScope) => void;
}

export interface BundleRule extends RuleMeta {
  each?: undefined;
  check: (scope: RuleScope) => void;
}
