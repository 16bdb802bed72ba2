/**
 * Structural validation of FHIR R4 JSON against StructureDefinition snapshots (base R4 and the SAS
 * profiles): `validateResource(resource, { index, profile?, useCase? })`. Pure and synchronous; never
 * throws on bad input. Rule ids are listed in rule-ids.ts.
 */
import { finding, sortFindingsBy, type Finding } from '../../core/findings.js';
import type { UseCase } from '../../core/model.js';
import { newCtx, resourceRef, type Ctx, type DeferredReference, type JsonObject, type Scope } from './context.js';
import { exceedsDepth, MAX_DEPTH } from './depth.js';
import { engineFor } from './engine.js';
import { jsonKind, msg } from './messages.js';
import type { CompiledProfile } from './model.js';
import { metaProfiles, validateAs, walkResource } from './resource.js';
import { RULE } from './rule-ids.js';
import type { ValidateOptions, ValidateResource, ValidationResult } from './types.js';
import { PROFILE } from '../../sas/canonicals.js';
import { monotonicMs } from '../../core/clock.js';

export type { ValidateOptions, ValidateResource, ValidationResult, ValidationStats } from './types.js';
export { RULE } from './rule-ids.js';

/** Bundle profile of each use case. */
export const BUNDLE_PROFILES: Readonly<Record<UseCase, string>> = {
  psindiv: PROFILE.psBundle,
  cpts: PROFILE.cptsBundle,
  sos: PROFILE.sosBundle,
};

function fatal(location: string, message: Finding['message'], started: number, profile = ''): ValidationResult {
  return {
    profile,
    findings: [finding('fatal', RULE.fatal, 'structure', location, message)],
    stats: { resources: 0, elements: 0, invariantsEvaluated: 0, durationMs: monotonicMs() - started },
  };
}

function rootScope(ctx: Ctx, resource: JsonObject): Scope {
  return { ctx, sink: { findings: [], deferred: [] }, resource, root: resource, ref: resourceRef(resource), contained: false };
}

/** options.profile, else the use case's Bundle profile, else the first known meta.profile, else the base type. */
function chooseProfile(ctx: Ctx, resource: JsonObject, options: ValidateOptions, scope: Scope): CompiledProfile | undefined {
  const type = String(resource.resourceType);
  const engine = ctx.engine;
  const fromMeta = metaProfiles(scope, resource, type);
  if (options.profile) {
    const asked = engine.profile(options.profile);
    if (asked) return asked;
    scope.sink.findings.push(finding('fatal', RULE.profileUnknown, 'structure', type, msg.profileAsked(options.profile)));
    return engine.profile(type);
  }
  if (options.useCase && type === 'Bundle') {
    const p = engine.profile(BUNDLE_PROFILES[options.useCase]);
    if (p) return p;
  }
  return fromMeta[0] ?? engine.profile(type);
}

/** True when a resource was found with errors against one of the profiles it was validated against. */
function targetHasErrors(ctx: Ctx, target: object): boolean {
  for (const byResource of ctx.results.values()) if (byResource.get(target)?.hasError) return true;
  return false;
}

/** Target-profile conformance of references, decided once every resource has been validated. */
function resolveDeferred(ctx: Ctx, deferred: DeferredReference[]): Finding[] {
  const out: Finding[] = [];
  const done = new Set<DeferredReference>(); // the same check is merged into several sinks
  for (const d of deferred) {
    if (done.has(d)) continue;
    done.add(d);
    const resultAs = (p: CompiledProfile) => ctx.results.get(p)?.get(d.target);
    if (d.profiles.some((p) => resultAs(p)?.hasError === false)) continue;
    // a target with errors of its own has them reported where it sits: no second finding here
    if (targetHasErrors(ctx, d.target)) continue;
    if (d.profiles.some((p) => !ctx.validateAs(d.target, p).hasError)) continue;
    const urls = d.profiles.map((p) => p.url).join(', ');
    out.push(
      finding(
        'error',
        d.ruleId,
        'structure',
        d.location,
        msg.referenceProfile(d.targetRef, urls),
        d.resource ? { resource: d.resource } : {},
      ),
    );
  }
  return out;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.severity}\u0000${f.ruleId}\u0000${f.location}\u0000${f.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const validateResource: ValidateResource = (resource, options) => {
  const started = monotonicMs();
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
    return fatal('$', msg.notObject(jsonKind(resource)), started);
  }
  const obj = resource as JsonObject;
  if (typeof obj.resourceType !== 'string' || obj.resourceType === '') return fatal('$', msg.noResourceType(), started);
  const type = obj.resourceType;
  if (exceedsDepth(obj)) return fatal(type, msg.tooDeep(MAX_DEPTH), started);
  const engine = engineFor(options.index);
  if (!engine.isResourceType(type) || type === 'Resource' || type === 'DomainResource') {
    return fatal(type, msg.unknownResourceType(type), started);
  }
  const ctx: Ctx = newCtx(engine, { validateAs: (r, p) => validateAs(ctx, r, p), walkResource }, options.invariants === 'fhirpath');
  const scope = rootScope(ctx, obj);
  const profile = chooseProfile(ctx, obj, options, scope);
  if (!profile) return fatal(type, msg.unknownResourceType(type), started);
  ctx.info.set(obj, { location: type, ref: resourceRef(obj) });
  let result: ReturnType<typeof validateAs>;
  try {
    result = validateAs(ctx, obj, profile);
  } catch (e) {
    // the depth guard bounds the walk; a stack overflow anyway (huge resource graphs) is still bad input
    if (e instanceof RangeError) return fatal(type, msg.tooDeep(MAX_DEPTH), started, profile.url);
    throw e;
  }
  const findings = [...scope.sink.findings, ...result.findings, ...resolveDeferred(ctx, result.deferred), ...ctx.notes.values()];
  return {
    profile: profile.url,
    // by location with indexes as numbers (entry[2] before entry[10]), as `validate` reports them
    findings: sortFindingsBy(dedupe(findings), true),
    stats: { ...ctx.stats, durationMs: monotonicMs() - started },
  };
};
