/**
 * Compiles a StructureDefinition snapshot into an element tree (model.ts). Pure: the snapshot in, the
 * tree out; profiles without a snapshot are not compiled (the caller reports them as not checked).
 */
import type { FhirResource } from '../packages/types.js';
import type { Binding, ChildRef, CompiledProfile, Constraint, Discriminator, ElementNode, Slicing, TypeRef } from './model.js';

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';
const SYSTEM_TYPE = 'http://hl7.org/fhirpath/System.';

interface RawType {
  code?: string;
  profile?: string[];
  targetProfile?: string[];
  extension?: { url?: string; valueUrl?: string; valueUri?: string; valueString?: string }[];
}

interface RawElement {
  id?: string;
  path?: string;
  sliceName?: string;
  min?: number;
  max?: string;
  base?: { max?: string };
  type?: RawType[];
  slicing?: { discriminator?: { type?: string; path?: string }[]; rules?: string; ordered?: boolean };
  binding?: { strength?: string; valueSet?: string };
  constraint?: { key?: string; severity?: string; human?: string; expression?: string }[];
  contentReference?: string;
  maxLength?: number;
  [key: string]: unknown;
}

function typeCode(t: RawType): string {
  const code = t.code ?? '';
  if (!code.startsWith(SYSTEM_TYPE)) return code;
  const ext = t.extension?.find((e) => e.url === FHIR_TYPE_EXT);
  return ext?.valueUrl ?? ext?.valueUri ?? ext?.valueString ?? 'string';
}

/** One TypeRef per type code; profiles and target profiles of repeated codes are merged. */
function compileTypes(raw: RawType[] | undefined): TypeRef[] {
  // a list searched by code, not a Map: an element has one type, a choice a few (run for every element)
  const out: TypeRef[] = [];
  for (const t of raw ?? []) {
    const code = typeCode(t);
    if (!code) continue;
    let ref = out.find((r) => r.code === code);
    if (!ref) {
      ref = { code, profiles: [], targetProfiles: [] };
      out.push(ref);
    }
    for (const p of t.profile ?? []) ref.profiles.push(p);
    for (const p of t.targetProfile ?? []) ref.targetProfiles.push(p);
  }
  return out;
}

function parseMax(max: string | undefined): number {
  if (max === undefined || max === '*') return Infinity;
  const n = Number.parseInt(max, 10);
  return Number.isFinite(n) ? n : Infinity;
}

function compileSlicing(raw: RawElement['slicing']): Slicing | undefined {
  if (!raw) return undefined;
  const discriminators: Discriminator[] = (raw.discriminator ?? [])
    .filter((d) => typeof d.path === 'string' && typeof d.type === 'string')
    .map((d) => ({ type: d.type as Discriminator['type'], path: d.path as string }));
  const rules = raw.rules === 'closed' || raw.rules === 'openAtEnd' ? raw.rules : 'open';
  return { discriminators, rules, ordered: raw.ordered === true };
}

function compileBinding(raw: RawElement['binding']): Binding | undefined {
  if (!raw?.strength) return undefined;
  return { strength: raw.strength as Binding['strength'], valueSet: raw.valueSet };
}

function compileConstraints(raw: RawElement['constraint']): Constraint[] {
  return (raw ?? [])
    .filter((c) => typeof c.key === 'string')
    .map((c) => ({
      key: c.key as string,
      severity: c.severity === 'warning' ? 'warning' : 'error',
      human: c.human ?? '',
      expression: c.expression,
    }));
}

/** `fixed[x]` and `pattern[x]` of an element (the first key of each), in one pass over its keys. */
function fixedAndPattern(e: RawElement): { fixed: unknown; pattern: unknown } {
  let fixed: unknown;
  let pattern: unknown;
  let hasFixed = false;
  let hasPattern = false;
  for (const key in e) {
    if (!Object.hasOwn(e, key)) continue;
    if (!hasFixed && key.length > 5 && key.startsWith('fixed')) {
      fixed = e[key];
      hasFixed = true;
    } else if (!hasPattern && key.length > 7 && key.startsWith('pattern')) {
      pattern = e[key];
      hasPattern = true;
    }
  }
  return { fixed, pattern };
}

/**
 * The indexes of a node without children (most of a snapshot: primitives, leaves): shared and empty,
 * never written (indexJsonNames gives a node with children its own).
 */
const NO_CHILDREN: ReadonlyMap<string, never> = new Map<string, never>();
const NONE_REQUIRED: readonly ElementNode[] = [];

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function newNode(e: RawElement, owner: CompiledProfile, isRoot: boolean): ElementNode {
  const id = e.id ?? e.path ?? '';
  const path = e.path ?? id;
  const lastSegment = path.slice(path.lastIndexOf('.') + 1);
  const baseMax = e.base?.max ?? e.max;
  const { fixed, pattern } = fixedAndPattern(e);
  return {
    id,
    path,
    name: lastSegment,
    sliceName: e.sliceName,
    min: typeof e.min === 'number' ? e.min : 0,
    max: parseMax(e.max),
    isArray: !isRoot && baseMax !== '1' && baseMax !== '0',
    isChoice: lastSegment.endsWith('[x]'),
    types: compileTypes(e.type),
    children: [],
    slices: [],
    slicing: compileSlicing(e.slicing),
    fixed,
    pattern,
    binding: compileBinding(e.binding),
    constraints: compileConstraints(e.constraint),
    contentReference: e.contentReference,
    maxLength: typeof e.maxLength === 'number' ? e.maxLength : undefined,
    owner,
    byJsonName: NO_CHILDREN,
    choicePrefixes: NO_CHILDREN,
    required: NONE_REQUIRED,
  };
}

/** Indexes a node and every node below it (children and slices). */
function indexChildren(node: ElementNode): void {
  if (node.children.length > 0) indexJsonNames(node);
  for (const child of node.children) indexChildren(child);
  for (const slice of node.slices) indexChildren(slice);
}

/** Fills the JSON-name index of a node from its children (choice `[x]` → one name per type). */
function indexJsonNames(node: ElementNode): void {
  const byJsonName = new Map<string, ChildRef>();
  const choicePrefixes = new Map<string, ElementNode>();
  const required: ElementNode[] = [];
  node.byJsonName = byJsonName;
  node.choicePrefixes = choicePrefixes;
  node.required = required;
  for (const child of node.children) {
    if (child.min > 0 || child.slices.some((s) => s.min > 0)) required.push(child);
    if (!child.isChoice) {
      const type = child.types[0] ?? { code: 'BackboneElement', profiles: [], targetProfiles: [] };
      byJsonName.set(child.name, { node: child, type });
      continue;
    }
    const prefix = child.name.slice(0, -3);
    choicePrefixes.set(prefix, child);
    for (const type of child.types) {
      const jsonName = prefix + upperFirst(type.code);
      // a type slice (`value[x]:valueReference`) narrows the definition for that type
      const typeSlice = child.slices.find((s) => s.sliceName === jsonName);
      const ref: ChildRef = { node: typeSlice ?? child, type };
      byJsonName.set(jsonName, ref);
    }
  }
}

export function compileProfile(sd: FhirResource): CompiledProfile | undefined {
  const elements = (sd.snapshot as { element?: RawElement[] } | undefined)?.element;
  if (!Array.isArray(elements) || elements.length === 0) return undefined;
  const profile = {
    url: String(sd.url ?? ''),
    type: String(sd.type ?? ''),
    kind: String(sd.kind ?? ''),
    name: String(sd.name ?? sd.id ?? ''),
    byId: new Map<string, ElementNode>(),
  } as CompiledProfile;
  const byId = profile.byId;
  elements.forEach((e, i) => {
    const node = newNode(e, profile, i === 0);
    if (i === 0) {
      profile.root = node;
      byId.set(node.id, node);
      return;
    }
    byId.set(node.id, node);
    const dot = node.id.lastIndexOf('.');
    const parentId = node.id.slice(0, dot);
    const last = node.id.slice(dot + 1);
    const colon = last.indexOf(':');
    if (colon >= 0) {
      const sliced = byId.get(`${parentId}.${last.slice(0, colon)}`);
      sliced?.slices.push(node);
      return;
    }
    byId.get(parentId)?.children.push(node);
  });
  if (!profile.root) return undefined;
  indexChildren(profile.root);
  return profile;
}
