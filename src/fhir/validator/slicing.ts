/**
 * Slicing: which slice each value of a sliced element belongs to (discriminators value, pattern,
 * type, profile, exists), then slice cardinalities, closed and ordered rules.
 *
 * A `value`/`pattern` discriminator whose element carries no fixed or pattern value falls back to the
 * element's binding (the value belongs to the slice when its code is in the bound value set), as the
 * official validator does for `Slot.serviceType` of the CPTS Slot profile. A `profile` discriminator
 * validates the candidate once per profile (cached), after checking its resource type.
 */
import { isObject, noteOnce, report, type ResourceResult, type Scope } from './context.js';
import { inExpansion } from './bindings.js';
import { msg } from './messages.js';
import type { Discriminator, ElementNode } from './model.js';
import { resolveReference } from './references.js';
import { RULE } from './rule-ids.js';
import { deepEqual, matchesPattern } from './values.js';

export interface SliceAssignment {
  /** Slice of each value, undefined when it matches none. */
  slices: (ElementNode | undefined)[];
  /** For values matching no slice: the result of validating them against the first candidate profile (none: undefined). */
  failed: Map<number, ResourceResult> | undefined;
}

/** One step of a discriminator path; `extension` is the URL of an `extension('url')` step. */
interface Segment {
  name: string;
  extension?: string;
}

/**
 * Discriminator paths, split once per distinct path (they come from the profiles: a few dozen at most)
 * instead of once per value and slice.
 */
const SEGMENTS = new Map<string, readonly Segment[]>();

/** Path segments of a discriminator path (`coding.system`, `extension('url').value`, `resource`, `$this`). */
function segments(path: string): readonly Segment[] {
  const known = SEGMENTS.get(path);
  if (known) return known;
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '.' && depth === 0) {
      names.push(path.slice(start, i));
      start = i + 1;
    }
  }
  names.push(path.slice(start));
  const out = names
    .filter((s) => s !== '$this' && s !== '')
    .map((name): Segment => {
      const ext = /^extension\('([^']*)'\)$/.exec(name);
      return ext ? { name, extension: ext[1] } : { name };
    });
  SEGMENTS.set(path, out);
  return out;
}

/** Appends `v` to `out`, or its items when it is an array (no push(...v): a huge array would overflow the stack). */
function pushFlat(out: unknown[], v: unknown): void {
  if (Array.isArray(v)) for (const item of v) out.push(item);
  else if (v !== undefined && v !== null) out.push(v);
}

/**
 * Values reached from `item` by a discriminator path. Indexed loops, no callback: run for every value of
 * a sliced element and every slice, mostly before the JIT has compiled it.
 */
function valuesAt(scope: Scope, item: unknown, path: string): unknown[] {
  let current: unknown[] = [item];
  const steps = segments(path);
  for (let s = 0; s < steps.length; s++) {
    const seg = steps[s];
    const reached: unknown[] = [];
    if (seg.extension !== undefined) {
      const extensions: unknown[] = [];
      for (let k = 0; k < current.length; k++) {
        const v = current[k];
        if (isObject(v)) pushFlat(extensions, v.extension);
      }
      for (let e = 0; e < extensions.length; e++) {
        const ext = extensions[e];
        if (isObject(ext) && ext.url === seg.extension) reached.push(ext);
      }
    } else if (seg.name === 'resolve()') {
      for (let k = 0; k < current.length; k++) {
        const v = current[k];
        const target = isObject(v) && typeof v.reference === 'string' ? resolveReference(scope, v.reference) : undefined;
        if (target !== undefined) reached.push(target);
      }
    } else if (seg.name.startsWith('ofType(')) {
      continue;
    } else {
      for (let k = 0; k < current.length; k++) {
        const v = current[k];
        if (isObject(v)) pushFlat(reached, v[seg.name]);
      }
    }
    current = reached;
  }
  return current;
}

/** definitionAt per slice and path: the compiled tree does not change once built. */
const DEFINITIONS = new WeakMap<ElementNode, Map<string, ElementNode | undefined>>();

/** The definition reached from a slice by a discriminator path (within the snapshot's children). */
function definitionAt(slice: ElementNode, path: string): ElementNode | undefined {
  let memo = DEFINITIONS.get(slice);
  if (!memo) DEFINITIONS.set(slice, (memo = new Map()));
  if (memo.has(path)) return memo.get(path);
  const found = findDefinition(slice, path);
  memo.set(path, found);
  return found;
}

function findDefinition(slice: ElementNode, path: string): ElementNode | undefined {
  let node: ElementNode | undefined = slice;
  for (const seg of segments(path)) {
    if (!node) return undefined;
    const url = seg.extension;
    if (url !== undefined) {
      const extension: ElementNode | undefined = node.children.find((c) => c.name === 'extension');
      node = extension?.slices.find((s) => s.types[0]?.profiles.includes(url));
      continue;
    }
    const name = seg.name;
    if (name === 'resolve()' || name.startsWith('ofType(')) continue;
    node = node.children.find((c) => c.name === name || c.name === `${name}[x]`);
  }
  return node;
}

/** `location` is the sliced element's, `index` the item's: the item's location is built only for a note. */
function matchesValue(scope: Scope, d: Discriminator, slice: ElementNode, item: unknown, location: string, index: number): boolean {
  const def = definitionAt(slice, d.path);
  let expected = def?.fixed ?? def?.pattern;
  const exact = def?.fixed !== undefined;
  if (expected === undefined && d.path === 'url') expected = slice.types[0]?.profiles[0];
  const values = valuesAt(scope, item, d.path);
  if (expected !== undefined) {
    return values.some((v) => (exact || d.path === 'url' ? deepEqual(v, expected) : matchesPattern(v, expected)));
  }
  const binding = def?.binding;
  if (def && binding?.valueSet && (binding.strength === 'required' || binding.strength === 'extensible')) {
    const exp = scope.ctx.engine.valueSet(binding.valueSet);
    if (!exp) {
      const itemLoc = `${location}[${index}]`;
      noteOnce(scope, `vs:${binding.valueSet.split('|')[0]}`, RULE.valueSetNotChecked, itemLoc, msg.valueSetNotChecked(binding.valueSet));
      return false;
    }
    const typeCode = def.types[0]?.code ?? 'CodeableConcept';
    return values.some((v) => inExpansion(exp, typeCode, v));
  }
  return false;
}

function matchesType(scope: Scope, d: Discriminator, slice: ElementNode, item: unknown): boolean {
  const def = definitionAt(slice, d.path);
  const codes = def?.types.map((t) => t.code) ?? [];
  return valuesAt(scope, item, d.path).some((v) => isObject(v) && codes.includes(v.resourceType as string));
}

function matchesProfile(scope: Scope, d: Discriminator, slice: ElementNode, item: unknown, failed: ResourceResult[]): boolean {
  const def = definitionAt(slice, d.path);
  const types = def?.types ?? [];
  const values = valuesAt(scope, item, d.path);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!isObject(v)) continue;
    let type: (typeof types)[number] | undefined;
    for (let t = 0; t < types.length; t++) {
      if (types[t].code === v.resourceType) {
        type = types[t];
        break;
      }
    }
    if (!type) continue; // type first: no validation for another resource type
    for (let c = 0; c < type.profiles.length; c++) {
      const profile = scope.ctx.engine.profile(type.profiles[c]);
      if (!profile) continue;
      const result = scope.ctx.validateAs(v, profile);
      if (!result.hasError) return true;
      failed.push(result);
    }
  }
  return false;
}

function matchesExists(scope: Scope, d: Discriminator, slice: ElementNode, item: unknown): boolean {
  const def = definitionAt(slice, d.path);
  const present = valuesAt(scope, item, d.path).length > 0;
  if (!def) return present;
  return def.max === 0 ? !present : def.min > 0 ? present : true;
}

function matchesSlice(
  scope: Scope,
  node: ElementNode,
  slice: ElementNode,
  item: unknown,
  location: string,
  index: number,
  failed: ResourceResult[],
): boolean {
  const discriminators = node.slicing?.discriminators ?? [];
  if (discriminators.length === 0) return false;
  for (let k = 0; k < discriminators.length; k++)
    if (!matchesDiscriminator(scope, discriminators[k], slice, item, location, index, failed)) return false;
  return true;
}

function matchesDiscriminator(
  scope: Scope,
  d: Discriminator,
  slice: ElementNode,
  item: unknown,
  location: string,
  index: number,
  failed: ResourceResult[],
): boolean {
  switch (d.type) {
    case 'value':
    case 'pattern':
      return matchesValue(scope, d, slice, item, location, index);
    case 'type':
      return matchesType(scope, d, slice, item);
    case 'profile':
      return matchesProfile(scope, d, slice, item, failed);
    case 'exists':
      return matchesExists(scope, d, slice, item);
    default:
      return false;
  }
}

export function assignSlices(scope: Scope, node: ElementNode, items: unknown[], location: string): SliceAssignment {
  const slices: (ElementNode | undefined)[] = [];
  // made when a value first fails a profile: most sliced elements of an answer never do
  let failed: Map<number, ResourceResult> | undefined;
  const failures: ResourceResult[] = [];
  for (let i = 0; i < items.length; i++) {
    failures.length = 0;
    let slice: ElementNode | undefined;
    for (let s = 0; s < node.slices.length; s++) {
      if (matchesSlice(scope, node, node.slices[s], items[i], location, i, failures)) {
        slice = node.slices[s];
        break;
      }
    }
    slices.push(slice);
    if (!slice && failures.length > 0) (failed ??= new Map()).set(i, failures[0]);
  }
  return { slices, failed };
}

/** Slice cardinalities, closed slicing and order; `location` is the sliced element's location. */
export function checkSliceRules(scope: Scope, node: ElementNode, assignment: SliceAssignment, location: string): void {
  const counts = new Map<ElementNode, number>();
  for (const s of assignment.slices) if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  for (const slice of node.slices) {
    const n = counts.get(slice) ?? 0;
    const name = slice.sliceName ?? slice.id;
    if (n < slice.min) report(scope, 'error', slice.id, location, msg.sliceMin(name, slice.min, n));
    if (n > slice.max) report(scope, 'error', slice.id, location, msg.sliceMax(name, slice.max, n));
  }
  const rules = node.slicing?.rules ?? 'open';
  const ordered = node.slicing?.ordered === true;
  let lastOrder = -1;
  let seenUnmatched = false;
  const assigned = assignment.slices;
  for (let i = 0; i < assigned.length; i++) {
    const s = assigned[i];
    if (!s) {
      if (rules === 'closed') report(scope, 'error', RULE.slicing, `${location}[${i}]`, msg.closedSlicing(node.id));
      seenUnmatched = true;
      continue;
    }
    if (rules === 'openAtEnd' && seenUnmatched) report(scope, 'error', RULE.slicing, `${location}[${i}]`, msg.sliceOrder(node.id));
    if (!ordered) continue; // the slice's rank matters only for an ordered slicing
    const order = node.slices.indexOf(s);
    if (order < lastOrder) report(scope, 'error', RULE.slicing, `${location}[${i}]`, msg.sliceOrder(node.id));
    lastOrder = Math.max(lastOrder, order);
  }
}

/** Slice minimums when the sliced element is absent altogether. */
export function checkAbsentSlices(scope: Scope, node: ElementNode, location: string): void {
  for (const slice of node.slices) {
    if (slice.min > 0) report(scope, 'error', slice.id, location, msg.sliceMin(slice.sliceName ?? slice.id, slice.min, 0));
  }
}
