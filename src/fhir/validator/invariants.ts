/**
 * Invariants (`constraint[].expression`): native for the hot base ones (by key, native-invariants.ts)
 * and for those SAS answers commonly meet (by exact expression, native-expressions.ts), the `fhirpath`
 * library with its R4 model for the others (loaded on first use, compiled once per index, evaluated
 * with the type name as base). An expression the library rejects, or stops on a known unsupported
 * feature, gives one "not checked" information per key (a reserve). An invariant whose evaluation
 * throws for any other reason is an internal error of sas-recette (severity error, `internalError`):
 * never a pass.
 */
import { finding } from '../../core/findings.js';
import { isObject, noteOnce, report, type Scope } from './context.js';
import { msg } from './messages.js';
import type { ElementNode } from './model.js';
import { NATIVE_INVARIANTS } from './native-invariants.js';

/**
 * Native even in `fhirpath` mode: what the library evaluates wrongly on R4 (dom-3 `as()` on
 * collections, txt-1/2 `htmlChecks()`, ele-1 on a bare primitive value) and dom-6, whose native
 * version also encodes a policy (a contained resource needs no narrative of its own).
 */
const ALWAYS_NATIVE = new Set(['dom-3', 'dom-6', 'txt-1', 'txt-2']);

function useNative(scope: Scope, key: string, value: unknown): boolean {
  if (!scope.ctx.fhirpathInvariants || ALWAYS_NATIVE.has(key)) return true;
  return key === 'ele-1' && (typeof value !== 'object' || value === null);
}

export function checkConstraints(scope: Scope, node: ElementNode, value: unknown, ext: unknown, location: string, base: string): void {
  const constraints = node.constraints;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i];
    scope.ctx.stats.invariantsEvaluated++;
    const native = useNative(scope, c.key, value) ? NATIVE_INVARIANTS[c.key] : undefined;
    let pass: boolean;
    if (native) {
      try {
        pass = native(value, ext, scope);
      } catch (err) {
        internalError(scope, c.key, location, err);
        continue;
      }
    } else {
      if (!c.expression || value === undefined || value === null) continue;
      const decided = scope.ctx.fhirpathInvariants ? undefined : nativeDecision(scope, base, c.expression, value);
      const evaluated = decided ?? evaluate(scope, base, c.expression, value);
      if (evaluated === 'unsupported') {
        noteOnce(scope, `invariant:${c.key}`, c.key, location, msg.invariantNotEvaluated(c.key, c.expression));
        continue;
      }
      if (typeof evaluated !== 'boolean') {
        const why = evaluated.crashed instanceof Error ? evaluated.crashed.message : '';
        // The FHIRPath library stops on data of the wrong type (a number where a string is expected): the
        // input is at fault, not the engine — the element's type error is a finding of its own.
        if (INVALID_DATA.test(why)) noteOnce(scope, `invariant-data:${c.key}`, c.key, location, msg.invariantOnInvalidData(c.key, why));
        else internalError(scope, c.key, location, evaluated.crashed);
        continue;
      }
      pass = evaluated;
    }
    if (!pass) report(scope, c.severity, c.key, location, msg.invariant(c.key, c.human));
  }
}

/** The native version's verdict, when there is one and it decides this shape of value. */
function nativeDecision(scope: Scope, base: string, expression: string, value: unknown): boolean | undefined {
  if (!isObject(value)) return undefined;
  return scope.ctx.engine.native(base, expression)?.(value);
}

/** What the FHIRPath library says when the data an expression reads has the wrong type. */
export const INVALID_DATA = /^Expected (a |an )?\w+,? but got/i;

/** What the FHIRPath library says when it meets a feature it does not implement. */
export const KNOWN_UNSUPPORTED = /not (yet )?implemented|not supported|unsupported|terminology|memberOf|conformsTo|resolve\(\)/i;

/**
 * true/false; 'unsupported' when the library rejects the expression or stops on a known unsupported
 * feature; `{ crashed }` when the evaluation throws for another reason.
 */
export function evaluate(scope: Scope, base: string, expression: string, value: unknown): boolean | 'unsupported' | { crashed: unknown } {
  const compiled = scope.ctx.engine.expression(base, expression);
  if (compiled instanceof Error) return 'unsupported';
  try {
    const result = compiled(value, { resource: scope.resource, rootResource: scope.root });
    // FHIRPath: an empty result is not a failure; a constraint fails on `false`.
    return !(result.length === 1 && result[0] === false);
  } catch (err) {
    return err instanceof Error && KNOWN_UNSUPPORTED.test(err.message) ? 'unsupported' : { crashed: err };
  }
}

/** The finding of an invariant whose evaluation threw: the case is `error`, never passed. */
function internalError(scope: Scope, key: string, location: string, err: unknown): void {
  const why = err instanceof Error ? err.message : String(err);
  scope.sink.findings.push(
    finding(
      'error',
      key,
      'structure',
      location,
      {
        fr: `Erreur interne de sas-recette en évaluant la contrainte ${key} : ${why}. Elle n'a pas été vérifiée ; signaler l'anomalie.`,
        en: `sas-recette internal error while evaluating constraint ${key}: ${why}. It was not checked; please report the defect.`,
      },
      { internalError: true, ...(scope.ref ? { resource: scope.ref } : {}) },
    ),
  );
}
