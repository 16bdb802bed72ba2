/**
 * The element walker: JSON properties against the compiled element tree (known elements, JSON types,
 * arrays, choice types, `_x` primitive extensions, cardinality, fixed/pattern, bindings, invariants,
 * slicing, references). Recursion follows the JSON depth, which index.ts bounds before walking.
 */
import { checkBinding } from './bindings.js';
import { isObject, noteOnce, report, type JsonObject, type Scope } from './context.js';
import { checkConstraints } from './invariants.js';
import { jsonKind, msg } from './messages.js';
import type { ElementNode, TypeRef } from './model.js';
import { checkPrimitive, isPrimitiveType } from './primitives.js';
import { checkReference } from './references.js';
import { RULE } from './rule-ids.js';
import { assignSlices, checkAbsentSlices, checkSliceRules } from './slicing.js';
import { deepEqual, matchesPattern } from './values.js';

interface Present {
  /** The element's name, or its path for a choice (`value[x]`: one group whatever the type). */
  groupKey: string;
  ref: { node: ElementNode; type: TypeRef };
  jsonName: string;
  value?: unknown;
  ext?: unknown;
  hasValue: boolean;
  hasExt: boolean;
}

function unknownProperty(scope: Scope, container: ElementNode, name: string, location: string): void {
  for (const [prefix, choice] of container.choicePrefixes) {
    const suffix = name.slice(prefix.length);
    if (name.startsWith(prefix) && /^[A-Z]/.test(suffix)) {
      const allowed = choice.types.map((t) => t.code).join(', ');
      report(scope, 'error', RULE.choice, `${location}.${name}`, msg.choiceType(suffix, allowed));
      return;
    }
  }
  report(scope, 'error', RULE.unknownElement, `${location}.${name}`, msg.unknownElement(name, container.path));
}

/**
 * Walks the properties of one JSON object against the children of `container`. Indexed loops, no
 * iterator or callback: this runs for every object of the resource, and in a `validate` process mostly
 * before the JIT has compiled it, where each iteration protocol step or call costs.
 */
export function walkChildren(scope: Scope, container: ElementNode, obj: JsonObject, location: string, isResource: boolean): void {
  // a list, not a Map: it holds at most one entry per child of the definition (a few)
  const present: Present[] = [];
  const keys = Object.keys(obj);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (isResource && key === 'resourceType') continue;
    const isExt = key.charCodeAt(0) === 95;
    const name = isExt ? key.slice(1) : key;
    const ref = container.byJsonName.get(name);
    if (!ref) {
      unknownProperty(scope, container, key, location);
      continue;
    }
    const node = ref.node;
    const groupKey = node.isChoice ? node.path : node.name;
    // the search of `present`, written in line (a call per key costs, before the JIT)
    let p: Present | undefined;
    for (let j = 0; j < present.length; j++) {
      if (present[j].groupKey === groupKey) {
        p = present[j];
        break;
      }
    }
    if (p && p.jsonName !== name) {
      report(scope, 'error', RULE.choice, `${location}.${name}`, msg.choiceMultiple(`${p.jsonName}, ${name}`));
      continue;
    }
    if (!p) {
      p = { groupKey, ref, jsonName: name, value: undefined, ext: undefined, hasValue: false, hasExt: false };
      present.push(p);
    }
    if (isExt) {
      p.ext = obj[key];
      p.hasExt = true;
    } else {
      p.value = obj[key];
      p.hasValue = true;
    }
  }
  const required = container.required;
  for (let r = 0; r < required.length; r++) {
    const req = required[r];
    if (findPresent(present, req.isChoice ? req.path : req.name)) continue;
    const loc = `${location}.${req.isChoice ? req.name.slice(0, -3) : req.name}`;
    if (req.min > 0) report(scope, 'error', req.id, loc, msg.min(req.id, req.min, 0));
    checkAbsentSlices(scope, req, loc);
  }
  for (let i = 0; i < present.length; i++) walkElement(scope, present[i], location);
}

function findPresent(present: readonly Present[], groupKey: string): Present | undefined {
  for (let i = 0; i < present.length; i++) if (present[i].groupKey === groupKey) return present[i];
  return undefined;
}

function asItems(scope: Scope, v: unknown, has: boolean, loc: string): unknown[] {
  if (!has) return [];
  if (!Array.isArray(v)) {
    report(scope, 'error', RULE.array, loc, msg.expectedArray());
    return [v];
  }
  if (v.length === 0) report(scope, 'error', RULE.array, loc, msg.emptyArray());
  return v;
}

function walkElement(scope: Scope, p: Present, location: string): void {
  const { node, type } = p.ref;
  const loc = `${location}.${p.jsonName}`;
  if (!node.isArray) {
    if (Array.isArray(p.value) || Array.isArray(p.ext)) {
      report(scope, 'error', RULE.array, loc, msg.unexpectedArray());
      return;
    }
    if (node.max === 0) report(scope, 'error', node.id, loc, msg.max(node.id, 0, 1));
    walkItem(scope, node, type, p.value, p.ext, loc);
    return;
  }
  const values = asItems(scope, p.value, p.hasValue, loc);
  const exts = asItems(scope, p.ext, p.hasExt, loc);
  if (p.hasValue && p.hasExt && values.length !== exts.length) {
    report(scope, 'error', RULE.array, loc, msg.misalignedPrimitive());
  }
  const n = Math.max(values.length, exts.length);
  if (n < node.min) report(scope, 'error', node.id, loc, msg.min(node.id, node.min, n));
  if (n > node.max) report(scope, 'error', node.id, loc, msg.max(node.id, node.max, n));
  if (node.slicing && node.slices.length > 0 && n > 0) {
    const items = values.length >= exts.length ? values : exts;
    const assignment = assignSlices(scope, node, items, loc);
    checkSliceRules(scope, node, assignment, loc);
    for (let i = 0; i < n; i++) {
      const slice = assignment.slices[i];
      const failed = assignment.failed?.get(i);
      if (failed) for (const f of failed.findings) scope.sink.findings.push(f);
      const target = slice ?? node;
      const targetType = slice ? (slice.types.find((t) => t.code === type.code) ?? slice.types[0] ?? type) : type;
      walkItem(scope, target, targetType, values[i], exts[i], `${loc}[${i}]`);
    }
    return;
  }
  for (let i = 0; i < n; i++) walkItem(scope, node, type, values[i], exts[i], `${loc}[${i}]`);
}

function resolveContentReference(scope: Scope, node: ElementNode): ElementNode | undefined {
  const ref = node.contentReference ?? '';
  const hash = ref.indexOf('#');
  const url = ref.slice(0, hash);
  const owner = url ? scope.ctx.engine.profile(url) : node.owner;
  return owner?.byId.get(ref.slice(hash + 1));
}

/** The element whose children describe a complex value at `node`. */
function childrenSource(scope: Scope, node: ElementNode, type: TypeRef, value: JsonObject, loc: string): ElementNode | undefined {
  if (node.children.length > 0) return node;
  const engine = scope.ctx.engine;
  if (node.contentReference) return resolveContentReference(scope, node);
  if (type.profiles.length > 0) {
    const p = engine.profile(type.profiles[0]);
    if (p) return p.root;
    if (type.code === 'Extension') {
      noteOnce(scope, `ext:${type.profiles[0]}`, RULE.extensionUnknown, loc, msg.extensionUnknown(type.profiles[0]));
    } else {
      noteOnce(scope, `type:${type.profiles[0]}`, RULE.typeProfileNotChecked, loc, msg.typeProfileNotChecked(type.profiles[0]));
    }
  } else if (type.code === 'Extension' && typeof value.url === 'string') {
    const p = engine.profile(value.url);
    if (p && p.type === 'Extension') return p.root;
    noteOnce(scope, `ext:${value.url}`, RULE.extensionUnknown, loc, msg.extensionUnknown(value.url));
  }
  return engine.profile(type.code)?.root;
}

function checkFixedPattern(scope: Scope, node: ElementNode, value: unknown, loc: string): void {
  if (node.fixed !== undefined && !deepEqual(value, node.fixed)) {
    report(scope, 'error', node.id, loc, msg.fixed(node.fixed, value));
  } else if (node.pattern !== undefined && !matchesPattern(value, node.pattern)) {
    report(scope, 'error', node.id, loc, msg.pattern(node.pattern, value));
  }
}

function walkPrimitive(scope: Scope, node: ElementNode, type: TypeRef, value: unknown, ext: unknown, loc: string): void {
  let valid = value !== undefined;
  if (value !== undefined && value !== null) {
    const problem = checkPrimitive(type.code, value);
    if (problem) {
      valid = false;
      if (problem.kind === 'json') report(scope, 'error', RULE.type, loc, msg.wrongJson(type.code, problem.expected, jsonKind(value)));
      else if (problem.kind === 'range') report(scope, 'error', RULE.format, loc, msg.range(type.code, value, problem.min));
      else report(scope, 'error', RULE.format, loc, msg.format(type.code, value));
    }
  }
  if (ext !== undefined && ext !== null) {
    if (!isObject(ext)) report(scope, 'error', RULE.type, loc, msg.wrongJson(`_${node.name}`, 'object', jsonKind(ext)));
    else {
      const element = scope.ctx.engine.profile('Element')?.root;
      if (element) walkChildren(scope, element, ext, loc, false);
    }
  }
  if (valid && value !== null) {
    checkFixedPattern(scope, node, value, loc);
    if (node.maxLength !== undefined && typeof value === 'string' && value.length > node.maxLength) {
      report(scope, 'error', node.id, loc, msg.tooLong(node.maxLength, value.length));
    }
    checkBinding(scope, node, type.code, value, loc);
  }
  checkConstraints(scope, node, value ?? undefined, ext, loc, type.code);
}

function walkItem(scope: Scope, node: ElementNode, type: TypeRef, value: unknown, ext: unknown, loc: string): void {
  scope.ctx.stats.elements++;
  if (value === null && (ext === undefined || ext === null)) {
    report(scope, 'error', RULE.type, loc, msg.nullValue());
    return;
  }
  if (isPrimitiveType(type.code)) {
    walkPrimitive(scope, node, type, value, ext, loc);
    return;
  }
  if (ext !== undefined) {
    report(scope, 'error', RULE.unknownElement, loc, msg.unknownElement(`_${node.name}`, node.path));
    if (value === undefined) return;
  }
  if (scope.ctx.engine.isResourceType(type.code)) {
    scope.ctx.walkResource(scope, node, type, value, loc);
    return;
  }
  if (!isObject(value)) {
    report(scope, 'error', RULE.type, loc, msg.wrongJson(type.code, 'object', jsonKind(value)));
    return;
  }
  const container = childrenSource(scope, node, type, value, loc);
  if (container) walkChildren(scope, container, value, loc, false);
  checkFixedPattern(scope, node, value, loc);
  checkBinding(scope, node, type.code, value, loc);
  if (type.code === 'Reference') checkReference(scope, node, type, value, loc);
  const base = type.code === 'BackboneElement' || type.code === 'Element' || type.code === '' ? node.path : type.code;
  checkConstraints(scope, node, value, undefined, loc, base);
}
