/**
 * Resource-level validation: one resource against one compiled profile (cached per resource and
 * profile for the whole run), and resources met at Resource-typed elements (Bundle entries,
 * contained), which are validated against the profiles their element requires plus the known
 * profiles of their own `meta.profile`.
 */
import {
  isObject,
  mergeInto,
  newSink,
  noteOnce,
  report,
  resourceRef,
  type Ctx,
  type JsonObject,
  type ResourceInfo,
  type ResourceResult,
  type Scope,
} from './context.js';
import { checkConstraints } from './invariants.js';
import { jsonKind, msg } from './messages.js';
import type { CompiledProfile, ElementNode, TypeRef } from './model.js';
import { indexBundle } from './references.js';
import { RULE } from './rule-ids.js';
import { walkChildren } from './walk.js';

/** Records where the entries (Bundle) and contained resources of `obj` sit, before walking it. */
function registerNested(ctx: Ctx, obj: JsonObject, info: ResourceInfo): void {
  if (obj.resourceType === 'Bundle' && Array.isArray(obj.entry)) {
    const bundle = indexBundle(obj);
    obj.entry.forEach((entry, i) => {
      if (isObject(entry) && isObject(entry.resource) && !ctx.info.has(entry.resource)) {
        ctx.info.set(entry.resource, { location: `${info.location}.entry[${i}].resource`, ref: resourceRef(entry.resource), bundle });
      }
    });
  }
  if (Array.isArray(obj.contained)) {
    const container = info.container ?? obj;
    obj.contained.forEach((c, i) => {
      if (isObject(c) && !ctx.info.has(c)) {
        ctx.info.set(c, { location: `${info.location}.contained[${i}]`, ref: resourceRef(c), container, bundle: info.bundle });
      }
    });
  }
}

const hasError = (r: { findings: { severity: string }[] }) => r.findings.some((f) => f.severity === 'error' || f.severity === 'fatal');

/** Validates `obj` against `profile` once per run; later calls return the same result. */
export function validateAs(ctx: Ctx, obj: JsonObject, profile: CompiledProfile): ResourceResult {
  let byResource = ctx.results.get(profile);
  const cached = byResource?.get(obj);
  if (cached) return cached;
  if (!byResource) {
    byResource = new Map();
    ctx.results.set(profile, byResource);
  }
  const result: ResourceResult = { ...newSink(), hasError: false };
  byResource.set(obj, result); // re-entry (a resource reaching itself) sees an empty result
  ctx.stats.resources++;
  const info = ctx.info.get(obj) ?? { location: String(obj.resourceType), ref: resourceRef(obj) };
  const scope: Scope = {
    ctx,
    sink: result,
    resource: obj,
    root: info.container ?? obj,
    ref: info.ref,
    bundle: info.bundle,
    contained: info.container !== undefined,
  };
  const type = String(obj.resourceType);
  if (profile.type !== type && profile.type !== 'Resource' && profile.type !== 'DomainResource') {
    report(scope, 'error', RULE.resourceType, info.location, msg.profileType(profile.url, profile.type, type));
  } else {
    registerNested(ctx, obj, info);
    walkChildren(scope, profile.root, obj, info.location, true);
    checkConstraints(scope, profile.root, obj, undefined, info.location, type);
  }
  result.hasError = hasError(result);
  return result;
}

/** Known profiles named by `meta.profile`; unknown ones are noted once. */
export function metaProfiles(scope: Scope, obj: JsonObject, location: string): CompiledProfile[] {
  const meta = obj.meta;
  if (!isObject(meta) || !Array.isArray(meta.profile)) return [];
  const out: CompiledProfile[] = [];
  for (const canonical of meta.profile) {
    if (typeof canonical !== 'string') continue;
    const p = scope.ctx.engine.profile(canonical);
    if (p) out.push(p);
    else
      noteOnce(scope, `profile:${canonical.split('|')[0]}`, RULE.profileUnknown, `${location}.meta.profile`, msg.profileUnknown(canonical));
  }
  return out;
}

/** A resource at a Resource-typed element (entry.resource, contained, outcome). */
export function walkResource(scope: Scope, node: ElementNode, type: TypeRef, value: unknown, location: string): void {
  const ctx = scope.ctx;
  if (!isObject(value)) {
    report(scope, 'error', RULE.type, location, msg.wrongJson('Resource', 'object', jsonKind(value)));
    return;
  }
  const rt = value.resourceType;
  if (typeof rt !== 'string') {
    report(scope, 'error', RULE.resourceType, location, msg.noResourceType());
    return;
  }
  if (!ctx.engine.isResourceType(rt) || rt === 'Resource' || rt === 'DomainResource') {
    report(scope, 'error', RULE.resourceType, location, msg.unknownResourceType(rt));
    return;
  }
  if (type.code !== 'Resource' && type.code !== 'DomainResource' && type.code !== rt) {
    report(scope, 'error', RULE.resourceType, location, msg.resourceTypeNotAllowed(rt, type.code));
    return;
  }
  if (!ctx.info.has(value)) {
    const container = node.name === 'contained' ? scope.root : undefined;
    ctx.info.set(value, { location, ref: resourceRef(value), container, bundle: scope.bundle });
  }
  const profiles: CompiledProfile[] = [];
  for (const canonical of type.profiles) {
    const p = ctx.engine.profile(canonical);
    if (p) profiles.push(p);
    else noteOnce(scope, `profile:${canonical}`, RULE.profileUnknown, location, msg.profileUnknown(canonical));
  }
  for (const p of metaProfiles(scope, value, location)) if (!profiles.includes(p)) profiles.push(p);
  if (profiles.length === 0) {
    const base = ctx.engine.profile(rt);
    if (base) profiles.push(base);
  }
  for (const p of profiles) mergeInto(scope.sink, ctx.validateAs(value, p));
}
