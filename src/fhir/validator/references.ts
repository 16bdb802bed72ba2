/**
 * References inside a Bundle: index of entries, resolution of `Type/id`, absolute fullUrl, `urn:uuid:`
 * and `#contained` references, and the target type / target profile checks.
 */
import { isObject, noteOnce, report, type BundleIndex, type JsonObject, type Scope } from './context.js';
import { msg } from './messages.js';
import type { CompiledProfile, ElementNode, TypeRef } from './model.js';
import { RULE } from './rule-ids.js';

export function indexBundle(bundle: JsonObject): BundleIndex {
  const byFullUrl = new Map<string, JsonObject>();
  const byTypeId = new Map<string, JsonObject>();
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  for (const entry of entries) {
    if (!isObject(entry) || !isObject(entry.resource)) continue;
    const r = entry.resource;
    if (typeof entry.fullUrl === 'string' && !byFullUrl.has(entry.fullUrl)) byFullUrl.set(entry.fullUrl, r);
    if (typeof r.resourceType === 'string' && typeof r.id === 'string') {
      const key = `${r.resourceType}/${r.id}`;
      if (!byTypeId.has(key)) byTypeId.set(key, r);
    }
  }
  return { byFullUrl, byTypeId };
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const HISTORY = /\/_history\/[^/]*$/;

/** The resource a reference points to, when it is in the document (contained or Bundle entry). */
export function resolveReference(scope: Scope, reference: string): JsonObject | undefined {
  if (reference.startsWith('#')) {
    const contained = scope.root.contained;
    if (reference === '#') return scope.root;
    if (!Array.isArray(contained)) return undefined;
    const id = reference.slice(1);
    return contained.find((c): c is JsonObject => isObject(c) && c.id === id);
  }
  const bundle = scope.bundle;
  if (!bundle) return undefined;
  const byUrl = bundle.byFullUrl.get(reference) ?? bundle.byFullUrl.get(reference.replace(HISTORY, ''));
  if (byUrl) return byUrl;
  const rel = RELATIVE.exec(reference);
  if (rel) return bundle.byTypeId.get(`${rel[1]}/${rel[2]}`);
  return undefined;
}

/**
 * Checks a Reference value: the target's type is immediate; its conformance to the target profiles is
 * deferred to the end of the run (results of the target's own validations are reused then).
 */
export function checkReference(scope: Scope, node: ElementNode, type: TypeRef, value: JsonObject, location: string): void {
  const reference = value.reference;
  if (typeof reference !== 'string' || type.targetProfiles.length === 0) return;
  const target = resolveReference(scope, reference);
  if (!target || typeof target.resourceType !== 'string') return;
  const engine = scope.ctx.engine;
  const resolved: CompiledProfile[] = [];
  const unresolved: string[] = [];
  for (const canonical of type.targetProfiles) {
    const p = engine.profile(canonical);
    if (p) resolved.push(p);
    else unresolved.push(canonical);
  }
  const targetType = target.resourceType;
  const matching = resolved.filter((p) => p.type === targetType || p.type === 'Resource' || p.type === 'DomainResource');
  if (matching.length === 0) {
    if (unresolved.length === 0) {
      const allowed = [...new Set(resolved.map((p) => p.type))].join(', ');
      report(scope, 'error', node.id, location, msg.referenceType(reference, allowed));
      return;
    }
    for (const canonical of unresolved) {
      noteOnce(scope, `target:${canonical}`, RULE.targetProfileNotChecked, location, msg.targetProfileNotChecked(canonical));
    }
    return;
  }
  scope.sink.deferred.push({
    target,
    profiles: matching,
    location,
    ruleId: node.id,
    resource: scope.ref,
    targetRef: reference,
  });
}
