/**
 * Terminology bindings: `required` → error when the code is outside the value set, `extensible` →
 * warning; `preferred` / `example` are not checked. A value set that cannot be expanded gives one
 * "not checked" information per canonical per validation. A text-only CodeableConcept under a
 * required binding is an error even when the value set is unknown (no code at all was given).
 */
import { isObject, noteOnce, report, type Scope } from './context.js';
import { msg } from './messages.js';
import type { ElementNode } from './model.js';
import { RULE } from './rule-ids.js';
import type { Expansion } from './valuesets.js';

const CODED = new Set(['code', 'string', 'uri', 'Coding', 'CodeableConcept']);

function codingIn(exp: Expansion, coding: unknown): boolean {
  return isObject(coding) && typeof coding.code === 'string' && exp.bySystem.get(coding.system as string)?.has(coding.code) === true;
}

/** True when the value (code, Coding or CodeableConcept) has a code in the expansion. */
export function inExpansion(exp: Expansion, typeCode: string, value: unknown): boolean {
  if (typeCode === 'Coding') return codingIn(exp, value);
  if (typeCode === 'CodeableConcept') {
    return isObject(value) && Array.isArray(value.coding) && value.coding.some((c) => codingIn(exp, c));
  }
  return typeof value === 'string' && exp.codes.has(value);
}

function describe(typeCode: string, value: unknown): unknown {
  if (typeCode === 'CodeableConcept' && isObject(value) && Array.isArray(value.coding)) {
    return value.coding.map((c) => (isObject(c) ? `${c.system ?? ''}|${c.code ?? ''}` : c));
  }
  if (typeCode === 'Coding' && isObject(value)) return `${value.system ?? ''}|${value.code ?? ''}`;
  return value;
}

export function checkBinding(scope: Scope, node: ElementNode, typeCode: string, value: unknown, location: string): void {
  const binding = node.binding;
  if (!binding?.valueSet || (binding.strength !== 'required' && binding.strength !== 'extensible')) return;
  if (!CODED.has(typeCode)) return;
  const vs = binding.valueSet;
  if (typeCode === 'CodeableConcept') {
    const codings = isObject(value) && Array.isArray(value.coding) ? value.coding : [];
    if (codings.length === 0) {
      if (binding.strength === 'required' && isObject(value) && value.text !== undefined) {
        report(scope, 'error', node.id, location, msg.textOnly(vs));
      }
      return;
    }
  }
  const exp = scope.ctx.engine.valueSet(vs);
  if (!exp) {
    noteOnce(scope, `vs:${vs.split('|')[0]}`, RULE.valueSetNotChecked, location, msg.valueSetNotChecked(vs));
    return;
  }
  if (inExpansion(exp, typeCode, value)) return;
  const severity = binding.strength === 'required' ? 'error' : 'warning';
  report(scope, severity, node.id, location, msg.notInValueSet(binding.strength, vs, describe(typeCode, value)));
}
