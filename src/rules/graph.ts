/**
 * A read-only view of a search Bundle for the rules: entries by resource type, and resolution of a
 * reference inside the Bundle (relative `Type/id`, absolute fullUrl, `urn:uuid:`, `#contained`).
 * Nothing here trusts the input: every field is read defensively.
 */
import type { UseCase } from '../core/model.js';

export type Json = Record<string, unknown>;

export function asObj(x: unknown): Json | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined;
}

export function asArr(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

export function asStr(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

/** One Bundle entry (or a resource contained in one). */
export interface Node {
  /** Index of the Bundle entry. */
  index: number;
  resource: Json;
  type: string;
  id?: string;
  fullUrl?: string;
  /** `search.mode` of the entry (contained resources inherit nothing: undefined). */
  mode?: string;
  /** FHIRPath-like path of the resource: `Bundle.entry[3].resource` or `…contained[0]`. */
  path: string;
  /** `Slot/abc`, `#loc1` for contained resources, or `Slot (entry 3)` without id. */
  label: string;
  /** The entry holding a contained resource. */
  container?: Node;
  /** What the rules derived from this node's resource (see memo): several rules read the same values. */
  memo?: Map<string, unknown>;
}

/**
 * `derive(node)`, computed once per node and `key`: the parsed Slot times, the CPTS serviceTypes, the
 * base of a fullUrl are read by several rules. Nodes live as long as their graph (one run of the rules),
 * so nothing outlives the Bundle it was read from.
 */
export function memo<T>(node: Node, key: string, derive: (node: Node) => T): T {
  const m = (node.memo ??= new Map<string, unknown>());
  if (m.has(key)) return m.get(key) as T;
  const value = derive(node);
  m.set(key, value);
  return value;
}

export interface Resolution {
  /** The reference as written. */
  reference: string;
  target?: Node;
  /** 'contained' | 'relative' | 'absolute' | 'urn' | 'logical' (identifier only) | 'empty'. */
  kind: 'contained' | 'relative' | 'absolute' | 'urn' | 'logical' | 'empty';
}

export interface BundleGraph {
  bundle: Json;
  entries: Node[];
  ofType: (type: string) => Node[];
  /** Resolves a Reference object (`{reference}`) or string written inside `from`. */
  resolve: (ref: unknown, from: Node) => Resolution;
  contained: (node: Node) => Node[];
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const ABSOLUTE_TAIL = /^(https?:\/\/.+)\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

function labelOf(type: string, id: string | undefined, index: number): string {
  return id ? `${type}/${id}` : `${type} (entry ${index})`;
}

function baseOfFullUrl(node: Node): string | undefined {
  const m = node.fullUrl ? ABSOLUTE_TAIL.exec(node.fullUrl) : null;
  return m ? m[1] : undefined;
}

export function buildGraph(bundle: Json): BundleGraph {
  const entries: Node[] = [];
  asArr(bundle.entry).forEach((e, index) => {
    const entry = asObj(e);
    const resource = asObj(entry?.resource);
    if (!entry || !resource) return;
    const type = asStr(resource.resourceType) ?? '?';
    const id = asStr(resource.id);
    entries.push({
      index,
      resource,
      type,
      id,
      fullUrl: asStr(entry.fullUrl),
      mode: asStr(asObj(entry.search)?.mode),
      path: `Bundle.entry[${index}].resource`,
      label: labelOf(type, id, index),
    });
  });
  const byType = new Map<string, Node[]>();
  const byFullUrl = new Map<string, Node>();
  const byTypeId = new Map<string, Node>();
  for (const n of entries) {
    const list = byType.get(n.type);
    if (list) list.push(n);
    else byType.set(n.type, [n]);
    if (n.fullUrl && !byFullUrl.has(n.fullUrl)) byFullUrl.set(n.fullUrl, n);
    if (n.id && !byTypeId.has(`${n.type}/${n.id}`)) byTypeId.set(`${n.type}/${n.id}`, n);
  }
  const contained = (node: Node): Node[] =>
    asArr(node.resource.contained).flatMap((c, k) => {
      const r = asObj(c);
      if (!r) return [];
      const type = asStr(r.resourceType) ?? '?';
      const id = asStr(r.id);
      return [
        {
          index: node.index,
          resource: r,
          type,
          id,
          path: `${node.path}.contained[${k}]`,
          label: id ? `#${id}` : `${type} (contained ${k})`,
          container: node,
        },
      ];
    });
  // Several rules resolve the same Reference (a Slot's schedule, a serviceType's HealthcareService): each
  // Reference object is resolved once per graph, for the node it was resolved from.
  const resolved = new WeakMap<Json, { from: Node; resolution: Resolution }>();
  const resolve = (ref: unknown, from: Node): Resolution => {
    const refObj = asObj(ref);
    if (refObj === undefined) return resolveOnce(ref, undefined, from);
    const known = resolved.get(refObj);
    if (known !== undefined && known.from === from) return known.resolution;
    const resolution = resolveOnce(ref, refObj, from);
    resolved.set(refObj, { from, resolution });
    return resolution;
  };
  const resolveOnce = (ref: unknown, refObj: Json | undefined, from: Node): Resolution => {
    const reference = typeof ref === 'string' ? ref : asStr(refObj?.reference);
    if (reference === undefined || reference === '') {
      return { reference: '', kind: refObj?.identifier !== undefined ? 'logical' : 'empty' };
    }
    if (reference.startsWith('#')) {
      const owner = from.container ?? from;
      const target = contained(owner).find((c) => c.id === reference.slice(1));
      return { reference, target, kind: 'contained' };
    }
    if (reference.startsWith('urn:')) return { reference, target: byFullUrl.get(reference), kind: 'urn' };
    const rel = RELATIVE.exec(reference);
    if (rel) {
      // FHIR: a relative reference is read against the base of the referring entry's fullUrl.
      const base = memo(from.container ?? from, 'base', baseOfFullUrl);
      const target = (base && byFullUrl.get(`${base}/${rel[1]}/${rel[2]}`)) || byTypeId.get(`${rel[1]}/${rel[2]}`);
      return { reference, target, kind: 'relative' };
    }
    const abs = ABSOLUTE_TAIL.exec(reference);
    const target = byFullUrl.get(reference) ?? (abs ? byFullUrl.get(`${abs[1]}/${abs[2]}/${abs[3]}`) : undefined);
    return { reference, target, kind: 'absolute' };
  };
  return { bundle, entries, ofType: (t) => byType.get(t) ?? [], resolve, contained };
}

/**
 * Entries of `type` the search matched: `search.mode = match`, or no mode at all (a missing mode is
 * reported elsewhere).
 */
export function matchesOfType(g: BundleGraph, type: string): Node[] {
  return g.ofType(type).filter((n) => n.mode === undefined || n.mode === 'match');
}

/**
 * The Slots the search returned: all Slots for SOS (they come by `_revinclude`), otherwise the
 * matched Slots.
 */
export function searchedSlots(g: BundleGraph, useCase: UseCase): Node[] {
  return useCase === 'sos' ? g.ofType('Slot') : matchesOfType(g, 'Slot');
}

/** The resources a Schedule's actors resolve to, in order (unresolved actors left out). */
export function actorsOf(g: BundleGraph, sched: Node): Node[] {
  return asArr(sched.resource.actor).flatMap((a) => {
    const t = g.resolve(a, sched).target;
    return t ? [t] : [];
  });
}

/** Codings of a CodeableConcept-like value. */
export function codings(cc: unknown): { system?: string; code?: string; k: number }[] {
  return asArr(asObj(cc)?.coding).map((c, k) => ({ system: asStr(asObj(c)?.system), code: asStr(asObj(c)?.code), k }));
}
